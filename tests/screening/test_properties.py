"""Property tests of the scorer and of the scores the matcher gives.

Invariants, and why they must hold:
- a name score, and a final score, is in [0, 1], and a final score is the sum of its evidence
  lines (the explanation is the score);
- the name alone never reaches 1.0: without date, nationality, gender or document the score is
  at most NAME_WEIGHT (alerts must stay rankable);
- a full-name query in any order scores a listed name of distinct tokens the same: the full
  name carries no roles, so order proves nothing (pairs are one to one, and what unpaired
  listed tokens cost depends on their place in the listed name, not in the query);
- a listed name scores 1.0 against itself, and the score does not depend on letter case;
- adding a date of birth that agrees with the listed day never lowers the score.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.matching.evidence import NAME_WEIGHT
from paxscreen.screening.matching.model import ScreeningQuery
from paxscreen.screening.matching.names import Kind, Role
from paxscreen.screening.matching.query import prepare, query_forms
from paxscreen.screening.matching.ranking import Ranker
from paxscreen.screening.matching.scoring import (
    MIN_WEIGHT,
    ListToken,
    QueryName,
    QueryToken,
    score_name,
)
from paxscreen.screening.matching.tokens import similarity, token_info

from .helpers import LIST, born, day, entry, entry_id, matcher_with, search

# Real name tokens, some of them look-alikes of each other (MUHAMMAD / MOHAMMED, JON / JOHN,
# ANSHORI / ANSHOIR, HASAN / HASSAN), so that pairs below 1.0 and competing pairs occur.
POOL = [
    "OMAR",
    "FAROUQ",
    "KHAN",
    "GULBUDDIN",
    "HEKMATYAR",
    "SALIM",
    "ALI",
    "MUHAMMAD",
    "MOHAMMED",
    "HASSAN",
    "HASAN",
    "IBRAHIM",
    "TIKRITI",
    "BARZAN",
    "ANSHORI",
    "ANSHOIR",
    "JOHN",
    "JON",
    "SMITH",
    "KARIM",
    "ABDULRAHMAN",
    "RAHMAN",
    "NGUDJOLO",
]
# Distinct tokens, no two of them alike: a name made of them pairs in exactly one way.
DISTINCT = [
    "OMAR",
    "FAROUQ",
    "KHAN",
    "GULBUDDIN",
    "HEKMATYAR",
    "SALIM",
    "IBRAHIM",
    "TIKRITI",
    "BARZAN",
    "ANSHORI",
    "SMITH",
    "NGUDJOLO",
]
BACKGROUND: tuple[ListEntry, ...] = (
    entry("MOHAMMED ALI HASSAN", births=(day(1970, 1, 1),)),
    entry("ALI MOHAMMED"),
    entry("JOHN SMITH"),
)
PROPERTY = settings(max_examples=60, deadline=None)

tokens = st.lists(st.sampled_from(POOL), min_size=1, max_size=5)
distinct_names = st.lists(st.sampled_from(DISTINCT), min_size=2, max_size=5, unique=True)


def name_of(texts: list[str], weights: list[float], tids: dict[str, int]) -> QueryName:
    infos = [token_info(t.lower()) for t in texts]
    query = []
    for info, weight in zip(infos, weights, strict=True):
        similar = {
            tid: sim
            for text, tid in tids.items()
            if (sim := similarity(info, token_info(text.lower()))) > 0.0
        }
        query.append(QueryToken(info, Kind.NAME, Role.UNKNOWN, weight, info.text.upper(), similar))
    return QueryName(tuple(query), (), False)


@st.composite
def scored_pair(draw: st.DrawFn) -> tuple[QueryName, list[ListToken]]:
    query_texts = draw(tokens)
    listed_texts = draw(tokens)
    weight = st.floats(min_value=MIN_WEIGHT, max_value=1.0)
    tids = {text: n for n, text in enumerate(sorted(set(POOL)))}
    query = name_of(query_texts, [draw(weight) for _ in query_texts], tids)
    listed = [
        ListToken(tids[text], token_info(text.lower()), int(Kind.NAME), draw(weight))
        for text in listed_texts
    ]
    return query, listed


@PROPERTY
@given(scored_pair())
def test_name_score_is_between_zero_and_one(pair: tuple[QueryName, list[ListToken]]) -> None:
    query, listed = pair
    match = score_name(query, listed)
    assert 0.0 <= match.score <= 1.0
    paired_query = [i for p in match.pairs for i in p.query]
    paired_listed = [j for p in match.pairs for j in p.listed]
    assert len(paired_query) == len(set(paired_query))  # one to one
    assert len(paired_listed) == len(set(paired_listed))
    if match.score >= 1.0 - 1e-9:
        assert not match.query_extra
        assert not match.list_extra


@PROPERTY
@given(tokens, st.data())
def test_a_name_scores_one_against_itself(texts: list[str], data: st.DataObject) -> None:
    tids = {text: n for n, text in enumerate(sorted(set(POOL)))}
    weights = [data.draw(st.floats(min_value=MIN_WEIGHT, max_value=1.0)) for _ in texts]
    query = name_of(texts, weights, tids)
    listed = [
        ListToken(tids[t], token_info(t.lower()), int(Kind.NAME), w)
        for t, w in zip(texts, weights, strict=True)
    ]
    assert score_name(query, listed).score == 1.0


@PROPERTY
@given(tokens, tokens)
def test_final_scores_are_bounded_and_explained(listed: list[str], traveller: list[str]) -> None:
    matcher = matcher_with(*BACKGROUND, entry(" ".join(listed), births=(day(1970, 1, 1),)))
    for query in (
        ScreeningQuery(full_name=" ".join(traveller)),
        ScreeningQuery(full_name=" ".join(traveller), date_of_birth=born(1970, 1, 1)),
        ScreeningQuery(surname=traveller[-1], given_names=" ".join(traveller[:-1]) or None),
    ):
        for result in matcher.search(query, lists={LIST: 0.0}):
            assert 0.0 <= result.score <= 1.0
            assert abs(sum(e.weight for e in result.evidence) - result.score) < 1e-6
            if query.date_of_birth is None:
                # The name alone (and nothing else given) never reaches the top.
                assert result.score <= NAME_WEIGHT + 1e-9


@PROPERTY
@given(distinct_names, st.data())
def test_query_token_order_does_not_change_a_full_name_score(
    listed: list[str], data: st.DataObject
) -> None:
    matcher = matcher_with(*BACKGROUND, entry(" ".join(listed), reference="target"))
    subset = data.draw(
        st.lists(st.sampled_from(listed), min_size=2, max_size=len(listed), unique=True)
    )
    shuffled = data.draw(st.permutations(subset))

    def score(texts: list[str]) -> float:
        results = search(matcher, threshold=0.0, full_name=" ".join(texts))
        return next(r.score for r in results if r.entry_id == entry_id("target"))

    assert abs(score(subset) - score(list(shuffled))) < 1e-9
    assert abs(score(subset) - score([t.lower() for t in subset])) < 1e-9


@PROPERTY
@given(distinct_names, st.integers(min_value=1930, max_value=2005))
def test_an_agreeing_date_of_birth_never_lowers_the_score(listed: list[str], year: int) -> None:
    matcher = matcher_with(
        *BACKGROUND, entry(" ".join(listed), reference="target", births=(day(year, 6, 15),))
    )
    plain = search(matcher, threshold=0.0, full_name=" ".join(listed))
    dated = search(
        matcher, threshold=0.0, full_name=" ".join(listed), date_of_birth=born(year, 6, 15)
    )
    target = entry_id("target")
    before = next(r.score for r in plain if r.entry_id == target)
    after = next(r.score for r in dated if r.entry_id == target)
    assert before <= NAME_WEIGHT + 1e-9
    assert after > before


def test_candidate_bound_is_never_below_the_score() -> None:
    """The listed side of the bound (the listed name's own unpaired tokens and the conflict
    they make) keeps it an upper bound: every name the exhaustive reference scores scores at
    most its bound."""
    names = [
        "MOHAMMAD ALI KHAN",
        "ALI KHAN",
        "MOHAMMAD KHAN ZADRAN",
        "ABDUL RAHMAN ALI",
        "ABDULRAHMAN ALI KHAN",
        "ALI MOHAMMAD",
        "KHAN ALI MOHAMMAD AKBAR",
        "J ALI KHAN",
        "ALI BIN MOHAMMAD",
    ]
    matcher = matcher_with(*(entry(n) for n in names))
    for full in ("MOHAMMAD ALI KHAN", "ALI KHAN", "ABDUL RAHMAN ALI", "M ALI KHAN"):
        query = ScreeningQuery(full_name=full)
        ranker = Ranker(matcher, query, {LIST: 0.0})
        for form in query_forms(query):
            name, prepared = prepare(form, ranker.preparer.prepared)
            ids, reachable = ranker._candidates(name, prepared)
            for name_id, bound in zip(ids.tolist(), reachable.tolist(), strict=True):
                ranker._score(name, name_id)
                slot = matcher.store.name_entry[name_id]
                score = ranker.best[slot][0]
                assert 0.84 * score <= bound + 1e-6, (full, matcher.store.name_shown[name_id])
