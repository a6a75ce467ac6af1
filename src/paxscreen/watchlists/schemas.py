from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.schemas import Schema

Severity = Literal["low", "medium", "high", "critical"]


class WatchlistCreate(Schema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    category: str = Field(
        "terrorism", max_length=50, description="e.g. terrorism, sanctions, lost_stolen_documents"
    )
    severity: Severity = "high"
    threshold: float | None = Field(
        None, ge=0, le=1, description="match threshold; null for the matcher's default"
    )
    active: bool = True


class WatchlistUpdate(Schema):
    description: str | None = Field(None, max_length=2000)
    category: str | None = Field(None, max_length=50)
    severity: Severity | None = None
    threshold: float | None = Field(None, ge=0, le=1)
    active: bool | None = None


class WatchlistRead(Schema):
    id: uuid.UUID
    name: str
    description: str
    category: str
    severity: Severity
    threshold: float | None
    effective_threshold: float = Field(description="the threshold in force")
    active: bool
    version: int = Field(description="goes up with every change to the list or its entries")
    entry_count: int
    created_at: datetime
    updated_at: datetime


class WatchlistPage(Schema):
    items: list[WatchlistRead]


class EntryRead(Schema):
    id: uuid.UUID
    watchlist_id: uuid.UUID
    reference: str
    entity_type: str
    primary_name: str
    status: Literal["active", "removed"]
    version: int
    entry: ListEntry
    created_at: datetime
    updated_at: datetime


class EntryPage(Schema):
    items: list[EntryRead]
    total: int
    limit: int
    offset: int


class EntryVersionRead(Schema):
    version: int
    list_version: int
    change: str = Field(description="added, changed, removed or restored")
    changed_fields: list[str]
    actor: str
    recorded_at: datetime
    entry: ListEntry


class EntryHistory(Schema):
    entry_id: uuid.UUID
    versions: list[EntryVersionRead]


class ImportWarning(Schema):
    code: str
    detail: str
    reference: str | None = None
    line: int | None = None


class ImportResult(Schema):
    """What an import changed in the list: the difference, not a second copy."""

    format: Literal["un_xml", "csv"]
    entries_read: int
    added: int
    changed: int
    removed: int
    unchanged: int
    list_version: int
    warnings: list[ImportWarning]
    rescreened: int = Field(description="travellers on upcoming flights screened again")
    new_hits: int
