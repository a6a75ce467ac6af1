from __future__ import annotations

import uuid
from collections import defaultdict

from paxscreen.bookings.schemas import (
    ApiLink,
    BookingDetail,
    BookingFlight,
    BookingPage,
    BookingSummary,
    BookingTraveller,
    BookingVersionRead,
    BookingVersions,
    FieldChange,
    SplitBooking,
)
from paxscreen.changes import changes
from paxscreen.deps import PageParams
from paxscreen.errors import BadRequest, NotFound
from paxscreen.normalise.canonical_pnr import Booking as CanonicalBooking
from paxscreen.storage.models import Booking
from paxscreen.storage.repositories.bookings import (
    BookingFilters,
    BookingRepository,
    LinkRepository,
)
from paxscreen.storage.repositories.flights import FlightRepository
from paxscreen.storage.session import Session


async def _summary(session: Session, booking: Booking) -> BookingSummary:
    flight = await FlightRepository(session).get(booking.flight_id)
    assert flight is not None
    return BookingSummary.model_validate(
        {
            **{k: getattr(booking, k) for k in BookingSummary.model_fields if k != "flight"},
            "flight": BookingFlight.model_validate(flight),
        }
    )


async def list_bookings(session: Session, filters: BookingFilters, page: PageParams) -> BookingPage:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise BadRequest(f"date_from {filters.date_from} is after date_to {filters.date_to}")
    rows, total = await BookingRepository(session).list(
        filters, limit=page.limit, offset=page.offset
    )
    return BookingPage(
        items=[await _summary(session, row) for row in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


async def _booking(session: Session, booking_id: uuid.UUID) -> Booking:
    booking = await BookingRepository(session).get(booking_id)
    if booking is None:
        raise NotFound(f"no booking with id {booking_id}")
    return booking


async def get_booking(session: Session, booking_id: uuid.UUID) -> BookingDetail:
    repository = BookingRepository(session)
    booking = await _booking(session, booking_id)
    data = (await repository.latest_data([booking_id]))[booking_id]
    canonical = CanonicalBooking.model_validate(data)
    people = await repository.pnr_travellers_of([booking_id])
    links = defaultdict(list)
    for link, person in await LinkRepository(session).of_bookings(booking_id):
        links[person.id].append(ApiLink.model_validate(link))
    split = []
    for locator in canonical.split_locators:
        siblings = await repository.list(
            BookingFilters(locator=locator.locator, flight_id=booking.flight_id), limit=1, offset=0
        )
        split.append(
            SplitBooking(
                booking_id=siblings[0][0].id if siblings[0] else None, locator=locator.locator
            )
        )
    summary = await _summary(session, booking)
    return BookingDetail.model_validate(
        {
            **summary.model_dump(),
            "travellers": [
                BookingTraveller(
                    pnr_traveller_id=person.id,
                    surname=person.surname,
                    given_names=person.given_names,
                    type=person.type,
                    status=person.status,
                    api_links=links.get(person.id, []),
                )
                for person in sorted(people, key=lambda p: p.position)
            ],
            "split_bookings": split,
            "booking": canonical,
        }
    )


async def booking_versions(session: Session, booking_id: uuid.UUID) -> BookingVersions:
    await _booking(session, booking_id)
    versions = await BookingRepository(session).versions_of(booking_id)
    read = []
    before: dict[str, object] | None = None
    for version in versions:
        found = [] if before is None else changes(before, version.data)
        read.append(
            BookingVersionRead.model_validate(
                {
                    "version": version.version,
                    "message_id": version.message_id,
                    "recorded_at": version.recorded_at,
                    "push_kind": version.push_kind,
                    "change": version.change,
                    "status": version.status,
                    "changes": [
                        FieldChange(field=c.field, before=c.before, after=c.after) for c in found
                    ],
                }
            )
        )
        before = version.data
    return BookingVersions(booking_id=booking_id, versions=read)
