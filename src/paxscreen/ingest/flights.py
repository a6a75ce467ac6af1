"""The flight a message is about: found by its key, created when new, brought up to date."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson

from paxscreen.normalise.canonical import FlightLeg
from paxscreen.storage.models import Flight
from paxscreen.storage.repositories.flights import FlightRepository
from paxscreen.storage.session import Session


def flight_key(leg: FlightLeg) -> str:
    """Carrier, number, origin and local departure date: what makes two messages one flight."""
    day = leg.departure_local.date().isoformat() if leg.departure_local else "?"
    return f"{leg.carrier}{leg.flight_number}/{leg.departure_airport or '?'}/{day}"


def content_hash(data: Any) -> str:
    """A stable digest of a JSON document, to tell whether a record changed."""
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


async def upsert_flight(
    session: Session,
    leg: FlightLeg,
    now: datetime,
    *,
    legs: Sequence[FlightLeg] | None = None,
    status: str | None = None,
) -> Flight:
    """The flight of ``leg``, created if new, else updated with whatever this message knows:
    times it gives, its legs (when it lists them) and a new status (when it sets one)."""
    values: dict[str, Any] = {
        "flight_key": flight_key(leg),
        "carrier": leg.carrier,
        "flight_number": leg.flight_number,
        "origin": leg.departure_airport,
        "destination": leg.arrival_airport,
        "departure_date": leg.departure_local.date() if leg.departure_local else None,
        "departure_local": leg.departure_local,
        "departure_utc": leg.departure_utc,
        "arrival_local": leg.arrival_local,
        "arrival_utc": leg.arrival_utc,
        "status": status or "open",
        "legs": [item.model_dump(mode="json") for item in (legs or [leg])],
        "created_at": now,
        "updated_at": now,
    }
    flight, created = await FlightRepository(session).upsert(values)
    if created:
        return flight
    for name in ("destination", "arrival_local", "arrival_utc", "departure_utc"):
        if values[name] is not None:
            setattr(flight, name, values[name])
    if legs:
        flight.legs = values["legs"]
    if status:
        flight.status = status
    flight.updated_at = now
    return flight
