"""A received body into canonical manifests and PNR pushes: the one entry point from bytes to
meaning. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from paxscreen.edifact.envelope import Interchange, MessageEnvelope, read_body
from paxscreen.edifact.errors import ParseWarning, UnsupportedMessageError
from paxscreen.edifact.lexer import collector_paused
from paxscreen.edifact.messages.paxlst import group_paxlst
from paxscreen.edifact.messages.pnrgov import group_pnrgov
from paxscreen.normalise.canonical import DataWarning, FlightLeg, Manifest
from paxscreen.normalise.canonical_pnr import PnrPush
from paxscreen.normalise.paxlst import normalise_paxlst
from paxscreen.normalise.pnrgov import normalise_pnrgov
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy

SUPPORTED_TYPES = ("PAXLST", "PNRGOV")
EDIFACT, XML = "EDIFACT", "XML"


@dataclass(frozen=True, slots=True)
class InterchangeRef:
    sender: str
    reference: str


@dataclass(frozen=True, slots=True)
class NormalisedBody:
    """Every message of a body, in order: API manifests and PNR pushes."""

    format: str  # EDIFACT or XML
    message_type: str  # of the first message: PAXLST or PNRGOV
    directory: str
    interchanges: tuple[InterchangeRef, ...]
    manifests: tuple[Manifest, ...]  # manifests[i] came from the i-th PAXLST UNH of the body
    pushes: tuple[PnrPush, ...]
    warnings: tuple[DataWarning, ...]  # envelope-level; message warnings stay on each message

    @property
    def flights(self) -> list[FlightLeg]:
        return [m.flight for m in self.manifests] + [p.flight for p in self.pushes]


def is_xml(data: bytes | str) -> bool:
    """Whether a body is XML (PNRGOV XML) rather than EDIFACT: it starts with a tag."""
    head = data[:512] if isinstance(data, bytes) else data[:512].encode("utf-8", "ignore")
    return head.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def normalise_body(
    data: bytes | str, policy: PrivacyPolicy | None = None, *, max_xml_bytes: int = 10_000_000
) -> NormalisedBody:
    """Parse and normalise a body. Raises a located EdifactError or PnrXmlError when it cannot."""
    policy = policy or PrivacyPolicy()
    with collector_paused():
        if is_xml(data):
            raw = data.encode() if isinstance(data, str) else data
            pushes = normalise_pnrgov_xml(raw, policy, max_bytes=max_xml_bytes)
            first = pushes[0]
            return NormalisedBody(XML, "PNRGOV", first.directory, (), (), tuple(pushes), ())
        return _normalise_edifact(data, policy)


def _normalise_edifact(data: bytes | str, policy: PrivacyPolicy) -> NormalisedBody:
    parsed = read_body(data)
    manifests: list[Manifest] = []
    pushes: list[PnrPush] = []
    first: tuple[str, str] | None = None
    for interchange in parsed.interchanges:
        for envelope in interchange.messages:
            kind = envelope.type.upper()
            if kind == "PAXLST":
                manifests.append(_paxlst(interchange, envelope))
            elif kind == "PNRGOV":
                pushes.append(normalise_pnrgov(group_pnrgov(envelope), interchange, policy))
            else:
                raise UnsupportedMessageError(
                    f"message type {envelope.type or '(none)'} is not supported",
                    segment=envelope.header.position,
                    tag="UNH",
                    expected=" or ".join(SUPPORTED_TYPES),
                )
            first = first or (kind, envelope.directory)
    assert first is not None  # read_body refuses a body without a message
    return NormalisedBody(
        format=EDIFACT,
        message_type=first[0],
        directory=first[1],
        interchanges=tuple(InterchangeRef(i.sender, i.reference) for i in parsed.interchanges),
        manifests=tuple(manifests),
        pushes=tuple(pushes),
        warnings=tuple(_warning(w) for w in parsed.warnings),
    )


def _paxlst(interchange: Interchange, envelope: MessageEnvelope) -> Manifest:
    return normalise_paxlst(group_paxlst(envelope), interchange)


def _warning(warning: ParseWarning) -> DataWarning:
    return DataWarning(
        code=warning.code, detail=warning.detail, segment=warning.segment, tag=warning.tag
    )
