"""Keep the links between a flight's PNR travellers and its API travellers up to date.

Run after every PNR push and every API manifest of a flight that has both: the whole flight is
linked again (a few hundred people at most), and the stored links are brought in line, keeping
the rows of links that still hold.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime
from typing import Any

from paxscreen.ingest.linking import Party, link_travellers
from paxscreen.storage.base import new_id
from paxscreen.storage.repositories.bookings import LinkRepository
from paxscreen.storage.repositories.travellers import TravellerRepository
from paxscreen.storage.session import Session


async def relink_flight(session: Session, flight_id: uuid.UUID, now: datetime) -> Counter[str]:
    """Link the flight's travellers again; answers how many links are linked or ambiguous."""
    repository = LinkRepository(session)
    api_rows = await repository.api_parties(flight_id)
    existing = {
        (row.pnr_traveller_id, row.traveller_id): row
        for row in await repository.of_flight(flight_id)
    }
    if not api_rows and not existing:
        return Counter()  # PNR before any API data: nothing to link yet
    pnr_rows = await repository.pnr_parties(flight_id)
    documents = await TravellerRepository(session).documents_of([row.id for row in api_rows])
    pnr = [
        Party(
            row.id,
            row.surname,
            row.given_names,
            row.date_of_birth,
            row.locator,
            frozenset([row.document_key] if row.document_key else []),
        )
        for row in pnr_rows
    ]
    api = [
        Party(
            row.id,
            row.surname,
            row.given_names,
            row.date_of_birth,
            row.locator,
            frozenset(d.number_key for d in documents.get(row.id, [])),
        )
        for row in api_rows
    ]
    links = link_travellers(pnr, api) if pnr and api else []
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for link in links:
        values = {
            "method": link.method,
            "confidence": link.confidence,
            "status": link.status,
            "evidence": list(link.evidence),
            "updated_at": now,
        }
        row = existing.pop((link.pnr_id, link.api_id), None)
        if row is None:
            inserts.append(
                {
                    "id": new_id(),
                    "flight_id": flight_id,
                    "pnr_traveller_id": link.pnr_id,
                    "traveller_id": link.api_id,
                    "created_at": now,
                    **values,
                }
            )
        elif (row.method, row.confidence, row.status) != (
            link.method,
            link.confidence,
            link.status,
        ):
            updates.append({"id": row.id, **values})
    stale = [row.id for row in existing.values()]
    await repository.replace(flight_id, stale, inserts, updates)
    return Counter(link.status for link in links)
