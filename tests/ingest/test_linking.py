"""Linking PNR travellers to API travellers of the same flight: how, how sure, never silently."""

from __future__ import annotations

import uuid
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from paxscreen.ingest.linking import AMBIGUOUS, LINKED, Party, link_travellers


def party(
    surname: str = "DOE",
    given_names: str = "JOHN",
    dob: date | None = None,
    locator: str | None = None,
    documents: tuple[str, ...] = (),
) -> Party:
    return Party(uuid.uuid4(), surname, given_names, dob, locator, frozenset(documents))


def test_document_and_surname_link_with_the_highest_confidence() -> None:
    pnr = party(documents=("X123",))
    api = party(given_names="J", documents=("X123",))

    (link,) = link_travellers([pnr], [api])

    assert (link.pnr_id, link.api_id) == (pnr.id, api.id)
    assert (link.method, link.confidence, link.status) == ("document+surname", 0.99, LINKED)
    assert set(link.evidence) == {"surname", "document"}


def test_record_locator_and_name_link() -> None:
    pnr = party(given_names="JOHN MR", locator="ABC123")
    api = party(given_names="JOHN PAT", locator="abc123")

    (link,) = link_travellers([pnr], [api])

    assert (link.method, link.confidence) == ("record_locator+name", 0.98)


def test_name_and_birth_date_link_without_locator_or_document() -> None:
    (link,) = link_travellers([party(dob=date(1980, 1, 1))], [party(dob=date(1980, 1, 1))])

    assert (link.method, link.confidence) == ("name+date_of_birth", 0.95)


def test_different_birth_dates_never_link() -> None:
    pnr = party(dob=date(1980, 1, 1), documents=("X1",))
    api = party(dob=date(1990, 1, 1), documents=("X1",))

    assert link_travellers([pnr], [api]) == []


def test_two_equally_good_candidates_are_both_ambiguous_and_neither_linked() -> None:
    pnr = party()
    twins = [party(), party()]

    links = link_travellers([pnr], twins)

    assert {link.api_id for link in links} == {twin.id for twin in twins}
    assert {link.status for link in links} == {AMBIGUOUS}


def test_the_stronger_evidence_wins_over_a_weaker_twin() -> None:
    pnr = party(locator="L1")
    right = party(locator="L1")
    other = party(locator="L2")

    (link,) = [link for link in link_travellers([pnr], [right, other]) if link.status == LINKED]

    assert link.api_id == right.id


def test_different_people_with_other_surnames_are_not_linked() -> None:
    assert link_travellers([party(surname="SMITH")], [party(surname="JONES")]) == []


names = st.sampled_from(["AB", "CD", "EF", "GH"])


@given(st.lists(st.tuples(names, names), max_size=6), st.lists(st.tuples(names, names), max_size=6))
def test_each_side_is_linked_at_most_once(
    pnr_names: list[tuple[str, str]], api_names: list[tuple[str, str]]
) -> None:
    pnr = [party(surname=s, given_names=g) for s, g in pnr_names]
    api = [party(surname=s, given_names=g) for s, g in api_names]

    linked = [link for link in link_travellers(pnr, api) if link.status == LINKED]

    assert len({link.pnr_id for link in linked}) == len(linked)
    assert len({link.api_id for link in linked}) == len(linked)
