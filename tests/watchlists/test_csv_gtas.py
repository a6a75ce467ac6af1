"""The GTAS watchlist CSV files of the corpus, recognised by their headers."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from paxscreen.normalise.canonical_watchlist import BirthDate, ListDocument, ListName
from paxscreen.watchlists.formats.csv_format import CsvList, read_csv_list
from tests.corpus import GTAS_DIR, require_corpus

pytestmark = pytest.mark.corpus

WL_NS = "gtas-watchlist-loader__wl-NS.csv"
KST = "SyntheticPNRStoriesForDemo_zip__KST_Watchlist.txt"
LOST_STOLEN = "SyntheticPNRStoriesForDemo_zip__Lost_StolenPassports.txt"


def read(name: str) -> CsvList:
    require_corpus()
    return read_csv_list((GTAS_DIR / name).read_bytes())


def test_wl_ns_people_with_documents() -> None:
    wl = read(WL_NS)
    assert (wl.shape, len(wl.entries), wl.errors) == ("gtas", 7, [])
    robert = wl.entries[0]
    assert robert.names == (
        ListName(
            full="ROBERT ANTONIO PICHA",
            parts=("ROBERT", "ANTONIO", "PICHA"),
            given="ROBERT ANTONIO",
            family="PICHA",
            primary=True,
        ),
    )
    assert robert.documents == (ListDocument(type="P", number="P123456", issuing_state="USA"),)
    assert robert.nationalities == ("GBR",)  # coc
    assert robert.dates_of_birth == ()
    assert robert.source == "GTAS watchlist CSV"
    # "2-12-1965": 12 February or 2 December, the file does not say: both are kept.
    john = wl.entries[2]
    assert john.primary_name == "john deo"
    assert john.dates_of_birth == (
        BirthDate(
            precision="day", earliest=date(1965, 2, 12), latest=date(1965, 2, 12), text="2-12-1965"
        ),
        BirthDate(
            precision="day", earliest=date(1965, 12, 2), latest=date(1965, 12, 2), text="2-12-1965"
        ),
    )
    assert john.documents == (ListDocument(type="P", number="P123456"),)  # no documentcountry
    assert wl.entries[4].documents == (ListDocument(type="P", number="", issuing_state="USA"),)
    assert wl.entries[5].nationalities == ()
    assert wl.entries[6].names[0].parts == ("john", "KUMAR", "deo")
    assert wl.entries[6].nationalities == ("CHI",)  # not a country code: kept as listed
    assert [(w.code, w.line, w.column, w.field) for w in wl.warnings] == [
        ("csv_unread_column", 1, None, None),
        *[("ambiguous_date", line, 4, "dob") for line in (3, 4, 5)],
        ("document_without_number", 6, 6, "documentnumber"),
        *[("ambiguous_date", line, 4, "dob") for line in (6, 7, 8)],
        ("unknown_country", 8, 8, "coc"),
    ]
    assert wl.warnings[0].detail == (
        "columns not kept: phone, email (contact data is not part of a list entry)"
    )


def test_kst_watchlist_people() -> None:
    kst = read(KST)
    assert (kst.shape, len(kst.entries), kst.errors, kst.warnings) == ("gtas", 50, [], [])
    first, last = kst.entries[0], kst.entries[-1]
    assert (first.primary_name, first.names[0].given, first.names[0].family) == (
        "ARLIE PROCTER",
        "ARLIE",
        "PROCTER",
    )
    assert first.dates_of_birth == (
        BirthDate(
            precision="day", earliest=date(1968, 4, 12), latest=date(1968, 4, 12), text="1968-04-12"
        ),
    )
    assert last.primary_name == "MICHAEL WIDERLECHNER"
    assert len({entry.reference for entry in kst.entries}) == 50


def test_lost_and_stolen_documents() -> None:
    lost = read(LOST_STOLEN)
    assert (lost.shape, len(lost.entries), lost.errors, lost.warnings) == ("gtas", 50, [], [])
    assert all(entry.names == () for entry in lost.entries)
    assert lost.entries[0].documents == (ListDocument(type="V", number="35509020"),)
    assert lost.entries[-1].documents == (ListDocument(type="P", number="147288979"),)
    types = Counter(entry.documents[0].type for entry in lost.entries)
    assert types == {"V": 25, "P": 25}
    assert lost.entries[4].documents[0].number == "09620280"  # leading zero kept


def test_references_follow_the_row_not_its_place() -> None:
    require_corpus()
    data = (GTAS_DIR / KST).read_bytes().decode()
    header, *rows = data.splitlines()
    reordered = read_csv_list("\n".join([header, *reversed(rows), rows[0]]).encode())
    original = read(KST)
    assert [e.reference for e in reordered.entries] == [
        e.reference for e in reversed(original.entries)
    ]
    assert [(w.code, w.line) for w in reordered.warnings] == [("csv_duplicate_row", 52)]


def test_gtas_rows_that_cannot_be_read() -> None:
    data = b"firstname,lastname,dob,phone\n,,,555\nAnn,Lee,31/31/1980,\nBo,Ek,1980-02-30,\n"
    read = read_csv_list(data)
    assert [(e.code, e.line) for e in read.errors] == [("csv_missing_name", 2)]
    assert [entry.primary_name for entry in read.entries] == ["Ann Lee", "Bo Ek"]
    assert [(w.code, w.line, w.field) for w in read.warnings] == [
        ("csv_unread_column", 1, None),
        ("invalid_date", 3, "dob"),
        ("invalid_date", 4, "dob"),
    ]
