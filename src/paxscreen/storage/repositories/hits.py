from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, select, update

from paxscreen.storage.base import utcnow
from paxscreen.storage.models import (
    Booking,
    Flight,
    HitSuppression,
    PnrTraveller,
    ScreeningHit,
    TravelDocument,
    Traveller,
)
from paxscreen.storage.session import Session
from paxscreen.storage.statements import chunks, upsert_insert


class HitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def insert_new(self, rows: list[dict[str, Any]]) -> set[uuid.UUID]:
        """Store the hits not remembered yet; answers the new ones' ids.

        A hit is left out when the same traveller already has a hit on the entry that is not
        dismissed (the first one stays under review), or when an active suppression holds for the
        entry version and the traveller's data (a dismissed false positive, on any flight). The
        unique key keeps concurrent screenings from storing one twice."""
        rows = await self._not_remembered(rows)
        if not rows:
            return set()
        statement = upsert_insert(self.session, ScreeningHit).on_conflict_do_nothing(
            index_elements=["subject", "entry_id", "entry_version", "fingerprint"]
        )
        # Rows as parameters: one cached statement, sent in batches by the driver layer.
        result = await self.session.execute(statement.returning(ScreeningHit.id), rows)
        return set(result.scalars())

    async def _not_remembered(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return rows
        entries = list({row["entry_id"] for row in rows})
        subjects = list({row["subject"] for row in rows})
        under_review: set[tuple[str, uuid.UUID]] = set()
        for part in chunks(subjects):
            query = select(ScreeningHit.subject, ScreeningHit.entry_id).where(
                ScreeningHit.subject.in_(part),
                ScreeningHit.entry_id.in_(entries),
                ScreeningHit.status != "dismissed",
            )
            under_review.update(
                (s, e) for s, e in (await self.session.execute(query)).all() if e is not None
            )
        suppressions: dict[tuple[uuid.UUID, int, str], uuid.UUID] = {}
        for part in chunks(entries):
            active = select(
                HitSuppression.id,
                HitSuppression.entry_id,
                HitSuppression.entry_version,
                HitSuppression.fingerprint,
            ).where(
                HitSuppression.entry_id.in_(part),
                HitSuppression.active.is_(True),
            )
            for sid, entry, version, fp in (await self.session.execute(active)).all():
                suppressions[(entry, version, fp)] = sid
        kept, applied = [], []
        for row in rows:
            suppression = suppressions.get(
                (row["entry_id"], row["entry_version"], row["fingerprint"])
            )
            if suppression is not None:
                applied.append(suppression)
            elif (row["subject"], row["entry_id"]) not in under_review:
                kept.append(row)
        for sid in set(applied):
            await self.session.execute(
                update(HitSuppression)
                .where(HitSuppression.id == sid)
                .values(
                    times_applied=HitSuppression.times_applied + applied.count(sid),
                    last_applied_at=utcnow(),
                )
            )
        return kept

    async def of_traveller(self, traveller_id: uuid.UUID) -> Sequence[ScreeningHit]:
        query = (
            select(ScreeningHit)
            .where(ScreeningHit.traveller_id == traveller_id)
            .order_by(ScreeningHit.score.desc())
        )
        return (await self.session.execute(query)).scalars().all()

    async def api_travellers_departing(
        self, start: datetime, end: datetime
    ) -> Sequence[Row[uuid.UUID, uuid.UUID, int, str, str, date | None, str | None, str | None]]:
        """API travellers (not cancelled) on flights departing between ``start`` and ``end``."""
        query = (
            select(
                Traveller.id,
                Traveller.flight_id,
                Traveller.version,
                Traveller.surname,
                Traveller.given_names,
                Traveller.date_of_birth,
                Traveller.gender,
                Traveller.nationality,
            )
            .join(Flight, Flight.id == Traveller.flight_id)
            .where(
                Flight.departure_utc >= start,
                Flight.departure_utc <= end,
                Traveller.status != "cancelled",
            )
        )
        return (await self.session.execute(query)).all()

    async def documents_of(self, traveller_ids: Sequence[uuid.UUID]) -> Sequence[TravelDocument]:
        if not traveller_ids:
            return []
        query = select(TravelDocument).where(TravelDocument.traveller_id.in_(traveller_ids))
        return (await self.session.execute(query)).scalars().all()

    async def pnr_travellers_departing(
        self, start: datetime, end: datetime
    ) -> Sequence[Row[uuid.UUID, int, uuid.UUID, int, uuid.UUID]]:
        """Active PNR travellers of active bookings on flights departing in the window, with the
        booking data they are read from."""
        query = (
            select(
                PnrTraveller.id,
                PnrTraveller.position,
                Booking.flight_id,
                Booking.version,
                Booking.id,
            )
            .join(Booking, Booking.id == PnrTraveller.booking_id)
            .join(Flight, Flight.id == Booking.flight_id)
            .where(
                Flight.departure_utc >= start,
                Flight.departure_utc <= end,
                PnrTraveller.status == "active",
                Booking.status == "active",
            )
        )
        return (await self.session.execute(query)).all()
