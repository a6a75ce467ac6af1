from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from paxscreen.access.dependencies import AuditorDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit import service as audit_service
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.audit.schemas import AuditPage
from paxscreen.deps import PageDep, SessionDep
from paxscreen.errors import responses
from paxscreen.storage.repositories.audit import AuditFilter

router = APIRouter(prefix="/v1/audit", tags=["audit"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.get(
    "",
    responses=responses(*AUTH_ERRORS),
    summary="The audit trail, newest first (auditors only; reading it is itself recorded)",
)
async def list_audit_entries(
    session: SessionDep,
    page: PageDep,
    _: AuditorDep,
    audit: AuditDep,
    actor: Annotated[
        str | None, Query(max_length=200, description='"key:<prefix>", a key label or a key id')
    ] = None,
    record: Annotated[
        str | None, Query(max_length=100, description="a record id, or a record type")
    ] = None,
    action: AuditAction | None = None,
    at_from: Annotated[datetime | None, Query(alias="from", description="at or after")] = None,
    at_to: Annotated[datetime | None, Query(alias="to", description="at or before")] = None,
) -> AuditPage:
    wanted = AuditFilter(actor, record, action.value if action else None, at_from, at_to)
    found = await audit_service.entries(session, wanted, page.limit, page.offset)
    filters = {
        "actor": actor,
        "record": record,
        "action": action,
        "from": at_from,
        "to": at_to,
    }
    used = {name: value for name, value in filters.items() if value is not None}
    await audit.record(
        session,
        AuditAction.AUDIT_READ,
        RecordType.AUDIT,
        [item.seq for item in found.items],
        {"filters": used, "returned": len(found.items), "total": found.total},
    )
    return found
