from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from paxscreen.storage.bulk import insert_rows
from paxscreen.storage.models import (
    Watchlist,
    WatchlistChange,
    WatchlistEntry,
    WatchlistEntryVersion,
)
from paxscreen.storage.session import Session


@dataclass(frozen=True)
class EntryFilters:
    name: str | None = None  # part of the primary name
    status: str | None = "active"


class WatchlistRepository:
    """Lists, their entries, entry history and the change log the workers follow."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def add(self, watchlist: Watchlist) -> Watchlist:
        self.session.add(watchlist)
        await self.session.flush()
        return watchlist

    async def get(self, watchlist_id: uuid.UUID, *, lock: bool = False) -> Watchlist | None:
        if not lock:
            return await self.session.get(Watchlist, watchlist_id)
        query = select(Watchlist).where(Watchlist.id == watchlist_id)
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()  # list changes are numbered one after the other
        query = query.execution_options(populate_existing=True)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def by_name(self, name: str) -> Watchlist | None:
        query = select(Watchlist).where(Watchlist.name == name)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def all(self) -> Sequence[Watchlist]:
        return (
            (await self.session.execute(select(Watchlist).order_by(Watchlist.name))).scalars().all()
        )

    async def entry(self, watchlist_id: uuid.UUID, entry_id: uuid.UUID) -> WatchlistEntry | None:
        entry = await self.session.get(WatchlistEntry, entry_id)
        return entry if entry is not None and entry.watchlist_id == watchlist_id else None

    async def entries_by_reference(self, watchlist_id: uuid.UUID) -> dict[str, WatchlistEntry]:
        query = select(WatchlistEntry).where(WatchlistEntry.watchlist_id == watchlist_id)
        return {e.reference: e for e in (await self.session.execute(query)).scalars()}

    async def entry_counts(self) -> dict[uuid.UUID, int]:
        query = (
            select(WatchlistEntry.watchlist_id, func.count())
            .where(WatchlistEntry.status == "active")
            .group_by(WatchlistEntry.watchlist_id)
        )
        return {row[0]: int(row[1]) for row in await self.session.execute(query)}

    async def list_entries(
        self, watchlist_id: uuid.UUID, filters: EntryFilters, *, limit: int, offset: int
    ) -> tuple[Sequence[WatchlistEntry], int]:
        query = select(WatchlistEntry).where(WatchlistEntry.watchlist_id == watchlist_id)
        if filters.status:
            query = query.where(WatchlistEntry.status == filters.status)
        if filters.name:
            query = query.where(WatchlistEntry.primary_name.contains(filters.name.upper()))
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        query = query.order_by(WatchlistEntry.reference).limit(limit).offset(offset)
        return (await self.session.execute(query)).scalars().all(), int(total or 0)

    async def insert_entries(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, WatchlistEntry, rows)

    async def insert_versions(self, rows: list[dict[str, Any]]) -> None:
        await insert_rows(self.session, WatchlistEntryVersion, rows)

    async def log_changes(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.add_all(WatchlistChange(**row) for row in rows)
            await self.session.flush()

    async def history(self, entry_id: uuid.UUID) -> Sequence[WatchlistEntryVersion]:
        query = (
            select(WatchlistEntryVersion)
            .where(WatchlistEntryVersion.entry_id == entry_id)
            .order_by(WatchlistEntryVersion.version)
        )
        return (await self.session.execute(query)).scalars().all()

    async def last_change(self) -> int:
        return int(await self.session.scalar(select(func.max(WatchlistChange.seq))) or 0)

    async def changes_since(self, seq: int, limit: int = 10_000) -> Sequence[WatchlistChange]:
        query = (
            select(WatchlistChange)
            .where(WatchlistChange.seq > seq)
            .order_by(WatchlistChange.seq)
            .limit(limit)
        )
        return (await self.session.execute(query)).scalars().all()

    async def entries_by_id(self, entry_ids: Sequence[uuid.UUID]) -> Sequence[WatchlistEntry]:
        if not entry_ids:
            return []
        query = select(WatchlistEntry).where(WatchlistEntry.id.in_(entry_ids))
        return (await self.session.execute(query)).scalars().all()

    async def stream_active_entries(
        self, batch: int = 5_000
    ) -> AsyncIterator[Sequence[tuple[uuid.UUID, uuid.UUID, int, dict[str, Any]]]]:
        """Every active entry of every list, in batches: what a worker builds its index from."""
        query = (
            select(
                WatchlistEntry.watchlist_id,
                WatchlistEntry.id,
                WatchlistEntry.version,
                WatchlistEntry.data,
            )
            .where(WatchlistEntry.status == "active")
            .execution_options(yield_per=batch)
        )
        result = await self.session.stream(query)
        async for partition in result.partitions(batch):
            yield [(row[0], row[1], row[2], row[3]) for row in partition]
