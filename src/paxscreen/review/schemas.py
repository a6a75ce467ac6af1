from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator

from paxscreen.review.states import HitStatus
from paxscreen.schemas import Schema
from paxscreen.screening.schemas import HitRead

SortOrder = Literal["score", "departure"]


class HitFlight(Schema):
    id: uuid.UUID
    carrier: str
    flight_number: str
    origin: str | None
    destination: str | None
    departure_utc: datetime | None
    hours_to_departure: float | None = Field(description="negative once departed")


class QueuedHitRead(HitRead):
    subject: str = Field(description='"api:<traveller id>" or "pnr:<PNR traveller id>"')
    traveller_id: uuid.UUID | None
    pnr_traveller_id: uuid.UUID | None
    surname: str
    given_names: str
    watchlist_name: str = Field(description='the list of a watchlist hit; "" for a rule hit')
    band: str | None = Field(description="the traveller's risk band; null until assessed")
    assignee: str | None
    updated_at: datetime | None
    flight: HitFlight


class HitPage(Schema):
    items: list[QueuedHitRead]
    total: int
    limit: int
    offset: int


class HitEventRead(Schema):
    action: Literal["transition", "assign", "note"]
    from_status: str | None
    to_status: str | None
    assignee: str | None
    text: str
    actor: str
    recorded_at: datetime


class SuppressionRead(Schema):
    id: uuid.UUID
    entry_id: uuid.UUID
    entry_version: int
    watchlist_id: uuid.UUID
    hit_id: uuid.UUID = Field(description="the dismissed hit it was made from")
    reason: str
    created_by: str
    created_at: datetime
    active: bool
    lifted_by: str | None
    lifted_reason: str | None
    lifted_at: datetime | None
    times_applied: int = Field(description="hits it has kept from being raised again")
    last_applied_at: datetime | None


class HitDetail(QueuedHitRead):
    history: list[HitEventRead]
    suppression: SuppressionRead | None = Field(
        description="the false-positive memory this hit's dismissal created, if any"
    )


def _text(value: str) -> str:
    return value.strip()


class TransitionRequest(Schema):
    status: HitStatus = Field(description="the status to move to")
    reason: str = Field(
        "", max_length=4000, description="why; required to dismiss, escalate or reopen"
    )

    _strip = field_validator("reason")(_text)


class AssignRequest(Schema):
    assignee: str | None = Field(
        max_length=200, description="the analyst to review the hit; null to unassign"
    )


class NoteRequest(Schema):
    text: str = Field(min_length=1, max_length=4000)

    _strip = field_validator("text")(_text)


class LiftRequest(Schema):
    reason: str = Field(min_length=1, max_length=4000, description="why the memory is lifted")


class SuppressionPage(Schema):
    items: list[SuppressionRead]
    total: int
    limit: int
    offset: int
