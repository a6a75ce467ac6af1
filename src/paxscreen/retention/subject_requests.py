"""Data-subject requests: every record held on one person, as a report; rectification and
erasure of the records the operator decides on."""

from __future__ import annotations

import copy
import re
from datetime import date

from paxscreen.errors import NotFound, Unprocessable
from paxscreen.retention.schemas import (
    ErasureRequest,
    ErasureResult,
    Rectification,
    RectificationResult,
    SubjectHitRecord,
    SubjectQuery,
    SubjectReport,
    SubjectTravellerRecord,
)
from paxscreen.storage.repositories.retention import (
    RectifyRepository,
    RetentionRepository,
    SubjectRepository,
)
from paxscreen.storage.session import Session

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _words(text: str | None) -> str | None:
    return " ".join(text.upper().split()) if text else None


async def report(session: Session, query: SubjectQuery) -> SubjectReport:
    repository = SubjectRepository(session)
    surname, born = _words(query.surname), query.date_of_birth
    document = _NOT_ALNUM.sub("", query.document_number.upper()) if query.document_number else None
    records = [
        SubjectTravellerRecord(
            kind="api",
            id=t.id,
            flight_id=t.flight_id,
            booking_id=None,
            surname=t.surname,
            given_names=t.given_names,
            date_of_birth=t.date_of_birth,
            masked=t.masked_at is not None,
        )
        for t in await repository.travellers(surname, born, document)
    ] + [
        SubjectTravellerRecord(
            kind="pnr",
            id=p.id,
            flight_id=p.flight_id,
            booking_id=p.booking_id,
            surname=p.surname,
            given_names=p.given_names,
            date_of_birth=p.date_of_birth,
            masked=not p.surname,
        )
        for p in await repository.pnr_travellers(surname, born, document)
    ]
    hits = await repository.hits([f"{r.kind}:{r.id}" for r in records])
    decisions: dict[object, list[dict[str, object]]] = {}
    for event in await repository.events([h.id for h in hits]):
        decisions.setdefault(event.hit_id, []).append(
            {
                "action": event.action,
                "to_status": event.to_status,
                "actor": event.actor,
                "at": event.recorded_at.isoformat(),
            }
        )
    return SubjectReport(
        query=query,
        travellers=records,
        hits=[
            SubjectHitRecord(
                id=h.id,
                subject=h.subject,
                source=h.source,
                status=h.status,
                score=h.score,
                created_at=h.created_at,
                decisions=decisions.get(h.id, []),
            )
            for h in hits
        ],
    )


async def erase(session: Session, request: ErasureRequest) -> ErasureResult:
    """Deletes the named travellers and bookings with everything that hangs off them."""
    repository = RetentionRepository(session)
    travellers = await repository.delete_travellers(request.travellers) if request.travellers else 0
    bookings = await repository.delete_bookings(request.bookings) if request.bookings else 0
    return ErasureResult(travellers=travellers, bookings=bookings)


async def rectify(session: Session, request: Rectification) -> RectificationResult:
    """Corrects a traveller's stored record and the newest version of the data it is read from
    (earlier versions stay as the airline sent them: they are the history)."""
    changes = request.changes()
    if not changes:
        raise Unprocessable("give at least one of surname, given_names, date_of_birth")
    repository = RectifyRepository(session)
    as_json = {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}
    if request.kind == "api":
        traveller = await repository.traveller(request.id)
        if traveller is None:
            raise NotFound(f"no traveller {request.id}")
        for name, value in changes.items():
            setattr(traveller, name, value)
        version = await repository.newest_traveller_version(request.id)
        if version is not None:
            version.data = {**copy.deepcopy(version.data), **as_json}
    else:
        person = await repository.pnr_traveller(request.id)
        if person is None:
            raise NotFound(f"no PNR traveller {request.id}")
        for name, value in changes.items():
            setattr(person, name, value)
        newest = await repository.newest_booking_version(person.booking_id)
        if newest is not None:
            data = copy.deepcopy(newest.data)
            travellers = data.get("travellers") or []
            if person.position < len(travellers):
                named = {k: v for k, v in as_json.items() if k != "date_of_birth"}
                travellers[person.position].update(named)
            newest.data = data
    await session.flush()
    return RectificationResult(kind=request.kind, id=request.id, fields=sorted(changes))
