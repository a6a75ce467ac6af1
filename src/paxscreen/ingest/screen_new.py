"""Screen and assess what a message brought in: the travellers it added or changed, API and PNR
alike, and, once the flight is linked, the API travellers linked to a PNR."""

from __future__ import annotations

import uuid

from paxscreen.assessment.pipeline import assess
from paxscreen.ingest.apply import AppliedManifest
from paxscreen.ingest.apply_pnr import AppliedPush
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.matching.model import ScreeningQuery
from paxscreen.screening.pipeline import API, INGEST, PNR, Subject, api_query, pnr_query, screen
from paxscreen.storage.repositories.assessments import AssessmentRepository
from paxscreen.storage.session import Session

NO_QUERY = ScreeningQuery()  # assessing reads stored data, not the query


async def screen_manifest(
    session: Session, live: LiveIndex | None, applied: AppliedManifest, message_id: uuid.UUID
) -> int:
    """Screens and assesses the manifest's new or changed travellers; answers the new hits."""
    if not applied.screen:
        return 0
    subjects = [
        Subject(API, traveller_id, applied.flight.id, version, api_query(traveller))
        for traveller_id, version, traveller in applied.screen
    ]
    hits = 0
    if live is not None:
        hits = await screen(session, live, subjects, trigger=INGEST, message_id=message_id)
    assessed = await assess(session, subjects, trigger=INGEST, message_id=message_id)
    return hits + assessed.new_rule_hits


async def screen_push(
    session: Session, live: LiveIndex | None, applied: AppliedPush, message_id: uuid.UUID
) -> int:
    """Screens and assesses the push's new or changed PNR travellers; answers the new hits."""
    if not applied.screen:
        return 0
    subjects = [
        Subject(PNR, person.id, person.flight_id, person.version, pnr_query(person.traveller))
        for person in applied.screen
    ]
    hits = 0
    if live is not None:
        hits = await screen(session, live, subjects, trigger=INGEST, message_id=message_id)
    assessed = await assess(session, subjects, trigger=INGEST, message_id=message_id)
    return hits + assessed.new_rule_hits


async def assess_linked(session: Session, flight_id: uuid.UUID, message_id: uuid.UUID) -> int:
    """After linking a flight's PNR and API travellers: the linked API travellers' booking facts
    may have changed, so assess them again; answers the new rule hits."""
    linked = await AssessmentRepository(session).linked_api_travellers(flight_id)
    subjects = [Subject(API, i, flight, version, NO_QUERY) for i, flight, version in linked]
    assessed = await assess(session, subjects, trigger=INGEST, message_id=message_id)
    return assessed.new_rule_hits
