"""DTM values into dates and times, and local flight times into UTC.

Formats (UN/EDIFACT 2379): 101 ``YYMMDD``, 102 ``CCYYMMDD``, 201 ``YYMMDDHHMM``,
203 ``CCYYMMDDHHMM``, 204 ``CCYYMMDDHHMMSS``. A value sent without a format code is read by its
length (6, 8, 10, 12 or 14 digits).

Two-digit years need a century, and which one depends on what the date is:

- ``YearRule.PAST`` (date of birth, document issue date): never after the reference date (the
  flight date). The reference's own century is used unless that puts the date after the
  reference, then the century before: with a 2017 flight ``17-03-01`` is 2017 but ``17-12-25`` and
  ``45-06-01`` are 1917 and 1945. A person over 100 years old cannot be told from a newborn; the
  newborn wins.
- ``YearRule.EXPIRY`` (document expiry): within [reference - 70 years, reference + 30 years], so
  ``61`` read for a 2017 flight is 1961 (an expired document), not 2061.
- ``YearRule.FLIGHT`` (scheduled times): always 20yy.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

AMBIGUOUS_LOCAL_TIME = "ambiguous_local_time"
NONEXISTENT_LOCAL_TIME = "nonexistent_local_time"
UNKNOWN_TIME_ZONE = "unknown_time_zone"

# Digits in the value for each format code we read, and the reverse for format-less values.
FORMAT_LENGTHS = {"101": 6, "102": 8, "201": 10, "203": 12, "204": 14}
_FORMAT_BY_LENGTH = {length: code for code, length in FORMAT_LENGTHS.items()}
_TWO_DIGIT_YEAR_FORMATS = frozenset({"101", "201"})

EXPIRY_YEARS_AHEAD = 30  # newest expiry accepted, in years after the reference
EXPIRY_YEARS_BEHIND = 70  # oldest expiry accepted, in years before the reference


class YearRule(Enum):
    PAST = "past"
    EXPIRY = "expiry"
    FLIGHT = "flight"


_PAST, _FLIGHT = YearRule.PAST, YearRule.FLIGHT


class DateParseError(ValueError):
    """A DTM value we cannot read as a date in the stated (or inferred) format."""


class DtmFields(NamedTuple):
    """The fields of one DTM value, before a century is chosen for a two-digit year."""

    year: int
    year_digits: int  # 2 or 4
    month: int
    day: int
    hour: int
    minute: int
    second: int
    has_time: bool


def split_dtm(value: str, format_code: str = "") -> DtmFields:
    """The fields of ``value`` in ``format_code`` (or the format its length implies)."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()):
        raise DateParseError(f"date {value!r} is not all digits")
    fmt = format_code.strip() or _FORMAT_BY_LENGTH.get(len(value), "")
    length = FORMAT_LENGTHS.get(fmt)
    if length is None:
        raise DateParseError(f"date {value!r}: format {format_code or '(none)'!r} not read")
    if len(value) != length:
        raise DateParseError(f"date {value!r} does not have the {length} digits of {fmt}")
    y = 2 if fmt in _TWO_DIGIT_YEAR_FORMATS else 4
    has_time = length > y + 4
    return DtmFields(
        int(value[:y]),
        y,
        int(value[y : y + 2]),
        int(value[y + 2 : y + 4]),
        int(value[y + 4 : y + 6]) if has_time else 0,
        int(value[y + 6 : y + 8]) if has_time else 0,
        int(value[y + 8 : y + 10]) if length == 14 else 0,
        has_time,
    )


def resolve_year(year: int, month: int, day: int, rule: YearRule, reference: date | None) -> int:
    """The four-digit year for a two-digit ``year`` under ``rule`` (see the module docstring)."""
    # Runs for every date of birth and expiry: module-level rule constants and one read of
    # reference.year keep it to a few hundred nanoseconds.
    if rule is _FLIGHT or reference is None:
        return 2000 + year
    reference_year = reference.year
    year += reference_year - reference_year % 100
    if rule is _PAST:
        # Compare before building a date: it may be valid in one century only (29 Feb).
        if year > reference_year or (
            year == reference_year and (month, day) > (reference.month, reference.day)
        ):
            year -= 100
    elif year > reference_year + EXPIRY_YEARS_AHEAD:
        year -= 100
    elif year < reference_year - EXPIRY_YEARS_BEHIND:
        year += 100
    return year


def parse_date(
    value: str, format_code: str = "", *, rule: YearRule, reference: date | None
) -> date:
    """A DTM value as a date (any time part is ignored). ``reference`` is the flight date that
    two-digit years are resolved against; without one, PAST and EXPIRY read 20yy."""
    # Fast path for the common case, YYMMDD without or with format 101 (one per birth date
    # and per document): same checks as split_dtm, minus the tuple.
    if (
        len(value) == 6
        and (not format_code or format_code == "101")
        and value.isdigit()
        and value.isascii()
    ):
        number = int(value)  # one int() and arithmetic beat three slices and three int()s
        year, month, day = number // 10000, number // 100 % 100, number % 100
        try:
            return date(resolve_year(year, month, day, rule, reference), month, day)
        except ValueError as exc:
            raise DateParseError(f"date {value!r}: {exc}") from None
    fields = split_dtm(value, format_code)
    year = fields.year
    if fields.year_digits == 2:
        year = resolve_year(year, fields.month, fields.day, rule, reference)
    try:
        return date(year, fields.month, fields.day)
    except ValueError as exc:
        raise DateParseError(f"date {value.strip()!r}: {exc}") from None


def parse_local_datetime(value: str, format_code: str = "") -> datetime:
    """A DTM flight time as a naive local datetime (two-digit years are 20yy). A date without a
    time reads as midnight; ``parse_flight_time`` says which it was."""
    return parse_flight_time(value, format_code)[0]


def parse_flight_time(value: str, format_code: str = "") -> tuple[datetime, bool]:
    """A DTM flight time as (naive local datetime, whether the value carried a time of day)."""
    f = split_dtm(value, format_code)
    year = 2000 + f.year if f.year_digits == 2 else f.year
    try:
        moment = datetime(year, f.month, f.day, f.hour, f.minute, f.second)
    except ValueError as exc:
        raise DateParseError(f"date/time {value.strip()!r}: {exc}") from None
    return moment, f.has_time


def format_dtm(value: date | datetime, format_code: str) -> str:
    """The DTM value of ``value`` in ``format_code``: the inverse of the parsers above."""
    patterns = {
        "101": "%y%m%d",
        "102": "%Y%m%d",
        "201": "%y%m%d%H%M",
        "203": "%Y%m%d%H%M",
        "204": "%Y%m%d%H%M%S",
    }
    if format_code not in patterns:
        raise ValueError(f"format {format_code!r} not written")
    text = value.strftime(patterns[format_code])
    if format_code in ("102", "203", "204"):
        text = text.zfill(FORMAT_LENGTHS[format_code])  # %Y does not pad years before 1000
    return text


def local_to_utc(local: datetime, time_zone: str) -> tuple[datetime | None, str | None]:
    """``local`` (naive, wall-clock time at an airport in ``time_zone``) as an aware UTC time,
    plus a warning code when the wall-clock time was not a single instant:

    - ambiguous (the repeated hour when clocks go back): the first occurrence is taken, the
      earlier of the two instants, so a departure is never placed later than it can have been;
      ``ambiguous_local_time``.
    - non-existent (the skipped hour when clocks go forward): read with the offset in force
      before the change, so 02:30 in a 02:00->03:00 gap becomes 03:30 after it;
      ``nonexistent_local_time``.

    Returns (None, ``unknown_time_zone``) when the zone name is not in the tz database.
    """
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None, UNKNOWN_TIME_ZONE
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    utc = first.astimezone(UTC)
    if first.utcoffset() == second.utcoffset():
        return utc, None
    # The offsets differ, so this wall-clock time is at a transition. It exists (twice) exactly
    # when the first reading maps back to the same wall-clock time.
    round_trip = utc.astimezone(zone).replace(tzinfo=None)
    return utc, AMBIGUOUS_LOCAL_TIME if round_trip == local else NONEXISTENT_LOCAL_TIME
