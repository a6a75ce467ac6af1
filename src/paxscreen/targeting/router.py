from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from paxscreen.access.dependencies import AdminDep, AnalystDep, ListReaderDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.assessment.rescreen import reassess_upcoming
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.audit.dependencies import AuditDep
from paxscreen.deps import PageDep, SessionDep, SessionFactoryDep
from paxscreen.errors import NotFound, responses
from paxscreen.rules.engine.context import context_schema
from paxscreen.screening.dependencies import ScreeningSettingsDep
from paxscreen.storage.repositories.assessments import AssessmentFilter
from paxscreen.storage.session import session_scope
from paxscreen.targeting import service
from paxscreen.targeting.errors import RuleRejected
from paxscreen.targeting.schemas import (
    AssessmentPage,
    BandName,
    RuleCreate,
    RulePage,
    RuleRead,
    RuleTestRequest,
    RuleTestResult,
    RuleUpdate,
    RuleVersionRead,
)

router = APIRouter(tags=["targeting"])
AUTH_ERRORS = (MissingKey, InvalidKey, RoleNotAllowed)


@router.get(
    "/v1/rules/context",
    responses=responses(*AUTH_ERRORS),
    summary="The fields a rule may read, with types, descriptions and examples",
)
async def rule_context(_: ListReaderDep) -> dict[str, Any]:
    return context_schema()


@router.post(
    "/v1/rules",
    status_code=status.HTTP_201_CREATED,
    responses=responses(*AUTH_ERRORS, RuleRejected),
    summary="Write a rule (in effect for the next screening; upcoming flights are reassessed)",
)
async def create_rule(
    body: RuleCreate,
    sessions: SessionFactoryDep,
    screening: ScreeningSettingsDep,
    principal: AdminDep,
    audit: AuditDep,
) -> RuleRead:
    async with session_scope(sessions) as session:
        created = await service.create_rule(session, body, principal)
        change = {"change": "create", "version": created.version, "active": created.active}
        await audit.record(session, AuditAction.RULE_CHANGE, RecordType.RULE, [created.id], change)
    await reassess_upcoming(sessions, screening.window)
    return created


@router.get("/v1/rules", responses=responses(*AUTH_ERRORS), summary="Rules, newest first")
async def list_rules(
    session: SessionDep, page: PageDep, _: ListReaderDep, active: bool | None = None
) -> RulePage:
    return await service.list_rules(session, active, page.limit, page.offset)


@router.get("/v1/rules/{rule_id}", responses=responses(*AUTH_ERRORS, NotFound), summary="One rule")
async def get_rule(rule_id: uuid.UUID, session: SessionDep, _: ListReaderDep) -> RuleRead:
    return await service.get_rule(session, rule_id)


@router.patch(
    "/v1/rules/{rule_id}",
    responses=responses(*AUTH_ERRORS, NotFound, RuleRejected),
    summary="Change a rule: a new immutable version (deactivate with active=false)",
)
async def update_rule(
    rule_id: uuid.UUID,
    body: RuleUpdate,
    sessions: SessionFactoryDep,
    screening: ScreeningSettingsDep,
    principal: AdminDep,
    audit: AuditDep,
) -> RuleRead:
    async with session_scope(sessions) as session:
        updated = await service.update_rule(session, rule_id, body, principal)
        change = {
            "change": "update",
            "version": updated.version,
            "active": updated.active,
            "fields": sorted(body.model_dump(exclude_unset=True)),
        }
        await audit.record(session, AuditAction.RULE_CHANGE, RecordType.RULE, [rule_id], change)
    await reassess_upcoming(sessions, screening.window)
    return updated


@router.get(
    "/v1/rules/{rule_id}/versions",
    responses=responses(*AUTH_ERRORS, NotFound),
    summary="Every version of a rule, newest first",
)
async def rule_versions(
    rule_id: uuid.UUID, session: SessionDep, _: ListReaderDep
) -> list[RuleVersionRead]:
    return await service.rule_versions(session, rule_id)


@router.post(
    "/v1/rules/test",
    responses=responses(*AUTH_ERRORS, NotFound, RuleRejected),
    summary="Back-test an expression or a saved rule over stored travellers; stores nothing",
)
async def back_test_rule(
    body: RuleTestRequest, session: SessionDep, _: ListReaderDep, audit: AuditDep
) -> RuleTestResult:
    result = await service.back_test(session, body)
    sample = [s.traveller_id or s.pnr_traveller_id for s in result.sample]
    counts = {"back_test": True, "count": result.count, "evaluated": result.evaluated}
    await audit.consulted(session, RecordType.TRAVELLER, [i for i in sample if i], counts)
    return result


@router.get(
    "/v1/assessments",
    responses=responses(*AUTH_ERRORS),
    summary="Risk assessments, highest score first",
)
async def list_assessments(
    session: SessionDep,
    page: PageDep,
    _: AnalystDep,
    audit: AuditDep,
    flight_id: uuid.UUID | None = None,
    band: Annotated[list[BandName] | None, Query(description="any of these bands")] = None,
    departure_from: Annotated[datetime | None, Query(description="UTC")] = None,
    departure_to: Annotated[datetime | None, Query(description="UTC")] = None,
) -> AssessmentPage:
    wanted = AssessmentFilter(flight_id, band or [], departure_from, departure_to)
    found = await service.assessments(session, wanted, page.limit, page.offset)
    travellers = [a.traveller_id or a.pnr_traveller_id for a in found.items]
    counts = {"assessments": len(found.items)}
    await audit.consulted(session, RecordType.TRAVELLER, [i for i in travellers if i], counts)
    return found
