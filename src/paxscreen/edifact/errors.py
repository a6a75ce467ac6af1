"""What can go wrong in EDIFACT, located by segment number and tag."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something the message does against the standard that we tolerated.

    ``code`` is stable and machine-readable (e.g. ``unt_count_mismatch``); ``detail`` is for people.
    """

    code: str
    detail: str
    segment: int | None = None
    tag: str | None = None


class EdifactError(Exception):
    """Base for every error raised while reading an EDIFACT body."""

    code = "edifact_error"

    def __init__(
        self,
        detail: str,
        *,
        segment: int | None = None,
        tag: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.detail = detail
        self.segment = segment
        self.tag = tag
        self.expected = expected
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.segment is not None:
            where = f"segment {self.segment}"
            if self.tag:
                where += f" ({self.tag})"
            where += ": "
        text = f"{where}{self.detail}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class EdifactSyntaxError(EdifactError):
    """The body is not EDIFACT we can read: bad envelope, missing service segments, garbage."""

    code = "edifact_syntax"


class UnsupportedMessageError(EdifactError):
    """The interchange is readable but carries a message type paxscreen does not process."""

    code = "unsupported_message"


class MessageStructureError(EdifactError):
    """A message whose segment order or mandatory content makes no sense for its type."""

    code = "message_structure"
