from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, status

from paxscreen.access.dependencies import AdminDep, ListReaderDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.assessment.rescreen import rescreen_upcoming
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep, SessionFactoryDep
from paxscreen.errors import Conflict, NotFound, UnsupportedMediaType, responses
from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.dependencies import LiveIndexDep, ScreeningSettingsDep
from paxscreen.storage.session import session_scope
from paxscreen.watchlists import queries
from paxscreen.watchlists import service as watchlists_service
from paxscreen.watchlists.errors import ImportRejected
from paxscreen.watchlists.importing import import_file
from paxscreen.watchlists.schemas import (
    EntryHistory,
    EntryPage,
    EntryRead,
    ImportResult,
    WatchlistCreate,
    WatchlistPage,
    WatchlistRead,
    WatchlistUpdate,
)

router = APIRouter(prefix="/v1/watchlists", tags=["watchlists"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)
IMPORT_TYPES = {"application/xml": "un_xml", "text/xml": "un_xml", "text/csv": "csv"}
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "The list file itself: the UN Security Council Consolidated List XML, "
        "or the CSV format of docs/watchlist-csv.md.",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}} for media in IMPORT_TYPES
        },
    }
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, Conflict),
    summary="Create a watchlist",
)
async def create_watchlist(
    body: WatchlistCreate,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    principal: AdminDep,
    audit: AuditDep,
) -> WatchlistRead:
    async with session_scope(sessions) as session:
        watchlist = await watchlists_service.create_list(session, body.model_dump())
        change = {"change": "create_list", "name": watchlist.name}
        await audit.record(
            session, AuditAction.LIST_CHANGE, RecordType.WATCHLIST, [watchlist.id], change
        )
    await live.refresh(sessions)
    async with session_scope(sessions) as session:
        return await queries.watchlist_read(session, watchlist.id)


@router.get("", responses=responses(*AUTH_ERRORS), summary="All watchlists")
async def list_watchlists(session: SessionDep, _: ListReaderDep) -> WatchlistPage:
    return await queries.all_watchlists(session)


@router.get("/{watchlist_id}", responses=responses(*AUTH_ERRORS, NotFound), summary="One watchlist")
async def get_watchlist(
    watchlist_id: uuid.UUID, session: SessionDep, _: ListReaderDep
) -> WatchlistRead:
    return await queries.watchlist_read(session, watchlist_id)


@router.patch(
    "/{watchlist_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Change a watchlist (threshold, active ...); upcoming flights are screened again",
)
async def update_watchlist(
    watchlist_id: uuid.UUID,
    body: WatchlistUpdate,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    screening: ScreeningSettingsDep,
    _: AdminDep,
    audit: AuditDep,
) -> WatchlistRead:
    changes = body.model_dump(exclude_unset=True)
    async with session_scope(sessions) as session:
        await watchlists_service.update_list(session, watchlist_id, changes)
        change = {"change": "update_list", "fields": sorted(changes)}
        await audit.record(
            session, AuditAction.LIST_CHANGE, RecordType.WATCHLIST, [watchlist_id], change
        )
    await rescreen_upcoming(sessions, live, screening.window, watchlist_id)
    async with session_scope(sessions) as session:
        return await queries.watchlist_read(session, watchlist_id)


@router.get(
    "/{watchlist_id}/entries",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Entries of a watchlist",
)
async def list_entries(
    watchlist_id: uuid.UUID,
    session: SessionDep,
    page: PageDep,
    _: ListReaderDep,
    audit: AuditDep,
    name: Annotated[
        str | None, Query(max_length=200, description="part of the primary name")
    ] = None,
    entry_status: Annotated[
        Literal["active", "removed"] | None, Query(alias="status", description="default active")
    ] = "active",
) -> EntryPage:
    found = await queries.entries(session, watchlist_id, name, entry_status, page)
    await audit.consulted(session, RecordType.WATCHLIST_ENTRY, [e.id for e in found.items])
    return found


@router.post(
    "/{watchlist_id}/entries",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, NotFound, Conflict),
    summary="Add an entry; upcoming flights are screened against the list again",
)
async def add_entry(
    watchlist_id: uuid.UUID,
    entry: ListEntry,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    screening: ScreeningSettingsDep,
    principal: AdminDep,
    audit: AuditDep,
) -> EntryRead:
    async with session_scope(sessions) as session:
        stored = await watchlists_service.add_entry(session, watchlist_id, entry, principal.name)
        change = {"change": "add_entry", "watchlist_id": watchlist_id}
        await audit.record(
            session, AuditAction.LIST_CHANGE, RecordType.WATCHLIST_ENTRY, [stored.id], change
        )
    await rescreen_upcoming(sessions, live, screening.window, watchlist_id)
    async with session_scope(sessions) as session:
        return await queries.entry_read(session, watchlist_id, stored.id)


@router.get(
    "/{watchlist_id}/entries/{entry_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="One entry",
)
async def get_entry(
    watchlist_id: uuid.UUID,
    entry_id: uuid.UUID,
    session: SessionDep,
    _: ListReaderDep,
    audit: AuditDep,
) -> EntryRead:
    found = await queries.entry_read(session, watchlist_id, entry_id)
    await audit.consulted(session, RecordType.WATCHLIST_ENTRY, [entry_id])
    return found


@router.put(
    "/{watchlist_id}/entries/{entry_id}",
    responses=responses(*AUTH_ERRORS, NotFound, Conflict),
    summary="Replace an entry (its reference stays); a new version is kept",
)
async def update_entry(
    watchlist_id: uuid.UUID,
    entry_id: uuid.UUID,
    entry: ListEntry,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    screening: ScreeningSettingsDep,
    principal: AdminDep,
    audit: AuditDep,
) -> EntryRead:
    async with session_scope(sessions) as session:
        await watchlists_service.update_entry(
            session, watchlist_id, entry_id, entry, principal.name
        )
        change = {"change": "update_entry", "watchlist_id": watchlist_id}
        await audit.record(
            session, AuditAction.LIST_CHANGE, RecordType.WATCHLIST_ENTRY, [entry_id], change
        )
    await rescreen_upcoming(sessions, live, screening.window, watchlist_id)
    async with session_scope(sessions) as session:
        return await queries.entry_read(session, watchlist_id, entry_id)


@router.delete(
    "/{watchlist_id}/entries/{entry_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Remove an entry (kept in history, no longer matched)",
)
async def remove_entry(
    watchlist_id: uuid.UUID,
    entry_id: uuid.UUID,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    principal: AdminDep,
    audit: AuditDep,
) -> EntryRead:
    async with session_scope(sessions) as session:
        await watchlists_service.remove_entry(session, watchlist_id, entry_id, principal.name)
        change = {"change": "remove_entry", "watchlist_id": watchlist_id}
        await audit.record(
            session, AuditAction.LIST_CHANGE, RecordType.WATCHLIST_ENTRY, [entry_id], change
        )
    await live.refresh(sessions)
    async with session_scope(sessions) as session:
        return await queries.entry_read(session, watchlist_id, entry_id)


@router.get(
    "/{watchlist_id}/entries/{entry_id}/history",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Every version of an entry and the list version it belonged to",
)
async def entry_history(
    watchlist_id: uuid.UUID,
    entry_id: uuid.UUID,
    session: SessionDep,
    _: ListReaderDep,
    audit: AuditDep,
) -> EntryHistory:
    history = await queries.entry_history(session, watchlist_id, entry_id)
    await audit.consulted(
        session, RecordType.WATCHLIST_ENTRY, [entry_id], {"versions": len(history.versions)}
    )
    return history


@router.post(
    "/{watchlist_id}/import",
    openapi_extra=IMPORT_BODY,
    responses=responses(*AUTH_ERRORS, NotFound, UnsupportedMediaType, ImportRejected),
    summary="Import a list file; a newer edition applies the difference",
)
async def import_watchlist(
    watchlist_id: uuid.UUID,
    request: Request,
    sessions: SessionFactoryDep,
    live: LiveIndexDep,
    screening: ScreeningSettingsDep,
    principal: AdminDep,
    audit: AuditDep,
) -> ImportResult:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media not in IMPORT_TYPES:
        raise UnsupportedMediaType(
            "send the UN list as application/xml or a CSV list as text/csv, "
            f"not {media or '(none)'!r}",
            accepted=list(IMPORT_TYPES),
        )
    body = await request.body()
    result = await import_file(
        sessions, live, screening.window, watchlist_id, IMPORT_TYPES[media], body, principal.name
    )
    # The import commits in steps of its own; its record follows the last of them.
    counts = result.model_dump(
        include={"format", "entries_read", "added", "changed", "removed", "list_version"}
    )
    async with session_scope(sessions) as session:
        await audit.record(
            session,
            AuditAction.LIST_CHANGE,
            RecordType.WATCHLIST,
            [watchlist_id],
            {"change": "import", **counts},
        )
    return result
