from __future__ import annotations

from fastapi import APIRouter

from paxscreen.access.dependencies import AnalystDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.audit.actions import RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import SessionDep
from paxscreen.errors import BadRequest, responses
from paxscreen.screening import service as screening_service
from paxscreen.screening.dependencies import LiveIndexDep
from paxscreen.screening.schemas import ScreenRequest, ScreenResponse

router = APIRouter(tags=["screening"])


@router.post(
    "/v1/screen",
    responses=responses(MissingKey, InvalidKey, RoleNotAllowed, BadRequest),
    summary="Screen one person against the watchlists (the engine ingest uses)",
)
async def screen(
    body: ScreenRequest, session: SessionDep, live: LiveIndexDep, _: AnalystDep, audit: AuditDep
) -> ScreenResponse:
    result = await screening_service.screen_person(session, live, body)
    # The person asked about is personal data too, but is not stored: no record id, no name.
    await audit.consulted(session, RecordType.PERSON, [], {"matches": len(result.matches)})
    return result
