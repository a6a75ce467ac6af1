"""Reading watchlists and entries."""

from __future__ import annotations

import uuid

from paxscreen.deps import PageParams
from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD
from paxscreen.storage.models import Watchlist, WatchlistEntry
from paxscreen.storage.repositories.watchlists import EntryFilters, WatchlistRepository
from paxscreen.storage.session import Session
from paxscreen.watchlists.schemas import (
    EntryHistory,
    EntryPage,
    EntryRead,
    EntryVersionRead,
    WatchlistPage,
    WatchlistRead,
)
from paxscreen.watchlists.service import get_entry, get_list


def _read(watchlist: Watchlist, count: int) -> WatchlistRead:
    return WatchlistRead.model_validate(
        {
            **{
                k: getattr(watchlist, k)
                for k in WatchlistRead.model_fields
                if hasattr(watchlist, k)
            },
            "effective_threshold": watchlist.threshold
            if watchlist.threshold is not None
            else DEFAULT_THRESHOLD,
            "entry_count": count,
        }
    )


async def watchlist_read(session: Session, watchlist_id: uuid.UUID) -> WatchlistRead:
    watchlist = await get_list(session, watchlist_id)
    counts = await WatchlistRepository(session).entry_counts()
    return _read(watchlist, counts.get(watchlist_id, 0))


async def all_watchlists(session: Session) -> WatchlistPage:
    repository = WatchlistRepository(session)
    counts = await repository.entry_counts()
    return WatchlistPage(items=[_read(w, counts.get(w.id, 0)) for w in await repository.all()])


def _entry(row: WatchlistEntry) -> EntryRead:
    return EntryRead.model_validate(
        {
            **{k: getattr(row, k) for k in EntryRead.model_fields if k != "entry"},
            "entry": ListEntry.model_validate(row.data),
        }
    )


async def entries(
    session: Session,
    watchlist_id: uuid.UUID,
    name: str | None,
    status: str | None,
    page: PageParams,
) -> EntryPage:
    await get_list(session, watchlist_id)
    rows, total = await WatchlistRepository(session).list_entries(
        watchlist_id, EntryFilters(name=name, status=status), limit=page.limit, offset=page.offset
    )
    return EntryPage(
        items=[_entry(r) for r in rows], total=total, limit=page.limit, offset=page.offset
    )


async def entry_read(session: Session, watchlist_id: uuid.UUID, entry_id: uuid.UUID) -> EntryRead:
    return _entry(await get_entry(session, watchlist_id, entry_id))


async def entry_history(
    session: Session, watchlist_id: uuid.UUID, entry_id: uuid.UUID
) -> EntryHistory:
    await get_entry(session, watchlist_id, entry_id)
    versions = await WatchlistRepository(session).history(entry_id)
    return EntryHistory(
        entry_id=entry_id,
        versions=[
            EntryVersionRead.model_validate(
                {
                    **{k: getattr(v, k) for k in EntryVersionRead.model_fields if k != "entry"},
                    "entry": ListEntry.model_validate(v.data),
                }
            )
            for v in versions
        ],
    )
