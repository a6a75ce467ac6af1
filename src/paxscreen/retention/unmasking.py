"""Unmasking: a masked record is shown again only to the key an approval names, while the
approval is valid; the approval records who approved it, on which decision, for what purpose."""

from __future__ import annotations

import uuid

from paxscreen.access.roles import Principal
from paxscreen.errors import Forbidden, NotFound, Unprocessable
from paxscreen.retention.schemas import ApprovalCreate, ApprovalRead, UnmaskedRecord
from paxscreen.retention.vault import Vault
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import UnmaskApproval
from paxscreen.storage.repositories.retention import UnmaskRepository
from paxscreen.storage.session import Session


class NoApproval(Forbidden):
    error = "unmask_not_approved"


async def approve(session: Session, body: ApprovalCreate, principal: Principal) -> ApprovalRead:
    if body.valid_until <= utcnow():
        raise Unprocessable("valid_until must be in the future")
    repository = UnmaskRepository(session)
    if await repository.masked(body.record_type, body.record_id) is None:
        raise NotFound(f"{body.record_type} {body.record_id} is not masked")
    approval = UnmaskApproval(
        **body.model_dump(), approved_by=principal.shown_as, approver_key_id=principal.key_id
    )
    repository.add(approval)
    await session.flush()
    return ApprovalRead.model_validate(approval)


async def unmask(
    session: Session, vault: Vault, record_type: str, record_id: uuid.UUID, principal: Principal
) -> UnmaskedRecord:
    repository = UnmaskRepository(session)
    masked = await repository.masked(record_type, record_id)
    if masked is None:
        raise NotFound(f"{record_type} {record_id} is not masked")
    approval = await repository.approval(record_type, record_id, principal.key_id, utcnow())
    if approval is None:
        raise NoApproval(
            f"unmasking {record_type} {record_id} needs a recorded, valid approval for this key "
            "(POST /v1/retention/approvals, by an admin, citing the authorising decision)"
        )
    return UnmaskedRecord(
        record_type=record_type,
        record_id=record_id,
        masked_at=masked.masked_at,
        approval_id=approval.id,
        values=vault.open(masked.ciphertext),
    )
