"""The matcher's behaviour on the cases screening gets wrong most often (matching.md)."""

from __future__ import annotations

import pytest

from paxscreen.normalise.canonical_watchlist import ListDocument
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD
from paxscreen.screening.matching.model import QueryDocument, ScreeningQuery

from .helpers import (
    LIST,
    OTHER_LIST,
    about,
    between,
    born,
    day,
    entry,
    entry_id,
    matcher_with,
    search,
    top_score,
    year,
)

# A list of a few names, so that rarity weights are not all equal: MOHAMMED and ALI recur.
BACKGROUND = (
    entry("MOHAMMED ALI HASSAN", births=(year(1970),)),
    entry("MOHAMMED HASSAN", births=(year(1981),)),
    entry("ALI MOHAMMED ABDULLAH", births=(year(1975),)),
    entry("MOHAMMED ALI", births=(year(1962),)),
    entry("AHMED ALI", births=(year(1990),)),
    entry("JOHN PAUL SMITH", births=(day(1971, 3, 4),)),
)


def test_arabic_script_traveller_matches_latin_listing() -> None:
    matcher = matcher_with(*BACKGROUND, entry("SADDAM HUSSEIN AL-TIKRITI", births=(year(1937),)))
    results = search(matcher, full_name="صدام حسين التكريتي", date_of_birth=born(1937, 4, 28))
    assert results
    assert results[0].name == "SADDAM HUSSEIN AL-TIKRITI"


def test_cyrillic_traveller_matches_latin_listing_and_back() -> None:
    listed = entry("SHAMIL SALMANOVICH BASAYEV", births=(year(1965),))
    matcher = matcher_with(*BACKGROUND, listed)
    results = search(matcher, full_name="Шамиль Салманович Басаев", date_of_birth=born(1965))
    assert [r.entry_id for r in results][:1] == [entry_id(listed.reference)]
    cyrillic = matcher_with(*BACKGROUND, entry("Шамиль Басаев", reference="cyr"))
    assert search(cyrillic, full_name="SHAMIL BASAEV")


def test_reordered_name_matches() -> None:
    listed = entry("ABDULHAI SALEK", births=(year(1965),))
    matcher = matcher_with(*BACKGROUND, listed)
    for query in (
        ScreeningQuery(full_name="SALEK, ABDULHAI", date_of_birth=born(1965)),
        ScreeningQuery(full_name="SALEK ABDULHAI", date_of_birth=born(1965)),
        ScreeningQuery(surname="SALEK", given_names="ABDULHAI", date_of_birth=born(1965)),
    ):
        results = matcher.search(query, lists={LIST: DEFAULT_THRESHOLD})
        assert results, query
        assert results[0].entry_id == entry_id(listed.reference), query


def test_split_and_joined_compounds_match() -> None:
    matcher = matcher_with(*BACKGROUND, entry("ABD AL-RAHMAN MUSTAFA AL-QADULI"))
    assert search(matcher, full_name="ABDULRAHMAN MUSTAFA QADULI")
    assert search(matcher, full_name="Abdel Rahman Moustafa al Qaduli")


def test_nasab_swap_is_not_a_match() -> None:
    matcher = matcher_with(*BACKGROUND, entry("SALMAN BIN MUHAMMAD AL-TIKRITI"))
    assert search(matcher, full_name="SALMAN BIN MOHAMMED AL TIKRITI")
    assert not search(matcher, full_name="MUHAMMAD BIN SALMAN AL-TIKRITI")
    swapped = search(matcher, threshold=0.0, full_name="MUHAMMAD BIN SALMAN AL-TIKRITI")
    assert "nasab swap" in swapped[0].evidence[0].detail


def test_missing_middle_name_costs_little_contradicting_one_a_lot() -> None:
    matcher = matcher_with(*BACKGROUND)
    full = top_score(matcher, surname="SMITH", given_names="JOHN PAUL")
    missing = top_score(matcher, surname="SMITH", given_names="JOHN")
    contradicting = top_score(matcher, surname="SMITH", given_names="JOHN PETER")
    assert full - missing < 0.08
    assert missing >= DEFAULT_THRESHOLD
    assert full - contradicting > 0.2
    assert contradicting < DEFAULT_THRESHOLD


def test_common_tokens_alone_do_not_match() -> None:
    matcher = matcher_with(*BACKGROUND)
    hassan = entry_id("MOHAMMED HASSAN")
    # Same birth year, only MOHAMMED in common: below the threshold.
    results = search(matcher, full_name="MOHAMMED ALI", date_of_birth=born(1981))
    assert hassan not in {r.entry_id for r in results}
    assert hassan not in {
        r.entry_id for r in search(matcher, full_name="MOHAMMED TIKRITI", date_of_birth=born(1981))
    }


def test_distinctive_token_that_differs_is_a_contradiction() -> None:
    matcher = matcher_with(*BACKGROUND, entry("OMAR SABAWI IBRAHIM HASAN AL-TIKRITI"))
    assert search(matcher, full_name="OMAR SABAWI IBRAHIM HASAN AL-TIKRITI")
    assert not search(matcher, full_name="OMAR SABAWI IBRAHIM HASAN AL-MOSULI")


def test_typos_in_short_and_long_tokens() -> None:
    matcher = matcher_with(*BACKGROUND, entry("KIM SOK CHOL", births=(day(1955, 5, 8),)))
    assert search(matcher, full_name="KIM SKO CHOL", date_of_birth=born(1955, 5, 8))
    assert search(matcher, full_name="KIM SOK CHHOL", date_of_birth=born(1955, 5, 8))


def test_year_only_listing_meets_full_traveller_date() -> None:
    matcher = matcher_with(*BACKGROUND)
    same_year = search(
        matcher, threshold=0.0, full_name="AHMED ALI", date_of_birth=born(1990, 6, 1)
    )
    line = next(e for e in same_year[0].evidence if e.field == "date_of_birth")
    assert line.outcome == "match"
    assert line.weight > 0
    far = search(matcher, threshold=0.0, full_name="AHMED ALI", date_of_birth=born(1960, 6, 1))
    assert far[0].score < same_year[0].score


@pytest.mark.parametrize(
    ("listed", "traveller", "outcome"),
    [
        (between(1973, 1974), born(1974, 2, 2), "match"),
        (between(1973, 1974), born(1980, 2, 2), "mismatch"),
        (about(1966), born(1967, 1, 1), "match"),
        (about(1966), born(1968, 1, 1), "partial"),
        (about(1966), born(1975, 1, 1), "mismatch"),
        (day(1955, 5, 8), born(1955, 8, 5), "partial"),
        (day(1955, 5, 8), born(1955, 5, 8), "match"),
        (day(1955, 5, 8), born(1955), "partial"),
    ],
)
def test_dates_of_birth_at_the_lists_precision(
    listed: object, traveller: object, outcome: str
) -> None:
    matcher = matcher_with(entry("GASTON IYAMUREMYE", births=(listed,)))  # type: ignore[arg-type]
    result = search(matcher, threshold=0.0, full_name="GASTON IYAMUREMYE", date_of_birth=traveller)
    line = next(e for e in result[0].evidence if e.field == "date_of_birth")
    assert line.outcome == outcome, line


def test_day_month_swap_scores_between_exact_and_other_date() -> None:
    matcher = matcher_with(entry("GASTON IYAMUREMYE", births=(day(1955, 5, 8),)))
    exact = top_score(matcher, full_name="GASTON IYAMUREMYE", date_of_birth=born(1955, 5, 8))
    swap = top_score(matcher, full_name="GASTON IYAMUREMYE", date_of_birth=born(1955, 8, 5))
    other = top_score(matcher, full_name="GASTON IYAMUREMYE", date_of_birth=born(1955, 11, 20))
    assert exact > swap > other


def test_document_match_with_another_name_still_scores_high() -> None:
    passport = ListDocument(type="Passport", number="OB 0243318", issuing_state="COD")
    matcher = matcher_with(*BACKGROUND, entry("MATHIEU NGUDJOLO", documents=(passport,)))
    results = search(
        matcher,
        full_name="PIERRE DUPONT",
        documents=(QueryDocument(number="ob0243318", issuing_state="COD"),),
    )
    assert results
    assert results[0].score >= 0.9
    document = next(e for e in results[0].evidence if e.field == "document")
    assert document.outcome == "match"
    assert document.weight > 0.5
    elsewhere = search(
        matcher,
        threshold=0.0,
        full_name="PIERRE DUPONT",
        documents=(QueryDocument(number="OB0243318", issuing_state="FRA"),),
    )
    assert elsewhere[0].score < results[0].score


def test_name_alone_never_reaches_one() -> None:
    matcher = matcher_with(*BACKGROUND)
    assert top_score(matcher, full_name="JOHN PAUL SMITH") < 0.9
    assert top_score(
        matcher, full_name="JOHN PAUL SMITH", date_of_birth=born(1971, 3, 4)
    ) > top_score(matcher, full_name="JOHN PAUL SMITH")


def test_incremental_upsert_and_remove_change_results() -> None:
    matcher = matcher_with(*BACKGROUND)
    listed = entry("ABU BAKR AL-BAGHDADI", births=(day(1971, 7, 28),))
    assert not search(matcher, full_name="Abu Bakr al-Baghdadi")
    matcher.upsert(LIST, entry_id("abu"), listed)
    assert [r.entry_id for r in search(matcher, full_name="Abu Bakr al-Baghdadi")] == [
        entry_id("abu")
    ]
    renamed = entry("IBRAHIM AWWAD IBRAHIM AL-BADRI", births=(day(1971, 7, 28),))
    matcher.upsert(LIST, entry_id("abu"), renamed)
    assert not search(matcher, full_name="Abu Bakr al-Baghdadi")
    assert search(matcher, full_name="Ibrahim Awwad Ibrahim al-Badri")
    matcher.remove(LIST, entry_id("abu"))
    assert not search(matcher, full_name="Ibrahim Awwad Ibrahim al-Badri")
    assert len(matcher) == len(BACKGROUND)
    matcher.compact()
    assert not search(matcher, full_name="Ibrahim Awwad Ibrahim al-Badri")
    assert search(matcher, full_name="John Paul Smith")


def test_explanations_are_present_and_add_up_to_the_score() -> None:
    passport = ListDocument(number="X1234567", issuing_state="GBR")
    matcher = matcher_with(
        *BACKGROUND,
        entry(
            "ABDULLAH ANSHORI",
            births=(year(1958),),
            nationalities=("IDN",),
            gender="M",
            documents=(passport,),
        ),
    )
    results = search(
        matcher,
        threshold=0.0,
        full_name="ABDULLAH ANSHOIR",
        date_of_birth=born(1958, 1, 2),
        nationality="IDN",
        gender="F",
        documents=(QueryDocument(number="Y999999"),),
    )
    for result in results:
        fields = [e.field for e in result.evidence]
        assert fields[:4] == ["name", "date_of_birth", "nationality", "gender"]
        assert "document" in fields
        assert sum(e.weight for e in result.evidence) == pytest.approx(result.score, abs=1e-6)
        assert all(e.detail for e in result.evidence)
    best = results[0].evidence
    assert best[0].outcome == "partial"
    assert "ANSHOIR ~ ANSHORI" in best[0].detail
    assert {e.field: e.outcome for e in best}["gender"] == "mismatch"


def test_entities_are_indexed_but_never_returned() -> None:
    matcher = matcher_with(*BACKGROUND, entry("AL-NUSRAH FRONT", entity=True))
    assert len(matcher) == len(BACKGROUND) + 1
    assert not search(matcher, threshold=0.0, full_name="AL-NUSRAH FRONT")


def test_only_requested_lists_and_their_thresholds() -> None:
    matcher = matcher_with(*BACKGROUND)
    matcher.upsert(OTHER_LIST, entry_id("other"), entry("GULBUDDIN HEKMATYAR"))
    query_name = "GULBUDDIN HEKMATYAR"
    query = ScreeningQuery(full_name=query_name)
    assert not matcher.search(query, lists={LIST: 0.0})
    assert matcher.search(query, lists={OTHER_LIST: 0.5})
    assert not matcher.search(query, lists={OTHER_LIST: 0.99})
    assert not matcher.search(query, lists={})


def test_stats() -> None:
    matcher = matcher_with(*BACKGROUND)
    stats = matcher.stats()
    assert stats.entries == len(BACKGROUND)
    assert stats.names == len(BACKGROUND)
    assert stats.tokens > 0
    assert stats.keys > stats.tokens
    assert stats.memory_bytes > 0
