"""Changing watchlists: every change bumps the list's version, keeps the entry's history and is
logged in order, so that every worker's matcher follows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from paxscreen.changes import changed_fields
from paxscreen.errors import Conflict, NotFound
from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.storage.base import new_id, utcnow
from paxscreen.storage.models import Watchlist, WatchlistEntry
from paxscreen.storage.repositories.watchlists import WatchlistRepository
from paxscreen.storage.session import Session
from paxscreen.watchlists.formats.diff import diff_entries

ACTIVE, REMOVED = "active", "removed"
UPSERT, REMOVE, LIST = "upsert", "remove", "list"


@dataclass(frozen=True)
class ApplyResult:
    added: int
    changed: int
    removed: int
    unchanged: int
    list_version: int
    duplicates: tuple[str, ...] = ()  # references listed twice in the file (the first is kept)


async def create_list(session: Session, values: dict[str, Any]) -> Watchlist:
    repository = WatchlistRepository(session)
    if await repository.by_name(values["name"]) is not None:
        raise Conflict(f"a watchlist named {values['name']!r} exists already")
    now = utcnow()
    watchlist = await repository.add(Watchlist(**values, version=1, created_at=now, updated_at=now))
    await _log(repository, watchlist, [(None, LIST)], now)
    return watchlist


async def get_list(session: Session, watchlist_id: uuid.UUID, *, lock: bool = False) -> Watchlist:
    watchlist = await WatchlistRepository(session).get(watchlist_id, lock=lock)
    if watchlist is None:
        raise NotFound(f"no watchlist with id {watchlist_id}")
    return watchlist


async def update_list(
    session: Session, watchlist_id: uuid.UUID, values: dict[str, Any]
) -> Watchlist:
    watchlist = await get_list(session, watchlist_id, lock=True)
    for name, value in values.items():
        setattr(watchlist, name, value)
    now = _bump(watchlist)
    await _log(WatchlistRepository(session), watchlist, [(None, LIST)], now)
    return watchlist


async def add_entry(
    session: Session, watchlist_id: uuid.UUID, entry: ListEntry, actor: str
) -> WatchlistEntry:
    watchlist = await get_list(session, watchlist_id, lock=True)
    repository = WatchlistRepository(session)
    existing = (await repository.entries_by_reference(watchlist_id)).get(entry.reference)
    if existing is not None and existing.status == ACTIVE:
        raise Conflict(
            f"entry {entry.reference!r} is already on the list",
            entry_id=str(existing.id),
        )
    await apply_entries(session, watchlist, upserts=[entry], removals=[], actor=actor)
    added = (await repository.entries_by_reference(watchlist_id))[entry.reference]
    return added


async def update_entry(
    session: Session, watchlist_id: uuid.UUID, entry_id: uuid.UUID, entry: ListEntry, actor: str
) -> WatchlistEntry:
    watchlist = await get_list(session, watchlist_id, lock=True)
    stored = await get_entry(session, watchlist_id, entry_id)
    if entry.reference != stored.reference:
        raise Conflict(
            f"the reference of an entry cannot change ({stored.reference!r} to "
            f"{entry.reference!r}); remove it and add a new one"
        )
    await apply_entries(session, watchlist, upserts=[entry], removals=[], actor=actor)
    return stored


async def remove_entry(
    session: Session, watchlist_id: uuid.UUID, entry_id: uuid.UUID, actor: str
) -> WatchlistEntry:
    watchlist = await get_list(session, watchlist_id, lock=True)
    stored = await get_entry(session, watchlist_id, entry_id)
    if stored.status == ACTIVE:
        await apply_entries(
            session, watchlist, upserts=[], removals=[stored.reference], actor=actor
        )
    return stored


async def get_entry(
    session: Session, watchlist_id: uuid.UUID, entry_id: uuid.UUID
) -> WatchlistEntry:
    entry = await WatchlistRepository(session).entry(watchlist_id, entry_id)
    if entry is None:
        raise NotFound(f"no entry {entry_id} on watchlist {watchlist_id}")
    return entry


async def import_entries(
    session: Session, watchlist_id: uuid.UUID, entries: Sequence[ListEntry], actor: str
) -> ApplyResult:
    """Make the list hold exactly ``entries`` (a newer edition of the same list): the difference
    is applied, entries no longer listed are removed, and nothing is duplicated."""
    watchlist = await get_list(session, watchlist_id, lock=True)
    repository = WatchlistRepository(session)
    stored = await repository.entries_by_reference(watchlist_id)
    current = {
        reference: ListEntry.model_validate(row.data)
        for reference, row in stored.items()
        if row.status == ACTIVE
    }
    diff = diff_entries(current, entries)
    upserts = [*diff.added, *(new for _, new, _ in diff.changed)]
    removals = [old.reference for old in diff.removed]
    await apply_entries(session, watchlist, upserts=upserts, removals=removals, actor=actor)
    return ApplyResult(
        added=len(diff.added),
        changed=len(diff.changed),
        removed=len(diff.removed),
        unchanged=diff.unchanged,
        list_version=watchlist.version,
        duplicates=tuple(entry.reference for entry in diff.duplicates),
    )


async def apply_entries(
    session: Session,
    watchlist: Watchlist,
    *,
    upserts: Sequence[ListEntry],
    removals: Sequence[str],
    actor: str,
) -> None:
    """Write entry changes as one new list version (none when nothing actually changes)."""
    repository = WatchlistRepository(session)
    stored = await repository.entries_by_reference(watchlist.id)
    upserts = [e for e in upserts if _differs(stored.get(e.reference), e)]
    removals = [r for r in removals if r in stored and stored[r].status == ACTIVE]
    if not upserts and not removals:
        return
    now = _bump(watchlist)
    inserts: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    changes: list[tuple[uuid.UUID | None, str]] = []
    for entry in upserts:
        data = entry.model_dump(mode="json")
        row = stored.get(entry.reference)
        if row is None:
            entry_id = new_id()
            inserts.append(_entry_row(entry_id, watchlist.id, entry, data, now))
            versions.append(
                _version_row(entry_id, 1, watchlist.version, "added", [], data, actor, now)
            )
            changes.append((entry_id, UPSERT))
            continue
        change = "restored" if row.status == REMOVED else "changed"
        fields = changed_fields(row.data, data)
        row.version += 1
        row.data = data
        row.status = ACTIVE
        row.primary_name = (entry.primary_name or entry.reference).upper()
        row.entity_type = entry.entity_type.value
        row.updated_at = now
        versions.append(
            _version_row(row.id, row.version, watchlist.version, change, fields, data, actor, now)
        )
        changes.append((row.id, UPSERT))
    for reference in removals:
        row = stored[reference]
        row.version += 1
        row.status = REMOVED
        row.updated_at = now
        versions.append(
            _version_row(
                row.id, row.version, watchlist.version, "removed", [], row.data, actor, now
            )
        )
        changes.append((row.id, REMOVE))
    await repository.insert_entries(inserts)
    await session.flush()
    await repository.insert_versions(versions)
    await _log(repository, watchlist, changes, now)


def _differs(row: WatchlistEntry | None, entry: ListEntry) -> bool:
    return row is None or row.status == REMOVED or row.data != entry.model_dump(mode="json")


def _bump(watchlist: Watchlist) -> datetime:
    now = utcnow()
    watchlist.version += 1
    watchlist.updated_at = now
    return now


def _entry_row(
    entry_id: uuid.UUID, list_id: uuid.UUID, entry: ListEntry, data: dict[str, Any], now: datetime
) -> dict[str, Any]:
    return {
        "id": entry_id,
        "watchlist_id": list_id,
        "reference": entry.reference,
        "entity_type": entry.entity_type.value,
        "primary_name": (entry.primary_name or entry.reference).upper(),
        "status": ACTIVE,
        "version": 1,
        "data": data,
        "created_at": now,
        "updated_at": now,
    }


def _version_row(
    entry_id: uuid.UUID,
    version: int,
    list_version: int,
    change: str,
    fields: list[str],
    data: dict[str, Any],
    actor: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "entry_id": entry_id,
        "version": version,
        "list_version": list_version,
        "change": change,
        "changed_fields": fields,
        "data": data,
        "actor": actor,
        "recorded_at": now,
    }


async def _log(
    repository: WatchlistRepository,
    watchlist: Watchlist,
    changes: Sequence[tuple[uuid.UUID | None, str]],
    now: datetime,
) -> None:
    await repository.log_changes(
        [
            {
                "watchlist_id": watchlist.id,
                "entry_id": entry_id,
                "operation": operation,
                "list_version": watchlist.version,
                "recorded_at": now,
            }
            for entry_id, operation in changes
        ]
    )
