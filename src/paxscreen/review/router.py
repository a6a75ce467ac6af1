from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from paxscreen.access.dependencies import AnalystDep, ListReaderDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep
from paxscreen.errors import NotFound, responses
from paxscreen.review import service
from paxscreen.review.errors import AlreadyLifted, ReasonMissing, TransitionNotAllowed
from paxscreen.review.schemas import (
    AssignRequest,
    HitDetail,
    HitPage,
    LiftRequest,
    NoteRequest,
    SortOrder,
    SuppressionPage,
    SuppressionRead,
    TransitionRequest,
)
from paxscreen.review.states import HitStatus
from paxscreen.storage.repositories.reviews import QueueFilter

router = APIRouter(tags=["review"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.get(
    "/v1/hits",
    responses=responses(*AUTH_ERRORS),
    summary="The review queue: hits by score and time to departure",
)
async def list_hits(
    session: SessionDep,
    page: PageDep,
    _: AnalystDep,
    audit: AuditDep,
    hit_status: Annotated[
        list[HitStatus] | None, Query(alias="status", description="any of these statuses")
    ] = None,
    watchlist_id: uuid.UUID | None = None,
    rule_id: uuid.UUID | None = None,
    band: Annotated[
        list[Literal["none", "low", "medium", "high"]] | None,
        Query(description="the traveller's risk band, any of these"),
    ] = None,
    flight_id: uuid.UUID | None = None,
    assignee: str | None = None,
    departure_from: Annotated[
        datetime | None, Query(description="flights departing at or after (UTC)")
    ] = None,
    departure_to: Annotated[
        datetime | None, Query(description="flights departing at or before (UTC)")
    ] = None,
    sort: Annotated[
        SortOrder,
        Query(description="score: best first, then soonest departure; departure: soonest first"),
    ] = "score",
) -> HitPage:
    wanted = QueueFilter(
        status=[s.value for s in hit_status or []],
        watchlist_id=watchlist_id,
        rule_id=rule_id,
        band=band or [],
        flight_id=flight_id,
        assignee=assignee,
        departure_from=departure_from,
        departure_to=departure_to,
        sort=sort,
    )
    found = await service.queue(session, wanted, page.limit, page.offset)
    await audit.consulted(session, RecordType.HIT, [hit.id for hit in found.items])
    return found


@router.get(
    "/v1/hits/{hit_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="One hit with its explanation, review history and false-positive memory",
)
async def get_hit(
    hit_id: uuid.UUID, session: SessionDep, _: AnalystDep, audit: AuditDep
) -> HitDetail:
    hit = await service.detail(session, hit_id)
    await audit.consulted(session, RecordType.HIT, [hit_id])
    return hit


@router.post(
    "/v1/hits/{hit_id}/transitions",
    responses=responses(*AUTH_ERRORS, NotFound, TransitionNotAllowed, ReasonMissing),
    summary="Move a hit through review: in_review, confirmed, dismissed, escalated, open",
    description="Dismissing, escalating and reopening need a reason. Dismissing remembers the "
    "false positive: the same traveller data and entry version raise no new hit until the "
    "memory is lifted (reopening the hit lifts it).",
)
async def transition_hit(
    hit_id: uuid.UUID,
    body: TransitionRequest,
    session: SessionDep,
    principal: AnalystDep,
    audit: AuditDep,
) -> HitDetail:
    before = await service.transition(session, hit_id, body.status, body.reason, principal)
    await session.flush()
    hit = await service.detail(session, hit_id)
    decision = {"decision": "transition", "from": before, "to": body.status, "reason": body.reason}
    await audit.record(session, AuditAction.REVIEW_DECISION, RecordType.HIT, [hit_id], decision)
    return hit


@router.post(
    "/v1/hits/{hit_id}/assignment",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Assign a hit to an analyst (or unassign it)",
)
async def assign_hit(
    hit_id: uuid.UUID,
    body: AssignRequest,
    session: SessionDep,
    principal: AnalystDep,
    audit: AuditDep,
) -> HitDetail:
    await service.assign(session, hit_id, body.assignee, principal)
    await session.flush()
    hit = await service.detail(session, hit_id)
    decision = {"decision": "assign", "assignee": hit.assignee}
    await audit.record(session, AuditAction.REVIEW_DECISION, RecordType.HIT, [hit_id], decision)
    return hit


@router.post(
    "/v1/hits/{hit_id}/notes",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, NotFound, ReasonMissing),
    summary="Add a note to a hit",
)
async def add_note(
    hit_id: uuid.UUID,
    body: NoteRequest,
    session: SessionDep,
    principal: AnalystDep,
    audit: AuditDep,
) -> HitDetail:
    await service.note(session, hit_id, body.text, principal)
    await session.flush()
    hit = await service.detail(session, hit_id)
    decision = {"decision": "note", "length": len(body.text)}
    await audit.record(session, AuditAction.REVIEW_DECISION, RecordType.HIT, [hit_id], decision)
    return hit


@router.get(
    "/v1/suppressions",
    responses=responses(*AUTH_ERRORS),
    summary="False-positive memory: dismissed hits that are not raised again",
)
async def list_suppressions(
    session: SessionDep,
    page: PageDep,
    _: ListReaderDep,
    audit: AuditDep,
    active: bool | None = None,
    watchlist_id: uuid.UUID | None = None,
) -> SuppressionPage:
    found = await service.suppressions(session, active, watchlist_id, page.limit, page.offset)
    await audit.consulted(session, RecordType.SUPPRESSION, [s.id for s in found.items])
    return found


@router.post(
    "/v1/suppressions/{suppression_id}/lift",
    responses=responses(*AUTH_ERRORS, NotFound, AlreadyLifted),
    summary="Lift a false-positive memory: the next screening may raise the hit again",
)
async def lift_suppression(
    suppression_id: uuid.UUID,
    body: LiftRequest,
    session: SessionDep,
    principal: AnalystDep,
    audit: AuditDep,
) -> SuppressionRead:
    lifted = await service.lift(session, suppression_id, body.reason, principal)
    decision = {"decision": "lift_suppression", "hit_id": lifted.hit_id, "reason": body.reason}
    await audit.record(
        session, AuditAction.REVIEW_DECISION, RecordType.SUPPRESSION, [suppression_id], decision
    )
    return lifted
