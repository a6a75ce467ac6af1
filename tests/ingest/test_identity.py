"""Traveller identity across the messages of a flight: strongest evidence first, no silent merge."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from paxscreen.ingest.identity import KnownTraveller, document_key, match_travellers


def person(
    surname: str = "DOE",
    given_names: str = "JOHN",
    dob: date | None = date(1980, 1, 15),
    ref: str | None = None,
    docs: tuple[str, ...] = (),
    role: str = "passenger",
) -> KnownTraveller:
    return KnownTraveller(role, surname, given_names, dob, ref, frozenset((d, "USA") for d in docs))


def test_passenger_reference_decides_even_when_the_name_was_corrected() -> None:
    stored = [person(surname="SMTIH", ref="P1"), person(surname="OTHER", ref="P2")]

    assert match_travellers(stored, [person(surname="SMITH", ref="P1")]) == [0]


def test_document_decides_when_there_is_no_reference() -> None:
    stored = [person(surname="A", docs=("X1",)), person(surname="B", docs=("X2",))]

    assert match_travellers(stored, [person(surname="B", dob=None, docs=("X2",))]) == [1]


def test_shared_document_number_never_merges_two_people() -> None:
    # Real crew manifests carry the same passport number for everyone (gtas Test1.txt).
    stored = [person(surname="A", docs=("123",)), person(surname="B", docs=("123",))]
    incoming = [person(surname="A", docs=("123",)), person(surname="B", docs=("123",))]

    assert match_travellers(stored, incoming) == [0, 1]


def test_same_name_and_birth_twice_stays_two_new_people() -> None:
    stored = [person(), person()]

    assert match_travellers(stored, [person()]) == [None]


def test_document_shared_by_strangers_is_not_a_match() -> None:
    stored = [person(surname="A", dob=date(1970, 1, 1), docs=("X1",))]

    assert match_travellers(stored, [person(surname="B", dob=date(1990, 1, 1), docs=("X1",))]) == [
        None
    ]


def test_crew_and_passenger_with_same_details_stay_apart() -> None:
    stored = [person(role="crew")]

    assert match_travellers(stored, [person(role="passenger")]) == [None]
    assert match_travellers(stored, [person(role="transit_crew")]) == [0]


def test_document_key_ignores_case_spaces_and_punctuation() -> None:
    assert document_key("ab 12-34.5") == "AB12345"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from([None, "R1", "R2"]),
            st.sampled_from(["", "D1", "D2"]),
        ),
        max_size=6,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from([None, "R1", "R2"]),
            st.sampled_from(["", "D1", "D2"]),
        ),
        max_size=6,
    ),
)
def test_matching_is_one_to_one(
    stored_specs: list[tuple[str, str | None, str]],
    incoming_specs: list[tuple[str, str | None, str]],
) -> None:
    stored = [person(surname=s, ref=r, docs=(d,) if d else ()) for s, r, d in stored_specs]
    incoming = [person(surname=s, ref=r, docs=(d,) if d else ()) for s, r, d in incoming_specs]

    matches = match_travellers(stored, incoming)

    found = [m for m in matches if m is not None]
    assert len(found) == len(set(found))
    assert all(0 <= m < len(stored) for m in found)


@given(
    st.lists(
        st.tuples(st.text("ABC", min_size=1, max_size=3), st.text("XY", max_size=2)),
        max_size=8,
        unique=True,
    )
)
def test_the_same_distinct_manifest_matches_itself(specs: list[tuple[str, str]]) -> None:
    people = [person(surname=s, given_names=g) for s, g in specs]

    assert match_travellers(people, people) == list(range(len(people)))
