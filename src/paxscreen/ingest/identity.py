"""Which stored traveller of a flight is the incoming one? Pure.

A traveller keeps one identity per flight across every message about that flight. Evidence is tried
strongest first: the airline's unique passenger reference (RFF+ABO), then a travel document, then
name with date of birth. A key only decides when it is unique on both sides: two people sharing a
passport number (it happens in real manifests) or a name are never merged, they stay apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from paxscreen.normalise.canonical import Traveller, TravellerRole

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def document_key(number: str) -> str:
    """A document number as compared: upper case, letters and digits only."""
    return _NOT_ALNUM.sub("", number.upper())


def role_group(role: str) -> str:
    """Crew and passenger lists are separate messages; transit variants belong with their kind."""
    crew = {TravellerRole.CREW.value, TravellerRole.TRANSIT_CREW.value}
    return "crew" if role in crew else "passenger"


@dataclass(frozen=True, slots=True)
class KnownTraveller:
    """What identity matching needs of a stored traveller."""

    role: str
    surname: str
    given_names: str
    date_of_birth: date | None
    passenger_ref: str | None
    documents: frozenset[tuple[str, str]]  # (document_key, issuing state or "")


def known_from(traveller: Traveller) -> KnownTraveller:
    return KnownTraveller(
        role=traveller.role.value,
        surname=traveller.surname,
        given_names=traveller.given_names,
        date_of_birth=traveller.date_of_birth,
        passenger_ref=traveller.passenger_ref,
        documents=frozenset(
            (document_key(d.number), d.issuing_state or "") for d in traveller.documents if d.number
        ),
    )


KeyFunction = Callable[[KnownTraveller], Iterable[Hashable]]


def _by_reference(t: KnownTraveller) -> Iterable[Hashable]:
    if t.passenger_ref:
        yield ("ref", role_group(t.role), t.passenger_ref)


def _by_document(t: KnownTraveller) -> Iterable[Hashable]:
    for number, state in t.documents:
        if number:
            yield ("doc", role_group(t.role), number, state)


def _by_name_and_birth(t: KnownTraveller) -> Iterable[Hashable]:
    yield ("name", role_group(t.role), t.surname, t.given_names, t.date_of_birth)


STAGES: tuple[KeyFunction, ...] = (_by_reference, _by_document, _by_name_and_birth)


def _consistent(a: KnownTraveller, b: KnownTraveller) -> bool:
    """A shared document does not make the same person if the names and birth dates both differ."""
    return a.surname == b.surname or (
        a.date_of_birth is not None and a.date_of_birth == b.date_of_birth
    )


def match_travellers(
    stored: Sequence[KnownTraveller], incoming: Sequence[KnownTraveller]
) -> list[int | None]:
    """For each incoming traveller, the index of the stored one it is, or None if it is new."""
    result: list[int | None] = [None] * len(incoming)
    free_stored = set(range(len(stored)))
    for stage in STAGES:
        stored_by_key = _index(stored, free_stored, stage)
        open_incoming = {i for i, found in enumerate(result) if found is None}
        incoming_by_key = _index(incoming, open_incoming, stage)
        for key, incoming_hits in incoming_by_key.items():
            stored_hits = stored_by_key.get(key, set())
            if len(incoming_hits) != 1 or len(stored_hits) != 1:
                continue  # ambiguous on one side: this key cannot decide
            (i,) = incoming_hits
            (s,) = stored_hits
            if result[i] is None and s in free_stored and _consistent(stored[s], incoming[i]):
                result[i] = s
                free_stored.discard(s)
    return result


def _index(
    travellers: Sequence[KnownTraveller], allowed: set[int], stage: KeyFunction
) -> dict[Hashable, set[int]]:
    index: dict[Hashable, set[int]] = defaultdict(set)
    for position in allowed:
        for key in stage(travellers[position]):
            index[key].add(position)
    return index
