"""Build watchlist entries and travellers for the matcher's tests: readable, every part
overridable."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD, Matcher
from paxscreen.screening.matching.model import MatchResult, PartialDate, ScreeningQuery

LIST = uuid.UUID("00000000-0000-0000-0000-0000000002a6")
OTHER_LIST = uuid.UUID("00000000-0000-0000-0000-0000000002a7")


def year(y: int) -> BirthDate:
    return BirthDate(precision="year", earliest=date(y, 1, 1), latest=date(y, 12, 31))


def day(y: int, m: int, d: int) -> BirthDate:
    when = date(y, m, d)
    return BirthDate(precision="day", earliest=when, latest=when)


def between(first: int, last: int) -> BirthDate:
    return BirthDate(precision="range", earliest=date(first, 1, 1), latest=date(last, 12, 31))


def about(y: int) -> BirthDate:
    return BirthDate(precision="approximate", earliest=date(y, 1, 1), latest=date(y, 12, 31))


def entry(
    primary: str,
    *aliases: str,
    births: tuple[BirthDate, ...] = (),
    nationalities: tuple[str, ...] = (),
    gender: str | None = None,
    documents: tuple[ListDocument, ...] = (),
    weak: tuple[str, ...] = (),
    entity: bool = False,
    reference: str | None = None,
) -> ListEntry:
    names: tuple[ListName, ...] = (ListName(full=primary, primary=True),)
    names += tuple(ListName(full=a) for a in aliases)
    names += tuple(ListName(full=w, quality=NameQuality.WEAK) for w in weak)
    return ListEntry(
        reference=reference or primary,
        entity_type=EntityType.ENTITY if entity else EntityType.PERSON,
        names=names,
        gender=gender,
        dates_of_birth=births,
        nationalities=nationalities,
        documents=documents,
    )


def entry_id(text: str) -> uuid.UUID:
    return uuid.uuid5(LIST, text)


def matcher_with(*entries: ListEntry, list_id: uuid.UUID = LIST) -> Matcher:
    matcher = Matcher()
    matcher.build((list_id, entry_id(e.reference), e) for e in entries)
    return matcher


def born(y: int, m: int | None = None, d: int | None = None) -> PartialDate:
    return PartialDate(y, m, d)


def search(
    matcher: Matcher,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
    **query: Any,
) -> list[MatchResult]:
    return matcher.search(ScreeningQuery(**query), lists={LIST: threshold}, limit=limit)


def top_score(matcher: Matcher, **query: Any) -> float:
    """The best score for the traveller, whatever the threshold (0 when nothing is close)."""
    results = search(matcher, threshold=0.0, limit=1, **query)
    return results[0].score if results else 0.0
