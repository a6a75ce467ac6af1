"""Writing and reading the audit log. ``record`` is the one way in: callers pass the request's
session, so that the entry commits or rolls back with the action it records."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from paxscreen.access.roles import Principal
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.chain import (
    GENESIS,
    Break,
    ChainWalker,
    canonical_json,
    entry_hash,
    hashed_fields,
)
from paxscreen.audit.schemas import AuditEntryRead, AuditPage
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import AuditEntry
from paxscreen.storage.repositories.audit import AuditFilter, AuditRepository
from paxscreen.storage.session import Session, SessionFactory, session_scope

MAX_RECORD_IDS = 500  # a longer list is cut here; detail says how many there were
OPERATOR_ROLE = "operator"  # the offline CLI, run by whoever operates the service


async def record(
    session: Session,
    principal: Principal | None,
    action: AuditAction,
    record_type: RecordType | str,
    record_ids: Iterable[uuid.UUID | str | int],
    endpoint: str,
    detail: Mapping[str, Any] | None = None,
    *,
    operator: str = "operator",
) -> None:
    """Append one entry: who (the key, or the CLI ``operator``), did what, to which records,
    through which endpoint. ``detail`` holds filters and counts, never personal data values.

    Takes the chain lock, reads the last hash and inserts, in the caller's transaction: the lock
    is held until that transaction ends, so call this as the last step of a request."""
    ids = [str(value) for value in record_ids]
    facts = dict(detail or {})
    if len(ids) > MAX_RECORD_IDS:
        facts["record_count"] = len(ids)
        ids = ids[:MAX_RECORD_IDS]
    entry = AuditEntry(
        at=utcnow(),
        actor=principal.name if principal else operator,
        actor_key_id=principal.key_id if principal else None,
        actor_label=principal.label if principal else "",
        role=principal.role.value if principal else OPERATOR_ROLE,
        action=AuditAction(action).value,
        record_type=str(record_type),
        record_ids=ids,
        endpoint=endpoint,
        # Through JSON and back: what is hashed now is exactly what the database gives back.
        detail=_plain(facts),
    )
    repository = AuditRepository(session)
    await repository.lock_chain()
    entry.prev_hash = await repository.last_hash() or GENESIS
    entry.hash = entry_hash(hashed_fields(entry), entry.prev_hash)
    await repository.add(entry)


def _plain(value: dict[str, Any]) -> dict[str, Any]:
    plain: dict[str, Any] = json.loads(canonical_json(_jsonable(value)))
    return plain


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # uuids, dates, enums


async def entries(session: Session, wanted: AuditFilter, limit: int, offset: int) -> AuditPage:
    total, rows = await AuditRepository(session).page(_normalised(wanted), limit, offset)
    return AuditPage(
        items=[AuditEntryRead.model_validate(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def _normalised(wanted: AuditFilter) -> AuditFilter:
    """A record id given as a UUID in any spelling matches how ids are stored."""
    if wanted.record is None:
        return wanted
    try:
        record = str(uuid.UUID(wanted.record))
    except ValueError:
        return wanted
    return AuditFilter(wanted.actor, record, wanted.action, wanted.at_from, wanted.at_to)


async def verify(sessions: SessionFactory) -> tuple[int, Break | None]:
    """Walk the whole chain, oldest first: how many entries were checked, and the first break."""
    walker = ChainWalker()
    async with session_scope(sessions) as session:
        async for entry in AuditRepository(session).in_order():
            broken = walker.check(entry)
            if broken is not None:
                return walker.checked, broken
    return walker.checked, None
