"""Test inputs: EDIFACT text into Interchanges and MessageEnvelopes, and hand-made envelopes.

Whole interchanges go through the real reader (``read_body``); body fragments through the
lexer, so positions are numbered as the service numbers them.
"""

from __future__ import annotations

from collections.abc import Iterable

from paxscreen.edifact.envelope import Delimiters, Interchange, MessageEnvelope, read_body
from paxscreen.edifact.lexer import tokenize
from paxscreen.edifact.messages.paxlst import PaxlstMessage, group_paxlst
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import Manifest
from paxscreen.normalise.paxlst import normalise_paxlst


def read_interchanges(data: bytes | str) -> list[Interchange]:
    return read_body(data).interchanges


def paxlst_messages(data: bytes | str) -> list[tuple[PaxlstMessage, Interchange]]:
    """Every message of ``data``, grouped, with the interchange it came in."""
    return [
        (group_paxlst(message), interchange)
        for interchange in read_interchanges(data)
        for message in interchange.messages
    ]


def segment(tag: str, *elements: str | list[str], position: int = 0) -> Segment:
    """A Segment from readable parts: ``segment("NAD", "FL", "", "", ["SMITH", "JOHN"])``."""
    return Segment(tag, [[e] if isinstance(e, str) else list(e) for e in elements], position)


def segments_from_text(text: str, first_position: int = 1) -> list[Segment]:
    """Segments of a body fragment in the default delimiters: ``"BGM+745'NAD+MS+++X'"``."""
    return tokenize(text, Delimiters(), first_position)


def envelope_for(
    body: Iterable[Segment], *, reference: str = "1", part: tuple[int, str] | None = None
) -> MessageEnvelope:
    """A PAXLST D05B message around ``body`` (segments between UNH and UNT), renumbered from 2."""
    numbered = [Segment(s.tag, s.elements, i) for i, s in enumerate(body, start=2)]
    header = segment("UNH", reference, ["PAXLST", "D", "05B", "UN", "IATA"], position=1)
    trailer = segment("UNT", str(len(numbered) + 2), reference, position=len(numbered) + 2)
    return MessageEnvelope(
        reference=reference,
        type="PAXLST",
        version="D",
        release="05B",
        agency="UN",
        association="IATA",
        common_access_ref="",
        part_number=part[0] if part else None,
        part_flag=part[1] if part else None,
        header=header,
        trailer=trailer,
        segments=numbered,
    )


def interchange_for(*messages: MessageEnvelope, prepared: str = "170415:1539") -> Interchange:
    return Interchange(
        syntax="UNOA",
        syntax_version="4",
        sender="AIRLINE",
        sender_qualifier="ZZ",
        recipient="BORDER",
        recipient_qualifier="ZZ",
        prepared=prepared,
        reference="000000001",
        application_ref="APIS",
        delimiters=Delimiters(),
        header=segment("UNB", ["UNOA", "4"], "AIRLINE", "BORDER", prepared.split(":")),
        trailer=None,
        messages=list(messages),
    )


def manifests(data: bytes | str) -> list[Manifest]:
    """Every PAXLST message of ``data``, normalised."""
    return [
        normalise_paxlst(message, interchange) for message, interchange in paxlst_messages(data)
    ]


def manifest(data: bytes | str) -> Manifest:
    """The one PAXLST message of ``data``, normalised."""
    (only,) = manifests(data)
    return only


def warning_places(manifest: Manifest) -> list[tuple[str, int | None, str | None]]:
    """(code, segment, tag) of every warning, in order."""
    return [(w.code, w.segment, w.tag) for w in manifest.warnings]


def minimal_paxlst(bgm: str, *, body: str = "", cnt: str = "") -> str:
    """One PAXLST interchange with one FRA->IAD leg (segments 1-7: UNB, UNH, ``bgm``, TDT, LOC,
    DTM, LOC), then ``body`` from segment 8, then ``cnt``."""
    return (
        "UNB+UNOA:4+A+B+170127:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'"
        f"{bgm}'TDT+20+UA1+++UA'LOC+125+FRA'DTM+189:1701271725:201'LOC+87+IAD'"
        f"{body}{cnt}UNT+9+1'UNZ+1+1'"
    )
