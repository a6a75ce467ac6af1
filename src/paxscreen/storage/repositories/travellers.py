from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update

from paxscreen.storage.bulk import insert_rows
from paxscreen.storage.models import Assessment, TravelDocument, Traveller, TravellerVersion
from paxscreen.storage.session import Session


@dataclass(frozen=True)
class TravellerFilters:
    role: str | None = None
    status: str | None = None
    surname: str | None = None
    sort: str = "score"  # score (highest risk first, then name) or name


class TravellerRepository:
    """Travellers, their versions and documents. Writes are set-based: one statement per table for a
    whole manifest, which is what keeps ingest at thousands of travellers per second."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def of_flight(self, flight_id: uuid.UUID) -> Sequence[Traveller]:
        query = select(Traveller).where(Traveller.flight_id == flight_id)
        return (await self.session.execute(query)).scalars().all()

    async def documents_of(
        self, traveller_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[TravelDocument]]:
        found: dict[uuid.UUID, list[TravelDocument]] = defaultdict(list)
        if not traveller_ids:
            return found
        query = select(TravelDocument).where(TravelDocument.traveller_id.in_(traveller_ids))
        for document in (await self.session.execute(query)).scalars():
            found[document.traveller_id].append(document)
        return found

    async def insert_travellers(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, Traveller, rows)

    async def update_travellers(self, rows: list[dict[str, Any]]) -> None:
        """Rows carry ``id`` and the columns to change (ORM bulk update by primary key)."""
        if rows:
            await self.session.execute(update(Traveller), rows)

    async def insert_versions(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, TravellerVersion, rows)

    async def replace_documents(
        self, traveller_ids: Sequence[uuid.UUID], rows: list[dict[str, Any]]
    ) -> None:
        if traveller_ids:
            await self.session.execute(
                delete(TravelDocument).where(TravelDocument.traveller_id.in_(traveller_ids))
            )
        await insert_rows(self.session, TravelDocument, rows)

    async def get(self, traveller_id: uuid.UUID) -> Traveller | None:
        return await self.session.get(Traveller, traveller_id)

    async def versions_of(self, traveller_id: uuid.UUID) -> Sequence[TravellerVersion]:
        query = (
            select(TravellerVersion)
            .where(TravellerVersion.traveller_id == traveller_id)
            .order_by(TravellerVersion.version)
        )
        return (await self.session.execute(query)).scalars().all()

    async def list_of_flight(
        self, flight_id: uuid.UUID, filters: TravellerFilters, *, limit: int, offset: int
    ) -> tuple[Sequence[tuple[Traveller, float | None, str | None]], int]:
        """The flight's travellers with their risk score and band (None before assessment)."""
        conditions = [Traveller.flight_id == flight_id]
        if filters.role:
            conditions.append(Traveller.role == filters.role)
        if filters.status:
            conditions.append(Traveller.status == filters.status)
        if filters.surname:
            conditions.append(Traveller.surname == filters.surname.upper())
        total = await self.session.scalar(
            select(func.count()).select_from(Traveller).where(*conditions)
        )
        query = (
            select(Traveller, Assessment.score, Assessment.band)
            .outerjoin(Assessment, Assessment.traveller_id == Traveller.id)
            .where(*conditions)
        )
        by_name = (Traveller.surname, Traveller.given_names, Traveller.id)
        if filters.sort == "score":
            query = query.order_by(func.coalesce(Assessment.score, 0.0).desc(), *by_name)
        else:
            query = query.order_by(*by_name)
        rows = (await self.session.execute(query.limit(limit).offset(offset))).all()
        return [(t, score, band) for t, score, band in rows], int(total or 0)

    async def latest_data(
        self, traveller_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, Any]]:
        """The data of each traveller's newest version."""
        newest = (
            select(TravellerVersion.traveller_id, func.max(TravellerVersion.version).label("v"))
            .where(TravellerVersion.traveller_id.in_(traveller_ids))
            .group_by(TravellerVersion.traveller_id)
            .subquery()
        )
        query = select(TravellerVersion.traveller_id, TravellerVersion.data).join(
            newest,
            (TravellerVersion.traveller_id == newest.c.traveller_id)
            & (TravellerVersion.version == newest.c.v),
        )
        return {row.traveller_id: row.data for row in await self.session.execute(query)}
