from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from paxscreen.schemas import Schema

MessageStatus = Literal["received", "accepted", "awaiting_parts", "duplicate", "rejected", "failed"]


class WarningRead(Schema):
    code: str
    detail: str
    segment: int | None = None
    tag: str | None = None


class FlightRef(Schema):
    id: uuid.UUID | None = Field(description="null while the manifest waits for its other parts")
    carrier: str
    flight_number: str
    origin: str | None
    destination: str | None
    departure_local: datetime | None
    departure_utc: datetime | None


class PartRead(Schema):
    number: int | None
    final: bool
    group: str
    received: list[int]
    missing: list[int]
    repeated: bool


class ContactRead(Schema):
    kind: str = Field(description="TE phone, FX fax, EM e-mail, or the qualifier as sent")
    value: str


class ReportingPartyRead(Schema):
    name: str | None
    contacts: list[ContactRead]


class ManifestSummary(Schema):
    """What an API manifest (PAXLST) did."""

    message_type: Literal["PAXLST"]
    status: Literal["applied", "awaiting_parts"]
    kind: str = Field(description="passenger_list, crew_list, flight_status, ...")
    action: str = Field(description="report, change, cancel_reservation, close_on_board, ...")
    document_code: str = Field(description="BGM document name code, e.g. 745")
    document_subtype: str | None = Field(description="BGM sub-code, e.g. CP, XR, CLOB")
    transaction_ref: str | None = Field(description="RFF+TN")
    reporting_party: ReportingPartyRead | None = Field(description="NAD+MS with COM")
    flight: FlightRef
    travellers: int
    declared_passengers: int | None = Field(description="CNT+42")
    declared_crew: int | None = Field(description="CNT+41")
    changes: dict[str, int] = Field(description="travellers added, changed, status, unchanged")
    part: PartRead | None = None
    links: dict[str, int] = Field(
        default_factory=dict, description="links to PNR travellers: linked, ambiguous"
    )
    hits: int = Field(0, description="new watchlist hits among the travellers it brought")


class DroppedRead(Schema):
    """What the privacy filters dropped, by category: counts only, never the content."""

    sensitive: dict[str, int] = Field(
        default_factory=dict, description="special categories (art. 13(4)): religion, health ..."
    )
    other: dict[str, int] = Field(
        default_factory=dict, description="not Annex I data, e.g. general_remarks"
    )
    masked: dict[str, int] = Field(
        default_factory=dict, description="masked in the stored body: card_numbers"
    )


class PushSummary(Schema):
    """What a PNR push (PNRGOV) did."""

    message_type: Literal["PNRGOV"]
    status: Literal["applied"]
    kind: Literal["full", "update"]
    format: Literal["EDIFACT", "XML"]
    flight: FlightRef
    bookings: int
    declared_bookings: int | None = Field(description="EQN: PNRs in the whole push")
    complete: bool | None = Field(
        description="a full push that carries all its PNRs (only then are absent ones cancelled)"
    )
    travellers: int
    changes: dict[str, int] = Field(
        description="bookings added, changed, unchanged, cancelled, reinstated"
    )
    dropped: DroppedRead
    links: dict[str, int] = Field(description="links to API travellers: linked, ambiguous")
    hits: int = Field(0, description="new watchlist hits among the travellers it brought")


MessageSummary = Annotated[ManifestSummary | PushSummary, Field(discriminator="message_type")]


class MessageRead(Schema):
    """The receipt of a message: what was stored and what came of it."""

    id: uuid.UUID
    status: MessageStatus
    received_at: datetime
    processed_at: datetime | None
    submitted_by: str
    content_type: str
    size: int
    sha256: str
    message_type: str | None
    directory: str | None = Field(description="e.g. D02B")
    sender: str | None
    interchange_ref: str | None
    carriers: list[str]
    duplicate_of: uuid.UUID | None
    traveller_count: int | None
    manifests: list[MessageSummary] = Field(
        validation_alias="summary", description="what each message of the body did"
    )
    dropped: DroppedRead = Field(description="what the privacy filters dropped")
    warnings: list[WarningRead]
    error: dict[str, object] | None


class MessagePage(Schema):
    items: list[MessageRead]
    total: int
    limit: int
    offset: int
