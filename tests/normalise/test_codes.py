"""Code lists: countries, airports, gender and document types."""

from __future__ import annotations

import subprocess
import sys

import pytest

from paxscreen.normalise.codes import (
    CodeCheck,
    airport,
    check_airport,
    check_country,
    check_document_type,
    check_gender,
)


@pytest.mark.parametrize("code", ["USA", "GBR", "DEU", "usa", " FRA "])
def test_iso_alpha3_country_is_known(code: str) -> None:
    assert check_country(code) == CodeCheck(code.strip().upper(), None)


@pytest.mark.parametrize(
    "code", ["D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNA", "UNK", "UNO", "XXA", "XXB", "XXC"]
)
def test_icao_9303_special_codes_are_known(code: str) -> None:
    assert check_country(code) == CodeCheck(code, None)


@pytest.mark.parametrize(
    "code",
    ["XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XES", "XMP", "XOM", "XPO", "XDC", "XXX", "EUE"],
)
def test_icao_organisation_codes_are_known(code: str) -> None:
    assert check_country(code).warning is None


def test_kosovo_codes_are_known() -> None:
    assert check_country("RKS").warning is None
    assert check_country("XKX").warning is None


@pytest.mark.parametrize(("alpha2", "alpha3"), [("DE", "DEU"), ("us", "USA"), ("GB", "GBR")])
def test_alpha2_country_is_mapped_to_alpha3_with_a_warning(alpha2: str, alpha3: str) -> None:
    assert check_country(alpha2) == CodeCheck(alpha3, "country_alpha2")


@pytest.mark.parametrize("code", ["ZZZ", "XK", "ABCD", "U5A"])
def test_unknown_country_is_kept_as_sent_with_a_warning(code: str) -> None:
    assert check_country(code) == CodeCheck(code, "unknown_country")


def test_airport_has_time_zone_and_alpha3_country() -> None:
    jfk = airport("jfk")
    assert jfk is not None
    assert (jfk.code, jfk.time_zone, jfk.country) == ("JFK", "America/New_York", "USA")
    fra = airport("FRA")
    assert fra is not None
    assert (fra.time_zone, fra.country) == ("Europe/Berlin", "DEU")


def test_unknown_airport_is_kept_with_a_warning() -> None:
    assert airport("XQZ") is None
    assert check_airport("xqz") == CodeCheck("XQZ", "unknown_airport")
    assert check_airport("IAD") == CodeCheck("IAD", None)


@pytest.mark.parametrize("code", ["M", "F", "U", "X", "f"])
def test_gender_codes(code: str) -> None:
    assert check_gender(code) == CodeCheck(code.upper(), None)


def test_unknown_gender_is_kept() -> None:
    assert check_gender("Q") == CodeCheck("Q", "unknown_gender")


@pytest.mark.parametrize("code", ["P", "V", "I", "IP", "AC", "C", "A", "M", "T", "L", "F"])
def test_document_type_codes(code: str) -> None:
    assert check_document_type(code) == CodeCheck(code, None)


def test_unknown_document_type_is_kept() -> None:
    assert check_document_type("qq") == CodeCheck("QQ", "unknown_document_type")


def test_importing_the_normaliser_loads_no_reference_data() -> None:
    probe = (
        "import sys, paxscreen.normalise.paxlst, paxscreen.normalise.codes, "
        "paxscreen.edifact.messages.paxlst\n"
        "heavy = {'airportsdata', 'pycountry', 'fastapi', 'sqlalchemy'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
