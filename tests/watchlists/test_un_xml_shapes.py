"""UN Consolidated List shapes one at a time: every date-of-birth form, alias qualities, what is
warned about, and files that are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from paxscreen.normalise.canonical_watchlist import BirthDate, EntityType, ListEntry, NameQuality
from paxscreen.watchlists.formats.issues import ListIssue, WatchlistFormatError
from paxscreen.watchlists.formats.un_xml import read_un_list


def un_xml(individuals: str = "", entities: str = "", extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">\n'
        f"<INDIVIDUALS>{individuals}</INDIVIDUALS>\n"
        f"<ENTITIES>{entities}</ENTITIES>{extra}\n"
        "</CONSOLIDATED_LIST>"
    ).encode()


def individual(body: str, reference: str = "QDi.900", first: str = "JOHN") -> str:
    return (
        f"<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>{first}</FIRST_NAME>"
        f"<SECOND_NAME>DOE</SECOND_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER><LISTED_ON>2020-01-02</LISTED_ON>"
        f"{body}</INDIVIDUAL>"
    )


def read_one(body: str) -> tuple[ListEntry, list[ListIssue]]:
    un_list = read_un_list(un_xml(individual(body)))
    (entry,) = un_list.entries
    return entry, un_list.warnings


def dob(body: str) -> str:
    return f"<INDIVIDUAL_DATE_OF_BIRTH>{body}</INDIVIDUAL_DATE_OF_BIRTH>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-07-17</DATE>",
            ("day", date(1964, 7, 17), date(1964, 7, 17), "1964-07-17"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-01-01-05:00</DATE>",
            ("day", date(1960, 1, 1), date(1960, 1, 1), "1960-01-01"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR>",
            ("year", date(1971, 1, 1), date(1971, 12, 31), "1971"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1958</YEAR><NOTE>Sep.</NOTE>",
            ("month", date(1958, 9, 1), date(1958, 9, 30), "Sep. 1958"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1979-03-03</DATE>"
            "<NOTE>from false passport</NOTE>",
            ("day", date(1979, 3, 3), date(1979, 3, 3), "1979-03-03 (from false passport)"),
        ),
        (
            "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1966</YEAR>",
            ("approximate", date(1965, 1, 1), date(1967, 12, 31), "approximately 1966"),
        ),
        (
            "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1967</FROM_YEAR><TO_YEAR>1969</TO_YEAR>",
            ("range", date(1967, 1, 1), date(1969, 12, 31), "between 1967 and 1969"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973</NOTE>",
            ("month", date(1973, 11, 1), date(1973, 11, 30), "Nov. 1973"),
        ),
        (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Between Aug. and Sep. 1977</NOTE>",
            ("range", date(1977, 8, 1), date(1977, 9, 30), "Between Aug. and Sep. 1977"),
        ),
    ],
)
def test_date_of_birth_forms(body: str, expected: tuple[str, date, date, str]) -> None:
    entry, warnings = read_one(dob(body))
    (birth_date,) = entry.dates_of_birth
    assert (birth_date.precision, birth_date.earliest, birth_date.latest, birth_date.text) == (
        expected
    )
    assert warnings == []


def test_placeholder_date_is_nothing_and_no_warning() -> None:
    entry, warnings = read_one(dob("<TYPE_OF_DATE/>") + dob(""))
    assert entry.dates_of_birth == ()
    assert warnings == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><NOTE>30-35 years old</NOTE>",
            "un_dob_unparsed",
        ),
        ("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>24/06/1402 (Hijri)</NOTE>", "un_dob_unparsed"),
        ("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE>", "un_dob_unparsed"),
        ("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-02-30</DATE>", "invalid_date"),
        ("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>19xx</YEAR>", "invalid_date"),
        ("<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR>", "un_dob_unparsed"),
        (
            "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1960</TO_YEAR>",
            "invalid_date",
        ),
    ],
)
def test_dates_that_cannot_be_read_are_warned_about(body: str, code: str) -> None:
    entry, warnings = read_one(dob(body))
    assert entry.dates_of_birth == ()
    (warning,) = warnings
    assert (warning.code, warning.reference, warning.field) == (
        code,
        "QDi.900",
        "INDIVIDUAL_DATE_OF_BIRTH",
    )
    assert warning.line == 3


def test_unknown_date_type_is_read_by_its_fields_and_warned_about() -> None:
    entry, warnings = read_one(dob("<TYPE_OF_DATE>CIRCA</TYPE_OF_DATE><YEAR>1950</YEAR>"))
    assert entry.dates_of_birth[0].precision == "year"
    assert [w.code for w in warnings] == ["un_dob_type"]


def test_alias_qualities() -> None:
    aliases = "".join(
        f"<INDIVIDUAL_ALIAS><QUALITY>{quality}</QUALITY><ALIAS_NAME>{name}</ALIAS_NAME>"
        "</INDIVIDUAL_ALIAS>"
        for quality, name in [
            ("Good", "A ONE"),
            ("Low", "B TWO"),
            ("a.k.a.", "C THREE"),
            ("f.k.a.", "D FOUR"),
            ("Unheard", "E FIVE"),
            ("", ""),
        ]
    )
    entry, warnings = read_one(aliases)
    assert [(n.full, n.quality) for n in entry.names[1:]] == [
        ("A ONE", NameQuality.STRONG),
        ("B TWO", NameQuality.WEAK),
        ("C THREE", NameQuality.STRONG),
        ("D FOUR", NameQuality.STRONG),
        ("E FIVE", NameQuality.STRONG),
    ]
    assert [(w.code, w.detail) for w in warnings] == [
        ("un_alias_quality", "QUALITY 'Unheard' read as strong")
    ]


def test_alias_date_and_place_of_birth_join_the_entry() -> None:
    entry, warnings = read_one(
        dob("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-01-01</DATE>")
        + "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>JON DOE</ALIAS_NAME>"
        "<DATE_OF_BIRTH>1984</DATE_OF_BIRTH><CITY_OF_BIRTH>Tunis</CITY_OF_BIRTH>"
        "<COUNTRY_OF_BIRTH>Tunisia</COUNTRY_OF_BIRTH></INDIVIDUAL_ALIAS>"
        + "<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>JD</ALIAS_NAME>"
        "<DATE_OF_BIRTH>1970-01-01</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>"
    )
    assert entry.dates_of_birth == (
        BirthDate(
            precision="day", earliest=date(1970, 1, 1), latest=date(1970, 1, 1), text="1970-01-01"
        ),
        BirthDate(
            precision="year",
            earliest=date(1984, 1, 1),
            latest=date(1984, 12, 31),
            text="1984 (alias JON DOE)",
        ),
    )
    assert entry.places_of_birth == ("Tunis, Tunisia",)
    assert warnings == []


def test_names_places_nationalities_gender_and_documents() -> None:
    entry, warnings = read_one(
        "<THIRD_NAME> ABU  </THIRD_NAME><FOURTH_NAME>BAKR</FOURTH_NAME>"
        "<NAME_ORIGINAL_SCRIPT>Иван Петров</NAME_ORIGINAL_SCRIPT><GENDER>MALE</GENDER>"
        "<NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Türkiye</VALUE>"
        "<VALUE>Syrian Arab Republic</VALUE><VALUE>Pakistani</VALUE></NATIONALITY>"
        "<INDIVIDUAL_PLACE_OF_BIRTH><STREET>Noori village</STREET><CITY>Maiwand</CITY>"
        "<STATE_PROVINCE>Kandahar</STATE_PROVINCE><COUNTRY>Afghanistan</COUNTRY>"
        "<NOTE>(now Kandahar City)</NOTE></INDIVIDUAL_PLACE_OF_BIRTH>"
        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>"
        "<NUMBER>A123</NUMBER><COUNTRY_OF_ISSUE>United Kingdom of Great Britain and Northern"
        "\n   Ireland</COUNTRY_OF_ISSUE><CITY_OF_ISSUE>London</CITY_OF_ISSUE></INDIVIDUAL_DOCUMENT>"
    )
    assert entry.names[0].parts == ("JOHN", "DOE", "ABU", "BAKR")
    assert entry.names[0].full == "JOHN DOE ABU BAKR"
    assert (entry.names[1].full, entry.names[1].script) == ("Иван Петров", "Cyrillic")
    assert entry.gender == "M"
    assert entry.nationalities == ("IRN", "TUR", "SYR", "PAK")
    assert entry.places_of_birth == (
        "Noori village, Maiwand, Kandahar, Afghanistan (now Kandahar City)",
    )
    (document,) = entry.documents
    assert (document.type, document.number, document.issuing_state, document.note) == (
        "Passport",
        "A123",
        "GBR",
        "in London",
    )
    assert entry.listed_on == date(2020, 1, 2)
    assert warnings == []


def test_what_is_warned_about_is_located() -> None:
    un_list = read_un_list(
        un_xml(
            individual(
                "<GENDER>Other</GENDER><SHOE_SIZE>44</SHOE_SIZE><NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY>"
            )
            + "\n"
            + individual("", reference="QDi.900")
            + "\n"
            + individual("", reference="").replace("<FIRST_NAME>JOHN", "<FIRST_NAME>JANE")
            + "\n"
            + individual("", reference="QDi.901", first="").replace(
                "<SECOND_NAME>DOE", "<SECOND_NAME>"
            ),
            extra="<ELSEWHERE>x</ELSEWHERE>",
        )
    )
    assert [(w.code, w.reference, w.line) for w in un_list.warnings] == [
        ("un_unread_element", None, 7),  # <ELSEWHERE>
        ("un_unread_element", "QDi.900", 3),  # <SHOE_SIZE>
        ("unknown_country", "QDi.900", 3),
        ("unknown_gender", "QDi.900", 3),
        ("un_duplicate_reference", "QDi.900", 4),
        ("un_missing_reference", None, 5),
        ("un_entry_without_name", "QDi.901", 6),
    ]
    assert [entry.reference for entry in un_list.entries] == ["QDi.900", "QDi.900", "DATAID-1"]
    assert un_list.entries[0].gender is None
    assert un_list.entries[0].nationalities == ("Atlantis",)


def test_entity() -> None:
    un_list = read_un_list(
        un_xml(
            entities="<ENTITY><DATAID>7</DATAID><FIRST_NAME>ACME TRADING</FIRST_NAME>"
            "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>"
            "<LISTED_ON>2016-03-02</LISTED_ON><COMMENTS1>Front  company.\n Line two</COMMENTS1>"
            "<ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>OLD ACME</ALIAS_NAME>"
            "</ENTITY_ALIAS>"
            "<ENTITY_ADDRESS><CITY>Pyongyang</CITY></ENTITY_ADDRESS></ENTITY>"
        )
    )
    (entry,) = un_list.entries
    assert entry.entity_type is EntityType.ENTITY
    assert [(n.full, n.primary, n.quality) for n in entry.names] == [
        ("ACME TRADING", True, NameQuality.STRONG),
        ("OLD ACME", False, NameQuality.STRONG),
    ]
    assert entry.remarks == "Front company. Line two"
    assert entry.source == "UN Security Council Consolidated List, DPRK"
    assert (entry.external_id, entry.listed_on) == ("7", date(2016, 3, 2))
    assert un_list.warnings == []
    assert (un_list.counts.entities, un_list.counts.entity_aliases) == (1, 1)


def test_empty_list() -> None:
    un_list = read_un_list(un_xml())
    assert (un_list.entries, un_list.warnings) == ([], [])
    assert un_list.generated == datetime(2026, 2, 27, 0, 0, 9, 554000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "boom">]><CONSOLIDATED_LIST>&a;'
            b"</CONSOLIDATED_LIST>",
            "xml_forbidden",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.com/x.dtd">'
            b"<CONSOLIDATED_LIST/>",
            "xml_forbidden",
        ),
        (b"<CONSOLIDATED_LIST><INDIVIDUALS></CONSOLIDATED_LIST>", "xml_syntax"),
        (b"not xml at all", "xml_syntax"),
        (b"<sdnList/>", "un_not_consolidated_list"),
    ],
)
def test_files_that_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(WatchlistFormatError) as raised:
        read_un_list(data)
    assert raised.value.code == code
    assert raised.value.line is not None
