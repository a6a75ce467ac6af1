"""Candidate generation: a listed name that matches the traveller exactly is always a candidate,
however common its tokens, and the keyed search finds what the exhaustive reference finds."""

from __future__ import annotations

from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.matching.model import ScreeningQuery

from .helpers import LIST, entry, entry_id, matcher_with, search

# Surnames for a crowd of MOHAMMAD names, each distinct (no look-alikes among them).
SURNAMES = [
    "QANNADI",
    "HEJAZI",
    "ESLAMI",
    "NAQDI",
    "SABET",
    "KARIMI",
    "RAHIMI",
    "TORABI",
    "JAFARI",
    "BAHRAMI",
    "GOLZARI",
    "NIKPOUR",
    "SHIRAZI",
    "TAVAKOLI",
    "YAZDANI",
    "ZARGARI",
    "FARAHANI",
    "GHORBANI",
    "HOSSEINI",
    "JALALI",
    "KAZEMI",
    "LARIJANI",
    "MAJIDI",
    "NOURBAKHSH",
    "OSTADI",
    "PARSA",
    "QASEMI",
    "REZAEI",
    "SALEHI",
    "TEHRANI",
    "VAEZI",
    "ZAMANI",
    "ABBASI",
    "BAGHERI",
    "CHAMRAN",
    "DAVOODI",
    "EBRAHIMI",
    "FALLAHI",
    "GHAFFARI",
    "HAGHIGHI",
    "IZADI",
    "JAVADI",
    "KHALILI",
    "LOTFI",
    "MOUSAVI",
    "NAZARI",
    "OMIDI",
    "POURMAND",
    "RAFIEI",
    "SADEGHI",
    "TAHERI",
    "VAKILI",
    "YOUSEFI",
    "ZAREI",
    "AMINI",
    "BEHESHTI",
]


def crowd() -> tuple[ListEntry, ...]:
    """More MOHAMMAD names than the search scores per traveller, listed before the target,
    and one compound whose root is MOHAMMAD (ABDUL MOHAMMAD)."""
    return (
        entry("ABDUL MOHAMMAD KHAKSAR"),
        *(entry(f"MOHAMMAD {surname}") for surname in SURNAMES),
    )


def test_exact_name_with_a_common_token_is_found() -> None:
    """Regression: a query token whose look-alike is the root of a listed compound (MOHAMMAD,
    root of ABDUL MOHAMMAD) was credited to its neighbour in every name holding MOHAMMAD, so
    the dozens of MOHAMMAD X names covered DOST MOHAMMAD as fully as DOST MOHAMMAD itself and
    crowded it out of the names scored."""
    assert len(SURNAMES) > 48
    target = entry("DOST MOHAMMAD", nationalities=("AFG",))
    matcher = matcher_with(*crowd(), target)
    results = search(matcher, full_name="DOST MOHAMMAD", nationality="AFG")
    assert results
    assert results[0].entry_id == entry_id("DOST MOHAMMAD")
    assert results[0].score >= 0.8
    # The MOHAMMAD crowd shares one common token only: none of them is a hit.
    assert [r.entry_id for r in results] == [entry_id("DOST MOHAMMAD")]


def test_compound_root_still_credits_a_mistyped_marker() -> None:
    """The root postings still do their job: BADUR REHMAN (ABDUR mistyped) finds ABDUR
    REHMAN, filed as ABDULREHMAN under its root REHMAN."""
    matcher = matcher_with(*crowd(), entry("ABDUR REHMAN ZAHID"))
    results = search(matcher, full_name="BADUR REHMAN ZAHID")
    assert results
    assert results[0].entry_id == entry_id("ABDUR REHMAN ZAHID")


def test_transposed_abd_marker_is_a_near_match() -> None:
    matcher = matcher_with(*crowd(), entry("ABD-AL-HAMID AL-MASLI"))
    results = search(matcher, full_name="ADB-AL-HAMID AL-MASLI")
    assert results
    assert results[0].entry_id == entry_id("ABD-AL-HAMID AL-MASLI")
    name = results[0].evidence[0]
    assert name.field == "name"
    assert "ADB" in name.detail


def test_keyed_search_finds_what_the_exhaustive_search_finds() -> None:
    matcher = matcher_with(*crowd(), entry("DOST MOHAMMAD"), entry("FUAD MOHAMED KHALAF"))
    for name in ("DOST MOHAMMAD", "FUAD MOHAMMED KHALAF", "MOHAMAD QANADI", "KARIMI MOHAMMAD"):
        query = ScreeningQuery(full_name=name)
        keyed = matcher.search(query, lists={LIST: 0.7}, limit=5)
        exhaustive = matcher.search_exhaustive(query, lists={LIST: 0.7}, limit=5)
        assert [r.entry_id for r in keyed] == [r.entry_id for r in exhaustive], name
        assert keyed, name


def test_two_edit_look_alike_is_found_by_keys() -> None:
    """Two substitutions (MUHANNAD / MUHAMMAD, ABDULMALIK / ABDULMAJID) are beyond one-deletion
    keys: the two-deletion keys of long tokens find them, as the exhaustive scan does."""
    matcher = matcher_with(*crowd(), entry("ABDULMAJID AL-HOUTHI"), entry("MUHAMMAD AL-NAJDI"))
    for name in ("ABDULMALIK AL-HOUTHI", "MUHANNAD AL-NAJDI"):
        query = ScreeningQuery(full_name=name)
        keyed = matcher.search(query, lists={LIST: 0.7}, limit=5)
        exhaustive = matcher.search_exhaustive(query, lists={LIST: 0.7}, limit=5)
        assert [r.entry_id for r in keyed] == [r.entry_id for r in exhaustive], name
        assert keyed, name


def test_many_hits_are_all_found_when_asked_for() -> None:
    """More listed names reach the threshold than MAX_SCORED: asked for all of them, the
    search scores on (best bound first) and returns what the reference returns; asked for a
    few, it returns the reference's best few."""
    crowd_of_hits = [entry(f"MOHAMMAD ABBAS {surname}") for surname in SURNAMES]
    matcher = matcher_with(*crowd(), *crowd_of_hits, entry("MOHAMMAD ABBAS"))
    query = ScreeningQuery(full_name="MOHAMMAD ABBAS")
    for limit in (1_000, 3):
        keyed = matcher.search(query, lists={LIST: 0.7}, limit=limit)
        exhaustive = matcher.search_exhaustive(query, lists={LIST: 0.7}, limit=limit)
        assert [(r.entry_id, r.score) for r in keyed] == [
            (r.entry_id, r.score) for r in exhaustive
        ], limit
    assert keyed[0].entry_id == entry_id("MOHAMMAD ABBAS")
