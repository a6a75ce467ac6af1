"""Dates of birth as CSV tokens, country names, scripts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.normalise.countries import country_code_for_name, resolve_country
from paxscreen.watchlists.formats.birth_dates import (
    APPROXIMATE_YEARS,
    approximate_year,
    format_birth_date,
    parse_birth_date_token,
)
from paxscreen.watchlists.formats.text import detect_script


@pytest.mark.parametrize(
    ("token", "precision", "earliest", "latest", "written"),
    [
        ("1960", "year", date(1960, 1, 1), date(1960, 12, 31), "1960"),
        ("1960-02", "month", date(1960, 2, 1), date(1960, 2, 29), "1960-02"),
        ("1960-02-29", "day", date(1960, 2, 29), date(1960, 2, 29), "1960-02-29"),
        ("1955..1958", "range", date(1955, 1, 1), date(1958, 12, 31), "1955..1958"),
        ("1977-08..1977-09", "range", date(1977, 8, 1), date(1977, 9, 30), "1977-08..1977-09"),
        (
            "1977-08-03..1977-09",
            "range",
            date(1977, 8, 3),
            date(1977, 9, 30),
            "1977-08-03..1977-09",
        ),
        ("1970..1970", "range", date(1970, 1, 1), date(1970, 12, 31), "1970..1970"),
        (" ~1960 ", "approximate", date(1959, 1, 1), date(1961, 12, 31), "~1960"),
        ("~1959..1961", "approximate", date(1959, 1, 1), date(1961, 12, 31), "~1960"),
        ("~1955..1958-06", "approximate", date(1955, 1, 1), date(1958, 6, 30), "~1955..1958-06"),
    ],
)
def test_date_tokens(
    token: str, precision: str, earliest: date, latest: date, written: str
) -> None:
    birth_date = parse_birth_date_token(token)
    assert (birth_date.precision, birth_date.earliest, birth_date.latest) == (
        precision,
        earliest,
        latest,
    )
    assert birth_date.text is None
    assert format_birth_date(birth_date) == written


@pytest.mark.parametrize(
    "token",
    ["", "60", "1960-2", "1960-13", "1961-02-29", "0000", "~9999", "~1960-05", "1958..1955", "x"],
)
def test_bad_date_tokens(token: str) -> None:
    with pytest.raises(ValueError, match=repr(token.strip())):
        parse_birth_date_token(token)


def test_approximate_is_one_year_either_side() -> None:
    assert APPROXIMATE_YEARS == 1
    assert approximate_year(1966).earliest == date(1965, 1, 1)
    assert approximate_year(1966).latest == date(1967, 12, 31)


@given(st.dates(min_value=date(2, 1, 1)), st.dates(min_value=date(2, 1, 1)))
def test_any_span_round_trips(first: date, second: date) -> None:
    earliest, latest = sorted([first, second])
    for token in (f"{earliest}..{latest}", f"~{earliest}..{latest}"):
        birth_date = parse_birth_date_token(token)
        assert parse_birth_date_token(format_birth_date(birth_date)) == birth_date


@pytest.mark.parametrize(
    ("value", "kept", "warning"),
    [
        ("Democratic Republic of the Congo", "COD", None),
        ("Iran (Islamic Republic of)", "IRN", None),
        ("Syrian Arab Republic", "SYR", None),
        ("United Kingdom of Great Britain and Northern\n   Ireland", "GBR", None),
        ("Russian Federation", "RUS", None),
        ("Türkiye", "TUR", None),
        ("Turkey", "TUR", None),
        ("Bolivia (Plurinational State of)", "BOL", None),
        ("Korea, Republic of", "KOR", None),
        ("Republic of Korea", "KOR", None),
        ("Democratic People's Republic of Korea", "PRK", None),
        ("State of Palestine", "PSE", None),
        ("the Netherlands", "NLD", None),
        ("Tunisian", "TUN", None),
        ("tunisia", "TUN", None),
        ("TUN", "TUN", None),
        ("XXA", "XXA", None),
        ("TN", "TUN", "country_alpha2"),
        ("na", "na", "unknown_country"),  # "not available", not Namibia
        ("Sudan/South Sudan", "Sudan/South Sudan", "unknown_country"),
        ("Indonesia (as at Dec. 2003)", "Indonesia (as at Dec. 2003)", "unknown_country"),
        ("CHI", "CHI", "unknown_country"),
    ],
)
def test_countries(value: str, kept: str, warning: str | None) -> None:
    assert tuple(resolve_country(value)) == (kept, warning)


def test_country_names_only_whole() -> None:
    assert country_code_for_name("Congo") == "COG"
    assert country_code_for_name("") is None
    assert country_code_for_name("Congo Basin") is None


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("JOHN DOE", "Latin"),
        ("محمد حسن آخوند", "Arabic"),
        ("Иван Петров", "Cyrillic"),
        ("ኤርሚኣስ ግርማይ (Tigrinya)", "Ethiopic"),
        ("金正恩", "Han"),
        ("김정은", "Hangul"),
        ("Haji Gulab Gul (حاجی گلاب گل)", "Arabic"),
        ("Saʻid", "Latin"),
        ("", "Latin"),
    ],
)
def test_scripts(text: str, script: str) -> None:
    assert detect_script(text) == script
