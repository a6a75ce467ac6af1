"""Dates of birth as spans (BirthDate), and their CSV tokens.

The span of each precision:

- day: that day; month: the whole month; year: the whole year;
- range: from 1 January of the first year to 31 December of the last (UN BETWEEN), or any span;
- approximate: an approximate year Y (UN APPROXIMATELY, CSV ``~Y``) spans Y-1 to Y+1 whole
  (``APPROXIMATE_YEARS``): lists write "approximately 1960" for people whose papers disagree
  by a year either way, and a matcher can still score a date inside the span lower than an exact
  one because the precision says it is approximate.

CSV tokens (docs/watchlist-csv.md): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``A..B`` (a range whose
ends are any of those three forms: ``A`` counts from its first day, ``B`` to its last), ``~YYYY``
(approximate year) and ``~A..B`` (approximate, exactly that span).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

from paxscreen.normalise.canonical_watchlist import BirthDate

APPROXIMATE_YEARS = 1  # how far either side of an approximate year its span reaches

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
} | {"sept": 9}
_SINGLE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def exact_day(day: date, text: str | None = None) -> BirthDate:
    return BirthDate(precision="day", earliest=day, latest=day, text=text)


def whole_month(year: int, month: int, text: str | None = None) -> BirthDate:
    return BirthDate(
        precision="month",
        earliest=date(year, month, 1),
        latest=date(year, month, calendar.monthrange(year, month)[1]),
        text=text,
    )


def whole_year(year: int, text: str | None = None) -> BirthDate:
    return BirthDate(
        precision="year", earliest=date(year, 1, 1), latest=date(year, 12, 31), text=text
    )


def year_range(first: int, last: int, text: str | None = None) -> BirthDate:
    """From 1 January ``first`` to 31 December ``last``; ValueError if ``last`` < ``first``."""
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return BirthDate(
        precision="range", earliest=date(first, 1, 1), latest=date(last, 12, 31), text=text
    )


def approximate_year(year: int, text: str | None = None) -> BirthDate:
    return BirthDate(
        precision="approximate",
        earliest=date(year - APPROXIMATE_YEARS, 1, 1),
        latest=date(year + APPROXIMATE_YEARS, 12, 31),
        text=text,
    )


def month_number(word: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Nov.", "August"), else None."""
    return MONTHS.get(word.strip().rstrip(".").lower())


def _single_span(token: str) -> tuple[date, date, Literal["day", "month", "year"]]:
    """The first and last day a ``YYYY[-MM[-DD]]`` token allows, and its precision."""
    match = _SINGLE.fullmatch(token.strip())
    if match is None:
        raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(group) if group else None for group in match.groups())
    assert year is not None  # the pattern requires it
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    if day is None:
        first = date(year, month, 1)
        return first, first.replace(day=calendar.monthrange(year, month)[1]), "month"
    single = date(year, month, day)
    return single, single, "day"


def parse_birth_date_token(token: str) -> BirthDate:
    """One CSV date-of-birth token as a BirthDate (``text`` None: the token says it all).
    ValueError with the reason when it is not one of the documented forms."""
    token = token.strip()
    body = token.removeprefix("~").strip()
    approximate = body != token
    try:
        if ".." in body:
            start, _, end = body.partition("..")
            earliest, latest = _single_span(start)[0], _single_span(end)[1]
            if latest < earliest:
                raise ValueError("the range ends before it starts")
            precision = "approximate" if approximate else "range"
            return BirthDate(precision=precision, earliest=earliest, latest=latest)
        if approximate:
            if not re.fullmatch(r"\d{4}", body):
                raise ValueError("only a year or a range may follow ~")
            return approximate_year(int(body))
        earliest, latest, precision = _single_span(body)
    except ValueError as exc:  # from date() (day 31 in April, year 0 ...) or from above
        raise ValueError(f"{token!r}: {exc}") from None
    return BirthDate(precision=precision, earliest=earliest, latest=latest)


def _is_month_start(day: date) -> bool:
    return day.day == 1


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _start_token(day: date) -> str:
    if day.month == 1 and day.day == 1:
        return f"{day.year:04d}"
    return f"{day.year:04d}-{day.month:02d}" if _is_month_start(day) else day.isoformat()


def _end_token(day: date) -> str:
    if day.month == 12 and day.day == 31:
        return f"{day.year:04d}"
    return f"{day.year:04d}-{day.month:02d}" if _is_month_end(day) else day.isoformat()


def format_birth_date(birth_date: BirthDate) -> str:
    """The CSV token for ``birth_date``: the shortest form that reads back to the same precision
    and span."""
    earliest, latest = birth_date.earliest, birth_date.latest
    whole_years = (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31)
    span = f"{_start_token(earliest)}..{_end_token(latest)}"
    match birth_date.precision:
        case "day" if earliest == latest:
            return earliest.isoformat()
        case "month" if (earliest.year, earliest.month) == (latest.year, latest.month) and (
            _is_month_start(earliest) and _is_month_end(latest)
        ):
            return f"{earliest.year:04d}-{earliest.month:02d}"
        case "year" if whole_years and earliest.year == latest.year:
            return f"{earliest.year:04d}"
        case "approximate":
            if whole_years and latest.year - earliest.year == 2 * APPROXIMATE_YEARS:
                return f"~{earliest.year + APPROXIMATE_YEARS:04d}"
            return f"~{span}"
    return span
