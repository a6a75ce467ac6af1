"""Canonical watchlist entries: what paxscreen keeps of a listed person or entity, whatever list
format it came from (UN Security Council XML, CSV, the API). Pure.

CONTRACT: importers produce ListEntry; storage stores it; the matcher indexes it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from paxscreen.normalise.canonical import Canonical


class EntityType(StrEnum):
    PERSON = "person"
    ENTITY = "entity"  # organisations: kept, listed, never matched against travellers by name


class NameQuality(StrEnum):
    """How far a name identifies the listed person (UN alias quality "Good" / "Low")."""

    STRONG = "strong"
    WEAK = "weak"


class ListName(Canonical):
    """One name of an entry: the primary name or an alias, in Latin or in the original script."""

    full: str  # the whole name as listed
    parts: tuple[str, ...] = ()  # name parts in listed order where the list gives them
    given: str | None = None  # given names, where the list says which they are
    family: str | None = None  # family name, where the list says which it is
    quality: NameQuality = NameQuality.STRONG
    script: str = "Latin"  # Unicode script name of the name as listed (Latin, Arabic, ...)
    primary: bool = False


class BirthDate(Canonical):
    """A date of birth at the precision the list gives it. ``earliest``..``latest`` is the span
    it allows: one day (day), a month, a year, the listed range, or an approximate year widened
    as documented by the importer."""

    precision: Literal["day", "month", "year", "range", "approximate"]
    earliest: date
    latest: date
    text: str | None = None  # as listed, for the analyst


class ListDocument(Canonical):
    type: str | None = None  # passport, national identification ..., as listed
    number: str
    issuing_state: str | None = None  # ISO 3166 alpha-3 where it could be resolved, else as listed
    note: str | None = None


class ListEntry(Canonical):
    """One listed person or entity."""

    reference: str  # unique within its list (UN REFERENCE_NUMBER); what list updates key on
    entity_type: EntityType = EntityType.PERSON
    names: tuple[ListName, ...]
    gender: str | None = None  # M, F or U
    dates_of_birth: tuple[BirthDate, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO 3166 alpha-3 where resolvable, else as listed
    documents: tuple[ListDocument, ...] = ()
    listed_on: date | None = None
    source: str | None = None  # e.g. "UN Security Council Consolidated List, QDi"
    remarks: str | None = None
    external_id: str | None = None  # the source's own id (UN DATAID)

    @property
    def primary_name(self) -> str:
        """The primary name ("" for an entry listed by its documents alone)."""
        return next(
            (n.full for n in self.names if n.primary), self.names[0].full if self.names else ""
        )
