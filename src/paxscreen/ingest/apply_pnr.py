"""Apply one PNR push to its flight's bookings, keeping every version.

A full push (MSG 22) carries every PNR of the flight: bookings it no longer carries are marked
cancelled, never deleted, but only when the push is complete (its EQN count is met), so that a
push split over several messages cannot cancel what a later message would have carried. An
update push (MSG 141) changes only the bookings it carries.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from paxscreen.changes import changed_fields
from paxscreen.ingest.flights import content_hash, upsert_flight
from paxscreen.ingest.identity import document_key
from paxscreen.normalise.canonical_pnr import Booking, PnrPush, PnrTraveller, PushKind
from paxscreen.storage.base import new_id
from paxscreen.storage.bulk import JsonText
from paxscreen.storage.models import Booking as StoredBooking
from paxscreen.storage.models import Flight
from paxscreen.storage.models import PnrTraveller as StoredPnrTraveller
from paxscreen.storage.repositories.bookings import BookingRepository
from paxscreen.storage.repositories.flights import FlightRepository
from paxscreen.storage.session import Session

ACTIVE, CANCELLED, REMOVED = "active", "cancelled", "removed"


@dataclass(frozen=True, slots=True)
class ToScreen:
    """A PNR traveller written by this push, with the booking version it was read from."""

    id: uuid.UUID
    flight_id: uuid.UUID
    version: int
    traveller: PnrTraveller


@dataclass
class AppliedPush:
    flight: Flight
    bookings: int
    travellers: int
    changes: Counter[str] = field(default_factory=Counter)  # added, changed, cancelled ...
    touched: list[uuid.UUID] = field(default_factory=list)  # bookings whose travellers changed
    screen: list[ToScreen] = field(default_factory=list)  # PNR travellers to screen


def booking_key(booking: Booking) -> str:
    """The record locator; without one (it happens), the travellers' names stand in."""
    if booking.locator:
        return booking.locator.upper()
    names = sorted(f"{t.surname}/{t.given_names}" for t in booking.travellers)
    return "~" + content_hash(names)[:24]


def complete_full_push(push: PnrPush) -> bool:
    """Whether this message carries the whole full push, so that absence means cancellation."""
    declared = push.declared_bookings
    return push.kind is PushKind.FULL and (declared is None or declared == len(push.bookings))


async def apply_push(
    session: Session, push: PnrPush, *, message_id: uuid.UUID, now: datetime
) -> AppliedPush:
    flight = await upsert_flight(session, push.flight, now)
    await FlightRepository(session).link_message(flight.id, message_id, "pnr_push", push.kind)
    repository = BookingRepository(session)
    stored = {row.booking_key: row for row in await repository.of_flight(flight.id)}
    applied = AppliedPush(
        flight=flight,
        bookings=len(push.bookings),
        travellers=sum(len(b.travellers) for b in push.bookings),
    )
    writes = _Writes(message_id=message_id, now=now, push_kind=push.kind.value)
    seen: set[str] = set()
    for booking in push.bookings:
        key = booking_key(booking)
        if key in seen:
            continue  # the same PNR twice in one push: the first one stands (warned by the parser)
        seen.add(key)
        row = stored.get(key)
        if row is None:
            writes.add(flight.id, key, booking)
            applied.changes["added"] += 1
        else:
            applied.changes[writes.update(row, booking)] += 1
    if complete_full_push(push):
        for key, row in stored.items():
            if key not in seen and row.status == ACTIVE:
                writes.cancel(row)
                applied.changes["cancelled"] += 1
    applied.screen = await writes.flush(repository)
    applied.touched = writes.touched
    return applied


@dataclass
class _Writes:
    """The rows one push writes, collected so that each table gets one statement."""

    message_id: uuid.UUID
    now: datetime
    push_kind: str
    new_bookings: list[dict[str, Any]] = field(default_factory=list)
    booking_updates: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    # bookings whose people to write: id -> (flight, booking, its new version)
    travellers_of: dict[uuid.UUID, tuple[uuid.UUID, Booking, int]] = field(default_factory=dict)
    touched: list[uuid.UUID] = field(default_factory=list)
    stored_before: set[uuid.UUID] = field(default_factory=set)  # touched bookings not new

    def add(self, flight_id: uuid.UUID, key: str, booking: Booking) -> None:
        data, digest = _data(booking)
        booking_id = new_id()
        status = CANCELLED if booking.cancelled else ACTIVE
        self.new_bookings.append(
            {
                "id": booking_id,
                "flight_id": flight_id,
                "booking_key": key,
                "locator": booking.locator,
                "status": status,
                "traveller_count": len(booking.travellers),
                "pnr_created": booking.created,
                "pnr_modified": booking.modified,
                "version": 1,
                "data_hash": digest,
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        self._version(booking_id, 1, "added", status, data)
        self.travellers_of[booking_id] = (flight_id, booking, 1)
        self.touched.append(booking_id)

    def update(self, row: StoredBooking, booking: Booking) -> str:
        """Record what this push says of a stored booking; answers the kind of change."""
        if booking.cancelled:
            if row.status == CANCELLED:
                return "unchanged"
            self.cancel(row)
            return "cancelled"
        data, digest = _data(booking)
        if digest == row.data_hash and row.status == ACTIVE:
            return "unchanged"
        change = "reinstated" if row.status == CANCELLED else "changed"
        self.booking_updates.append(
            {
                "id": row.id,
                "status": ACTIVE,
                "locator": booking.locator,
                "traveller_count": len(booking.travellers),
                "pnr_created": booking.created,
                "pnr_modified": booking.modified,
                "version": row.version + 1,
                "data_hash": digest,
                "updated_at": self.now,
            }
        )
        self._version(row.id, row.version + 1, change, ACTIVE, data)
        self.travellers_of[row.id] = (row.flight_id, booking, row.version + 1)
        self.touched.append(row.id)
        self.stored_before.add(row.id)
        return change

    def cancel(self, row: StoredBooking) -> None:
        """A cancelled booking keeps its last data: the version records the status only."""
        self.booking_updates.append(
            {"id": row.id, "status": CANCELLED, "version": row.version + 1, "updated_at": self.now}
        )
        self._version(row.id, row.version + 1, "cancelled", CANCELLED, None)
        self.touched.append(row.id)
        self.stored_before.add(row.id)

    def _version(
        self, booking_id: uuid.UUID, version: int, change: str, status: str, data: Any
    ) -> None:
        self.versions.append(
            {
                "id": new_id(),
                "booking_id": booking_id,
                "version": version,
                "message_id": self.message_id,
                "recorded_at": self.now,
                "push_kind": self.push_kind,
                "change": change,
                "status": status,
                "changed_fields": [],
                "data": data,
            }
        )

    async def flush(self, repository: BookingRepository) -> list[ToScreen]:
        previous = await repository.latest_data(
            [v["booking_id"] for v in self.versions if v["version"] > 1]
        )
        for version in self.versions:
            before = previous.get(version["booking_id"])
            if version["data"] is None:  # a cancellation keeps the data it had
                version["data"] = before or {}
            elif before is not None:
                after = orjson.loads(str(version["data"]))
                version["changed_fields"] = changed_fields(before, after)
        await repository.insert_bookings(self.new_bookings)
        await repository.update_bookings(self.booking_updates)
        await repository.insert_versions(self.versions)
        return await _sync_travellers(
            repository, self.travellers_of, self.touched, self.stored_before
        )


def _data(booking: Booking) -> tuple[JsonText, str]:
    """The booking as stored JSON and its digest. pydantic writes the JSON itself (no dict in
    between): a full push serialises hundreds of bookings, and this halved the cost."""
    text = booking.model_dump_json(exclude={"segment"})
    return JsonText(text), hashlib.sha256(text.encode()).hexdigest()


async def _sync_travellers(
    repository: BookingRepository,
    travellers_of: dict[uuid.UUID, tuple[uuid.UUID, Booking, int]],
    touched: Sequence[uuid.UUID],
    stored_before: set[uuid.UUID],
) -> list[ToScreen]:
    """Keep one PNR-traveller row per person of a booking across versions (so that links and hits
    that point at it stay valid); people no longer in the booking, or in a cancelled one, are
    marked removed. Answers the people written, to be screened."""
    existing: dict[uuid.UUID, list[StoredPnrTraveller]] = {}
    for person in await repository.pnr_travellers_of(list(stored_before)):
        existing.setdefault(person.booking_id, []).append(person)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    written: list[ToScreen] = []
    for booking_id in touched:
        rows = existing.get(booking_id, [])
        if booking_id not in travellers_of:  # cancelled: its people are no longer travelling
            updates += [{"id": r.id, "status": REMOVED} for r in rows if r.status != REMOVED]
            continue
        flight_id, booking, version = travellers_of[booking_id]
        unmatched = {r.id: r for r in rows}
        for position, traveller in enumerate(booking.travellers):
            values = _traveller_values(traveller, position)
            match = _same_person(traveller, unmatched.values())
            if match is None:
                person_id = new_id()
                inserts.append(
                    {"id": person_id, "booking_id": booking_id, "flight_id": flight_id, **values}
                )
            else:
                person_id = match.id
                del unmatched[match.id]
                updates.append({"id": match.id, **values})
            if booking.cancelled is False:
                written.append(ToScreen(person_id, flight_id, version, traveller))
        updates += [{"id": r.id, "status": REMOVED} for r in unmatched.values()]
    await repository.insert_pnr_travellers(inserts)
    await repository.update_pnr_travellers(updates)
    return written


def _traveller_values(traveller: PnrTraveller, position: int) -> dict[str, Any]:
    documents = [d for d in traveller.documents if d.ssr == "DOCS"]
    birth = next((d.date_of_birth for d in documents if d.date_of_birth), None)
    number = next((d.number for d in documents if d.number), None)
    return {
        "position": position,
        "reference": traveller.reference,
        "surname": traveller.surname,
        "given_names": traveller.given_names,
        "type": traveller.type.value,
        "date_of_birth": birth,
        "document_key": document_key(number) if number else None,
        "status": ACTIVE,
    }


def _same_person(
    traveller: PnrTraveller, candidates: Iterable[StoredPnrTraveller]
) -> StoredPnrTraveller | None:
    """The stored row of this person: same name, and the same reference when both have one."""
    for row in candidates:
        same_name = (row.surname, row.given_names) == (traveller.surname, traveller.given_names)
        if same_name and (
            not row.reference or not traveller.reference or row.reference == traveller.reference
        ):
            return row
    return None
