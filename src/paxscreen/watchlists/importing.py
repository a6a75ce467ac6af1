"""Import a list file: read it (UN XML or CSV), apply the difference, screen upcoming flights."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from paxscreen.assessment.rescreen import rescreen_upcoming
from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.screening.live_index import LiveIndex
from paxscreen.storage.session import SessionFactory, session_scope
from paxscreen.watchlists import service as watchlists_service
from paxscreen.watchlists.errors import ImportRejected
from paxscreen.watchlists.formats.csv_format import read_csv_list
from paxscreen.watchlists.formats.issues import ListIssue, WatchlistFormatError
from paxscreen.watchlists.formats.un_xml import read_un_list
from paxscreen.watchlists.schemas import ImportResult, ImportWarning

UN_XML, CSV = "un_xml", "csv"


def read_list(fmt: str, body: bytes) -> tuple[list[ListEntry], list[ListIssue]]:
    """The entries of a list file and what was left out or kept as listed; ImportRejected when the
    file cannot be read at all (with where)."""
    try:
        if fmt == UN_XML:
            un = read_un_list(body)
            return un.entries, un.warnings
        csv = read_csv_list(body)
        return csv.entries, [*csv.errors, *csv.warnings]
    except WatchlistFormatError as exc:
        raise ImportRejected(
            f"the {'UN list' if fmt == UN_XML else 'CSV'} file cannot be read: {exc}",
            code=exc.code,
            location={"line": exc.line, "column": exc.column},
        ) from exc


async def import_file(
    sessions: SessionFactory,
    live: LiveIndex,
    window: timedelta,
    watchlist_id: uuid.UUID,
    fmt: str,
    body: bytes,
    actor: str,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    step = progress or (lambda _: None)
    entries, issues = read_list(fmt, body)
    step("read")
    async with session_scope(sessions) as session:
        applied = await watchlists_service.import_entries(session, watchlist_id, entries, actor)
    step("applied")
    rescreen = await rescreen_upcoming(sessions, live, window, watchlist_id)
    step("screened")
    warnings = [
        ImportWarning(code=i.code, detail=i.describe(), reference=i.reference, line=i.line)
        for i in issues
    ] + [
        ImportWarning(
            code="duplicate_reference",
            detail=f"reference {reference} is listed more than once; the first one was kept",
            reference=reference,
        )
        for reference in applied.duplicates
    ]
    return ImportResult(
        format=UN_XML if fmt == UN_XML else CSV,
        entries_read=len(entries),
        added=applied.added,
        changed=applied.changed,
        removed=applied.removed,
        unchanged=applied.unchanged,
        list_version=applied.list_version,
        warnings=warnings,
        rescreened=rescreen.travellers,
        new_hits=rescreen.new_hits,
    )
