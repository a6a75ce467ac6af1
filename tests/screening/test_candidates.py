"""Candidate generation: a listed name that matches the traveller exactly is always a candidate,
however common its tokens, and the keyed search finds what the exhaustive reference finds."""

from __future__ import annotations

import random

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.matching.candidates import Classes, Credited, Group, coverage, merge
from paxscreen.screening.matching.model import ScreeningQuery
from paxscreen.screening.matching.postings import IdArray

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


# ---- coverage against a brute-force reference ------------------------------------------------


@st.composite
def coverage_cases(draw: st.DrawFn) -> tuple[list[Credited], list[float], float, float, Classes]:
    """A few query positions, groups over a small name space (single positions, and pairs as
    joined or compound groups: positions credited by several groups), look-alike parts with
    similarities and weights, and birth classes with their own needed coverage."""
    names = 40
    positions = draw(st.integers(1, 4))
    weights = [draw(st.floats(0.05, 1.0)) for _ in range(positions)]
    groups: list[Credited] = []
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, positions - 1))
        credits = (start, start + 1) if start + 1 < positions and draw(st.booleans()) else (start,)
        parts = []
        for sim in sorted(draw(st.lists(st.floats(0.72, 1.0), min_size=1, max_size=3)))[::-1]:
            ids = sorted(draw(st.sets(st.integers(0, names - 1), max_size=25)))
            parts.append((np.asarray(ids, dtype=np.int32), sim))
        part_weights = [draw(st.floats(0.05, 1.0)) for _ in parts]
        groups.append((credits, Group(parts, part_weights)))
    free = draw(st.sampled_from([0.0, 0.15]))
    needed = draw(st.floats(0.1, 0.9))
    of_name = np.asarray([draw(st.integers(0, 2)) for _ in range(names)], dtype=np.int32)
    extra = [needed, draw(st.floats(needed, 1.0)), draw(st.floats(needed, 1.0))]
    return groups, weights, free, needed, Classes(of_name, np.asarray(extra, dtype=np.float32))


def reference_coverage(
    groups: list[Credited], weights: list[float], free: float, classes: Classes
) -> dict[int, tuple[float, float]]:
    """Every name reaching its class's needed coverage, with its coverage and pairable
    weight, computed name by name."""
    total = sum(weights) + free
    out = {}
    for name in range(classes.of_name.shape[0]):
        best = [0.0] * len(weights)
        pairable = 0.0
        for credits, group in groups:
            held = [
                (sim, weight)
                for (ids, sim), weight in zip(group.parts, group.weights or [], strict=True)
                if name in ids.tolist()
            ]
            if not held:
                continue
            pairable += max(weight for _, weight in held)
            for credit in credits:
                best[credit] = max(best[credit], max(sim for sim, _ in held))
        covered = (sum(w * b for w, b in zip(weights, best, strict=True)) + free) / total
        own = min(float(classes.needed[classes.of_name[name]]), 1.0)
        if any(best) and covered >= own - 1e-6:
            out[name] = (covered, pairable)
    return out


@settings(max_examples=300, deadline=None)
@given(coverage_cases())
def test_coverage_finds_every_name_that_can_reach(
    case: tuple[list[Credited], list[float], float, float, Classes],
) -> None:
    """The probed/enumerated split, the pre-probe cut and the per-position best similarity
    give exactly the names (and coverages) a name-by-name computation gives."""
    groups, weights, free, needed, classes = case
    expected = reference_coverage(groups, weights, free, classes)
    ids, covered, pairable = coverage(groups, weights, free, needed, classes=classes)
    found = {
        int(name): (float(c), float(p))
        for name, c, p in zip(ids.tolist(), covered.tolist(), pairable.tolist(), strict=True)
    }
    # Float32 sums: names within rounding of their needed coverage may fall either way.
    total = sum(weights) + free
    for name in set(found) ^ set(expected):
        covered_by = found.get(name, expected.get(name, (0.0, 0.0)))[0]
        own = min(float(classes.needed[classes.of_name[name]]), 1.0)
        assert abs(covered_by - own) < 1e-4 / total, name
    for name in set(found) & set(expected):
        assert abs(found[name][0] - expected[name][0]) < 1e-5
        assert abs(found[name][1] - expected[name][1]) < 1e-4


# ---- the compiled merges on ids spread over a million names ------------------------------------


def spread(ids: IdArray, positions: npt.NDArray[np.int64]) -> IdArray:
    moved: IdArray = positions[ids].astype(np.int32)
    return moved


@settings(max_examples=150, deadline=None)
@given(coverage_cases(), st.randoms(use_true_random=False))
def test_coverage_is_the_same_on_ids_spread_over_a_million_names(
    case: tuple[list[Credited], list[float], float, float, Classes], rng: random.Random
) -> None:
    """The same names placed far apart (many bitmap words and summary blocks, the merges'
    scratch reused between calls) give the same candidates as the small ids the brute-force
    test checks, moved to their new places."""
    groups, weights, free, needed, classes = case
    positions = np.asarray(sorted(rng.sample(range(1_000_000), 40)), dtype=np.int64)
    moved: list[Credited] = [
        (credits, Group([(spread(ids, positions), sim) for ids, sim in g.parts], g.weights))
        for credits, g in groups
    ]
    of_name = np.zeros(1_000_000, dtype=np.int32)
    of_name[positions] = classes.of_name
    small = coverage(groups, weights, free, needed, classes=classes)
    large = coverage(moved, weights, free, needed, classes=Classes(of_name, classes.needed))
    assert large[0].tolist() == spread(small[0], positions).tolist()
    assert large[1].tolist() == small[1].tolist()
    assert large[2].tolist() == small[2].tolist()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sets(st.integers(0, 2_000_000), max_size=60), st.floats(0.05, 1.0)),
        min_size=2,
        max_size=12,
    )
)
def test_a_group_merges_its_look_alikes_as_a_name_by_name_union(
    parts: list[tuple[set[int], float]],
) -> None:
    """Each name once, ascending, with the similarity of the first (best) look-alike holding
    it and the heaviest look-alike's weight; twice in a row (the scratch is left clean)."""
    sims = sorted((0.72 + 0.28 * n / len(parts) for n in range(len(parts))), reverse=True)
    arrays = [
        (np.asarray(sorted(ids), dtype=np.int32), sim)
        for (ids, _), sim in zip(parts, sims, strict=True)
    ]
    weights = [weight for _, weight in parts]
    expected: dict[int, tuple[float, float]] = {}
    for (ids, sim), weight in zip(arrays, weights, strict=True):
        for name in ids.tolist():
            best, heaviest = expected.get(name, (sim, weight))
            expected[name] = (best, max(heaviest, weight))
    for _ in range(2):
        ids, best_sims, heavy = merge(arrays, weights)
        assert ids.tolist() == sorted(expected)
        assert best_sims.tolist() == [np.float32(expected[n][0]) for n in sorted(expected)]
        assert heavy.tolist() == [np.float32(expected[n][1]) for n in sorted(expected)]
