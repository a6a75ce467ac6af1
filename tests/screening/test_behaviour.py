"""What screening must get right (matching.md, "What our matcher must do better"), asserted on
the matcher's behaviour: scripts, order, nasab chains, middle names, dates, documents and the
explanation of every hit."""

from __future__ import annotations

import pytest

from paxscreen.normalise.canonical_watchlist import ListDocument
from paxscreen.screening.matching import evidence
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD
from paxscreen.screening.matching.model import MatchResult, QueryDocument, ScreeningQuery

from .helpers import LIST, born, day, entry, entry_id, matcher_with, search, top_score, year
from .test_matcher import BACKGROUND


def found(results: list[MatchResult], reference: str) -> float:
    """The score of the entry ``reference`` among the results (0 when absent)."""
    wanted = entry_id(reference)
    return next((r.score for r in results if r.entry_id == wanted), 0.0)


# ---- scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "traveller"),
    [
        # Latin list, Arabic-script traveller, and the other way round.
        ("SADDAM HUSSEIN AL-TIKRITI", "صدام حسين التكريتي"),
        ("صدام حسين التكريتي", "SADDAM HUSSEIN AL-TIKRITI"),
        ("MUHAMMAD BIN SALIM BIN ALI", "محمد بن سالم بن علي"),
        # Latin list, Cyrillic traveller, and the other way round.
        ("SHAMIL SALMANOVICH BASAYEV", "Шамиль Салманович Басаев"),
        ("ВЛАДИМИР ПЕТРОВИЧ СИДОРЕНКО", "VLADIMIR PETROVICH SIDORENKO"),
        ("Шамиль Басаев", "SHAMIL BASAEV"),
    ],
)
def test_transliterated_names_match_across_scripts(listed: str, traveller: str) -> None:
    matcher = matcher_with(*BACKGROUND, entry(listed))
    results = search(matcher, full_name=traveller)
    assert results, (listed, traveller)
    assert results[0].entry_id == entry_id(listed)
    assert results[0].score >= DEFAULT_THRESHOLD


def test_cross_script_name_scores_below_same_script_name() -> None:
    """A romanised abjad skeleton proves less than the same Latin spelling."""
    latin = matcher_with(*BACKGROUND, entry("SADDAM HUSSEIN AL-TIKRITI"))
    arabic = matcher_with(*BACKGROUND, entry("صدام حسين التكريتي"))
    same = top_score(latin, full_name="SADDAM HUSSEIN AL-TIKRITI")
    across = top_score(arabic, full_name="SADDAM HUSSEIN AL-TIKRITI")
    assert DEFAULT_THRESHOLD <= across < same


# ---- order ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        ScreeningQuery(full_name="KHAN OMAR FAROUQ"),
        ScreeningQuery(full_name="FAROUQ OMAR KHAN"),
        ScreeningQuery(full_name="KHAN, OMAR FAROUQ"),
        ScreeningQuery(surname="KHAN", given_names="OMAR FAROUQ"),
    ],
)
def test_reordered_names_match(query: ScreeningQuery) -> None:
    matcher = matcher_with(*BACKGROUND, entry("OMAR FAROUQ KHAN"))
    exact = top_score(matcher, full_name="OMAR FAROUQ KHAN")
    results = matcher.search(query, lists={LIST: DEFAULT_THRESHOLD})
    assert results, query
    assert results[0].entry_id == entry_id("OMAR FAROUQ KHAN")
    assert results[0].score == pytest.approx(exact)


def test_father_son_swap_in_a_nasab_chain_is_not_a_match() -> None:
    listed = entry("MUHAMMAD BIN SALIM BIN ALI", births=(year(1970),))
    matcher = matcher_with(*BACKGROUND, listed)
    same = search(matcher, full_name="MUHAMMAD BIN SALIM BIN ALI")
    assert found(same, listed.reference) >= DEFAULT_THRESHOLD
    variant = search(matcher, full_name="MOHAMMED BIN SALEM BIN ALI")
    assert found(variant, listed.reference) >= DEFAULT_THRESHOLD
    # The son's father's name first: another man (the father of the listed one).
    assert found(search(matcher, full_name="SALIM BIN MUHAMMAD BIN ALI"), listed.reference) == 0
    # Not even with the same birth year.
    swapped = search(
        matcher, full_name="SALIM BIN MUHAMMAD BIN ALI", date_of_birth=born(1970, 1, 1)
    )
    assert found(swapped, listed.reference) == 0
    anyway = search(
        matcher,
        threshold=0.0,
        full_name="SALIM BIN MUHAMMAD BIN ALI",
        date_of_birth=born(1970, 1, 1),
    )
    line = next(r for r in anyway if r.entry_id == entry_id(listed.reference)).evidence[0]
    assert line.outcome == "mismatch"
    assert "nasab swap" in line.detail


# ---- middle names --------------------------------------------------------------------------


def test_missing_middle_name_costs_little_contradicting_one_costs_a_lot() -> None:
    matcher = matcher_with(*BACKGROUND, entry("GULBUDDIN KARIM HEKMATYAR"))
    full = top_score(matcher, full_name="GULBUDDIN KARIM HEKMATYAR")
    missing = top_score(matcher, full_name="GULBUDDIN HEKMATYAR")
    contradicting = top_score(matcher, full_name="GULBUDDIN WASIM HEKMATYAR")
    assert full - missing < 0.1
    assert missing >= DEFAULT_THRESHOLD
    assert missing - contradicting > 2 * (full - missing)
    assert contradicting < missing


def test_different_first_given_name_with_the_rest_equal_is_not_a_hit() -> None:
    listed = entry("MOHAMMAD BARZAN IBRAHIM HASAN AL-TIKRITI", births=(day(1972, 11, 2),))
    matcher = matcher_with(*BACKGROUND, listed)
    assert search(matcher, full_name="MOHAMMAD BARZAN IBRAHIM HASAN AL-TIKRITI")
    other = search(
        matcher,
        full_name="NOOR BARZAN IBRAHIM HASAN AL-TIKRITI",
        date_of_birth=born(1983, 11, 2),
    )
    assert found(other, listed.reference) == 0


# ---- dates of birth ------------------------------------------------------------------------


def test_year_only_listing_meets_a_full_traveller_date() -> None:
    matcher = matcher_with(*BACKGROUND, entry("GASTON IYAMUREMYE", births=(year(1948),)))
    results = search(matcher, full_name="GASTON IYAMUREMYE", date_of_birth=born(1948, 10, 1))
    line = next(e for e in results[0].evidence if e.field == "date_of_birth")
    assert line.outcome == "match"
    assert line.weight == pytest.approx(evidence.DOB_LISTED_YEAR)
    assert "year" in line.detail
    # A year-only listing proves less than a listed day that agrees.
    exact = matcher_with(*BACKGROUND, entry("GASTON IYAMUREMYE", births=(day(1948, 10, 1),)))
    assert top_score(
        exact, full_name="GASTON IYAMUREMYE", date_of_birth=born(1948, 10, 1)
    ) > top_score(matcher, full_name="GASTON IYAMUREMYE", date_of_birth=born(1948, 10, 1))


# ---- documents -----------------------------------------------------------------------------


def test_document_and_issuing_state_match_whatever_the_name() -> None:
    """The fast path: the name shares no token with the listed one, so no name look-up could
    find the entry; the document number (written differently) and the state do."""
    passport = ListDocument(type="Passport", number="OB 0243318", issuing_state="COD")
    matcher = matcher_with(*BACKGROUND, entry("MATHIEU NGUDJOLO", documents=(passport,)))
    assert not search(matcher, threshold=0.0, full_name="PIERRE DUPONT")
    results = search(
        matcher,
        full_name="PIERRE DUPONT",
        documents=(QueryDocument(number="ob-0243318", type="P", issuing_state="COD"),),
    )
    assert [r.entry_id for r in results] == [entry_id("MATHIEU NGUDJOLO")]
    assert results[0].score >= DEFAULT_THRESHOLD
    assert results[0].score >= evidence.DOC_SAME_STATE
    lines = {e.field: e for e in results[0].evidence}
    assert lines["document"].outcome == "match"
    assert lines["name"].outcome == "mismatch"


# ---- explanations --------------------------------------------------------------------------


def test_every_hit_is_explained_field_by_field() -> None:
    listed = entry(
        "ABDULLAH ANSHORI",
        births=(year(1958),),
        nationalities=("IDN",),
        gender="M",
        documents=(ListDocument(number="X1234567", issuing_state="IDN"),),
    )
    matcher = matcher_with(*BACKGROUND, listed)
    results = search(
        matcher,
        full_name="ABDULLAH ANSHOIR",
        date_of_birth=born(1958, 1, 2),
        nationality="IDN",
        gender="M",
        documents=(QueryDocument(number="X1234567", issuing_state="IDN"),),
    )
    assert results
    lines = {e.field: e for e in results[0].evidence}
    assert list(lines)[:4] == ["name", "date_of_birth", "nationality", "gender"]
    assert lines["name"].query_value == "ABDULLAH ANSHOIR"
    assert lines["name"].list_value == "ABDULLAH ANSHORI"
    assert "ANSHOIR ~ ANSHORI" in lines["name"].detail
    assert "ABDULLAH = ABDULLAH" in lines["name"].detail
    assert lines["date_of_birth"].outcome == "match"
    assert lines["nationality"].outcome == "match"
    assert lines["gender"].outcome == "match"
    assert lines["document"].outcome == "match"
    assert all(e.detail for e in results[0].evidence)
    assert sum(e.weight for e in results[0].evidence) == pytest.approx(results[0].score)
