from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from paxscreen.schemas import Schema
from paxscreen.screening.schemas import HitRead

TravellerRoleName = Literal["passenger", "crew", "transit_passenger", "transit_crew"]
TravellerStatus = Literal["reported", "cancelled", "boarded", "not_boarded"]
FlightStatus = Literal["open", "closed", "cancelled"]


class FlightRead(Schema):
    id: uuid.UUID
    carrier: str
    flight_number: str
    origin: str | None
    destination: str | None
    departure_date: date | None = Field(description="local date of scheduled departure")
    departure_local: datetime | None
    departure_utc: datetime | None
    arrival_local: datetime | None
    arrival_utc: datetime | None
    status: FlightStatus
    updated_at: datetime


class FlightPage(Schema):
    items: list[FlightRead]
    total: int
    limit: int
    offset: int


class FlightMessageRead(Schema):
    message_id: uuid.UUID
    received_at: datetime
    kind: str
    action: str
    status: str


class FlightDetail(FlightRead):
    legs: list[dict[str, Any]]
    traveller_counts: dict[str, int] = Field(description="travellers by role")
    messages: list[FlightMessageRead]


class TravellerSummary(Schema):
    id: uuid.UUID
    flight_id: uuid.UUID
    role: TravellerRoleName
    status: TravellerStatus
    surname: str
    given_names: str
    gender: str | None
    date_of_birth: date | None
    nationality: str | None
    seat: str | None
    version: int
    updated_at: datetime
    masked_at: datetime | None = Field(
        None, description="when the retention policy depersonalised this traveller"
    )
    score: float | None = Field(None, description="risk score in [0, 1]; null until assessed")
    band: Literal["none", "low", "medium", "high"] | None = None


class TravellerPage(Schema):
    items: list[TravellerSummary]
    total: int
    limit: int
    offset: int


class DocumentRead(Schema):
    type: str | None
    number: str
    expiry: date | None
    issue_date: date | None
    issuing_state: str | None


class VersionRead(Schema):
    version: int
    message_id: uuid.UUID
    recorded_at: datetime
    change: str = Field(description="added, changed, or the new status")
    status: str
    changed_fields: list[str]
    data: dict[str, Any]


class LinkedBooking(Schema):
    """A PNR booking of the same flight linked to this traveller, and how sure the link is."""

    booking_id: uuid.UUID
    locator: str | None
    pnr_traveller_id: uuid.UUID
    method: str
    confidence: float
    status: Literal["linked", "ambiguous"]
    evidence: list[str]


class TravellerRead(TravellerSummary):
    residence_country: str | None
    place_of_birth: str | None
    embarkation: str | None
    debarkation: str | None
    reservation_ref: str | None
    passenger_ref: str | None
    flight: FlightRead
    data: dict[str, Any] = Field(
        description="everything the latest version says: address, contacts, bags, references..."
    )
    documents: list[DocumentRead]
    bookings: list[LinkedBooking] = Field(description="PNRs linked to this traveller")
    hits: list[HitRead] = Field(description="watchlist hits of this traveller, best first")
    versions: list[VersionRead]
    source_messages: list[uuid.UUID]
