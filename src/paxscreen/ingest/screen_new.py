"""Screen what a message brought in: the travellers it added or changed, API and PNR alike."""

from __future__ import annotations

import uuid

from paxscreen.ingest.apply import AppliedManifest
from paxscreen.ingest.apply_pnr import AppliedPush
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.pipeline import API, INGEST, PNR, Subject, api_query, pnr_query, screen
from paxscreen.storage.session import Session


async def screen_manifest(
    session: Session, live: LiveIndex | None, applied: AppliedManifest, message_id: uuid.UUID
) -> int:
    if live is None or not applied.screen:
        return 0
    subjects = [
        Subject(API, traveller_id, applied.flight.id, version, api_query(traveller))
        for traveller_id, version, traveller in applied.screen
    ]
    return await screen(session, live, subjects, trigger=INGEST, message_id=message_id)


async def screen_push(
    session: Session, live: LiveIndex | None, applied: AppliedPush, message_id: uuid.UUID
) -> int:
    if live is None or not applied.screen:
        return 0
    subjects = [
        Subject(PNR, person.id, person.flight_id, person.version, pnr_query(person.traveller))
        for person in applied.screen
    ]
    return await screen(session, live, subjects, trigger=INGEST, message_id=message_id)
