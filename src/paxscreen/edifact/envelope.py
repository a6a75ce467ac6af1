"""Interchange and message envelopes: UNA/UNB/UNG/UNH ... UNT/UNE/UNZ.

CONTRACT (types fixed; the reading functions are implemented below them).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from operator import itemgetter

from paxscreen.edifact.errors import EdifactSyntaxError, ParseWarning
from paxscreen.edifact.segments import Segment


@dataclass(frozen=True, slots=True)
class Delimiters:
    """Service characters, from UNA or the ISO 9735 defaults."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    terminator: str = "'"


@dataclass(slots=True)
class FunctionalGroup:
    """UNG header values (optional in many profiles)."""

    message_type: str
    sender: str
    recipient: str
    reference: str
    agency: str
    version: str
    header: Segment


@dataclass(slots=True)
class MessageEnvelope:
    """One UNH ... UNT message; ``segments`` holds the segments between them (both excluded)."""

    reference: str  # UNH 0062 message reference number
    type: str  # UNH S009 0065, e.g. PAXLST, PNRGOV
    version: str  # 0052, e.g. "D" or "11"
    release: str  # 0054, e.g. "02B" or "1"
    agency: str  # 0051, e.g. "UN" or "IA"
    association: str  # 0057, e.g. "IATA"
    common_access_ref: str  # UNH 0068, e.g. flight/date in PAXLST parts
    part_number: int | None  # S010 0070 sequence of transfers
    part_flag: str | None  # S010 0073: "C" creation/first or more to follow, "F" final
    header: Segment
    trailer: Segment | None
    segments: list[Segment]
    group: FunctionalGroup | None = None

    @property
    def directory(self) -> str:
        """Directory as people write it: ``D02B`` for UN directories, ``11.1`` for PNRGOV."""
        if self.version.upper() == "D":
            return f"D{self.release}"
        return f"{self.version}.{self.release}" if self.release else self.version


@dataclass(slots=True)
class Interchange:
    """One UNB ... UNZ interchange with the delimiters it was written with."""

    syntax: str  # UNB S001 0001, e.g. UNOA
    syntax_version: str  # UNB S001 0002, e.g. "4"
    sender: str  # UNB S002 0004
    sender_qualifier: str
    recipient: str  # UNB S003 0010
    recipient_qualifier: str
    prepared: str  # UNB S004 date:time as sent
    reference: str  # UNB 0020 interchange control reference
    application_ref: str  # UNB 0026, e.g. APIS
    delimiters: Delimiters
    header: Segment
    trailer: Segment | None
    messages: list[MessageEnvelope] = field(default_factory=list)


@dataclass(slots=True)
class ParsedBody:
    """Everything in one received body: one or more interchanges, plus tolerated problems."""

    interchanges: list[Interchange]
    warnings: list[ParseWarning]

    @property
    def messages(self) -> list[MessageEnvelope]:
        """Every message of every interchange, in body order."""
        return [message for interchange in self.interchanges for message in interchange.messages]


# --- Reading -------------------------------------------------------------------------------------

# Every ParseWarning.code read_body can emit. Stable: callers and policies match on them.
WARNING_CODES = frozenset(
    {
        "charset_fallback",  # not UTF-8, read as Latin-1
        "leading_text",  # text before the first interchange that is not Type-B wrapping
        "una_short",  # UNA with 5 service characters
        "una_terminator_unused",  # UNA terminator never used; the apostrophe is
        "trailing_text",  # text after the last terminator or after UNZ
        "missing_terminator",  # last segment (often UNZ) not terminated
        "invalid_tag",  # tag that is not 3 letters/digits
        "segment_outside_message",  # segments between UNB/UNG/UNT/UNE and the next UNH
        "unexpected_service_segment",  # UNT without UNH, UNE without UNG, ...
        "missing_unt",
        "unt_count_mismatch",
        "unt_reference_mismatch",
        "invalid_part_number",  # UNH S010 sequence number not a number
        "missing_une",
        "une_count_mismatch",
        "une_reference_mismatch",
        "missing_unz",
        "unz_count_mismatch",
        "unz_reference_mismatch",
        "empty_interchange",  # UNB ... UNZ without a message, beside interchanges with some
    }
)
_SERVICE_TAGS = frozenset({"UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})
_TAG = itemgetter(0)  # Segment.tag, as a C-level callable for map()


def read_body(data: bytes | str) -> ParsedBody:
    """Every interchange, group and message in a received body, with the problems tolerated.

    Segment positions run 1-based across the whole body (UNA not counted). Raises
    EdifactSyntaxError when the body is not EDIFACT, has no UNB, has a UNH without a message
    type, ends before any UNH, or holds no message at all.
    """
    # Imported here because both modules import the types defined above.
    from paxscreen.edifact.lexer import tokenize
    from paxscreen.edifact.syntax import decode_body, excerpt, locate_interchanges

    text, warnings = decode_body(data)
    located, layout_warnings = locate_interchanges(text)
    warnings.extend(layout_warnings)
    interchanges = []
    position = 1
    for part in located:
        warnings.extend(part.warnings)
        segments = tokenize(part.text, part.delimiters, position)
        position += len(segments)
        reader = _InterchangeReader(segments, part.delimiters, warnings)
        trailing = excerpt(part.trailing) if part.trailing else ""
        interchanges.append(reader.read(unterminated=part.unterminated, trailing=trailing))
    _require_a_message(interchanges)
    return ParsedBody(interchanges, warnings)


def _require_a_message(interchanges: list[Interchange]) -> None:
    if any(interchange.messages for interchange in interchanges):
        return
    last = interchanges[-1]
    segment = last.trailer or last.header
    raise EdifactSyntaxError(
        "the body holds no message", segment=segment.position, tag=segment.tag, expected="UNH"
    )


class _InterchangeReader:
    """Walks one interchange's segments: UNB [UNG] UNH ... UNT [UNE] UNZ, tolerantly."""

    def __init__(
        self, segments: list[Segment], delimiters: Delimiters, warnings: list[ParseWarning]
    ) -> None:
        self.segments = segments
        self.warnings = warnings
        self.interchange = _interchange(segments[0], delimiters)
        self.group: FunctionalGroup | None = None
        self.group_messages = 0
        self.group_count = 0
        self.message_at = -1  # index of the open message's UNH, -1 when none is open
        self.closed = False

    def read(self, unterminated: bool, trailing: str) -> Interchange:
        segments = self.segments
        # The tags listed in C: the checks look at the few distinct ones, and list.index finds
        # the handful of service segments without a Python-level pass over thousands.
        tags = list(map(_TAG, segments))
        distinct = set(tags)
        self._check_tags(distinct)
        service_at = sorted(i for tag in distinct & _SERVICE_TAGS for i in _indices(tags, tag))
        previous = 0
        for index in service_at[1:]:
            self._check_outside(previous + 1, index)
            self._on_service_segment(index)
            previous = index
        self._check_outside(previous + 1, len(segments))
        self._finish(unterminated, trailing)
        return self.interchange

    def _on_service_segment(self, index: int) -> None:
        segment = self.segments[index]
        tag = segment.tag
        if self.closed:
            self._warn("unexpected_service_segment", f"{tag} after UNZ", segment)
        elif tag == "UNH":
            self._open_message(index)
        elif tag == "UNT":
            self._close_message(index)
        elif tag == "UNG":
            self._open_group(index)
        elif tag == "UNE":
            self._close_group(index)
        elif tag == "UNZ":
            self._close_interchange(index)
        else:
            self._warn("unexpected_service_segment", f"{tag} inside an interchange", segment)

    def _open_message(self, index: int) -> None:
        header = self.segments[index]
        if self.message_at >= 0:
            self._end_message(index, trailer=None)
        if not header.value(1, 0):
            raise EdifactSyntaxError(
                "UNH has no message type",
                segment=header.position,
                tag="UNH",
                expected="a message identifier (S009), e.g. PAXLST:D:02B:UN:IATA",
            )
        self.message_at = index

    def _close_message(self, index: int) -> None:
        trailer = self.segments[index]
        if self.message_at < 0:
            self._warn("unexpected_service_segment", "UNT without a UNH", trailer)
            return
        header = self.segments[self.message_at]
        self._check_count(
            "unt_count_mismatch", trailer, trailer.value(0), index - self.message_at + 1
        )
        if trailer.value(1) != header.value(0):
            self._warn(
                "unt_reference_mismatch",
                f"UNT reference {trailer.value(1)!r} differs from UNH reference "
                f"{header.value(0)!r}",
                trailer,
            )
        self._end_message(index, trailer)

    def _end_message(self, index: int, trailer: Segment | None) -> None:
        """Store the open message, which ends before ``index``; without trailer, warn."""
        segments = self.segments
        header = segments[self.message_at]
        if trailer is None:
            noticed = segments[index] if index < len(segments) else segments[-1]
            self._warn("missing_unt", f"message {header.value(0)!r} has no UNT", noticed)
        message = _message(header, trailer, segments[self.message_at + 1 : index], self.group)
        if message.part_number is None and header.value(3, 0):
            self._warn("invalid_part_number", f"sequence number {header.value(3, 0)!r}", header)
        self.interchange.messages.append(message)
        self.group_messages += 1
        self.message_at = -1

    def _open_group(self, index: int) -> None:
        self._end_open_parts(index, group=True)
        self.group = _group(self.segments[index])
        self.group_messages = 0
        self.group_count += 1

    def _close_group(self, index: int) -> None:
        trailer = self.segments[index]
        self._end_open_parts(index, group=False)
        if self.group is None:
            self._warn("unexpected_service_segment", "UNE without a UNG", trailer)
            return
        self._check_count("une_count_mismatch", trailer, trailer.value(0), self.group_messages)
        if trailer.value(1) != self.group.reference:
            self._warn(
                "une_reference_mismatch",
                f"UNE reference {trailer.value(1)!r} differs from UNG reference "
                f"{self.group.reference!r}",
                trailer,
            )
        self.group = None

    def _close_interchange(self, index: int) -> None:
        trailer = self.segments[index]
        self._end_open_parts(index, group=True)
        messages = len(self.interchange.messages)
        declared = trailer.value(0)
        # The count is of groups when groups are used, else of messages; accept either.
        if not (self.group_count and _number(declared) == messages):
            self._check_count("unz_count_mismatch", trailer, declared, self.group_count or messages)
        if trailer.value(1) != self.interchange.reference:
            self._warn(
                "unz_reference_mismatch",
                f"UNZ reference {trailer.value(1)!r} differs from UNB reference "
                f"{self.interchange.reference!r}",
                trailer,
            )
        self.interchange.trailer = trailer
        self.closed = True

    def _end_open_parts(self, index: int, group: bool) -> None:
        """Close a message (and, with ``group``, a group) left open when ``index`` is reached."""
        if self.message_at >= 0:
            self._end_message(index, trailer=None)
        if group and self.group is not None:
            noticed = self.segments[min(index, len(self.segments) - 1)]
            self._warn("missing_une", f"group {self.group.reference!r} has no UNE", noticed)
            self.group = None

    def _finish(self, unterminated: bool, trailing: str) -> None:
        last = self.segments[-1]
        if not self.closed:
            self._end_open_parts(len(self.segments), group=True)
            if not self.interchange.messages:
                raise EdifactSyntaxError(
                    "the interchange ends before any message",
                    segment=last.position,
                    tag=last.tag,
                    expected="UNH",
                )
            self._warn("missing_unz", "the interchange has no UNZ", last)
        elif not self.interchange.messages:
            self._warn("empty_interchange", "the interchange holds no message", last)
        if unterminated:
            self._warn("missing_terminator", "the last segment has no terminator", last)
        if trailing:
            self._warn("trailing_text", f"text after the last segment: {trailing}", last)

    def _check_outside(self, begin: int, end: int) -> None:
        """Warn once for a run of non-service segments outside any message."""
        if begin >= end or (self.message_at >= 0 and not self.closed):
            return
        first = self.segments[begin]
        self._warn(
            "segment_outside_message",
            f"{end - begin} segment(s) outside any message, from {first.tag}",
            first,
        )

    def _check_tags(self, distinct: set[str]) -> None:
        # A message uses a couple of dozen distinct tags: check those, and look for the segments
        # only when one is wrong.
        invalid = {tag for tag in distinct if not _valid_tag(tag)}
        if not invalid:
            return
        for segment in self.segments:
            if segment[0] in invalid:
                tag = segment[0]
                self._warn("invalid_tag", f"segment tag {tag!r} is not 3 letters/digits", segment)

    def _check_count(self, code: str, trailer: Segment, declared: str, counted: int) -> None:
        if _number(declared) == counted:
            return
        self._warn(code, f"{trailer.tag} count {declared!r}, counted {counted}", trailer)

    def _warn(self, code: str, detail: str, segment: Segment) -> None:
        self.warnings.append(ParseWarning(code, detail, segment.position, segment.tag))


def _indices(tags: list[str], tag: str) -> list[int]:
    """Every index of ``tag`` (which is in it) in ``tags``."""
    found = [tags.index(tag)]
    with suppress(ValueError):
        while True:
            found.append(tags.index(tag, found[-1] + 1))
    return found


def _valid_tag(tag: str) -> bool:
    return len(tag) == 3 and tag.isascii() and tag.isalnum()


def _interchange(unb: Segment, delimiters: Delimiters) -> Interchange:
    return Interchange(
        syntax=unb.value(0, 0),
        syntax_version=unb.value(0, 1),
        sender=unb.value(1, 0),
        sender_qualifier=unb.value(1, 1),
        recipient=unb.value(2, 0),
        recipient_qualifier=unb.value(2, 1),
        prepared=":".join(unb.components(3)),
        reference=unb.value(4, 0),
        application_ref=unb.value(6, 0),
        delimiters=delimiters,
        header=unb,
        trailer=None,
    )


def _group(ung: Segment) -> FunctionalGroup:
    return FunctionalGroup(
        message_type=ung.value(0),
        sender=ung.value(1),
        recipient=ung.value(2),
        reference=ung.value(4),
        agency=ung.value(5),
        version=":".join(ung.components(6)),
        header=ung,
    )


def _message(
    header: Segment, trailer: Segment | None, body: list[Segment], group: FunctionalGroup | None
) -> MessageEnvelope:
    return MessageEnvelope(
        reference=header.value(0),
        type=header.value(1, 0),
        version=header.value(1, 1),
        release=header.value(1, 2),
        agency=header.value(1, 3),
        association=header.value(1, 4),
        common_access_ref=header.value(2),
        part_number=_number(header.value(3, 0)),
        part_flag=header.value(3, 1) or None,
        header=header,
        trailer=trailer,
        segments=body,
        group=group,
    )


def _number(text: str) -> int | None:
    """``text`` as a count or sequence number (ASCII digits only), else None."""
    return int(text) if text.isascii() and text.isdigit() else None
