"""AIRIMP free text: SSR DOCS / DOCO / DOCA, e-mail encoding, contacts, titles, seats."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.normalise.airimp import (
    GLUED_TITLES,
    TITLES,
    AirimpDateError,
    format_airimp_date,
    format_docs,
    normalise_seat,
    parse_airimp_date,
    parse_doca,
    parse_doco,
    parse_docs,
    split_title,
)
from paxscreen.normalise.airimp_contacts import decode_email, encode_email, read_contact_text
from paxscreen.normalise.dates import YearRule

FLIGHT = date(2017, 4, 21)


def docs(text: str) -> dict[str, object]:
    return parse_docs(text, FLIGHT).fields


def problems(text: str) -> list[str]:
    return [code for code, _ in parse_docs(text, FLIGHT).problems]


def test_docs_in_the_grammar_order() -> None:
    fields = docs("/P/GBR/796428965/GBR/13AUG54/F/26APR25/LOBB/MOLLY/ZARA")

    assert fields == {
        "ssr": "DOCS",
        "type": "P",
        "issuing_state": "GBR",
        "number": "796428965",
        "nationality": "GBR",
        "date_of_birth": date(1954, 8, 13),
        "gender": "F",
        "expiry": date(2025, 4, 26),
        "surname": "LOBB",
        "given_names": "MOLLY ZARA",
        "infant": False,
    }
    assert problems("/P/GBR/796428965/GBR/13AUG54/F/26APR25/LOBB/MOLLY/ZARA") == []


def test_docs_with_only_birth_date_gender_and_names() -> None:
    fields = docs("/////05FEB53/F//DORON/NINA")

    assert (fields["type"], fields["number"], fields["issuing_state"]) == (None, None, None)
    assert fields["date_of_birth"] == date(1953, 2, 5)
    assert (fields["gender"], fields["surname"], fields["given_names"]) == ("F", "DORON", "NINA")
    assert problems("/////05FEB53/F//DORON/NINA") == []


def test_docs_without_a_document_type() -> None:
    fields = docs("//USA/448763368//10JUL68/F/12SEP22/SMITH/ANN")

    assert (fields["type"], fields["issuing_state"], fields["number"]) == (None, "USA", "448763368")
    assert fields["date_of_birth"] == date(1968, 7, 10)


def test_docs_shifted_by_an_extra_leading_slash() -> None:
    text = "//P/USA/123456789/USA/01JAN80/M/01JAN25/SMITH/JOHN"
    fields = docs(text)

    assert (fields["type"], fields["number"], fields["nationality"]) == ("P", "123456789", "USA")
    assert fields["date_of_birth"] == date(1980, 1, 1)
    assert (fields["surname"], fields["given_names"]) == ("SMITH", "JOHN")
    assert problems(text) == ["shifted_document"]


def test_docs_shifted_by_a_missing_type_field() -> None:
    text = "/USA/123456789/USA/01JAN80/M/01JAN25/SMITH/JOHN"
    fields = docs(text)

    assert (fields["type"], fields["issuing_state"], fields["number"]) == (None, "USA", "123456789")
    assert fields["nationality"] == "USA"
    assert (fields["gender"], fields["surname"]) == ("M", "SMITH")
    assert problems(text) == ["shifted_document"]


def test_docs_without_leading_slash_and_with_a_passenger_association() -> None:
    fields = docs("P/GBR/123/GBR/01JAN80/M/01JAN25/SMITH-JONES/JOHN-1.1")

    assert (fields["type"], fields["number"]) == ("P", "123")
    assert (fields["surname"], fields["given_names"]) == ("SMITH-JONES", "JOHN")


def test_docs_names_keep_wrapping_spaces_and_lose_glued_titles() -> None:
    # The normaliser, which knows the TIF name, decides about "TESTSURNA METHREE".
    assert docs("/P/CO/AO589000/CO/14OCT94/M/08MAY23/TESTSURNA METHREE/TESTNAMETHREE")[
        "surname"
    ] == ("TESTSURNA METHREE")
    assert docs("/P/GBR/1//13AUG54/F/26APR25/LOBB/MOLLYMRS/ZARA")["given_names"] == "MOLLY ZARA"


def test_docs_infant_gender_marks_an_infant_document() -> None:
    fields = docs("/P/COL/AO234000/COL/10AUG11/FI/21DEC22/TESTSURNAMETWO/TESTNAMETWO")

    assert (fields["gender"], fields["infant"]) == ("FI", True)
    assert fields["date_of_birth"] == date(2011, 8, 10)


def test_docs_unreadable_dates_are_left_out_and_reported() -> None:
    parsed = parse_docs("/P/GBR/1/GBR/31FEB80/M/XXJAN25/SMITH/JOHN", FLIGHT)

    assert (parsed.fields["date_of_birth"], parsed.fields["expiry"]) == (None, None)
    assert [code for code, _ in parsed.problems] == ["invalid_date", "invalid_date"]
    assert "31FEB80" in parsed.problems[0][1]


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("21APR17", YearRule.PAST, date(2017, 4, 21)),  # born on the day of the flight
        ("22APR17", YearRule.PAST, date(1917, 4, 22)),  # never born after the flight
        ("05JUL12", YearRule.PAST, date(2012, 7, 5)),
        ("10JUL68", YearRule.PAST, date(1968, 7, 10)),
        ("12SEP22", YearRule.EXPIRY, date(2022, 9, 12)),
        ("01JAN47", YearRule.EXPIRY, date(2047, 1, 1)),  # up to 30 years ahead
        ("01JAN48", YearRule.EXPIRY, date(1948, 1, 1)),  # beyond that: long expired
        ("05FEB1953", YearRule.PAST, date(1953, 2, 5)),
    ],
)
def test_two_digit_years(text: str, rule: YearRule, expected: date) -> None:
    assert parse_airimp_date(text, rule, FLIGHT) == expected


def test_airimp_dates_that_are_not_dates() -> None:
    for text in ("", "5FEB", "05FOO53", "30FEB20", "050253"):
        with pytest.raises(AirimpDateError):
            parse_airimp_date(text, YearRule.PAST, FLIGHT)


def test_doco_visa_with_the_leading_slash_missing() -> None:
    parsed = parse_doco(" HERE VA/V/8675309/OTHER PLACE/22DEC06/LI", FLIGHT)

    assert parsed.fields == {
        "ssr": "DOCO",
        "place_of_birth": "HERE VA",
        "type": "V",
        "number": "8675309",
        "place_of_issue": "OTHER PLACE",
        "issue_date": date(2006, 12, 22),
        "applicable_country": "LI",
        "infant": False,
    }
    assert parsed.problems == []


def test_doco_for_an_infant() -> None:
    fields = parse_doco("/LONDON GBR/V/A12345/WASHINGTON/01MAR17/USA/I", FLIGHT).fields

    assert (fields["applicable_country"], fields["infant"]) == ("USA", True)


def test_doca_destination_address() -> None:
    parsed = parse_doca("/D/AUS/13-15 SHORE AVENUE/BROADBEACH/QLD/4215")

    assert parsed.fields == {
        "purpose": "D",
        "country": "AUS",
        "street": "13-15 SHORE AVENUE",  # a hyphen before a digit is no passenger association
        "city": "BROADBEACH",
        "region": "QLD",
        "postal_code": "4215",
    }


@pytest.mark.parametrize(
    ("encoded", "address"),
    [
        ("MOLLY..LOBB//GMAIL.COM", "MOLLY_LOBB@GMAIL.COM"),
        ("LUCA.EULENBERGER//YAHOO.COM", "LUCA.EULENBERGER@YAHOO.COM"),
        ("JOHN./SMITH//AOL.COM", "JOHN-SMITH@AOL.COM"),
        ("MOLLY..LONT+50BB//GMAIL.COM", "MOLLY_LONT+50BB@GMAIL.COM"),
        ("POP.MARIN//YAHOO.COM/EN", "POP.MARIN@YAHOO.COM"),  # language suffix
        ("JOHN.SMITH//AOL.COM-1.1", "JOHN.SMITH@AOL.COM"),  # passenger association
        ("A.//B.COM", "A.@B.COM"),  # the dot stays, the slashes are the @
        ("A.///B.COM", "A-@B.COM"),
        ("first.last@gmail.com", "FIRST.LAST@GMAIL.COM"),
    ],
)
def test_email_decoding(encoded: str, address: str) -> None:
    assert decode_email(encoded) == address


ALNUM = string.ascii_uppercase + string.digits
# Words joined by single separators: AIRIMP's encoding is ambiguous where two special
# characters meet (``....`` could be ``__`` or ``_.``), which real addresses hardly do.
words = st.lists(st.text(ALNUM, min_size=1, max_size=6), min_size=1, max_size=4)


@given(
    words,
    st.lists(st.sampled_from("._-+"), min_size=3, max_size=3),
    words,
    st.sampled_from(["COM", "ORG", "CO.UK"]),
)
def test_email_encoding_round_trips(
    local_words: list[str], separators: list[str], domain_words: list[str], tld: str
) -> None:
    local = local_words[0] + "".join(
        s + w for s, w in zip(separators, local_words[1:], strict=False)
    )
    address = f"{local}@{'-'.join(domain_words)}.{tld}"
    encoded = encode_email(address)

    assert "@" not in encoded
    assert "_" not in encoded
    assert "-" not in encoded
    assert decode_email(encoded) == address


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("CTCE MOLLY..LOBB//GMAIL.COM", "email", "MOLLY_LOBB@GMAIL.COM"),
        ("YY CTC M 123456789", "phone", "123456789"),
        ("EK CTC M 5432109876", "phone", "5432109876"),
        ("CTCH 1234536789", "phone", "1234536789"),
        ("CTCT SEA 866 746-4647 CARLSON WAGONLIT TVL", "phone", "8667464647"),
        ("AM CTCP MEX1800 002 5200 DOMESTIC TOLL FREE", "phone", "18000025200"),
        ("CTCM +44 7700 900123", "phone", "+447700900123"),
        ("CTCA 1 HIGH STREET SLOUGH", "address", "1 HIGH STREET SLOUGH"),
        ("CTCR REFUSED", "CTCR", "REFUSED"),
    ],
)
def test_contact_texts(text: str, kind: str, value: str) -> None:
    contact = read_contact_text(text)

    assert contact is not None
    assert (contact.kind, contact.value) == (kind, value)


def test_texts_that_are_not_contacts() -> None:
    assert read_contact_text("THIS PASSENGER IS A VIP") is None
    assert read_contact_text("CTCM NO NUMBER GIVEN") is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("MOLLYMRS", ("MOLLY", "MRS")),
        ("KEVINMICHAELMR", ("KEVINMICHAEL", "MR")),
        ("TESTNAMEONE MRS", ("TESTNAMEONE", "MRS")),
        ("KONG CHUN MRS", ("KONG CHUN", "MRS")),
        ("NINA MS", ("NINA", "MS")),
        ("JOHN DR", ("JOHN", "DR")),
        ("ALEXANDR", ("ALEXANDR", None)),  # a glued DR is too often part of the name
        ("MISS", ("", "MISS")),
        ("JOHN", ("JOHN", None)),
        ("", ("", None)),
    ],
)
def test_titles(given: str, expected: tuple[str, str | None]) -> None:
    assert split_title(given) == expected


@pytest.mark.parametrize(
    ("seat", "expected"),
    [("039G", "39G"), ("36K", "36K"), ("074E", "74E"), ("XXX", None), ("", None), ("A1", "A1")],
)
def test_seats(seat: str, expected: str | None) -> None:
    assert normalise_seat(seat) == expected


# --- Round trips: generated documents, written as AIRIMP, read back -------------------------

NAME_LETTERS = string.ascii_uppercase
# Names that are, or end like, a title read as one (MOLLYMRS): the generator leaves them out.
names = st.text(NAME_LETTERS, min_size=2, max_size=12).filter(
    lambda name: not name.endswith(GLUED_TITLES) and name not in TITLES
)
countries = st.sampled_from(["USA", "GBR", "DEU", "KOR", "XXA", None])
# Within the two-digit-year windows of the flight date: births before it (up to 99 years),
# expiries in the years from 69 years before to 30 years after (1948-2047 here).
births = st.dates(min_value=date(1918, 4, 22), max_value=FLIGHT)
expiries = st.dates(min_value=date(1948, 1, 1), max_value=date(2047, 12, 31))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    gender = draw(st.sampled_from(["M", "F", "MI", "FI", "U", None]))
    given = draw(st.lists(names, min_size=0, max_size=2))
    return {
        "ssr": "DOCS",
        "type": draw(st.sampled_from(["P", "I", "A", "C", "IP", "F", None])),
        "issuing_state": draw(countries),
        "number": draw(st.one_of(st.none(), st.text("ABC0123456789", min_size=1, max_size=9))),
        "nationality": draw(countries),
        "date_of_birth": draw(st.one_of(st.none(), births)),
        "gender": gender,
        "expiry": draw(st.one_of(st.none(), expiries)),
        "surname": draw(st.one_of(st.none(), names)),
        "given_names": " ".join(given) or None,
        "infant": gender in ("MI", "FI"),
    }


@given(documents())
def test_docs_round_trip(document: dict[str, object]) -> None:
    if document["date_of_birth"] is None and document["gender"] is None:
        # Nothing to anchor a shift on; a number that looks like a date could be taken for one.
        document["number"] = None
    assert docs(format_docs(document)) == document


@given(documents())
def test_docs_round_trip_with_an_extra_leading_slash(document: dict[str, object]) -> None:
    if document["date_of_birth"] is None:
        return  # the shift is found by the date of birth
    parsed = parse_docs("/" + format_docs(document), FLIGHT)

    assert parsed.fields == document
    assert [code for code, _ in parsed.problems] == ["shifted_document"]


@given(births)
def test_birth_dates_round_trip_and_are_never_after_the_flight(born: date) -> None:
    read = parse_airimp_date(format_airimp_date(born), YearRule.PAST, FLIGHT)

    assert read == born
    assert read <= FLIGHT
