"""Which API traveller of a flight is a PNR traveller of the same flight? Pure.

Evidence and what it is worth (the confidence recorded on the link):

  travel document number and surname ............ 0.99
  record locator (RFF+AVF) and full name ......... 0.98
  full name and date of birth .................... 0.95
  record locator and surname ..................... 0.85
  full name alone ................................ 0.70

A date of birth known on both sides that differs rules a pair out. A PNR traveller is linked to
the API traveller it fits best only when no other candidate fits as well on either side; equal
best fits are all recorded as ``ambiguous`` and none of them is treated as the same person.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

_NOT_LETTER = re.compile(r"[^A-Z]")
LINKED, AMBIGUOUS = "linked", "ambiguous"


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a possible link: what both API and PNR data say about a traveller."""

    id: uuid.UUID
    surname: str
    given_names: str
    date_of_birth: date | None
    locator: str | None  # API: RFF+AVF reservation reference; PNR: the booking's locator
    documents: frozenset[str]  # document keys (see identity.document_key)


@dataclass(frozen=True, slots=True)
class Link:
    pnr_id: uuid.UUID
    api_id: uuid.UUID
    method: str
    confidence: float
    status: str
    evidence: tuple[str, ...]


def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", text.upper())


def _first_given(text: str) -> str:
    tokens = text.upper().split()
    return _letters(tokens[0]) if tokens else ""


def evidence(pnr: Party, api: Party) -> tuple[float, str, tuple[str, ...]] | None:
    """The confidence, method and evidence for one pair, or None when they cannot be one person."""
    if pnr.date_of_birth and api.date_of_birth and pnr.date_of_birth != api.date_of_birth:
        return None
    found: list[str] = []
    if _letters(pnr.surname) and _letters(pnr.surname) == _letters(api.surname):
        found.append("surname")
    given = _first_given(pnr.given_names)
    if given and given == _first_given(api.given_names):
        found.append("given_name")
    if pnr.date_of_birth and pnr.date_of_birth == api.date_of_birth:
        found.append("date_of_birth")
    if pnr.locator and api.locator and pnr.locator.upper() == api.locator.upper():
        found.append("record_locator")
    if pnr.documents & api.documents:
        found.append("document")
    facts = set(found)
    for confidence, method, needs in RULES:
        if needs <= facts:
            return confidence, method, tuple(found)
    return None


RULES: tuple[tuple[float, str, frozenset[str]], ...] = (
    (0.99, "document+surname", frozenset({"document", "surname"})),
    (0.98, "record_locator+name", frozenset({"record_locator", "surname", "given_name"})),
    (0.95, "name+date_of_birth", frozenset({"surname", "given_name", "date_of_birth"})),
    (0.85, "record_locator+surname", frozenset({"record_locator", "surname"})),
    (0.70, "name", frozenset({"surname", "given_name"})),
)


def link_travellers(pnr: Sequence[Party], api: Sequence[Party]) -> list[Link]:
    """Links between the PNR and API travellers of one flight, best evidence first."""
    by_surname: dict[str, list[Party]] = defaultdict(list)
    by_document: dict[str, list[Party]] = defaultdict(list)
    for candidate in api:
        by_surname[_letters(candidate.surname)].append(candidate)
        for document in candidate.documents:
            by_document[document].append(candidate)
    scored: list[tuple[float, Party, Party, str, tuple[str, ...]]] = []
    for person in pnr:
        # Only pairs that share a surname or a document can score: no all-pairs comparison.
        candidates = {c.id: c for c in by_surname.get(_letters(person.surname), [])}
        for document in person.documents:
            candidates.update((c.id, c) for c in by_document.get(document, []))
        for candidate in candidates.values():
            found = evidence(person, candidate)
            if found:
                scored.append((found[0], person, candidate, found[1], found[2]))
    return _assign(scored)


def _assign(scored: list[tuple[float, Party, Party, str, tuple[str, ...]]]) -> list[Link]:
    decided_pnr: set[uuid.UUID] = set()
    taken_api: set[uuid.UUID] = set()
    links: list[Link] = []
    for confidence in sorted({item[0] for item in scored}, reverse=True):
        level = [
            item
            for item in scored
            if item[0] == confidence
            and item[1].id not in decided_pnr
            and item[2].id not in taken_api
        ]
        pnr_count = Counter(person.id for _, person, _, _, _ in level)
        api_count = Counter(candidate.id for _, _, candidate, _, _ in level)
        for _, person, candidate, method, found in level:
            unique = pnr_count[person.id] == 1 and api_count[candidate.id] == 1
            status = LINKED if unique else AMBIGUOUS
            links.append(Link(person.id, candidate.id, method, confidence, status, found))
        for _, person, candidate, _, _ in level:
            decided_pnr.add(person.id)
            if pnr_count[person.id] == 1 and api_count[candidate.id] == 1:
                taken_api.add(candidate.id)
    return links
