"""Tables. Typed with Mapped[]; relationships are never lazy-loaded (lazy="raise")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from paxscreen.storage.base import Base, UTCDateTime, new_id, utcnow


class ApiKey(Base):
    """An API key. Only its SHA-256 is kept: keys are 190-bit random strings, so a fast hash is
    as safe as a slow one here, and it keeps authentication off the hot path's CPU budget."""

    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    carriers: Mapped[list[str]] = mapped_column(JSON, default=list)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboundMessage(Base):
    """A received body, stored and committed before anything else is done with it."""

    __tablename__ = "messages"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("api_keys.id"), index=True)
    submitted_by: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # Loaded only on request (MessageRepository.raw_bodies): receipts never need the body.
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, deferred_raiseload=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    message_type: Mapped[str | None] = mapped_column(String(20))
    directory: Mapped[str | None] = mapped_column(String(20))
    sender: Mapped[str | None] = mapped_column(String(100))
    interchange_ref: Mapped[str | None] = mapped_column(String(100))
    carriers: Mapped[list[str]] = mapped_column(JSON, default=list)
    duplicate_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("messages.id"))
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    summary: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # What the privacy filters dropped, by category (never the content): {"sensitive": {...},
    # "other": {...}}.
    dropped: Mapped[dict[str, dict[str, int]]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    traveller_count: Mapped[int | None] = mapped_column(Integer)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    masked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # raw body depersonalised


class MessageFingerprint(Base):
    """What makes a later body a duplicate of an accepted one: its bytes, or its interchange
    (sender + control reference). The primary key makes concurrent duplicates lose the race."""

    __tablename__ = "message_fingerprints"

    fingerprint: Mapped[str] = mapped_column(String(300), primary_key=True)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), index=True)


class ManifestPart(Base):
    """One part of a multi-part manifest (UNH S010 01:C ... nn:F), waiting for the others."""

    __tablename__ = "manifest_parts"
    __table_args__ = (UniqueConstraint("group_key", "part_number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    group_key: Mapped[str] = mapped_column(String(400), index=True)
    part_number: Mapped[int] = mapped_column(Integer)
    is_final: Mapped[bool] = mapped_column(Boolean)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), index=True)
    message_index: Mapped[int] = mapped_column(Integer)  # which UNH of that body
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    assembled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Flight(Base):
    """One scheduled flight, identified by carrier, number, origin and local departure date."""

    __tablename__ = "flights"
    __table_args__ = (Index("ix_flights_departure", "departure_date", "carrier"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    flight_key: Mapped[str] = mapped_column(String(100), unique=True)
    carrier: Mapped[str] = mapped_column(String(3), index=True)
    flight_number: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str | None] = mapped_column(String(5))
    destination: Mapped[str | None] = mapped_column(String(5))
    departure_date: Mapped[date | None] = mapped_column(Date)
    departure_local: Mapped[datetime | None] = mapped_column(DateTime)
    departure_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    arrival_local: Mapped[datetime | None] = mapped_column(DateTime)
    arrival_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="open")
    legs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FlightMessage(Base):
    """Which messages touched which flight."""

    __tablename__ = "flight_messages"

    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), primary_key=True)
    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("messages.id"), primary_key=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(30))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Traveller(Base):
    """One person on one flight. Columns hold the current version for querying; every version is
    kept in traveller_versions."""

    __tablename__ = "travellers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    surname: Mapped[str] = mapped_column(String(200), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(4))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(4))
    residence_country: Mapped[str | None] = mapped_column(String(4))
    place_of_birth: Mapped[str | None] = mapped_column(String(200))
    embarkation: Mapped[str | None] = mapped_column(String(5))
    debarkation: Mapped[str | None] = mapped_column(String(5))
    reservation_ref: Mapped[str | None] = mapped_column(String(50))
    passenger_ref: Mapped[str | None] = mapped_column(String(70))
    seat: Mapped[str | None] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer)
    data_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    masked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class TravellerVersion(Base):
    """A traveller as one message described them; immutable."""

    __tablename__ = "traveller_versions"
    __table_args__ = (UniqueConstraint("traveller_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    traveller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("travellers.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    change: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class TravelDocument(Base):
    """The current documents of a traveller (earlier ones live in the version data)."""

    __tablename__ = "travel_documents"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    traveller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("travellers.id"), index=True)
    type: Mapped[str | None] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(70))
    number_key: Mapped[str] = mapped_column(String(70), index=True)
    expiry: Mapped[date | None] = mapped_column(Date)
    issue_date: Mapped[date | None] = mapped_column(Date)
    issuing_state: Mapped[str | None] = mapped_column(String(4))


class Booking(Base):
    """One PNR as pushed for one flight. Columns hold the current version for querying; every
    version is kept in booking_versions."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("flight_id", "booking_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    booking_key: Mapped[str] = mapped_column(String(100))  # the record locator, or a stand-in
    locator: Mapped[str | None] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20))  # active or cancelled
    traveller_count: Mapped[int] = mapped_column(Integer)
    pnr_created: Mapped[datetime | None] = mapped_column(UTCDateTime)  # DAT 700 (UTC)
    pnr_modified: Mapped[datetime | None] = mapped_column(UTCDateTime)  # DAT 710 (UTC)
    version: Mapped[int] = mapped_column(Integer)
    data_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    masked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class BookingVersion(Base):
    """A booking as one push described it; immutable. ``data`` is the whole canonical booking."""

    __tablename__ = "booking_versions"
    __table_args__ = (UniqueConstraint("booking_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    booking_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bookings.id"))
    version: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    push_kind: Mapped[str] = mapped_column(String(10))
    change: Mapped[str] = mapped_column(String(20))  # added, changed, cancelled, reinstated
    status: Mapped[str] = mapped_column(String(20))
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PnrTraveller(Base):
    """A traveller named in a booking (TIF), kept for search and for linking to API data."""

    __tablename__ = "pnr_travellers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    booking_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bookings.id"), index=True)
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order in the booking
    reference: Mapped[str | None] = mapped_column(String(20))
    surname: Mapped[str] = mapped_column(String(200), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(10))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    document_key: Mapped[str | None] = mapped_column(String(70))
    status: Mapped[str] = mapped_column(String(20))  # active, or removed from the booking


class TravellerLink(Base):
    """How a PNR traveller was linked to an API traveller of the same flight, and how sure that
    is. An ambiguous candidate is recorded as such and never treated as the same person."""

    __tablename__ = "traveller_links"
    __table_args__ = (UniqueConstraint("pnr_traveller_id", "traveller_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    pnr_traveller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pnr_travellers.id"), index=True)
    traveller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("travellers.id"), index=True)
    method: Mapped[str] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))  # linked or ambiguous
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Watchlist(Base):
    """A list of persons (and entities) to screen travellers against. ``version`` goes up with
    every change to the list or its entries."""

    __tablename__ = "watchlists"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(String(2000), default="")
    category: Mapped[str] = mapped_column(String(50))
    severity: Mapped[str] = mapped_column(String(20))
    threshold: Mapped[float | None] = mapped_column(Float)  # None: the matcher's default
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchlistEntry(Base):
    """A listed person or entity as it stands now; every version is in watchlist_entry_versions."""

    __tablename__ = "watchlist_entries"
    __table_args__ = (UniqueConstraint("watchlist_id", "reference"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    watchlist_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watchlists.id"), index=True)
    reference: Mapped[str] = mapped_column(String(100))
    entity_type: Mapped[str] = mapped_column(String(10))
    primary_name: Mapped[str] = mapped_column(String(500), index=True)
    status: Mapped[str] = mapped_column(String(10))  # active or removed
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the canonical ListEntry
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchlistEntryVersion(Base):
    __tablename__ = "watchlist_entry_versions"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watchlist_entries.id"))
    version: Mapped[int] = mapped_column(Integer)
    list_version: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(20))  # added, changed, removed, restored
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WatchlistChange(Base):
    """An ordered log of list changes: every worker process applies what is newer than the last
    change it saw to its in-memory matcher, so that all of them follow within seconds."""

    __tablename__ = "watchlist_changes"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    watchlist_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watchlists.id"), index=True)
    entry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("watchlist_entries.id"))
    operation: Mapped[str] = mapped_column(String(10))  # upsert, remove, list
    list_version: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ScreeningHit(Base):
    """A traveller (API or PNR) that matched a watchlist entry or a targeting rule, with the
    explanation and the versions of everything that produced it."""

    __tablename__ = "screening_hits"
    # One hit per traveller, entry and what each side said: a dismissed hit is raised again only
    # when the traveller's screened data (fingerprint) or the entry (version) changes.
    __table_args__ = (
        UniqueConstraint("subject", "entry_id", "entry_version", "fingerprint"),
        UniqueConstraint("subject", "rule_id", "rule_version"),
        Index("ix_screening_hits_subject_entry", "subject", "entry_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    subject: Mapped[str] = mapped_column(String(50))  # "api:<traveller id>" or "pnr:<id>"
    traveller_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    pnr_traveller_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pnr_travellers.id"), index=True
    )
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    # What raised it: a watchlist entry, or a targeting rule.
    source: Mapped[str] = mapped_column(String(10), server_default="watchlist")
    watchlist_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("watchlists.id"), index=True)
    entry_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("watchlist_entries.id"), index=True
    )
    list_version: Mapped[int | None] = mapped_column(Integer)
    entry_version: Mapped[int | None] = mapped_column(Integer)
    rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rules.id"), index=True)
    rule_version: Mapped[int | None] = mapped_column(Integer)
    subject_version: Mapped[int] = mapped_column(Integer)  # traveller or booking version screened
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("messages.id"))
    trigger: Mapped[str] = mapped_column(String(20))  # ingest or list_change
    score: Mapped[float] = mapped_column(Float)
    matched_name: Mapped[str] = mapped_column(String(500))
    algorithm: Mapped[str] = mapped_column(String(50))
    explanation: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    fingerprint: Mapped[str] = mapped_column(String(64), server_default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    assignee: Mapped[str | None] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HitEvent(Base):
    """What happened to a hit in review, append-only: a status change (with its reason), an
    assignment or a note, and who did it."""

    __tablename__ = "hit_events"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    hit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_hits.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # transition, assign or note
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(4000), default="")
    actor: Mapped[str] = mapped_column(String(200))
    actor_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("api_keys.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HitSuppression(Base):
    """False-positive memory: the traveller data (fingerprint) and entry version of a dismissed
    hit, not raised again for any flight while active. Lifting it is recorded, never deleted."""

    __tablename__ = "hit_suppressions"
    __table_args__ = (UniqueConstraint("entry_id", "entry_version", "fingerprint"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watchlist_entries.id"), index=True)
    entry_version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    watchlist_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watchlists.id"))
    hit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_hits.id"))
    reason: Mapped[str] = mapped_column(String(4000))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    lifted_by: Mapped[str | None] = mapped_column(String(200))
    lifted_reason: Mapped[str | None] = mapped_column(String(4000))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    times_applied: Mapped[int] = mapped_column(Integer, default=0)
    last_applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Rule(Base):
    """A targeting rule: the current state of its newest version, for queries and the cache."""

    __tablename__ = "rules"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RuleVersion(Base):
    """One immutable version of a rule: every edit writes a new one, and a hit names the
    version that raised it."""

    __tablename__ = "rule_versions"
    __table_args__ = (UniqueConstraint("rule_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    rule_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rules.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(4000))
    expression: Mapped[str] = mapped_column(String(4000))
    severity: Mapped[str] = mapped_column(String(10))
    weight: Mapped[float] = mapped_column(Float)
    category: Mapped[str] = mapped_column(String(50))
    effective_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    effective_to: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean)
    author: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Assessment(Base):
    """The risk assessment of one traveller (API or PNR) on one flight: the score, its band, and
    every contribution with the versions it came from. Replaced when re-assessed."""

    __tablename__ = "assessments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    subject: Mapped[str] = mapped_column(String(50), unique=True)
    traveller_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    pnr_traveller_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pnr_travellers.id"), index=True
    )
    flight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("flights.id"), index=True)
    score: Mapped[float] = mapped_column(Float, index=True)
    band: Mapped[str] = mapped_column(String(10), index=True)
    contributions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    subject_version: Mapped[int] = mapped_column(Integer)
    formula: Mapped[str] = mapped_column(String(50))
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """One processing step on personal data (collection, consultation, disclosure, review,
    list and rule changes, masking, erasure...), append-only. ``hash`` covers the entry's own
    fields and ``prev_hash``, so the entries form one chain: a changed, removed or reordered entry
    breaks it. ``detail`` holds counts and filters, never personal data values."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200), index=True)
    actor_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("api_keys.id"), index=True)
    actor_label: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(30), index=True)
    record_type: Mapped[str] = mapped_column(String(30), index=True)
    record_ids: Mapped[list[str]] = mapped_column(JSON)
    endpoint: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class MaskedValues(Base):
    """What masking took out of one record, encrypted with the vault key (never in the clear),
    so that an authorised, recorded unmasking can show it again. Deleted with the record."""

    __tablename__ = "masked_values"
    __table_args__ = (UniqueConstraint("record_type", "record_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    record_type: Mapped[str] = mapped_column(String(20))  # traveller, booking, message
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    masked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RetentionException(Base):
    """A record kept unmasked past the masking period, with the justification and an end date
    (a traveller with a confirmed or open hit)."""

    __tablename__ = "retention_exceptions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    justification: Mapped[str] = mapped_column(String(4000))
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UnmaskApproval(Base):
    """A recorded approval to see a masked record again: who approved it, on which authorising
    decision, for what purpose, for whom and until when (C-817/19: prior review by a court or an
    independent authority)."""

    __tablename__ = "unmask_approvals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    grantee_key_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("api_keys.id"))
    approved_by: Mapped[str] = mapped_column(String(200))
    approver_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("api_keys.id"))
    decision_reference: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(2000))
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
