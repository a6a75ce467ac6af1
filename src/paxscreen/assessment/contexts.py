"""The rule context of each traveller to assess, read from what is stored: the API traveller with
its documents, its flight, and the PNR surely linked to it; or a PNR traveller with what its
SSR DOCS say and its booking."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from paxscreen.normalise.canonical_pnr import Booking
from paxscreen.rules.engine.context import RuleSubject, SubjectTraveller
from paxscreen.rules.subjects import (
    age_on,
    booking_facts,
    document_facts,
    flight_facts,
    gender_of,
    itinerary_facts,
    role_of,
)
from paxscreen.screening.pipeline import API, PNR, Subject
from paxscreen.storage.repositories.assessments import AssessmentRepository
from paxscreen.storage.repositories.bookings import BookingRepository
from paxscreen.storage.session import Session


@dataclass(frozen=True, slots=True)
class Assessable:
    key: str  # "api:<id>" or "pnr:<id>", as on hits
    subject: Subject
    departure_utc: datetime | None
    facts: RuleSubject


def subject_key(subject: Subject) -> str:
    return f"{subject.kind}:{subject.id}"


async def _bookings(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Booking]:
    data: dict[uuid.UUID, dict[str, Any]] = await BookingRepository(session).latest_data(list(ids))
    return {booking_id: Booking.model_validate(value) for booking_id, value in data.items()}


async def assessables(session: Session, subjects: Sequence[Subject]) -> list[Assessable]:
    repository = AssessmentRepository(session)
    api_ids = [s.id for s in subjects if s.kind == API]
    pnr_ids = [s.id for s in subjects if s.kind == PNR]
    travellers = {t.id: t for t in await repository.api_travellers(api_ids)}
    documents: dict[uuid.UUID, list[Any]] = {}
    for document in await repository.documents(api_ids):
        documents.setdefault(document.traveller_id, []).append(document)
    links = await repository.linked_pnr(api_ids)
    people = {p.id: p for p in await repository.pnr_travellers(pnr_ids)}
    flights = await repository.flights(list({s.flight_id for s in subjects}))
    bookings = await _bookings(
        session,
        {booking for booking, _ in links.values()} | {p.booking_id for p in people.values()},
    )
    out: list[Assessable] = []
    for subject in subjects:
        flight = flights.get(subject.flight_id)
        if flight is None:
            continue
        day = flight.departure_date
        route = flight_facts(flight.origin, flight.destination)
        if subject.kind == API:
            traveller = travellers.get(subject.id)
            if traveller is None:
                continue
            link = links.get(subject.id)
            booking = bookings.get(link[0]) if link else None
            role = role_of(traveller.role)
            facts = RuleSubject(
                traveller=SubjectTraveller(
                    gender=gender_of(traveller.gender),
                    role=role,
                    age_at_departure=age_on(traveller.date_of_birth, day),
                    nationality=traveller.nationality,
                    residence=traveller.residence_country,
                ),
                flight=route,
                itinerary=itinerary_facts(
                    route, booking.itinerary if booking else (), role == "transit"
                ),
                documents=tuple(
                    document_facts(d.type, d.issuing_state, d.expiry, day)
                    for d in documents.get(subject.id, [])
                ),
                booking=booking_facts(booking, link[1], flight.departure_utc)
                if booking and link
                else None,
            )
        else:
            person = people.get(subject.id)
            booking = bookings.get(person.booking_id) if person else None
            if person is None or booking is None or person.position >= len(booking.travellers):
                continue
            docs = [d for d in booking.travellers[person.position].documents if d.ssr == "DOCS"]
            facts = RuleSubject(
                traveller=SubjectTraveller(
                    gender=gender_of(next((d.gender for d in docs if d.gender), None)),
                    role="passenger",
                    age_at_departure=age_on(person.date_of_birth, day),
                    nationality=next((d.nationality for d in docs if d.nationality), None),
                ),
                flight=route,
                itinerary=itinerary_facts(route, booking.itinerary, False),
                documents=tuple(
                    document_facts(d.type, d.issuing_state, d.expiry, day)
                    for d in docs
                    if d.type or d.issuing_state
                ),
                booking=booking_facts(booking, person.position, flight.departure_utc),
            )
        out.append(Assessable(subject_key(subject), subject, flight.departure_utc, facts))
    return out
