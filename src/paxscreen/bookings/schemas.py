from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from paxscreen.normalise.canonical_pnr import Booking
from paxscreen.schemas import Schema

BookingStatus = Literal["active", "cancelled"]


class BookingFlight(Schema):
    id: uuid.UUID
    carrier: str
    flight_number: str
    origin: str | None
    destination: str | None
    departure_date: date | None
    departure_local: datetime | None


class BookingSummary(Schema):
    id: uuid.UUID
    locator: str | None
    status: BookingStatus
    version: int
    traveller_count: int
    pnr_created: datetime | None = Field(description="DAT 700, PNR creation (UTC)")
    pnr_modified: datetime | None = Field(description="DAT 710, last modification (UTC)")
    updated_at: datetime
    flight: BookingFlight


class BookingPage(Schema):
    items: list[BookingSummary]
    total: int
    limit: int
    offset: int


class ApiLink(Schema):
    """A link from a PNR traveller to an API traveller of the same flight."""

    traveller_id: uuid.UUID
    method: str = Field(description="the evidence rule that made the link")
    confidence: float
    status: Literal["linked", "ambiguous"]
    evidence: list[str]


class BookingTraveller(Schema):
    pnr_traveller_id: uuid.UUID
    surname: str
    given_names: str
    type: str
    status: Literal["active", "removed"]
    api_links: list[ApiLink]


class SplitBooking(Schema):
    booking_id: uuid.UUID | None = Field(description="null when that PNR is not on this flight")
    locator: str


class BookingDetail(BookingSummary):
    travellers: list[BookingTraveller]
    split_bookings: list[SplitBooking] = Field(description="PNRs split from or into this one")
    booking: Booking = Field(
        description="the whole booking as last pushed: contacts, masked payments, itinerary, "
        "tickets, seats, bags, agency, history"
    )


class FieldChange(Schema):
    field: str
    before: Any
    after: Any


class BookingVersionRead(Schema):
    version: int
    message_id: uuid.UUID
    recorded_at: datetime
    push_kind: Literal["full", "update"]
    change: str = Field(description="added, changed, cancelled or reinstated")
    status: BookingStatus
    changes: list[FieldChange] = Field(description="field by field, against the version before")


class BookingVersions(Schema):
    booking_id: uuid.UUID
    versions: list[BookingVersionRead]
