"""Reads and writes of the hit review: the queue, one hit with its people and flight, its events,
and the false-positive suppressions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select

from paxscreen.storage.models import (
    Assessment,
    Flight,
    HitEvent,
    HitSuppression,
    PnrTraveller,
    ScreeningHit,
    Traveller,
    Watchlist,
)
from paxscreen.storage.session import Session

# hit, flight, list name, assessment band, API surname and given names, PNR surname and given names
QueueRow = tuple[
    ScreeningHit, Flight, str, str | None, str | None, str | None, str | None, str | None
]
QueueSelect = Select[
    ScreeningHit, Flight, str, str | None, str | None, str | None, str | None, str | None
]


@dataclass(frozen=True, slots=True)
class QueueFilter:
    status: Sequence[str] = ()
    watchlist_id: uuid.UUID | None = None
    rule_id: uuid.UUID | None = None
    band: Sequence[str] = ()  # of the traveller's assessment
    flight_id: uuid.UUID | None = None
    assignee: str | None = None
    departure_from: datetime | None = None
    departure_to: datetime | None = None
    sort: str = "score"  # score (best first, then soonest departure) or departure


@dataclass(frozen=True, slots=True)
class QueuedHit:
    hit: ScreeningHit
    flight: Flight
    watchlist_name: str  # "" for a rule hit
    band: str | None  # of the traveller's assessment
    surname: str
    given_names: str


def _queue_query(columns: QueueSelect) -> QueueSelect:
    return (
        columns.join(Flight, Flight.id == ScreeningHit.flight_id)
        .outerjoin(Watchlist, Watchlist.id == ScreeningHit.watchlist_id)
        .outerjoin(Assessment, Assessment.subject == ScreeningHit.subject)
        .outerjoin(Traveller, Traveller.id == ScreeningHit.traveller_id)
        .outerjoin(PnrTraveller, PnrTraveller.id == ScreeningHit.pnr_traveller_id)
    )


def _queued(row: QueueRow) -> QueuedHit:
    hit, flight, name, band, api_surname, api_given, pnr_surname, pnr_given = row
    return QueuedHit(
        hit, flight, name, band, api_surname or pnr_surname or "", api_given or pnr_given or ""
    )


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self) -> QueueSelect:
        return _queue_query(
            select(
                ScreeningHit,
                Flight,
                func.coalesce(Watchlist.name, ""),
                Assessment.band,
                Traveller.surname,
                Traveller.given_names,
                PnrTraveller.surname,
                PnrTraveller.given_names,
            )
        )

    async def queue(
        self, wanted: QueueFilter, limit: int, offset: int
    ) -> tuple[list[QueuedHit], int]:
        conditions: list[ColumnElement[bool]] = []
        if wanted.status:
            conditions.append(ScreeningHit.status.in_(wanted.status))
        if wanted.watchlist_id:
            conditions.append(ScreeningHit.watchlist_id == wanted.watchlist_id)
        if wanted.rule_id:
            conditions.append(ScreeningHit.rule_id == wanted.rule_id)
        if wanted.band:
            conditions.append(Assessment.band.in_(wanted.band))
        if wanted.flight_id:
            conditions.append(ScreeningHit.flight_id == wanted.flight_id)
        if wanted.assignee:
            conditions.append(ScreeningHit.assignee == wanted.assignee)
        if wanted.departure_from:
            conditions.append(Flight.departure_utc >= wanted.departure_from)
        if wanted.departure_to:
            conditions.append(Flight.departure_utc <= wanted.departure_to)
        by_score = (ScreeningHit.score.desc(), Flight.departure_utc.asc().nulls_last())
        by_departure = (Flight.departure_utc.asc().nulls_last(), ScreeningHit.score.desc())
        order = by_departure if wanted.sort == "departure" else by_score
        query = (
            self._select()
            .where(*conditions)
            .order_by(*order, ScreeningHit.created_at, ScreeningHit.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await self.session.execute(query)).all()
        count = (
            select(func.count())
            .select_from(ScreeningHit)
            .join(Flight, Flight.id == ScreeningHit.flight_id)
            .outerjoin(Assessment, Assessment.subject == ScreeningHit.subject)
            .where(*conditions)
        )
        total = (await self.session.execute(count)).scalar_one()
        return [_queued(row) for row in rows], total

    async def get(self, hit_id: uuid.UUID, *, for_update: bool = False) -> QueuedHit | None:
        query = self._select().where(ScreeningHit.id == hit_id)
        if for_update and self.session.get_bind().dialect.name == "postgresql":
            # Two analysts deciding the same hit at once: the second waits, then sees the first.
            query = query.with_for_update(of=ScreeningHit)
        row = (await self.session.execute(query)).first()
        return _queued(row) if row else None

    async def events(self, hit_id: uuid.UUID) -> Sequence[HitEvent]:
        query = (
            select(HitEvent)
            .where(HitEvent.hit_id == hit_id)
            .order_by(HitEvent.recorded_at, HitEvent.id)
        )
        return (await self.session.execute(query)).scalars().all()

    def add(self, item: HitEvent | HitSuppression) -> None:
        self.session.add(item)

    async def suppression_of(
        self, entry_id: uuid.UUID, entry_version: int, fingerprint: str
    ) -> HitSuppression | None:
        query = select(HitSuppression).where(
            HitSuppression.entry_id == entry_id,
            HitSuppression.entry_version == entry_version,
            HitSuppression.fingerprint == fingerprint,
        )
        return (await self.session.execute(query)).scalars().first()

    async def suppression(self, suppression_id: uuid.UUID) -> HitSuppression | None:
        return await self.session.get(HitSuppression, suppression_id)

    async def suppressions(
        self, active: bool | None, watchlist_id: uuid.UUID | None, limit: int, offset: int
    ) -> tuple[Sequence[HitSuppression], int]:
        conditions: list[ColumnElement[bool]] = []
        if active is not None:
            conditions.append(HitSuppression.active.is_(active))
        if watchlist_id:
            conditions.append(HitSuppression.watchlist_id == watchlist_id)
        query = (
            select(HitSuppression)
            .where(*conditions)
            .order_by(HitSuppression.created_at.desc(), HitSuppression.id)
            .limit(limit)
            .offset(offset)
        )
        items = (await self.session.execute(query)).scalars().all()
        count = select(func.count()).select_from(HitSuppression).where(*conditions)
        return items, (await self.session.execute(count)).scalar_one()
