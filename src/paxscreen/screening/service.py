"""Ad-hoc screening (POST /v1/screen): the same engine and the same lists as ingest screening."""

from __future__ import annotations

from paxscreen.errors import BadRequest
from paxscreen.normalise.countries import resolve_country
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.matching.model import PartialDate, QueryDocument, ScreeningQuery
from paxscreen.screening.schemas import EvidenceRead, MatchRead, ScreenRequest, ScreenResponse
from paxscreen.storage.repositories.watchlists import WatchlistRepository
from paxscreen.storage.session import Session


def query_of(request: ScreenRequest) -> ScreeningQuery:
    birth = None
    if request.date_of_birth:
        parts = [int(p) for p in request.date_of_birth.split("-")]
        birth = PartialDate(*parts)  # validated shape: year[, month[, day]]
    return ScreeningQuery(
        full_name=request.name,
        surname=request.surname,
        given_names=request.given_names,
        date_of_birth=birth,
        gender=request.gender,
        nationality=resolve_country(request.nationality).value if request.nationality else None,
        documents=tuple(
            QueryDocument(
                d.number,
                d.type,
                resolve_country(d.issuing_state).value if d.issuing_state else None,
            )
            for d in request.documents
        ),
    )


async def screen_person(
    session: Session, live: LiveIndex, request: ScreenRequest
) -> ScreenResponse:
    thresholds = live.thresholds(request.lists)
    if request.lists and set(request.lists) - set(thresholds):
        unknown = ", ".join(str(i) for i in set(request.lists) - set(thresholds))
        raise BadRequest(f"not an active watchlist: {unknown}")
    if request.threshold is not None:
        thresholds = dict.fromkeys(thresholds, request.threshold)
    results = live.search(query_of(request), lists=thresholds, limit=request.limit)
    references = {
        entry.id: entry.reference
        for entry in await WatchlistRepository(session).entries_by_id([r.entry_id for r in results])
    }
    return ScreenResponse(
        matches=[
            MatchRead(
                watchlist_id=r.list_id,
                watchlist=live.lists[r.list_id].name,
                entry_id=r.entry_id,
                reference=references.get(r.entry_id, ""),
                name=r.name,
                score=round(r.score, 4),
                threshold=thresholds[r.list_id],
                explanation=[
                    EvidenceRead.model_validate(e, from_attributes=True) for e in r.evidence
                ],
            )
            for r in results
        ]
    )
