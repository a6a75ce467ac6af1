"""Reading message receipts, scoped to what the caller may see."""

from __future__ import annotations

import uuid
from datetime import datetime

from paxscreen.access.errors import CarrierNotAllowed
from paxscreen.access.roles import Principal, Role
from paxscreen.deps import PageParams
from paxscreen.errors import Gone, NotFound
from paxscreen.ingest.schemas import MessagePage, MessageRead
from paxscreen.storage.models import InboundMessage
from paxscreen.storage.repositories.messages import MessageFilters, MessageRepository
from paxscreen.storage.session import Session


def may_read(principal: Principal, message: InboundMessage) -> bool:
    """Analysts read every receipt; a carrier key reads the receipts of its airlines' messages and
    of whatever it sent itself (a rejected body may have no airline to go by)."""
    if principal.role is not Role.CARRIER or principal.all_carriers:
        return True
    if message.key_id is not None and message.key_id == principal.key_id:
        return True
    return any(principal.may_act_for(carrier) for carrier in message.carriers)


async def get_message(
    session: Session, principal: Principal, message_id: uuid.UUID
) -> InboundMessage:
    message = await MessageRepository(session).get(message_id)
    if message is None:
        raise NotFound(f"no message with id {message_id}")
    if not may_read(principal, message):
        raise CarrierNotAllowed(
            f"message {message_id} is for {', '.join(message.carriers) or 'another sender'}; "
            f"this key reads the messages of {', '.join(sorted(principal.carriers))} only"
        )
    return message


class RawBodyMasked(Gone):
    error = "masked"


async def get_raw(session: Session, message_id: uuid.UUID) -> bytes:
    repository = MessageRepository(session)
    bodies = await repository.raw_bodies([message_id])
    if message_id not in bodies:
        raise NotFound(f"no message with id {message_id}")
    masked = await repository.masked_at(message_id)
    if masked is not None:
        raise RawBodyMasked(
            f"the body of message {message_id} was depersonalised at {masked.isoformat()} "
            "under the retention policy; an authorised unmasking is needed to read it"
        )
    return bodies[message_id]


async def list_messages(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    status: str | None,
    received_from: datetime | None,
    received_to: datetime | None,
) -> MessagePage:
    scoped = principal.role is Role.CARRIER and not principal.all_carriers
    filters = MessageFilters(
        status=status,
        received_from=received_from,
        received_to=received_to,
        carriers=principal.carriers if scoped else None,
        key_id=principal.key_id if scoped else None,
    )
    rows, total = await MessageRepository(session).list(
        filters, limit=page.limit, offset=page.offset
    )
    return MessagePage(
        items=[MessageRead.model_validate(row) for row in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )
