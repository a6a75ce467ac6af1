from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from paxscreen.access.dependencies import AnalystDep, MessageReaderDep, PusherDep
from paxscreen.access.errors import CarrierNotAllowed, InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep
from paxscreen.errors import (
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
    UnsupportedMediaType,
    responses,
)
from paxscreen.ingest import queries
from paxscreen.ingest import service as ingest_service
from paxscreen.ingest.dependencies import IngestContextDep
from paxscreen.ingest.errors import ALL_REJECTIONS
from paxscreen.ingest.schemas import MessagePage, MessageRead, MessageStatus
from paxscreen.ingest.service import Submission

router = APIRouter(prefix="/v1/messages", tags=["messages"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)
EDIFACT_TYPES = ("application/edifact", "application/x-edifact", "text/plain")
XML_TYPES = ("application/xml", "text/xml")
ACCEPTED_TYPES = (*EDIFACT_TYPES, *XML_TYPES)

PUSH_BODY = {
    "requestBody": {
        "required": True,
        "description": "UN/EDIFACT interchanges (PAXLST, PNRGOV) or a PNRGOV XML document, "
        "as sent by the airline.",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}} for media in ACCEPTED_TYPES
        },
    }
}


def _media_type(request: Request) -> str:
    declared = request.headers.get("content-type", "")
    media = declared.split(";", 1)[0].strip().lower()
    if media not in ACCEPTED_TYPES:
        raise UnsupportedMediaType(
            f"content type {declared or '(none)'!r} is not accepted; send EDIFACT as "
            f"{' or '.join(EDIFACT_TYPES)}, PNRGOV XML as {' or '.join(XML_TYPES)}",
            accepted=list(ACCEPTED_TYPES),
        )
    return declared


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=PUSH_BODY,
    responses={
        200: {"model": MessageRead, "description": "a duplicate of an accepted message"},
        202: {"model": MessageRead, "description": "one part of a multi-part manifest, buffered"},
        **responses(
            *AUTH_ERRORS,
            CarrierNotAllowed,
            PayloadTooLarge,
            UnsupportedMediaType,
            ServiceUnavailable,
            *ALL_REJECTIONS,
        ),
    },
    summary="Push a message (PAXLST, PNRGOV EDIFACT or PNRGOV XML)",
)
async def push_message(
    request: Request,
    response: Response,
    context: IngestContextDep,
    principal: PusherDep,
) -> MessageRead:
    content_type = _media_type(request)
    body = await request.body()
    message = await ingest_service.ingest(
        Submission(body, content_type, principal, principal.name), context
    )
    response.status_code = {"duplicate": 200, "awaiting_parts": 202}.get(message.status, 201)
    response.headers["Location"] = f"/v1/messages/{message.id}"
    return MessageRead.model_validate(message)


@router.get("", responses=responses(*AUTH_ERRORS), summary="List message receipts")
async def list_messages(
    session: SessionDep,
    page: PageDep,
    principal: MessageReaderDep,
    status: Annotated[MessageStatus | None, Query(description="only this status")] = None,
    received_from: Annotated[datetime | None, Query(description="received at or after")] = None,
    received_to: Annotated[datetime | None, Query(description="received at or before")] = None,
) -> MessagePage:
    return await queries.list_messages(
        session,
        principal,
        page,
        status=status,
        received_from=received_from,
        received_to=received_to,
    )


@router.get(
    "/{message_id}",
    responses=responses(*AUTH_ERRORS, CarrierNotAllowed, NotFound),
    summary="A message receipt",
)
async def get_message(
    message_id: uuid.UUID, session: SessionDep, principal: MessageReaderDep
) -> MessageRead:
    return MessageRead.model_validate(await queries.get_message(session, principal, message_id))


@router.get(
    "/{message_id}/raw",
    response_class=Response,
    responses={
        200: {"content": {"application/edifact": {}}, "description": "the body as received"},
        **responses(*AUTH_ERRORS, NotFound),
    },
    summary="The message exactly as received (analysts only)",
)
async def get_raw_message(
    message_id: uuid.UUID, session: SessionDep, _: AnalystDep, audit: AuditDep
) -> Response:
    raw = await queries.get_raw(session, message_id)
    await audit.consulted(session, RecordType.MESSAGE, [message_id], {"bytes": len(raw)})
    return Response(raw, media_type="application/edifact")
