"""DTM formats, two-digit-year rules and local-to-UTC conversion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.normalise.dates import (
    DateParseError,
    YearRule,
    format_dtm,
    local_to_utc,
    parse_date,
    parse_flight_time,
    parse_local_datetime,
)

FLIGHT = date(2017, 1, 27)


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("780706", "101", date(1978, 7, 6)),
        ("19780706", "102", date(1978, 7, 6)),
        ("7807061725", "201", date(1978, 7, 6)),
        ("197807061725", "203", date(1978, 7, 6)),
        ("19780706172559", "204", date(1978, 7, 6)),
        ("780706", "", date(1978, 7, 6)),  # formats inferred by length
        ("19780706", "", date(1978, 7, 6)),
        (" 780706 ", "", date(1978, 7, 6)),
    ],
)
def test_date_formats(value: str, fmt: str, expected: date) -> None:
    assert parse_date(value, fmt, rule=YearRule.PAST, reference=FLIGHT) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("1701271725", "201", (datetime(2017, 1, 27, 17, 25), True)),
        ("201701271725", "203", (datetime(2017, 1, 27, 17, 25), True)),
        ("1701271725", "", (datetime(2017, 1, 27, 17, 25), True)),
        ("20170127172530", "204", (datetime(2017, 1, 27, 17, 25, 30), True)),
        ("170127", "101", (datetime(2017, 1, 27), False)),  # a date alone: midnight, flagged
    ],
)
def test_flight_time_formats(value: str, fmt: str, expected: tuple[datetime, bool]) -> None:
    assert parse_flight_time(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt"),
    [
        ("78O706", ""),  # letter O
        ("7807", ""),  # no format has 4 digits
        ("780706", "102"),  # 6 digits but 102 wants 8
        ("780706", "999"),  # a format we do not read
        ("781306", "101"),  # month 13
        ("210229", "101"),  # 29 Feb 2021
        ("", ""),
        ("７８０７０６", ""),  # full-width digits are digits to str.isdigit, not to us
    ],
)
def test_unreadable_dates_raise(value: str, fmt: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(value, fmt, rule=YearRule.PAST, reference=FLIGHT)


@pytest.mark.parametrize(
    ("value", "rule", "expected"),
    [
        ("170127", YearRule.PAST, date(2017, 1, 27)),  # born on the flight date
        ("170128", YearRule.PAST, date(1917, 1, 28)),  # a day later would be in the future
        ("171201", YearRule.PAST, date(1917, 12, 1)),
        ("991231", YearRule.PAST, date(1999, 12, 31)),
        ("000229", YearRule.PAST, date(2000, 2, 29)),
        ("610218", YearRule.EXPIRY, date(1961, 2, 18)),  # 2061 is 44 years after the flight
        ("470101", YearRule.EXPIRY, date(2047, 1, 1)),  # 30 years after: still 20yy
        ("480101", YearRule.EXPIRY, date(1948, 1, 1)),
        ("150101", YearRule.EXPIRY, date(2015, 1, 1)),  # expired two years before
        ("991231", YearRule.FLIGHT, date(2099, 12, 31)),
    ],
)
def test_two_digit_year_rules(value: str, rule: YearRule, expected: date) -> None:
    assert parse_date(value, "101", rule=rule, reference=FLIGHT) == expected


def test_expiry_window_moves_with_the_reference_century() -> None:
    assert parse_date("050101", rule=YearRule.EXPIRY, reference=date(2095, 6, 1)) == date(
        2105, 1, 1
    )
    assert parse_date("960101", rule=YearRule.PAST, reference=date(2105, 6, 1)) == date(2096, 1, 1)


def test_without_reference_two_digit_years_are_20yy() -> None:
    assert parse_date("780706", rule=YearRule.PAST, reference=None) == date(2078, 7, 6)


def test_four_digit_years_are_never_moved() -> None:
    assert parse_date("20780706", "102", rule=YearRule.PAST, reference=FLIGHT) == date(2078, 7, 6)


def test_local_time_to_utc() -> None:
    assert local_to_utc(datetime(2017, 1, 27, 17, 25), "Europe/Berlin") == (
        datetime(2017, 1, 27, 16, 25, tzinfo=UTC),
        None,
    )


def test_ambiguous_local_time_takes_the_first_occurrence() -> None:
    # Clocks went back from 03:00 CEST to 02:00 CET on 31 Oct 2021 in Berlin.
    assert local_to_utc(datetime(2021, 10, 31, 2, 30), "Europe/Berlin") == (
        datetime(2021, 10, 31, 0, 30, tzinfo=UTC),
        "ambiguous_local_time",
    )


def test_nonexistent_local_time_uses_the_offset_before_the_change() -> None:
    # Clocks went forward from 02:00 CET to 03:00 CEST on 28 Mar 2021 in Berlin.
    assert local_to_utc(datetime(2021, 3, 28, 2, 30), "Europe/Berlin") == (
        datetime(2021, 3, 28, 1, 30, tzinfo=UTC),
        "nonexistent_local_time",
    )


def test_unknown_time_zone() -> None:
    assert local_to_utc(datetime(2021, 3, 28, 2, 30), "Mars/Olympus") == (
        None,
        "unknown_time_zone",
    )


references = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(references, st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_two_digit_birth_date_is_never_after_the_flight_date(flight: date, sent: date) -> None:
    value = format_dtm(sent, "101")
    try:
        born = parse_date(value, "101", rule=YearRule.PAST, reference=flight)
    except DateParseError:
        assert sent.month == 2
        assert sent.day == 29
        return
    assert born <= flight
    assert (born.year % 100, born.month, born.day) == (sent.year % 100, sent.month, sent.day)


@given(references, st.integers(min_value=0, max_value=36523))
def test_birth_date_within_a_century_of_the_flight_is_read_exactly(
    flight: date, days_before: int
) -> None:
    born = flight - timedelta(days=days_before)
    value = format_dtm(born, "101")
    assert parse_date(value, "101", rule=YearRule.PAST, reference=flight) == born


@given(references, st.integers(min_value=-69 * 365, max_value=29 * 365))
def test_expiry_within_the_window_is_read_exactly(flight: date, days_after: int) -> None:
    expiry = flight + timedelta(days=days_after)
    value = format_dtm(expiry, "101")
    assert parse_date(value, "101", rule=YearRule.EXPIRY, reference=flight) == expiry


@given(st.dates(min_value=date(1000, 1, 1)))
def test_102_round_trip(value: date) -> None:
    assert parse_date(format_dtm(value, "102"), "102", rule=YearRule.PAST, reference=None) == value


@given(st.datetimes(min_value=datetime(1000, 1, 1)))
def test_203_round_trip(value: datetime) -> None:
    minute = value.replace(second=0, microsecond=0)
    assert parse_local_datetime(format_dtm(minute, "203"), "203") == minute
    assert parse_local_datetime(format_dtm(minute, "203")) == minute  # inferred by length


ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"]


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 12, 31)),
    st.sampled_from(ZONES),
)
def test_utc_conversion_gives_back_the_local_time_unless_it_did_not_exist(
    local: datetime, zone: str
) -> None:
    utc, problem = local_to_utc(local, zone)
    assert utc is not None
    assert utc.utcoffset() == timedelta(0)
    back = utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    if problem == "nonexistent_local_time":
        assert back > local  # in the gap: read with the earlier offset, so it lands after it
    else:
        assert back == local
