"""Both UN Consolidated List editions of the corpus read completely: counts as lists/INDEX.md
states them, and chosen entries field by field."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)
from tests.watchlists.lists import UN_2018, UN_2026, by_reference, index_counts, path, un_edition

pytestmark = pytest.mark.corpus

# <INDIVIDUAL_DATE_OF_BIRTH> holding only an empty <TYPE_OF_DATE/>: the UN's "no date" placeholder.
_DOB_PLACEHOLDER = re.compile(
    rb"<INDIVIDUAL_DATE_OF_BIRTH>\s*<TYPE_OF_DATE/>\s*</INDIVIDUAL_DATE_OF_BIRTH>"
)


def persons(entries: list[ListEntry]) -> list[ListEntry]:
    return [entry for entry in entries if entry.entity_type is EntityType.PERSON]


def entities(entries: list[ListEntry]) -> list[ListEntry]:
    return [entry for entry in entries if entry.entity_type is EntityType.ENTITY]


@pytest.mark.parametrize("name", [UN_2018, UN_2026])
def test_every_individual_and_entity_is_read(name: str) -> None:
    expected = index_counts(name)
    un_list = un_edition(name)
    assert len(persons(un_list.entries)) == expected["individuals"]
    assert len(entities(un_list.entries)) == expected["entities"]
    assert un_list.counts.individuals == expected["individuals"]
    assert un_list.counts.entities == expected["entities"]
    assert len({entry.reference for entry in un_list.entries}) == len(un_list.entries)
    assert all(entry.source and entry.source.startswith("UN Security") for entry in un_list.entries)


def test_2026_edition_counts_match_the_index() -> None:
    expected = index_counts(UN_2026)
    assert expected["aliases"] == 2139  # the parse of INDEX.md itself
    un_list = un_edition(UN_2026)
    people = persons(un_list.entries)
    counts = un_list.counts
    assert counts.aliases == expected["aliases"]
    assert counts.dob_elements == expected["DOB elements"]
    assert counts.documents == expected["documents"]
    assert counts.original_script_names == expected["names in original script"]
    # ... and the entries hold all of them: no alias, document or name is dropped on the way.
    primary = sum(1 for entry in people for name in entry.names if name.primary)
    other_names = sum(len(entry.names) for entry in people) - primary
    assert primary == expected["individuals"]
    assert other_names == expected["aliases"] + expected["names in original script"]
    assert sum(len(entry.documents) for entry in people) == expected["documents"]
    # Every date element is a date, a placeholder, or a warning saying why it is not.
    own_dates = sum(
        1
        for entry in people
        for birth_date in entry.dates_of_birth
        if "(alias " not in (birth_date.text or "")
    )
    placeholders = len(_DOB_PLACEHOLDER.findall(path(UN_2026).read_bytes()))
    unparsed = [w for w in un_list.warnings if w.code == "un_dob_unparsed"]
    assert placeholders == 49
    assert own_dates + placeholders + len(unparsed) == expected["DOB elements"]


def test_generated_dates() -> None:
    assert un_edition(UN_2026).generated == datetime(2026, 2, 27, 0, 0, 9, 554000, tzinfo=UTC)
    minus_four = timezone(timedelta(hours=-4))
    assert un_edition(UN_2018).generated == datetime(2018, 10, 29, 19, 9, 49, 856000, minus_four)


def test_2026_warnings_are_the_known_oddities() -> None:
    warnings = un_edition(UN_2026).warnings
    assert Counter(w.code for w in warnings) == {
        "document_without_number": 14,
        "un_dob_unparsed": 2,
        "unknown_country": 2,
    }
    unparsed = {(w.reference, w.detail) for w in warnings if w.code == "un_dob_unparsed"}
    assert unparsed == {
        ("LYi.022", "date of birth '30-35 years old' not understood"),
        ("QDi.291", "date of birth '24/06/1402 (Hijri Calendar)' not understood"),
    }
    unknown = {(w.reference, w.detail) for w in warnings if w.code == "unknown_country"}
    assert unknown == {
        ("QDi.290", "nationality 'former Soviet Union' kept as listed"),
        ("SDi.001", "nationality 'na' kept as listed"),
    }
    assert all(w.line and w.reference for w in warnings)


def test_individual_with_aliases_of_both_qualities_and_a_between_date() -> None:
    entry = by_reference(un_edition(UN_2026).entries)["CDi.030"]
    assert entry.names[0] == ListName(
        full="BOSCO TAGANDA", parts=("BOSCO", "TAGANDA"), primary=True
    )
    strong = [n.full for n in entry.names[1:] if n.quality is NameQuality.STRONG]
    weak = [n.full for n in entry.names if n.quality is NameQuality.WEAK]
    assert strong == ["Bosco Ntaganda", "Bosco Ntagenda", "General Taganda"]
    assert weak == ["Lydia", "Terminator", "Tango Romeo", "Romeo", "Major"]
    assert entry.dates_of_birth == (
        BirthDate(
            precision="range",
            earliest=date(1973, 1, 1),
            latest=date(1974, 12, 31),
            text="between 1973 and 1974",
        ),
    )
    assert entry.gender == "M"
    assert entry.places_of_birth == ("Bigogwe, Rwanda",)
    assert entry.nationalities == ("COD",)  # "Democratic Republic of the Congo"
    assert entry.listed_on == date(2005, 11, 1)
    assert entry.source == "UN Security Council Consolidated List, DRC"
    assert entry.external_id == "6908021"
    assert entry.remarks is not None
    assert entry.remarks.startswith("Born in Rwanda, he moved to Nyamitaba")


def test_approximately_is_the_year_either_side() -> None:
    entry = by_reference(un_edition(UN_2026).entries)["CDi.014"]
    assert entry.dates_of_birth == (
        BirthDate(
            precision="day",
            earliest=date(1962, 3, 17),
            latest=date(1962, 3, 17),
            text="1962-03-17",
        ),
        BirthDate(
            precision="approximate",
            earliest=date(1965, 1, 1),
            latest=date(1967, 12, 31),
            text="approximately 1966",
        ),
    )
    weak = [n.full for n in entry.names if n.quality is NameQuality.WEAK]
    assert weak == ["Musenyeri", "Achille", "Frere Petrus Ibrahim"]


def test_original_script_alias_dates_places_and_a_document() -> None:
    entry = by_reference(un_edition(UN_2026).entries)["QDi.139"]
    assert [(n.full, n.script, n.quality, n.primary) for n in entry.names] == [
        ("IMED BEN MEKKI ZARKAOUI", "Latin", NameQuality.STRONG, True),
        ("عماد بن مكي زرقاوي", "Arabic", NameQuality.STRONG, False),
        ("Dour Nadre", "Latin", NameQuality.STRONG, False),
        ("Dour Nadre", "Latin", NameQuality.STRONG, False),
        ("Daour Nadre", "Latin", NameQuality.STRONG, False),
        ("Imad ben al-Mekki ben al-Akhdar al-Zarkaoui", "Latin", NameQuality.STRONG, False),
        ("Zarga", "Latin", NameQuality.WEAK, False),
        ("Nadra", "Latin", NameQuality.WEAK, False),
    ]
    assert entry.names[0].parts == ("IMED", "BEN MEKKI", "ZARKAOUI")
    # 1973-01-15 is listed both for the person and for an alias: kept once.
    assert [(d.earliest, d.text) for d in entry.dates_of_birth] == [
        (date(1973, 1, 15), "1973-01-15"),
        (date(1974, 1, 15), "1974-01-15 (alias Dour Nadre)"),
        (date(1975, 3, 31), "1975-03-31 (alias Daour Nadre)"),
    ]
    assert entry.places_of_birth == ("Tunis, Tunisia", "Morocco", "Algeria")
    assert entry.nationalities == ("TUN",)
    assert entry.documents == (
        ListDocument(
            type="Passport",
            number="M174950",
            issuing_state="TUN",
            note="issued 1999-04-27; expired on 26 Apr. 2004",
        ),
    )
    assert entry.gender is None
    assert entry.listed_on == date(2003, 11, 12)


def test_document_types_issuing_countries_and_notes() -> None:
    entry = by_reference(un_edition(UN_2026).entries)["QDi.068"]
    assert entry.documents == (
        ListDocument(
            type="Passport",
            number="M408665",
            issuing_state="TUN",
            note="issued 2000-10-04; expired 3 Oct. 2005",
        ),
        ListDocument(
            type="National Identification Number",
            number="",  # the number is only in the note: document_without_number
            note="Tunisian national identity number W334061 issued on 9 Mar. 2011",
        ),
        ListDocument(
            type="National Identification Number",
            number="BNSDLA70L14Z352B",
            note="Italian Fiscal Code:",
        ),
    )


def test_dates_written_out_in_notes() -> None:
    entries = by_reference(un_edition(UN_2026).entries)
    between_months = entries["QDi.306"].dates_of_birth[0]
    assert (between_months.precision, between_months.earliest, between_months.latest) == (
        "range",
        date(1977, 8, 1),
        date(1977, 9, 30),
    )
    month_in_note = entries["QDi.395"].dates_of_birth[0]
    assert (month_in_note.precision, month_in_note.earliest, month_in_note.latest) == (
        "month",
        date(1958, 9, 1),
        date(1958, 9, 30),
    )
    kony = [(d.precision, d.earliest) for d in entries["CFi.009"].dates_of_birth]
    assert ("month", date(1961, 8, 1)) in kony
    assert ("month", date(1963, 4, 1)) in kony
    approximately_noted = entries["TAi.002"].dates_of_birth[0]
    assert approximately_noted.precision == "range"  # BETWEEN with NOTE Approximately
    assert approximately_noted.text == "between 1955 and 1958 (Approximately)"


def test_entity_with_aliases_and_original_script_name() -> None:
    entry = by_reference(un_edition(UN_2026).entries)["QDe.004"]
    assert entry.entity_type is EntityType.ENTITY
    assert entry.primary_name == "AL-QAIDA"
    assert entry.names[1] == ListName(full="القاعدة", script="Arabic")
    assert len(entry.names) == 12
    assert all(name.quality is NameQuality.STRONG for name in entry.names)  # a.k.a.
    assert entry.names[-1].full == "Al Qa’ida/Islamic Army"
    assert (entry.dates_of_birth, entry.documents, entry.nationalities) == ((), (), ())
    assert entry.listed_on == date(2001, 10, 6)
    assert entry.external_id == "113458"


def test_2018_edition_quirks() -> None:
    un_list = un_edition(UN_2018)
    entries = by_reference(un_list.entries)
    # "KPi.034 " (trailing space) and " RI " are cleaned; LISTED_ON with a zone is read.
    assert entries["KPi.034"].primary_name == "JO YONG CHOL"
    assert entries["KPi.033"].names[0].parts == ("RI", "WON HO")
    assert entries["KPi.033"].documents == (ListDocument(type="Passport", number="381310014"),)
    assert any(entry.listed_on == date(2015, 3, 27) for entry in un_list.entries)
    assert {w.code for w in un_list.warnings} == {
        "document_without_number",
        "un_dob_unparsed",
        "unknown_country",
    }
