from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from paxscreen.access.dependencies import AnalystDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep
from paxscreen.errors import BadRequest, NotFound, responses
from paxscreen.flights import service as flights_service
from paxscreen.flights.schemas import (
    FlightDetail,
    FlightPage,
    TravellerPage,
    TravellerRead,
    TravellerRoleName,
    TravellerStatus,
)
from paxscreen.storage.repositories.travellers import TravellerFilters

router = APIRouter(tags=["flights"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.get("/v1/flights", responses=responses(*AUTH_ERRORS, BadRequest), summary="Find flights")
async def list_flights(
    session: SessionDep,
    page: PageDep,
    _: AnalystDep,
    date_from: Annotated[date | None, Query(description="local departure date, from")] = None,
    date_to: Annotated[
        date | None, Query(description="local departure date, to (inclusive)")
    ] = None,
    carrier: Annotated[str | None, Query(max_length=3, description="airline, e.g. LH")] = None,
    flight_number: Annotated[str | None, Query(max_length=8, description="e.g. 989")] = None,
    origin: Annotated[str | None, Query(max_length=5, description="departure airport")] = None,
    destination: Annotated[str | None, Query(max_length=5, description="arrival airport")] = None,
) -> FlightPage:
    filters = flights_service.flight_filters(
        date_from, date_to, carrier, flight_number, origin, destination
    )
    return await flights_service.list_flights(session, filters, page)


@router.get(
    "/v1/flights/{flight_id}", responses=responses(*AUTH_ERRORS, NotFound), summary="One flight"
)
async def get_flight(flight_id: uuid.UUID, session: SessionDep, _: AnalystDep) -> FlightDetail:
    return await flights_service.get_flight(session, flight_id)


@router.get(
    "/v1/flights/{flight_id}/travellers",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Travellers on a flight",
)
async def list_flight_travellers(
    flight_id: uuid.UUID,
    session: SessionDep,
    page: PageDep,
    _: AnalystDep,
    audit: AuditDep,
    role: Annotated[TravellerRoleName | None, Query(description="only this role")] = None,
    status: Annotated[TravellerStatus | None, Query(description="only this status")] = None,
    surname: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[
        Literal["score", "name"], Query(description="score: highest risk first, then name")
    ] = "score",
) -> TravellerPage:
    filters = TravellerFilters(role=role, status=status, surname=surname, sort=sort)
    found = await flights_service.list_travellers(session, flight_id, filters, page)
    await audit.consulted(
        session, RecordType.TRAVELLER, [t.id for t in found.items], {"flight_id": flight_id}
    )
    return found


@router.get(
    "/v1/travellers/{traveller_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="A traveller with documents, versions and source messages",
)
async def get_traveller(
    traveller_id: uuid.UUID, session: SessionDep, _: AnalystDep, audit: AuditDep
) -> TravellerRead:
    traveller = await flights_service.get_traveller(session, traveller_id)
    await audit.consulted(session, RecordType.TRAVELLER, [traveller_id])
    return traveller
