"""The audit log: appended under a lock so that concurrent writers form one chain, read with
filters (newest first) and walked in order for verification. Nothing here updates or deletes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, cast, func, or_, select, text

from paxscreen.storage.models import AuditEntry
from paxscreen.storage.session import Session

# pg_advisory_xact_lock key: "paxscreen audit log", a fixed 63-bit number.
AUDIT_LOCK_KEY = 0x70617861756469


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor: str | None = None  # the actor ("key:<prefix>"), the key's label or its id
    record: str | None = None  # a record id or a record type
    action: str | None = None
    at_from: datetime | None = None
    at_to: datetime | None = None


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def lock_chain(self) -> None:
        """Hold the chain's end until this transaction ends: nobody else appends meanwhile.

        PostgreSQL: a transaction-scoped advisory lock, which works across worker processes and
        machines. SQLite: take the database write lock now (a write that changes nothing), so
        that the last hash read next cannot change before this transaction's insert commits."""
        bind = self.session.get_bind()
        if bind.dialect.name == "postgresql":
            await self.session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY}
            )
        else:
            await self.session.execute(text("UPDATE audit_log SET seq = seq WHERE 0 = 1"))

    async def last_hash(self) -> str | None:
        query = select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def add(self, entry: AuditEntry) -> AuditEntry:
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def page(
        self, wanted: AuditFilter, limit: int, offset: int
    ) -> tuple[int, Sequence[AuditEntry]]:
        conditions = _conditions(wanted)
        total = await self.session.scalar(
            select(func.count()).select_from(AuditEntry).where(*conditions)
        )
        query = (
            select(AuditEntry)
            .where(*conditions)
            .order_by(AuditEntry.seq.desc())
            .limit(limit)
            .offset(offset)
        )
        return total or 0, (await self.session.execute(query)).scalars().all()

    async def in_order(self, batch: int = 5_000) -> AsyncIterator[AuditEntry]:
        """Every entry, oldest first, read in batches (keyset on seq) so memory stays flat."""
        after = -1
        while True:
            query = (
                select(AuditEntry)
                .where(AuditEntry.seq > after)
                .order_by(AuditEntry.seq)
                .limit(batch)
            )
            rows = (await self.session.execute(query)).scalars().all()
            for row in rows:
                yield row
            if len(rows) < batch:
                return
            after = rows[-1].seq
            self.session.expunge_all()

    async def count(self) -> int:
        return (await self.session.scalar(select(func.count()).select_from(AuditEntry))) or 0


def _conditions(wanted: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.actor:
        by_actor = [AuditEntry.actor == wanted.actor, AuditEntry.actor_label == wanted.actor]
        key_id = _uuid(wanted.actor)
        if key_id is not None:
            by_actor.append(AuditEntry.actor_key_id == key_id)
        conditions.append(or_(*by_actor))
    if wanted.record:
        # record_ids is a JSON list of strings: its text holds the id in double quotes.
        quoted = '"' + _escape_like(wanted.record) + '"'
        conditions.append(
            or_(
                AuditEntry.record_type == wanted.record,
                cast(AuditEntry.record_ids, String).like(f"%{quoted}%", escape="\\"),
            )
        )
    if wanted.action:
        conditions.append(AuditEntry.action == wanted.action)
    if wanted.at_from:
        conditions.append(AuditEntry.at >= wanted.at_from)
    if wanted.at_to:
        conditions.append(AuditEntry.at <= wanted.at_to)
    return conditions


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
