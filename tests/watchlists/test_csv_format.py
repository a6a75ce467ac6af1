"""paxscreen's watchlist CSV (docs/watchlist-csv.md): round trip, escapes, and problems located
by line and column."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)
from paxscreen.watchlists.formats.csv_format import COLUMNS, read_csv_list, write_csv_list
from paxscreen.watchlists.formats.issues import WatchlistFormatError
from paxscreen.watchlists.formats.text import detect_script
from tests.watchlists.lists import UN_2026, un_edition

HEADER = ",".join(COLUMNS)

# Text as lists hold it: any script, the characters the format escapes, no edge white space.
_CHARACTERS = st.one_of(
    st.characters(categories=["L", "N"]),
    st.sampled_from(list("|\\:~,\"' -.()/ʼ")),
)
TEXT = st.text(_CHARACTERS, min_size=1, max_size=24).map(str.strip).filter(bool)
REMARKS = st.text(st.one_of(_CHARACTERS, st.just("\n")), min_size=1, max_size=60)
CODES = st.sampled_from(["AFG", "DEU", "GBR", "IRN", "PRK", "TUN", "USA", "XXA"])
DATES = st.dates(min_value=date(1800, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def birth_dates(draw: st.DrawFn) -> BirthDate:
    first, second = sorted([draw(DATES), draw(DATES)])
    year = first.year
    month_end = date(year, first.month % 12 + 1, 1) if first.month < 12 else date(year + 1, 1, 1)
    spans = {
        "day": (first, first),
        "month": (first.replace(day=1), date.fromordinal(month_end.toordinal() - 1)),
        "year": (date(year, 1, 1), date(year, 12, 31)),
        "range": (first, second),
        "approximate": draw(
            st.sampled_from([(date(year - 1, 1, 1), date(year + 1, 12, 31)), (first, second)])
        ),
    }
    precision = draw(st.sampled_from(sorted(spans)))
    earliest, latest = spans[precision]
    return BirthDate(precision=precision, earliest=earliest, latest=latest)


@st.composite
def list_names(draw: st.DrawFn, primary: bool) -> ListName:
    full = draw(TEXT)
    if not primary:
        quality = draw(st.sampled_from(NameQuality))
        return ListName(full=full, quality=quality, script=detect_script(full))
    return ListName(
        full=full,
        parts=tuple(draw(st.lists(TEXT, max_size=3))),
        given=draw(st.none() | TEXT),
        family=draw(st.none() | TEXT),
        primary=True,
        script=detect_script(full),
    )


DOCUMENTS = st.builds(
    ListDocument,
    type=st.none() | TEXT,
    number=TEXT,
    issuing_state=st.none() | CODES,
    note=st.none() | TEXT,
)


@st.composite
def list_entries(draw: st.DrawFn) -> list[ListEntry]:
    references = draw(st.lists(TEXT, max_size=5, unique=True))
    entries = []
    for reference in references:
        names = [draw(list_names(True))] if draw(st.booleans()) else []
        names += draw(st.lists(list_names(False), max_size=4))
        documents = draw(st.lists(DOCUMENTS, min_size=0 if names else 1, max_size=3))
        entries.append(
            ListEntry(
                reference=reference,
                entity_type=draw(st.sampled_from(EntityType)),
                names=tuple(names),
                gender=draw(st.sampled_from([None, "M", "F", "U"])),
                dates_of_birth=tuple(draw(st.lists(birth_dates(), max_size=3))),
                places_of_birth=tuple(draw(st.lists(TEXT, max_size=2))),
                nationalities=tuple(draw(st.lists(CODES, max_size=2))),
                documents=tuple(documents),
                listed_on=draw(st.none() | DATES),
                remarks=draw(st.none() | REMARKS.map(str.strip).filter(bool)),
                source=draw(st.none() | TEXT),
                external_id=draw(st.none() | TEXT),
            )
        )
    return entries


@settings(max_examples=300, deadline=None)
@given(list_entries())
def test_round_trip(entries: list[ListEntry]) -> None:
    written = write_csv_list(entries)
    read = read_csv_list(written)
    assert (read.errors, read.warnings) == ([], [])
    assert read.entries == entries
    assert read.shape == "paxscreen"
    assert write_csv_list(read.entries) == written


def test_written_file_shape() -> None:
    entry = ListEntry(
        reference="X.1",
        names=(
            ListName(full="ABU BAKR", parts=("ABU", "BAKR"), primary=True),
            ListName(full="Abu|Bakr", quality=NameQuality.WEAK),
            ListName(full="~Tilde", quality=NameQuality.STRONG),
        ),
        dates_of_birth=(
            BirthDate(
                precision="approximate", earliest=date(1959, 1, 1), latest=date(1961, 12, 31)
            ),
            BirthDate(precision="range", earliest=date(1977, 8, 1), latest=date(1977, 9, 30)),
        ),
        documents=(ListDocument(type="Passport", number="A:1", issuing_state="TUN"),),
        remarks="two\nlines",
    )
    assert write_csv_list([entry]).decode().split("\r\n") == [
        HEADER,
        "X.1,person,ABU BAKR,,,ABU|BAKR,~Abu\\|Bakr|\\~Tilde,,~1960|1977-08..1977-09,,,"
        'Passport:A\\:1:TUN,,"two\nlines",,',
        "",
    ]


def test_cells_and_escapes() -> None:
    data = (
        b"Reference , FULL_NAME,aliases,documents,date_of_birth,nationalities,gender\n"
        b'Q1,"Doe, John",A\\|B|~C|\\~D|E\\\\F| |~weak one,'
        b"Passport:A\\:1:TUN:expires: 2030|:P123|X9|P::GB,"
        b"1960-02|~1955..1958| 1977-08-01..1977-09 ,tun|Iran (Islamic Republic of)|SY,male\n"
    )
    read = read_csv_list(data)
    (entry,) = read.entries
    assert [(n.full, n.quality, n.primary) for n in entry.names] == [
        ("Doe, John", NameQuality.STRONG, True),
        ("A|B", NameQuality.STRONG, False),
        ("C", NameQuality.WEAK, False),
        ("~D", NameQuality.STRONG, False),
        ("E\\F", NameQuality.STRONG, False),
        ("weak one", NameQuality.WEAK, False),
    ]
    assert entry.documents == (
        ListDocument(type="Passport", number="A:1", issuing_state="TUN", note="expires: 2030"),
        ListDocument(number="P123"),
        ListDocument(number="X9"),
        ListDocument(type="P", number="", issuing_state="GBR"),
    )
    assert [(d.precision, d.earliest, d.latest) for d in entry.dates_of_birth] == [
        ("month", date(1960, 2, 1), date(1960, 2, 29)),
        ("approximate", date(1955, 1, 1), date(1958, 12, 31)),
        ("range", date(1977, 8, 1), date(1977, 9, 30)),
    ]
    # "tun" is not a code (lower case) nor a country name; SY is an alpha-2 code.
    assert entry.nationalities == ("tun", "IRN", "SYR")
    assert entry.gender == "M"
    assert [(w.code, w.line, w.column, w.field) for w in read.warnings] == [
        ("country_alpha2", 2, 4, "documents"),
        ("document_without_number", 2, 4, "documents"),
        ("unknown_country", 2, 6, "nationalities"),
        ("country_alpha2", 2, 6, "nationalities"),
    ]


BAD_FILE = "\r\n".join(
    [
        "reference,full_name,date_of_birth,gender,nationalities,documents,listed_on,entity_type",
        "R1,Jane Doe,1970,F,DEU,,2020-01-01,",  # line 2: fine
        ",No Reference,,,,,,",  # 3
        "R2,Too,Many,Fields,,,,,,",  # 4
        'R3,"Two-line',  # 5
        'Name",,,,,,',  # 6
        "R1,Again,,,,,,",  # 7
        "R4,,1970,,,,,",  # 8: no name, no document
        "R5,A Ship,,,,,,vessel",  # 9
        "",  # 10: blank
        "R6,Bad Values,1975-13-01|~1960,X,Atlantis,P:,yesterday,person",  # 11
        "R7,Short,row",  # 12
    ]
).encode()


def test_rows_that_cannot_be_read_are_errors_with_their_line() -> None:
    read = read_csv_list(BAD_FILE)
    assert [entry.reference for entry in read.entries] == ["R1", "R3", "R6"]
    assert read.entries[1].primary_name == "Two-line\r\nName"
    assert [(e.code, e.line, e.column, e.field, e.reference) for e in read.errors] == [
        ("csv_missing_reference", 3, 1, "reference", None),
        ("csv_field_count", 4, None, None, None),
        ("csv_duplicate_reference", 7, 1, "reference", "R1"),
        ("csv_missing_name", 8, None, None, "R4"),
        ("csv_entity_type", 9, 8, "entity_type", "R5"),
        ("csv_field_count", 12, None, None, None),
    ]
    assert read.errors[2].detail == "reference already given on line 2"
    assert read.errors[-1].describe() == (
        "csv_field_count (line 12): 3 fields where the header has 8"
    )


def test_values_that_cannot_be_read_are_warnings_and_the_entry_is_kept() -> None:
    read = read_csv_list(BAD_FILE)
    entry = read.entries[-1]
    assert entry.dates_of_birth == (
        BirthDate(precision="approximate", earliest=date(1959, 1, 1), latest=date(1961, 12, 31)),
    )
    assert (entry.gender, entry.nationalities, entry.listed_on) == (None, ("Atlantis",), None)
    assert entry.documents == (ListDocument(type="P", number=""),)
    assert [(w.code, w.line, w.column, w.field, w.reference) for w in read.warnings] == [
        ("document_without_number", 11, 6, "documents", "R6"),
        ("unknown_gender", 11, 4, "gender", "R6"),
        ("invalid_date", 11, 3, "date_of_birth", "R6"),
        ("unknown_country", 11, 5, "nationalities", "R6"),
        ("invalid_date", 11, 7, "listed_on", "R6"),
    ]
    assert read.warnings[2].detail == "'1975-13-01': month must be in 1..12: left out"


def test_header_variants() -> None:
    data = "\ufeffFull_Name , REFERENCE,colour\nJohn Doe,R1,blue\n".encode()
    read = read_csv_list(data)
    assert [(e.reference, e.primary_name) for e in read.entries] == [("R1", "John Doe")]
    assert [(w.code, w.line, w.column, w.field) for w in read.warnings] == [
        ("csv_unknown_column", 1, 3, "colour")
    ]


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"", "csv_empty", 1),
        (b"\n\n", "csv_empty", 1),
        (b"name,dob\nJohn,1970\n", "csv_unknown_header", 1),
        (b"reference,full_name,Reference\n", "csv_duplicate_column", 1),
        (b"reference,full_name\nR1,ok\nR2,\xff\xfe\n", "csv_encoding", 3),
    ],
)
def test_files_that_are_refused(data: bytes, code: str, line: int) -> None:
    with pytest.raises(WatchlistFormatError) as raised:
        read_csv_list(data)
    assert (raised.value.code, raised.value.line) == (code, line)


@pytest.mark.corpus
def test_un_list_through_csv_keeps_all_but_what_the_format_does_not_carry() -> None:
    entries = un_edition(UN_2026).entries
    read = read_csv_list(write_csv_list(entries))
    assert read.errors == []
    assert {w.code for w in read.warnings} == {"document_without_number", "unknown_country"}
    assert len(read.entries) == len(entries)
    for before, after in zip(entries, read.entries, strict=True):
        assert after.model_dump(exclude={"names", "dates_of_birth"}) == before.model_dump(
            exclude={"names", "dates_of_birth"}
        )
        assert [(n.full, n.quality, n.script, n.primary) for n in after.names] == [
            (n.full, n.quality, n.script, n.primary) for n in before.names
        ]
        assert after.names[:1] == before.names[:1]  # the primary name, parts and all
        assert [(d.precision, d.earliest, d.latest) for d in after.dates_of_birth] == [
            (d.precision, d.earliest, d.latest) for d in before.dates_of_birth
        ]
