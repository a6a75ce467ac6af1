"""Retention exceptions: a record kept unmasked past the masking period, only with a recorded
justification and an end date, and only while it has a confirmed or open hit."""

from __future__ import annotations

from paxscreen.access.roles import Principal
from paxscreen.errors import Conflict, NotFound, Unprocessable
from paxscreen.retention.schemas import ExceptionCreate, ExceptionPage, ExceptionRead
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import RetentionException
from paxscreen.storage.repositories.retention import ExceptionRepository
from paxscreen.storage.session import Session


class NoCaseToKeep(Conflict):
    error = "no_case"


async def create_exception(
    session: Session, body: ExceptionCreate, principal: Principal
) -> ExceptionRead:
    if body.until <= utcnow():
        raise Unprocessable("until must be in the future")
    repository = ExceptionRepository(session)
    open_case = await repository.under_review(body.record_type, body.record_id)
    if open_case is None:
        raise NotFound(f"no {body.record_type} {body.record_id}")
    if not open_case:
        raise NoCaseToKeep(
            f"{body.record_type} {body.record_id} has no confirmed or open hit: "
            "it cannot be kept unmasked past the masking period"
        )
    item = RetentionException(**body.model_dump(), created_by=principal.shown_as)
    repository.add(item)
    await session.flush()
    return ExceptionRead.model_validate(item)


async def list_exceptions(session: Session, limit: int, offset: int) -> ExceptionPage:
    items, total = await ExceptionRepository(session).list(limit, offset)
    return ExceptionPage(
        items=[ExceptionRead.model_validate(i) for i in items],
        total=total,
        limit=limit,
        offset=offset,
    )
