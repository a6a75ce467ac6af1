from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from paxscreen.access import service as access_service
from paxscreen.access.dependencies import AdminDep
from paxscreen.access.errors import InvalidKey, InvalidKeyRequest, MissingKey, RoleNotAllowed
from paxscreen.access.schemas import KeyCreate, KeyCreated, KeyPage, KeyRead
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import SessionDep
from paxscreen.errors import NotFound, responses

router = APIRouter(prefix="/v1/keys", tags=["keys"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, InvalidKeyRequest),
    summary="Create an API key (shown once)",
)
async def create_key(
    body: KeyCreate, session: SessionDep, _: AdminDep, audit: AuditDep
) -> KeyCreated:
    created = await access_service.create_key(session, body.role, body.carriers, body.label)
    change = {"change": "create", "role": created.row.role, "carriers": created.row.carriers}
    await audit.record(session, AuditAction.KEY_CHANGE, RecordType.KEY, [created.row.id], change)
    return KeyCreated.model_validate(
        {**KeyRead.model_validate(created.row).model_dump(), "key": created.plaintext}
    )


@router.get("", responses=responses(*AUTH_ERRORS), summary="List API keys (never the keys)")
async def list_keys(
    session: SessionDep,
    _: AdminDep,
    include_revoked: Annotated[bool, Query(description="also list revoked keys")] = False,
) -> KeyPage:
    rows = await access_service.list_keys(session, include_revoked=include_revoked)
    return KeyPage(items=[KeyRead.model_validate(row) for row in rows])


@router.delete(
    "/{key_id}", responses=responses(*AUTH_ERRORS, NotFound), summary="Revoke an API key"
)
async def revoke_key(
    key_id: uuid.UUID, session: SessionDep, _: AdminDep, audit: AuditDep
) -> KeyRead:
    revoked = KeyRead.model_validate(await access_service.revoke_key(session, key_id))
    await audit.record(
        session, AuditAction.KEY_CHANGE, RecordType.KEY, [key_id], {"change": "revoke"}
    )
    return revoked
