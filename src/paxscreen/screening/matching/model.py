"""What the matcher takes and gives. CONTRACT: the service layer builds queries from travellers
(API and PNR) and from POST /v1/screen, feeds entries from storage, and stores the results."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth as far as it is known: year, year and month, or a full date."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class QueryDocument:
    number: str
    type: str | None = None
    issuing_state: str | None = None  # ISO 3166 alpha-3


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """A person to screen. Either ``full_name`` (any script, any order) or ``surname`` with
    ``given_names`` (API and PNR data give the parts separately), or both."""

    full_name: str | None = None
    surname: str | None = None
    given_names: str | None = None
    date_of_birth: PartialDate | None = None
    gender: str | None = None  # M, F, U
    nationality: str | None = None  # ISO 3166 alpha-3
    documents: tuple[QueryDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One line of a match's explanation: what was compared, how it came out, what it weighed."""

    field: str  # name, date_of_birth, document, nationality, gender
    outcome: str  # match, partial, mismatch, unknown
    weight: float  # what it added to (or took from) the score
    detail: str  # for people: "surname BAGHDADI = AL-BAGHDADI (particle al- ignored)"
    query_value: str | None = None
    list_value: str | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    list_id: uuid.UUID
    entry_id: uuid.UUID
    score: float  # in [0, 1]; a name alone never reaches 1
    name: str  # the listed name (primary or alias) that matched best
    evidence: tuple[Evidence, ...]
