from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from paxscreen.storage.base import new_id
from paxscreen.storage.models import Flight, FlightMessage, InboundMessage, Traveller
from paxscreen.storage.session import Session
from paxscreen.storage.statements import upsert_insert


@dataclass(frozen=True)
class FlightFilters:
    date_from: date | None = None
    date_to: date | None = None
    carrier: str | None = None
    flight_number: str | None = None
    origin: str | None = None
    destination: str | None = None


class FlightRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _insert(self, table: Any) -> Any:
        return upsert_insert(self.session, table)

    async def upsert(self, values: dict[str, Any]) -> tuple[Flight, bool]:
        """The flight with this ``flight_key`` and whether it is new. It is locked for the rest of
        the transaction, so that two manifests of one flight are applied one after the other."""
        inserted = await self.session.execute(
            self._insert(Flight)
            .values(id=new_id(), **values)
            .on_conflict_do_nothing(index_elements=["flight_key"])
        )
        query = select(Flight).where(Flight.flight_key == values["flight_key"])
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        query = query.execution_options(populate_existing=True)
        flight = (await self.session.execute(query)).scalar_one()
        return flight, bool(getattr(inserted, "rowcount", 0))

    async def link_message(
        self, flight_id: uuid.UUID, message_id: uuid.UUID, kind: str, action: str
    ) -> None:
        await self.session.execute(
            self._insert(FlightMessage)
            .values(flight_id=flight_id, message_id=message_id, kind=kind, action=action)
            .on_conflict_do_nothing()
        )

    async def get(self, flight_id: uuid.UUID) -> Flight | None:
        return await self.session.get(Flight, flight_id)

    async def messages_of(
        self, flight_id: uuid.UUID
    ) -> Sequence[tuple[FlightMessage, InboundMessage]]:
        query = (
            select(FlightMessage, InboundMessage)
            .join(InboundMessage, InboundMessage.id == FlightMessage.message_id)
            .where(FlightMessage.flight_id == flight_id)
            .order_by(InboundMessage.received_at)
        )
        return [(link, message) for link, message in await self.session.execute(query)]

    async def list(
        self, filters: FlightFilters, *, limit: int, offset: int
    ) -> tuple[Sequence[Flight], int]:
        conditions = []
        if filters.date_from:
            conditions.append(Flight.departure_date >= filters.date_from)
        if filters.date_to:
            conditions.append(Flight.departure_date <= filters.date_to)
        for column, value in (
            (Flight.carrier, filters.carrier),
            (Flight.flight_number, filters.flight_number),
            (Flight.origin, filters.origin),
            (Flight.destination, filters.destination),
        ):
            if value:
                conditions.append(column == value)
        base = select(Flight).where(*conditions)
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        query = (
            base.order_by(Flight.departure_date.desc(), Flight.departure_local.desc(), Flight.id)
            .limit(limit)
            .offset(offset)
        )
        return (await self.session.execute(query)).scalars().all(), int(total or 0)

    async def role_counts(self, flight_id: uuid.UUID) -> dict[str, int]:
        query = (
            select(Traveller.role, func.count())
            .where(Traveller.flight_id == flight_id)
            .group_by(Traveller.role)
        )
        return {str(role): int(count) for role, count in await self.session.execute(query)}
