"""A received body into canonical manifests: the one entry point from bytes to meaning. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from paxscreen.edifact.envelope import Interchange, MessageEnvelope, read_body
from paxscreen.edifact.errors import ParseWarning, UnsupportedMessageError
from paxscreen.edifact.lexer import collector_paused
from paxscreen.edifact.messages.paxlst import group_paxlst
from paxscreen.normalise.canonical import DataWarning, Manifest
from paxscreen.normalise.paxlst import normalise_paxlst

SUPPORTED_TYPES = ("PAXLST",)


@dataclass(frozen=True, slots=True)
class InterchangeRef:
    sender: str
    reference: str


@dataclass(frozen=True, slots=True)
class NormalisedBody:
    """Every message of a body, in order. ``manifests[i]`` came from the i-th UNH of the body."""

    message_type: str
    directory: str
    interchanges: tuple[InterchangeRef, ...]
    manifests: tuple[Manifest, ...]
    warnings: tuple[DataWarning, ...]  # envelope-level; manifest warnings stay on each manifest


def normalise_body(data: bytes | str) -> NormalisedBody:
    """Parse and normalise a body. Raises an EdifactError subclass, located, when it cannot."""
    with collector_paused():
        return _normalise_body(data)


def _normalise_body(data: bytes | str) -> NormalisedBody:
    parsed = read_body(data)
    manifests: list[Manifest] = []
    for interchange in parsed.interchanges:
        for envelope in interchange.messages:
            if envelope.type.upper() not in SUPPORTED_TYPES:
                raise UnsupportedMessageError(
                    f"message type {envelope.type or '(none)'} is not supported",
                    segment=envelope.header.position,
                    tag="UNH",
                    expected=" or ".join(SUPPORTED_TYPES),
                )
            manifests.append(_normalise_message(interchange, envelope))
    first = manifests[0]
    return NormalisedBody(
        message_type=first.message_type,
        directory=first.directory,
        interchanges=tuple(InterchangeRef(i.sender, i.reference) for i in parsed.interchanges),
        manifests=tuple(manifests),
        warnings=tuple(_warning(w) for w in parsed.warnings),
    )


def _normalise_message(interchange: Interchange, envelope: MessageEnvelope) -> Manifest:
    return normalise_paxlst(group_paxlst(envelope), interchange)


def _warning(warning: ParseWarning) -> DataWarning:
    return DataWarning(
        code=warning.code, detail=warning.detail, segment=warning.segment, tag=warning.tag
    )
