from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, status

from paxscreen.access.dependencies import AdminDep, AnalystDep, MonitorDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep, SettingsDep
from paxscreen.errors import NotFound, Unprocessable, responses
from paxscreen.retention import service, subject_requests, unmasking
from paxscreen.retention.schemas import (
    ApprovalCreate,
    ApprovalRead,
    ErasureRequest,
    ErasureResult,
    ExceptionCreate,
    ExceptionPage,
    ExceptionRead,
    Rectification,
    RectificationResult,
    SubjectQuery,
    SubjectReport,
    UnmaskedRecord,
)
from paxscreen.retention.vault import Vault

router = APIRouter(tags=["retention"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.post(
    "/v1/retention/exceptions",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, NotFound, service.NoCaseToKeep, Unprocessable),
    summary="Keep a traveller or booking with a confirmed or open hit unmasked until a date",
)
async def create_exception(
    body: ExceptionCreate, session: SessionDep, principal: AdminDep, audit: AuditDep
) -> ExceptionRead:
    created = await service.create_exception(session, body, principal)
    await audit.record(
        session,
        AuditAction.RETENTION_EXCEPTION,
        RecordType(body.record_type),
        [body.record_id],
        {"until": body.until.isoformat()},
    )
    return created


@router.get(
    "/v1/retention/exceptions",
    responses=responses(*AUTH_ERRORS),
    summary="Retention exceptions, newest first",
)
async def list_exceptions(session: SessionDep, page: PageDep, _: MonitorDep) -> ExceptionPage:
    # Ids and justifications only: no personal data, so no consultation entry.
    return await service.list_exceptions(session, page.limit, page.offset)


def get_vault(settings: SettingsDep) -> Vault:
    return Vault.from_file(settings.retention.vault_key_file)


VaultDep = Annotated[Vault, Depends(get_vault)]


@router.post(
    "/v1/retention/approvals",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, NotFound, Unprocessable),
    summary="Approve one key to unmask one masked record, citing the authorising decision",
)
async def approve_unmasking(
    body: ApprovalCreate, session: SessionDep, principal: AdminDep, audit: AuditDep
) -> ApprovalRead:
    approved = await unmasking.approve(session, body, principal)
    await audit.record(
        session,
        AuditAction.UNMASK_APPROVAL,
        RecordType(body.record_type),
        [body.record_id],
        {"decision": body.decision_reference, "grantee": str(body.grantee_key_id)},
    )
    return approved


@router.get(
    "/v1/retention/unmasked/{record_type}/{record_id}",
    responses=responses(*AUTH_ERRORS, NotFound, unmasking.NoApproval),
    summary="A masked record's personal data, for the key an approval names (403 without one)",
)
async def unmask_record(
    record_type: Literal["traveller", "booking", "message"],
    record_id: uuid.UUID,
    session: SessionDep,
    vault: VaultDep,
    principal: AnalystDep,
    audit: AuditDep,
) -> UnmaskedRecord:
    shown = await unmasking.unmask(session, vault, record_type, record_id, principal)
    await audit.record(
        session,
        AuditAction.UNMASKING,
        RecordType(record_type),
        [record_id],
        {"approval": str(shown.approval_id)},
    )
    return shown


@router.post(
    "/v1/subject-requests",
    responses=responses(*AUTH_ERRORS, Unprocessable),
    summary="Data-subject request: every record held on a person (travellers, bookings, hits, "
    "decisions)",
)
async def subject_request(
    body: SubjectQuery, session: SessionDep, _: AdminDep, audit: AuditDep
) -> SubjectReport:
    found = await subject_requests.report(session, body)
    ids = [record.id for record in found.travellers]
    await audit.consulted(session, RecordType.DATA_SUBJECT, ids, {"hits": len(found.hits)})
    return found


@router.post(
    "/v1/subject-requests/erasure",
    responses=responses(*AUTH_ERRORS, Unprocessable),
    summary="Erase the travellers and bookings the operator decided on, with everything on them",
)
async def erase_subject_records(
    body: ErasureRequest, session: SessionDep, _: AdminDep, audit: AuditDep
) -> ErasureResult:
    erased = await subject_requests.erase(session, body)
    reason = {"reason": body.reason, "on": "data-subject request"}
    await audit.record(session, AuditAction.ERASURE, RecordType.TRAVELLER, body.travellers, reason)
    await audit.record(session, AuditAction.ERASURE, RecordType.BOOKING, body.bookings, reason)
    return erased


@router.post(
    "/v1/subject-requests/rectification",
    responses=responses(*AUTH_ERRORS, NotFound, Unprocessable),
    summary="Correct a traveller's name or date of birth, as the operator decided",
)
async def rectify_subject_record(
    body: Rectification, session: SessionDep, _: AdminDep, audit: AuditDep
) -> RectificationResult:
    done = await subject_requests.rectify(session, body)
    record_type = RecordType.TRAVELLER if body.kind == "api" else RecordType.PNR_TRAVELLER
    detail = {"reason": body.reason, "fields": done.fields, "kind": body.kind}
    await audit.record(session, AuditAction.RECTIFICATION, record_type, [body.id], detail)
    return done
