"""From the received body to interchange texts the lexer can split.

Decodes the bytes, skips Type-B wrapping, finds where each interchange starts (a body may hold
several, each with its own UNA), works out the service characters, including from malformed UNA
segments seen in real traffic, and removes line breaks, which are never terminators unless a UNA
says so. Line breaks are removed everywhere: Type-B fixed-width wrapping splits segments and even
data values across lines, and the pieces are joined without a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.errors import EdifactSyntaxError, ParseWarning

DEFAULT_DELIMITERS = Delimiters()
# ISO 9735 level B without UNA: IS1 component, IS3 element, IS4 terminator.
UNOB_DELIMITERS = Delimiters(component="\x1f", element="\x1d", terminator="\x1c")

_UTF8_BOM = b"\xef\xbb\xbf"
# Control characters a genuine body may hold: whitespace, Type-B framing (SOH, STX, ETX) and the
# level-B separators. Anything else non-printable counts towards "binary garbage".
_NON_PRINTABLE = re.compile("[\x04-\x08\x0b\x0c\x0e-\x1b\x1e\x7f-\x9f]")
# The bytes that are not _NON_PRINTABLE: deleting them from an ASCII body with bytes.translate
# leaves exactly the non-printable ones, five times faster than the regex scan.
_PRINTABLE_BYTES = bytes(byte for byte in range(256) if not _NON_PRINTABLE.match(chr(byte)))
_GARBAGE_SHARE = 0.1

_BLANK_RUN = re.compile("[\x00- ]+")
_INTERCHANGE_TAG = re.compile("UN[AB]")
# \s would also match the level-B separators, which Python counts as whitespace.
_UNB_HEADER = re.compile(r"UNB *[^ \t\r\nA-Za-z0-9] *[A-Za-z0-9]{4}[^A-Za-z0-9]")
_TYPE_B_LINE = re.compile(r"(?:[A-Z]{2} )?[A-Z0-9]{7}(?: [A-Z0-9]{7})*|\..*|")
_HEADER_AFTER_UNB = ("UNG", "UNH", "UNZ")
_QUOTE_SHOWN = 60


@dataclass(slots=True)
class InterchangeText:
    """One interchange found in the body, ready for :func:`~paxscreen.edifact.lexer.tokenize`."""

    delimiters: Delimiters
    text: str  # from UNB to the last terminator, line breaks removed
    offset: int  # where the interchange (its UNA or UNB) starts in the decoded body
    una: str | None = None  # the service string advice as received, without "UNA"
    unterminated: bool = False  # the last segment had no terminator; one was added
    trailing: str = ""  # non-EDIFACT text after the interchange, stripped ("" if none)
    warnings: list[ParseWarning] = field(default_factory=list)


def decode_body(data: bytes | str) -> tuple[str, list[ParseWarning]]:
    """The body as text, or EdifactSyntaxError if it cannot be EDIFACT at all.

    UTF-8 (a BOM is dropped); if that fails, Latin-1 with a ``charset_fallback`` warning.
    """
    warnings: list[ParseWarning] = []
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        raw = data.removeprefix(_UTF8_BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text = raw.decode("latin-1")
            warnings.append(
                ParseWarning(
                    "charset_fallback",
                    f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                    "read as Latin-1",
                )
            )
    _reject_non_text(text)
    return text, warnings


def _reject_non_text(text: str) -> None:
    if not text.strip():
        raise EdifactSyntaxError("the body is empty", expected="UNA or UNB")
    if "\x00" in text:
        raise EdifactSyntaxError("the body contains NUL bytes: binary data, not EDIFACT")
    if text.isascii():
        found = len(text.encode("ascii").translate(None, _PRINTABLE_BYTES))
    else:
        found = len(_NON_PRINTABLE.findall(text))
    if not found:
        return
    share = found / len(text)
    if share > _GARBAGE_SHARE:
        raise EdifactSyntaxError(
            f"{share:.0%} of the body is non-printable: binary data, not EDIFACT"
        )


def locate_interchanges(body: str) -> tuple[list[InterchangeText], list[ParseWarning]]:
    """Every interchange in ``body`` and the warnings about text outside them.

    Raises EdifactSyntaxError when no interchange starts anywhere, or when the first UNA/UNB
    cannot be read.
    """
    start = _find_start(body, 0, terminator=None)
    if start < 0:
        raise EdifactSyntaxError(
            "no interchange header found",
            segment=1,
            tag=_first_word(body),
            expected="UNA or UNB",
        )
    warnings = []
    leading = body[:start]
    if not _ignorable(leading):
        warnings.append(
            ParseWarning("leading_text", f"text before the interchange: {excerpt(leading)}")
        )
    interchanges: list[InterchangeText] = []
    while start >= 0:
        interchange, start = _read_interchange(body, start, first=not interchanges)
        interchanges.append(interchange)
    return interchanges, warnings


def _read_interchange(body: str, start: int, first: bool) -> tuple[InterchangeText, int]:
    """The interchange starting at ``start``, and where the next one starts (-1 if none)."""
    found = _service_characters(body, start)
    if found is None:
        raise _unreadable_header(body, start, first)
    delimiters, una, unb_at, warnings = found
    limit = _find_start(body, unb_at + 3, delimiters.terminator)
    end = len(body) if limit < 0 else limit
    segments_end, unterminated_end = _interchange_end(body, unb_at, end, delimiters)
    text = _without_line_breaks(body[unb_at:segments_end], delimiters)
    unterminated = body[segments_end:unterminated_end].strip()
    if unterminated:
        text += _without_line_breaks(unterminated, delimiters) + delimiters.terminator
    trailing = body[unterminated_end:end]
    interchange = InterchangeText(
        delimiters=delimiters,
        text=text,
        offset=start,
        una=una,
        unterminated=bool(unterminated),
        trailing="" if _ignorable(trailing) else trailing.strip(),
        warnings=warnings,
    )
    return interchange, limit


def _interchange_end(body: str, unb_at: int, end: int, d: Delimiters) -> tuple[int, int]:
    """Where the terminated segments end, and where an unterminated last segment ends.

    The interchange ends with the UNZ segment if there is one before ``end``, otherwise with the
    last terminator. Text after that which starts like a segment (``UNZ+1+REF`` with no
    terminator, a truncated segment) is taken up to the end of its line as an unterminated
    segment; anything else is trailing text.
    """
    unz = _unz_pattern(d.terminator, d.element).search(body, unb_at, end)
    while unz is not None and _released(body, unz.start(), d.release):
        unz = _unz_pattern(d.terminator, d.element).search(body, unz.end(), end)
    if unz is not None:
        closing = _find_unreleased(body, d.terminator, unz.end(), end, d.release)
        if closing >= 0:
            return closing + 1, closing + 1
        segments_end = unz.start() + 1
    else:
        segments_end = _rfind_unreleased(body, d.terminator, unb_at, end, d.release) + 1
        if segments_end == 0:
            segments_end = unb_at
        if not _starts_segment(body, _skip_blank(body, segments_end), d):
            return segments_end, segments_end
    line_end = _line_end(body, _skip_blank(body, segments_end), end)
    return segments_end, line_end


def _starts_segment(body: str, at: int, d: Delimiters) -> bool:
    """Whether a tag (three letters or digits, then a separator or line end) stands at ``at``."""
    tag = body[at : at + 3]
    if len(tag) < 3 or not tag.isalnum():
        return False
    after = body[at + 3 : at + 4]
    return after in ("", "\r", "\n", d.element, d.terminator)


_Header = tuple[Delimiters, str | None, int, list[ParseWarning]]


def _service_characters(body: str, start: int) -> _Header | None:
    """Delimiters, UNA advice as received, UNB position and UNA warnings, or None if unreadable."""
    if body.startswith("UNA", start):
        return _read_una(body, start)
    separator_at = start + 3
    while body.startswith(" ", separator_at):
        separator_at += 1
    after_tag = body[separator_at : separator_at + 1]
    if after_tag == UNOB_DELIMITERS.element:
        return UNOB_DELIMITERS, None, start, []
    if after_tag == DEFAULT_DELIMITERS.element:
        return DEFAULT_DELIMITERS, None, start, []
    return None


def _read_una(body: str, start: int) -> _Header | None:
    """Read a UNA, checking it against what follows (real senders get it wrong).

    Tried in order: the six characters as declared; five characters (one omitted, as in
    ``UNA:+\\*'``); the six with the declared terminator replaced by the apostrophe, for a UNA
    that declares a terminator the segments never use. A reading must be followed by UNB and its
    element separator, and the UNB must end with the terminator and be followed by UNG/UNH/UNZ.
    """
    for delimiters, length, code in _una_readings(body[start + 3 : start + 9]):
        if not _distinct(delimiters):
            continue
        unb_at = _unb_after(body, start + 3 + length, delimiters)
        if unb_at < 0:
            continue
        advice = body[start + 3 : start + 3 + length]
        warnings = [] if code is None else [_una_warning(code, advice, delimiters)]
        return delimiters, advice, unb_at, warnings
    return None


def _una_readings(six: str) -> list[tuple[Delimiters, int, str | None]]:
    """Candidate (delimiters, advice length, warning code) readings, likeliest first."""
    readings: list[tuple[Delimiters, int, str | None]] = []
    if len(six) == 6:
        readings.append((Delimiters(*six), 6, None))
    if len(six) >= 5:
        readings.append((_five_character_una(six[:5]), 5, "una_short"))
    if len(six) == 6 and six[5] != "'":
        readings.append((replace(Delimiters(*six), terminator="'"), 6, "una_terminator_unused"))
    return readings


def _five_character_una(five: str) -> Delimiters:
    """The likeliest reading of a UNA missing one service character.

    If the third character is a decimal mark, the repetition character was left out;
    otherwise the decimal mark was (``UNA:+\\*'`` in the corpus: release ``\\``, repetition ``*``).
    """
    if five[2] in ".,":
        return Delimiters(five[0], five[1], five[2], five[3], " ", five[4])
    return Delimiters(five[0], five[1], ".", five[2], five[3], five[4])


def _una_warning(code: str, advice: str, delimiters: Delimiters) -> ParseWarning:
    if code == "una_short":
        problem = f"UNA {advice!r} has 5 service characters instead of 6"
    else:
        problem = f"UNA {advice!r} declares terminator {advice[5]!r}, which no segment uses"
    reading = (
        f"read as component {delimiters.component!r}, element {delimiters.element!r}, "
        f"release {delimiters.release!r}, terminator {delimiters.terminator!r}"
    )
    return ParseWarning(code, f"{problem}; {reading}", tag="UNA")


def _distinct(d: Delimiters) -> bool:
    separators = (d.component, d.element, d.release, d.terminator)
    return len(set(separators)) == 4 and not any(char.isalnum() for char in separators)


def _unb_after(body: str, position: int, d: Delimiters) -> int:
    """Where UNB starts after ``position`` if ``d`` fits the text there, else -1."""
    unb_at = _skip_blank(body, position)
    if not body.startswith("UNB", unb_at):
        return -1
    separator_at = unb_at + 3
    while body.startswith(" ", separator_at) and d.element != " ":
        separator_at += 1
    if not body.startswith(d.element, separator_at):
        return -1
    closing = _find_unreleased(body, d.terminator, separator_at, len(body), d.release)
    if closing < 0:
        return -1
    following = _skip_blank(body, closing + 1)
    if following < len(body) and body[following : following + 3].upper() not in _HEADER_AFTER_UNB:
        return -1
    return unb_at


def _find_start(body: str, begin: int, terminator: str | None) -> int:
    """Where the next interchange (UNA or UNB) starts at or after ``begin``, or -1.

    It must stand at ``begin``, or after whitespace, a control character or the terminator of the
    interchange before: "UNA" inside data (surnames such as LAUNA) is never a start. A UNA must
    also be readable, and a UNB must look like an interchange header.
    """
    for match in _INTERCHANGE_TAG.finditer(body, begin):
        at = match.start()
        if at > begin and body[at - 1] > " " and body[at - 1] != terminator:
            continue
        if body[at + 2] == "B":
            # A later bare UNB must use separators it can have without a UNA.
            first_or_readable = terminator is None or _service_characters(body, at) is not None
            if _UNB_HEADER.match(body, at) and first_or_readable:
                return at
        elif terminator is None and _looks_like_una(body, at):
            return at  # the first start: a UNA that cannot be read is an error, not data
        elif _read_una(body, at) is not None:
            return at
    return -1


def _looks_like_una(body: str, at: int) -> bool:
    advice = body[at + 3 : at + 5]
    return len(advice) == 2 and not any(char.isalnum() or char in " \t\r\n" for char in advice)


def _unreadable_header(body: str, start: int, first: bool) -> EdifactSyntaxError:
    if body.startswith("UNA", start):
        return EdifactSyntaxError(
            f"the service string advice {body[start : start + 9]!r} does not match the "
            "interchange that follows it",
            tag="UNA",
            expected="a UNA with 6 service characters followed by UNB and its element separator",
        )
    return EdifactSyntaxError(
        f"UNB uses the element separator {body[start + 3 : start + 4]!r}, which needs a UNA",
        segment=1 if first else None,
        tag="UNB",
        expected="a UNA segment declaring the separators, or '+' after UNB",
    )


@lru_cache(maxsize=32)
def _unz_pattern(terminator: str, element: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(terminator) + "[\x00- ]*UNZ(?=[" + re.escape(element + terminator) + "]|\\s|$)"
    )


def _released(body: str, at: int, release: str) -> bool:
    """Whether the character at ``at`` is preceded by an odd run of release characters."""
    if not release or release.isspace():
        return False
    run_start = at
    while run_start > 0 and body[run_start - 1] == release:
        run_start -= 1
    return (at - run_start) % 2 == 1


def _find_unreleased(body: str, char: str, begin: int, end: int, release: str) -> int:
    at = body.find(char, begin, end)
    while at >= 0 and _released(body, at, release):
        at = body.find(char, at + 1, end)
    return at


def _rfind_unreleased(body: str, char: str, begin: int, end: int, release: str) -> int:
    at = body.rfind(char, begin, end)
    while at >= 0 and _released(body, at, release):
        at = body.rfind(char, begin, at)
    return at


def _skip_blank(body: str, at: int) -> int:
    """The first position from ``at`` on that is not whitespace or a control character."""
    while at < len(body) and body[at] <= " ":
        at += 1
    return at


def _line_end(body: str, begin: int, end: int) -> int:
    breaks = [at for at in (body.find("\r", begin, end), body.find("\n", begin, end)) if at >= 0]
    return min(breaks, default=end)


def _without_line_breaks(text: str, d: Delimiters) -> str:
    service = (d.component, d.element, d.release, d.terminator)
    for line_break in "\r\n":
        if line_break not in service:
            text = text.replace(line_break, "")
    return text


def _ignorable(text: str) -> bool:
    """Whitespace, control characters and Type-B address/origin lines: expected wrapping."""
    lines = _BLANK_RUN.sub(_blank_replacement, text).split("\n")
    return all(_TYPE_B_LINE.fullmatch(line.strip()) for line in lines)


def _blank_replacement(match: re.Match[str]) -> str:
    return "\n" if "\n" in match.group() or "\r" in match.group() else " "


def _first_word(body: str) -> str:
    stripped = body.lstrip("\x00\x01\x02\x03 \t\r\n")
    return re.split(r"[^A-Za-z0-9]", stripped, maxsplit=1)[0][:10] or stripped[:3]


def excerpt(text: str) -> str:
    """A short single-line repr of ``text`` for warning details."""
    shown = " ".join(text.split())
    return repr(shown if len(shown) <= _QUOTE_SHOWN else shown[:_QUOTE_SHOWN] + "...")
