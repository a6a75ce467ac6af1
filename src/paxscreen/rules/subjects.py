"""Facts for the rule context, worked out from normalised travel data. Pure.

The rule context (engine/context.py) speaks of ages, countries, dwell times and payment forms;
the data speaks of dates of birth, airports, itinerary legs and FOP codes. These functions
translate, and say nothing they cannot tell: an unknown value stays None (left out of the
activation), never a guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime

from paxscreen.normalise.canonical_pnr import Booking, ItineraryLeg
from paxscreen.normalise.codes import airport
from paxscreen.rules.engine.context import (
    Gender,
    PaymentForm,
    Role,
    SubjectBooking,
    SubjectDocument,
    SubjectFlight,
    SubjectItinerary,
)

# PNRGOV FOP codes (and their PNRGOV XML spellings) by the rule context's payment forms.
_PAYMENT_FORMS: dict[str, PaymentForm] = {"CA": "CASH", "CASH": "CASH", "CC": "CC", "CARD": "CC"}


def age_on(born: date | None, day: date | None) -> int | None:
    if born is None or day is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def role_of(api_role: str) -> Role:
    """API roles (passenger, crew, transit_passenger, transit_crew) as the context's."""
    if api_role.startswith("transit"):
        return "transit"
    return "crew" if api_role == "crew" else "passenger"


def gender_of(code: str | None) -> Gender:
    first = (code or "U")[:1].upper()
    return "M" if first == "M" else "F" if first == "F" else "U"


def country_of(airport_code: str | None) -> str:
    found = airport(airport_code) if airport_code else None
    return found.country if found else ""


def flight_facts(origin: str | None, destination: str | None) -> SubjectFlight:
    return SubjectFlight(
        origin or "", destination or "", country_of(origin), country_of(destination)
    )


def document_facts(
    type_: str | None, issuing_state: str | None, expiry: date | None, travel_day: date | None
) -> SubjectDocument:
    days = (expiry - travel_day).days if expiry and travel_day else None
    return SubjectDocument(type_ or "", issuing_state or "", days)


def _air_legs(legs: Sequence[ItineraryLeg]) -> list[ItineraryLeg]:
    air = [leg for leg in legs if not leg.non_air and leg.departure_airport]
    # In time order; legs without a time keep their PNR order, last.
    return sorted(
        air, key=lambda leg: leg.departure_utc.timestamp() if leg.departure_utc else float("inf")
    )


def itinerary_facts(
    flight: SubjectFlight, legs: Sequence[ItineraryLeg], in_transit: bool
) -> SubjectItinerary:
    """Countries on the route, connections and the longest dwell between legs: from the PNR's
    air legs when there is a PNR, else from the flight alone."""
    air = _air_legs(legs)
    countries: list[str] = []
    for code in [flight.origin_country, flight.destination_country] + [
        country_of(c) for leg in air for c in (leg.departure_airport, leg.arrival_airport)
    ]:
        if code and code not in countries:
            countries.append(code)
    dwell = 0.0
    for before, after in itertools.pairwise(air):
        if (
            before.arrival_utc
            and after.departure_utc
            and before.arrival_airport == after.departure_airport
        ):
            dwell = max(dwell, (after.departure_utc - before.arrival_utc).total_seconds() / 3600)
    connections = max(0, len(air) - 1)
    return SubjectItinerary(
        tuple(countries),
        is_transit=in_transit or connections > 0,
        connections=connections,
        max_dwell_hours=round(dwell, 2),
    )


def _one_way(booking: Booking, origin: str) -> bool | None:
    tickets = [t.one_way for p in booking.travellers for t in p.tickets if t.one_way is not None]
    if tickets:
        return all(tickets)
    air = _air_legs(booking.itinerary)
    if not air:
        return None
    return not any(leg.arrival_airport == (air[0].departure_airport or origin) for leg in air)


def booking_facts(
    booking: Booking, position: int, departure_utc: datetime | None
) -> SubjectBooking:
    """The PNR facts of traveller ``position`` of ``booking``."""
    person = booking.travellers[position] if position < len(booking.travellers) else None
    lead = (departure_utc - booking.created).days if departure_utc and booking.created else None
    forms = [_PAYMENT_FORMS.get(p.type.upper(), "OTHER") for p in booking.payments]
    agency = booking.agency
    bags = (
        sum(c.bag_count or 0 for c in person.check_ins)
        if person and any(c.bag_count is not None for c in person.check_ins)
        else None
    )
    origin = booking.itinerary[0].departure_airport if booking.itinerary else None
    return SubjectBooking(
        lead_time_days=lead,
        # Cash anywhere in the payments is what a criterion about cash means.
        payment_form="CASH" if "CASH" in forms else (forms[0] if forms else None),
        one_way=_one_way(booking, origin or ""),
        agency=(agency.iata_number or agency.location or agency.airline) if agency else None,
        co_travellers=max(0, len(booking.travellers) - 1),
        bags=bags,
        frequent_flyer=bool(person.frequent_flyers) if person else None,
        changes=len(booking.history),
    )
