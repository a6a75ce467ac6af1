from __future__ import annotations

import uuid
from datetime import date

from paxscreen.deps import PageParams
from paxscreen.errors import BadRequest, NotFound
from paxscreen.flights.schemas import (
    DocumentRead,
    FlightDetail,
    FlightMessageRead,
    FlightPage,
    FlightRead,
    LinkedBooking,
    TravellerPage,
    TravellerRead,
    TravellerSummary,
    VersionRead,
)
from paxscreen.screening.schemas import HitRead
from paxscreen.storage.models import Flight
from paxscreen.storage.repositories.bookings import LinkRepository
from paxscreen.storage.repositories.flights import FlightFilters, FlightRepository
from paxscreen.storage.repositories.hits import HitRepository
from paxscreen.storage.repositories.travellers import TravellerFilters, TravellerRepository
from paxscreen.storage.session import Session


async def list_flights(session: Session, filters: FlightFilters, page: PageParams) -> FlightPage:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise BadRequest(f"date_from {filters.date_from} is after date_to {filters.date_to}")
    rows, total = await FlightRepository(session).list(
        filters, limit=page.limit, offset=page.offset
    )
    return FlightPage(
        items=[FlightRead.model_validate(row) for row in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


async def _flight(session: Session, flight_id: uuid.UUID) -> Flight:
    flight = await FlightRepository(session).get(flight_id)
    if flight is None:
        raise NotFound(f"no flight with id {flight_id}")
    return flight


async def get_flight(session: Session, flight_id: uuid.UUID) -> FlightDetail:
    flight = await _flight(session, flight_id)
    repository = FlightRepository(session)
    counts = await repository.role_counts(flight_id)
    messages = await repository.messages_of(flight_id)
    return FlightDetail.model_validate(
        {
            **FlightRead.model_validate(flight).model_dump(),
            "legs": flight.legs,
            "traveller_counts": counts,
            "messages": [
                FlightMessageRead(
                    message_id=message.id,
                    received_at=message.received_at,
                    kind=link.kind,
                    action=link.action,
                    status=message.status,
                )
                for link, message in messages
            ],
        }
    )


async def list_travellers(
    session: Session, flight_id: uuid.UUID, filters: TravellerFilters, page: PageParams
) -> TravellerPage:
    await _flight(session, flight_id)
    rows, total = await TravellerRepository(session).list_of_flight(
        flight_id, filters, limit=page.limit, offset=page.offset
    )
    return TravellerPage(
        items=[
            TravellerSummary.model_validate(
                {**TravellerSummary.model_validate(row).model_dump(), "score": s, "band": b}
            )
            for row, s, b in rows
        ],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


async def get_traveller(session: Session, traveller_id: uuid.UUID) -> TravellerRead:
    repository = TravellerRepository(session)
    traveller = await repository.get(traveller_id)
    if traveller is None:
        raise NotFound(f"no traveller with id {traveller_id}")
    flight = await _flight(session, traveller.flight_id)
    documents = (await repository.documents_of([traveller_id])).get(traveller_id, [])
    versions = await repository.versions_of(traveller_id)
    return TravellerRead.model_validate(
        {
            **TravellerSummary.model_validate(traveller).model_dump(),
            "residence_country": traveller.residence_country,
            "place_of_birth": traveller.place_of_birth,
            "embarkation": traveller.embarkation,
            "debarkation": traveller.debarkation,
            "reservation_ref": traveller.reservation_ref,
            "passenger_ref": traveller.passenger_ref,
            "flight": FlightRead.model_validate(flight),
            "data": versions[-1].data if versions else {},
            "documents": [DocumentRead.model_validate(d) for d in documents],
            "hits": [
                HitRead.model_validate(hit)
                for hit in await HitRepository(session).of_traveller(traveller_id)
            ],
            "bookings": [
                LinkedBooking(
                    booking_id=booking.id,
                    locator=booking.locator,
                    pnr_traveller_id=person.id,
                    method=link.method,
                    confidence=link.confidence,
                    status=link.status,
                    evidence=link.evidence,
                )
                for link, person, booking in await LinkRepository(session).of_api_traveller(
                    traveller_id
                )
            ],
            "versions": [VersionRead.model_validate(v) for v in versions],
            "source_messages": list(dict.fromkeys(v.message_id for v in versions)),
        }
    )


def flight_filters(
    date_from: date | None,
    date_to: date | None,
    carrier: str | None,
    flight_number: str | None,
    origin: str | None,
    destination: str | None,
) -> FlightFilters:
    """Filters as the API takes them: codes in any case, flight numbers with or without zeros."""
    number = flight_number.lstrip("0").upper() if flight_number else None
    return FlightFilters(
        date_from=date_from,
        date_to=date_to,
        carrier=carrier.upper() if carrier else None,
        flight_number=number or None,
        origin=origin.upper() if origin else None,
        destination=destination.upper() if destination else None,
    )
