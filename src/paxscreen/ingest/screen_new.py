"""Screen and assess what a message brought in. Screening runs as each manifest or push is
applied; assessment runs once per message, after the flights are linked, so that API
travellers read the facts of the PNR linked to them (and none is assessed twice)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from paxscreen.assessment.pipeline import assess
from paxscreen.ingest.apply import AppliedManifest
from paxscreen.ingest.apply_pnr import AppliedPush
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.pipeline import (
    API,
    INGEST,
    NO_QUERY,
    PNR,
    Subject,
    api_query,
    pnr_query,
    screen,
)
from paxscreen.storage.repositories.assessments import AssessmentRepository
from paxscreen.storage.session import Session


@dataclass
class Screened:
    hits: int = 0  # new watchlist hits
    subjects: list[Subject] = field(default_factory=list)  # to assess once linked


async def _screen(
    session: Session, live: LiveIndex | None, subjects: list[Subject], message_id: uuid.UUID
) -> Screened:
    if live is None or not subjects:
        return Screened(0, subjects)
    hits = await screen(session, live, subjects, trigger=INGEST, message_id=message_id)
    return Screened(hits, subjects)


async def screen_manifest(
    session: Session, live: LiveIndex | None, applied: AppliedManifest, message_id: uuid.UUID
) -> Screened:
    """Screens the manifest's new or changed travellers against the watchlists."""
    subjects = [
        Subject(API, traveller_id, applied.flight.id, version, api_query(traveller))
        for traveller_id, version, traveller in applied.screen
    ]
    return await _screen(session, live, subjects, message_id)


async def screen_push(
    session: Session, live: LiveIndex | None, applied: AppliedPush, message_id: uuid.UUID
) -> Screened:
    """Screens the push's new or changed PNR travellers against the watchlists."""
    subjects = [
        Subject(PNR, person.id, person.flight_id, person.version, pnr_query(person.traveller))
        for person in applied.screen
    ]
    return await _screen(session, live, subjects, message_id)


async def assess_ingested(
    session: Session,
    subjects: list[Subject],
    relinked: Iterable[uuid.UUID],
    message_id: uuid.UUID,
) -> dict[uuid.UUID, int]:
    """Assesses the travellers a message brought in, and the API travellers linked to a PNR on
    the flights it relinked (their booking facts may have changed). Answers new rule hits by
    flight."""
    repository = AssessmentRepository(session)
    for flight_id in relinked:
        linked = await repository.linked_api_travellers(flight_id)
        subjects += [Subject(API, i, flight, version, NO_QUERY) for i, flight, version in linked]
    assessed = await assess(session, subjects, trigger=INGEST, message_id=message_id)
    return assessed.new_by_flight
