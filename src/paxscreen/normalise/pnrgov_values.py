"""Value formats of PNRGOV segments: ``DDMMYY`` dates and ``HHMM`` times (DAT, TVL, RCI, PTK),
flight times in UTC, card numbers, and the text of a segment for people to read.

DAT times are UTC unless the parties agreed otherwise (PNRGOV MIG, DAT); TVL times are local
at the airport, so they are converted through the airport's time zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache

from paxscreen.edifact.segments import Segment
from paxscreen.normalise.codes import airport
from paxscreen.normalise.dates import DateParseError, local_to_utc


def parse_ddmmyy(text: str) -> date:
    """``280918`` as 28 September 2018 (two-digit years are 20yy: PNR dates are recent)."""
    text = text.strip()
    if len(text) != 6 or not (text.isdigit() and text.isascii()):
        raise DateParseError(f"date {text!r} is not DDMMYY")
    try:
        return date(2000 + int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError as exc:
        raise DateParseError(f"date {text!r}: {exc}") from None


def parse_date_time(date_text: str, time_text: str = "") -> datetime:
    """``DDMMYY`` and ``HHMM`` (or ``HHMMSS``, or nothing: midnight) as a naive datetime."""
    day = parse_ddmmyy(date_text)
    time_text = time_text.strip()
    if not time_text:
        return datetime(day.year, day.month, day.day)
    if len(time_text) not in (4, 6) or not (time_text.isdigit() and time_text.isascii()):
        raise DateParseError(f"time {time_text!r} is not HHMM")
    seconds = int(time_text[4:]) if len(time_text) == 6 else 0
    try:
        return datetime(
            day.year, day.month, day.day, int(time_text[:2]), int(time_text[2:4]), seconds
        )
    except ValueError as exc:
        raise DateParseError(f"time {time_text!r}: {exc}") from None


def parse_utc(date_text: str, time_text: str = "") -> datetime:
    """A DAT-style ``DDMMYY``/``HHMM`` pair as an aware UTC datetime."""
    return parse_date_time(date_text, time_text).replace(tzinfo=UTC)


@lru_cache(maxsize=8192)
def utc_at(local: datetime, code: str) -> tuple[datetime | None, str | None]:
    """A wall-clock time at airport ``code`` in UTC, plus ``local_to_utc``'s warning code;
    (None, None) when the airport is unknown (reported elsewhere). Cached: a push repeats the
    same few flights hundreds of times, and a time-zone conversion costs microseconds."""
    known = airport(code)
    if known is None:
        return None, None
    return local_to_utc(local, known.time_zone)


# --- Card numbers ---------------------------------------------------------------------------

# 14 to 19 digits (13 is a ticket number's length, and no current card's), optionally grouped
# by single spaces or hyphens, not inside a longer number or code.
_CARD_LIKE = re.compile(r"(?<![\dA-Z])\d(?:[ -]?\d){13,18}(?![\dA-Z])")
# Issuer prefixes of the card schemes a PNR names (VI, CA/MA, AX, DC, JC, DS/UP).
_CARD_PREFIX = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[068]|35|6")


def card_last4(account: str) -> str | None:
    """The last four digits of a card number as sent (masked or not), or None without four."""
    tail = account.strip()[-4:]
    return tail if len(tail) == 4 and tail.isdigit() and tail.isascii() else None


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def scrub_card_numbers(text: str) -> str:
    """``text`` with every card number in it masked down to its last four digits: any run of
    14-19 digits that starts like a card and passes the Luhn check. A number that happens to
    pass both tests without being a card is masked too: that is the safe mistake."""
    if not any(char.isdigit() for char in text):
        return text

    def mask(match: re.Match[str]) -> str:
        raw = match[0]
        digits = raw.replace(" ", "").replace("-", "")
        if _CARD_PREFIX.match(digits) and luhn_valid(digits):
            return "X" * (len(digits) - 4) + digits[-4:]
        return raw

    return _CARD_LIKE.sub(mask, text)


# --- Text -----------------------------------------------------------------------------------


def segment_text(segment: Segment) -> str:
    """A segment's data as EDIFACT-like text for people (``SEAT:HK:3:BA:::LHR:IAD+35H::1``):
    trailing empty components and elements dropped."""
    elements = [":".join(components).rstrip(":") for components in segment.elements]
    return "+".join(elements).rstrip("+")


def joined(components: list[str]) -> str:
    """The non-empty components, stripped, joined by a space."""
    return " ".join(part.strip() for part in components if part.strip())
