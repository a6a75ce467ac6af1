from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from paxscreen.access.dependencies import AnalystDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.bookings import service as bookings_service
from paxscreen.bookings.schemas import BookingDetail, BookingPage, BookingStatus, BookingVersions
from paxscreen.deps import PageDep, SessionDep
from paxscreen.errors import BadRequest, NotFound, responses
from paxscreen.storage.repositories.bookings import BookingFilters

router = APIRouter(prefix="/v1/bookings", tags=["bookings"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.get("", responses=responses(*AUTH_ERRORS, BadRequest), summary="Find bookings (PNRs)")
async def list_bookings(
    session: SessionDep,
    page: PageDep,
    _: AnalystDep,
    audit: AuditDep,
    locator: Annotated[str | None, Query(max_length=20, description="record locator")] = None,
    flight_id: Annotated[
        uuid.UUID | None, Query(description="bookings pushed for this flight")
    ] = None,
    name: Annotated[str | None, Query(max_length=200, description="a traveller's surname")] = None,
    status: Annotated[BookingStatus | None, Query()] = None,
    date_from: Annotated[
        date | None, Query(description="flight's local departure date, from")
    ] = None,
    date_to: Annotated[date | None, Query(description="flight's local departure date, to")] = None,
) -> BookingPage:
    filters = BookingFilters(
        locator=locator.upper() if locator else None,
        flight_id=flight_id,
        surname=name.upper().strip() if name else None,
        status=status,
        date_from=date_from,
        date_to=date_to,
    )
    found = await bookings_service.list_bookings(session, filters, page)
    await audit.consulted(session, RecordType.BOOKING, [b.id for b in found.items])
    return found


@router.get(
    "/{booking_id}",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="A booking with travellers, links, contacts, payments, itinerary and history",
)
async def get_booking(
    booking_id: uuid.UUID, session: SessionDep, _: AnalystDep, audit: AuditDep
) -> BookingDetail:
    booking = await bookings_service.get_booking(session, booking_id)
    await audit.consulted(session, RecordType.BOOKING, [booking_id])
    return booking


@router.get(
    "/{booking_id}/versions",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Every version of a booking, what changed field by field, and the push it came from",
)
async def get_booking_versions(
    booking_id: uuid.UUID, session: SessionDep, _: AnalystDep, audit: AuditDep
) -> BookingVersions:
    versions = await bookings_service.booking_versions(session, booking_id)
    await audit.consulted(
        session, RecordType.BOOKING, [booking_id], {"versions": len(versions.versions)}
    )
    return versions
