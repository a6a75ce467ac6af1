from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.dialects import postgresql, sqlite

from paxscreen.storage.models import (
    Booking,
    Flight,
    PnrTraveller,
    ScreeningHit,
    TravelDocument,
    Traveller,
)
from paxscreen.storage.session import Session


class HitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def insert_new(self, rows: list[dict[str, Any]]) -> set[uuid.UUID]:
        """Store hits not stored yet (one per traveller and entry); answers the new ones' ids."""
        if not rows:
            return set()
        dialect = self.session.get_bind().dialect.name
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ScreeningHit)
        statement = insert.values(rows).on_conflict_do_nothing(
            index_elements=["subject", "entry_id"]
        )
        result = await self.session.execute(statement.returning(ScreeningHit.id))
        return {row[0] for row in result}

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
