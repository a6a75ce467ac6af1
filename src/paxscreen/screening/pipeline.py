"""Screen travellers against the active watchlists and store the hits: as part of ingest, and
again for upcoming flights when a list changes. The only async module of screening."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from paxscreen.normalise.canonical import Traveller
from paxscreen.normalise.canonical_pnr import PnrTraveller
from paxscreen.screening.fingerprint import fingerprint
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.matching.index import ALGORITHM, VERSION
from paxscreen.screening.matching.model import PartialDate, QueryDocument, ScreeningQuery
from paxscreen.storage.base import new_id, utcnow
from paxscreen.storage.repositories.bookings import BookingRepository
from paxscreen.storage.repositories.hits import HitRepository
from paxscreen.storage.session import Session

API, PNR = "api", "pnr"
NO_QUERY = ScreeningQuery()  # for a subject assessed again, not screened: assessing reads storage
INGEST, LIST_CHANGE = "ingest", "list_change"


@dataclass(frozen=True, slots=True)
class Subject:
    """A traveller to screen: an API traveller or a PNR traveller, and the version screened."""

    kind: str  # api or pnr
    id: uuid.UUID
    flight_id: uuid.UUID
    version: int  # the traveller's version, or the booking's for a PNR traveller
    query: ScreeningQuery


def _partial(value: date | None) -> PartialDate | None:
    return PartialDate(value.year, value.month, value.day) if value else None


def api_query(traveller: Traveller) -> ScreeningQuery:
    return ScreeningQuery(
        surname=traveller.surname,
        given_names=traveller.given_names,
        date_of_birth=_partial(traveller.date_of_birth),
        gender=traveller.gender,
        nationality=traveller.nationality,
        documents=tuple(
            QueryDocument(d.number, d.type, d.issuing_state) for d in traveller.documents
        ),
    )


def pnr_query(traveller: PnrTraveller) -> ScreeningQuery:
    """A PNR traveller with what its SSR DOCS say (birth date, gender, nationality, document)."""
    docs = [d for d in traveller.documents if d.ssr == "DOCS"]
    return ScreeningQuery(
        surname=traveller.surname,
        given_names=traveller.given_names,
        date_of_birth=_partial(next((d.date_of_birth for d in docs if d.date_of_birth), None)),
        gender=next((d.gender[0] for d in docs if d.gender), None),
        nationality=next((d.nationality for d in docs if d.nationality), None),
        documents=tuple(QueryDocument(d.number, d.type, d.issuing_state) for d in docs if d.number),
    )


async def screen(
    session: Session,
    live: LiveIndex,
    subjects: Iterable[Subject],
    *,
    trigger: str,
    message_id: uuid.UUID | None = None,
    lists: Sequence[uuid.UUID] | None = None,
) -> int:
    """Screen the subjects against the active lists (or only ``lists``) and store new hits;
    answers how many hits were new (see HitRepository.insert_new for what is remembered)."""
    thresholds = live.thresholds(lists)
    if not thresholds or not len(live.matcher):
        return 0
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for subject in subjects:
        matches = live.search(subject.query, lists=thresholds)
        said = fingerprint(subject.query) if matches else ""
        for match in matches:
            info = live.lists[match.list_id]
            rows.append(
                {
                    "id": new_id(),
                    "subject": f"{subject.kind}:{subject.id}",
                    "traveller_id": subject.id if subject.kind == API else None,
                    "pnr_traveller_id": subject.id if subject.kind == PNR else None,
                    "flight_id": subject.flight_id,
                    "watchlist_id": match.list_id,
                    "entry_id": match.entry_id,
                    "list_version": info.version,
                    "entry_version": live.entry_versions.get(match.entry_id, 0),
                    "subject_version": subject.version,
                    "message_id": message_id,
                    "trigger": trigger,
                    "score": round(match.score, 4),
                    "matched_name": match.name,
                    "algorithm": f"{ALGORITHM}/{VERSION}",
                    "explanation": [asdict(evidence) for evidence in match.evidence],
                    "fingerprint": said,
                    "status": "open",
                    "created_at": now,
                }
            )
    new = await HitRepository(session).insert_new(rows)
    if live.metrics:
        for row in rows:
            if row["id"] in new:
                live.metrics.hits_raised.labels(live.lists[row["watchlist_id"]].name, trigger).inc()
    return len(new)


async def departing_subjects(
    session: Session, window: timedelta, now: datetime | None = None
) -> list[Subject]:
    """Every traveller (API and PNR) on flights departing within ``window`` from now."""
    start = now or utcnow()
    end = start + window
    hits = HitRepository(session)
    api_rows = await hits.api_travellers_departing(start, end)
    documents: dict[uuid.UUID, list[QueryDocument]] = {}
    for document in await hits.documents_of([row[0] for row in api_rows]):
        documents.setdefault(document.traveller_id, []).append(
            QueryDocument(document.number, document.type, document.issuing_state)
        )
    subjects = [
        Subject(
            API,
            row[0],
            row[1],
            row[2],
            ScreeningQuery(
                surname=row[3],
                given_names=row[4],
                date_of_birth=_partial(row[5]),
                gender=row[6],
                nationality=row[7],
                documents=tuple(documents.get(row[0], [])),
            ),
        )
        for row in api_rows
    ]
    pnr_rows = await hits.pnr_travellers_departing(start, end)
    bookings = await BookingRepository(session).latest_data(list({row[4] for row in pnr_rows}))
    for person_id, position, flight_id, version, booking_id in pnr_rows:
        travellers = bookings.get(booking_id, {}).get("travellers", [])
        if position < len(travellers):
            person = PnrTraveller.model_validate(travellers[position])
            subjects.append(Subject(PNR, person_id, flight_id, version, pnr_query(person)))
    return subjects
