from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, delete, func, select, update

from paxscreen.storage.bulk import insert_rows
from paxscreen.storage.models import (
    Booking,
    BookingVersion,
    Flight,
    PnrTraveller,
    Traveller,
    TravellerLink,
)
from paxscreen.storage.session import Session


@dataclass(frozen=True)
class BookingFilters:
    locator: str | None = None
    flight_id: uuid.UUID | None = None
    surname: str | None = None
    status: str | None = None
    date_from: date | None = None  # the flight's local departure date
    date_to: date | None = None


class BookingRepository:
    """Bookings, their versions and PNR travellers; set-based writes like the traveller one."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def of_flight(self, flight_id: uuid.UUID) -> Sequence[Booking]:
        query = select(Booking).where(Booking.flight_id == flight_id)
        return (await self.session.execute(query)).scalars().all()

    async def insert_bookings(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, Booking, rows)

    async def update_bookings(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(update(Booking), rows)

    async def insert_versions(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, BookingVersion, rows)

    async def latest_data(
        self, booking_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, Any]]:
        if not booking_ids:
            return {}
        newest = (
            select(BookingVersion.booking_id, func.max(BookingVersion.version).label("v"))
            .where(BookingVersion.booking_id.in_(booking_ids))
            .group_by(BookingVersion.booking_id)
            .subquery()
        )
        query = select(BookingVersion.booking_id, BookingVersion.data).join(
            newest,
            (BookingVersion.booking_id == newest.c.booking_id)
            & (BookingVersion.version == newest.c.v),
        )
        return {row.booking_id: row.data for row in await self.session.execute(query)}

    async def pnr_travellers_of(self, booking_ids: Sequence[uuid.UUID]) -> Sequence[PnrTraveller]:
        if not booking_ids:
            return []
        query = select(PnrTraveller).where(PnrTraveller.booking_id.in_(booking_ids))
        return (await self.session.execute(query)).scalars().all()

    async def insert_pnr_travellers(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, PnrTraveller, rows)

    async def update_pnr_travellers(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(update(PnrTraveller), rows)

    async def get(self, booking_id: uuid.UUID) -> Booking | None:
        return await self.session.get(Booking, booking_id)

    async def versions_of(self, booking_id: uuid.UUID) -> Sequence[BookingVersion]:
        query = (
            select(BookingVersion)
            .where(BookingVersion.booking_id == booking_id)
            .order_by(BookingVersion.version)
        )
        return (await self.session.execute(query)).scalars().all()

    async def list(
        self, filters: BookingFilters, *, limit: int, offset: int
    ) -> tuple[Sequence[Booking], int]:
        query = select(Booking)
        if filters.locator:
            query = query.where(Booking.locator == filters.locator)
        if filters.flight_id:
            query = query.where(Booking.flight_id == filters.flight_id)
        if filters.status:
            query = query.where(Booking.status == filters.status)
        if filters.surname:
            named = select(PnrTraveller.booking_id).where(PnrTraveller.surname == filters.surname)
            query = query.where(Booking.id.in_(named))
        if filters.date_from or filters.date_to:
            query = query.join(Flight, Flight.id == Booking.flight_id)
            if filters.date_from:
                query = query.where(Flight.departure_date >= filters.date_from)
            if filters.date_to:
                query = query.where(Flight.departure_date <= filters.date_to)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        query = query.order_by(Booking.updated_at.desc(), Booking.id).limit(limit).offset(offset)
        return (await self.session.execute(query)).scalars().all(), int(total or 0)


class LinkRepository:
    """Links between PNR travellers and API travellers of a flight."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def api_parties(
        self, flight_id: uuid.UUID
    ) -> Sequence[Row[uuid.UUID, str, str, date | None, str | None]]:
        """What linking needs of the flight's API travellers (plain rows: no ORM objects)."""
        query = select(
            Traveller.id,
            Traveller.surname,
            Traveller.given_names,
            Traveller.date_of_birth,
            Traveller.reservation_ref.label("locator"),
        ).where(Traveller.flight_id == flight_id)
        return (await self.session.execute(query)).all()

    async def pnr_parties(
        self, flight_id: uuid.UUID
    ) -> Sequence[Row[uuid.UUID, str, str, date | None, str | None, str | None]]:
        """What linking needs of the flight's active PNR travellers and their bookings' locators."""
        query = (
            select(
                PnrTraveller.id,
                PnrTraveller.surname,
                PnrTraveller.given_names,
                PnrTraveller.date_of_birth,
                Booking.locator,
                PnrTraveller.document_key,
            )
            .join(Booking, Booking.id == PnrTraveller.booking_id)
            .where(PnrTraveller.flight_id == flight_id, PnrTraveller.status == "active")
        )
        return (await self.session.execute(query)).all()

    async def of_flight(self, flight_id: uuid.UUID) -> Sequence[TravellerLink]:
        query = select(TravellerLink).where(TravellerLink.flight_id == flight_id)
        return (await self.session.execute(query)).scalars().all()

    async def replace(
        self,
        flight_id: uuid.UUID,
        stale: Sequence[uuid.UUID],
        inserts: list[dict[str, Any]],
        updates: list[dict[str, Any]],
    ) -> None:
        if stale:
            await self.session.execute(delete(TravellerLink).where(TravellerLink.id.in_(stale)))
        if updates:
            await self.session.execute(update(TravellerLink), updates)
        await insert_rows(self.session, TravellerLink, inserts)

    async def of_api_traveller(
        self, traveller_id: uuid.UUID
    ) -> Sequence[tuple[TravellerLink, PnrTraveller, Booking]]:
        query = (
            select(TravellerLink, PnrTraveller, Booking)
            .join(PnrTraveller, PnrTraveller.id == TravellerLink.pnr_traveller_id)
            .join(Booking, Booking.id == PnrTraveller.booking_id)
            .where(TravellerLink.traveller_id == traveller_id)
            .order_by(TravellerLink.confidence.desc())
        )
        return [
            (link, person, booking) for link, person, booking in await self.session.execute(query)
        ]

    async def of_bookings(
        self, booking_id: uuid.UUID
    ) -> Sequence[tuple[TravellerLink, PnrTraveller]]:
        query = (
            select(TravellerLink, PnrTraveller)
            .join(PnrTraveller, PnrTraveller.id == TravellerLink.pnr_traveller_id)
            .where(PnrTraveller.booking_id == booking_id)
        )
        return [(link, person) for link, person in await self.session.execute(query)]

    async def flight_has_bookings(self, flight_id: uuid.UUID) -> bool:
        query = select(Booking.id).where(Booking.flight_id == flight_id).limit(1)
        return (await self.session.scalar(query)) is not None
