"""The look-alike table (every token's look-alikes found at build) gives exactly what the key
look-ups give, also for tokens interned after the build, whose rows are kept up to date."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.screening.matching.index import Matcher

from .helpers import LIST, entry, matcher_with, search

SEEDS = [
    "MOHAMMED",
    "ABDULRAHMAN",
    "KHALILULLAH",
    "HUSSEIN",
    "OSAMA",
    "YOUSEF",
    "TIKRITI",
    "أسامة",
    "حسين",
    "محمد",
]


def assert_table_matches_keys(matcher: Matcher) -> None:
    vocabulary = matcher.vocabulary
    for info in vocabulary.infos:
        assert vocabulary.neighbours(info) == vocabulary.keyed(info), info.text


@st.composite
def spellings(draw: st.DrawFn) -> str:
    """A seed name with up to two letters dropped, doubled or swapped: look-alikes one and
    two edits apart, the shorter and longer sides of the two-deletion keys."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap"]))
        if edit == "drop" and len(text) > 3:
            text = text[:at] + text[at + 1 :]
        elif edit == "double":
            text = text[: at + 1] + text[at:]
        elif at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(spellings(), spellings()), min_size=1, max_size=6),
    st.lists(st.tuples(spellings(), spellings()), min_size=1, max_size=6),
)
def test_table_rows_are_the_key_look_ups_after_build_and_upserts(
    built: list[tuple[str, str]], upserted: list[tuple[str, str]]
) -> None:
    matcher = matcher_with(*(entry(f"{a} {b}", reference=str(n)) for n, (a, b) in enumerate(built)))
    assert_table_matches_keys(matcher)
    for n, (a, b) in enumerate(upserted):
        matcher.upsert(LIST, uuid.uuid4(), entry(f"{a} {b}", reference=f"new {n}"))
    assert_table_matches_keys(matcher)


def test_tokens_interned_after_the_build_are_found_both_ways() -> None:
    """The two key paths that are not symmetric: a listed token two letters longer finds the
    new one by its two-deletion forms (HAQQANIYAT / HAQQNIAT), and an original-script
    token finds a new Latin spelling one edit from its Wikidata rendering (أسامة / OSSAMA)."""
    matcher = matcher_with(entry("SIRAJUDDIN HAQQANIYAT"), entry("أسامة بن لادن"))
    vocabulary = matcher.vocabulary
    before = len(vocabulary)
    matcher.upsert(LIST, uuid.uuid4(), entry("HAQQNIAT OSSAMA"))
    added = {info.text for info in vocabulary.infos[before:]}
    assert {"haqqniat", "ossama"} <= added
    assert_table_matches_keys(matcher)
    long = next(info for info in vocabulary.infos if info.text == "haqqaniyat")
    assert any(vocabulary.infos[t].text == "haqqniat" for t, _ in vocabulary.neighbours(long))
    # And a search for the listed spelling finds the entry added after the build.
    found = search(matcher, threshold=0.5, full_name="HAQQANIYAT OSSAMA")
    assert any(r.name == "HAQQNIAT OSSAMA" for r in found)
