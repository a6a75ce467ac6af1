"""Rules: every edit a new immutable version, compiled and checked before it is stored; the
back-test; and the assessments the rules feed."""

from __future__ import annotations

import uuid
from typing import Any

from paxscreen.access.roles import Principal
from paxscreen.assessment.contexts import assessables
from paxscreen.assessment.pipeline import read_fields, value_at
from paxscreen.errors import NotFound
from paxscreen.rules.engine.compiler import compile_rule
from paxscreen.rules.engine.errors import RuleCompileError
from paxscreen.rules.engine.evaluate import CompiledRule
from paxscreen.screening.pipeline import departing_subjects
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import Rule, RuleVersion
from paxscreen.storage.repositories.assessments import AssessmentFilter, AssessmentRepository
from paxscreen.storage.repositories.rules import RuleRepository
from paxscreen.storage.session import Session
from paxscreen.targeting.errors import RuleRejected
from paxscreen.targeting.schemas import (
    AssessmentPage,
    AssessmentRead,
    RuleCreate,
    RulePage,
    RuleRead,
    RuleTestRequest,
    RuleTestResult,
    RuleTestSample,
    RuleUpdate,
    RuleVersionRead,
)

VERSIONED = (
    "title",
    "description",
    "expression",
    "severity",
    "weight",
    "category",
    "effective_from",
    "effective_to",
    "active",
)


def checked(expression: str) -> CompiledRule:
    try:
        return compile_rule(expression)
    except RuleCompileError as error:
        raise RuleRejected.of(error) from None


def rule_read(version: RuleVersion) -> RuleRead:
    return RuleRead.model_validate(
        {
            **RuleVersionRead.model_validate(version).model_dump(),
            "id": version.rule_id,
            "fields": read_fields(checked(version.expression)),
        }
    )


async def create_rule(session: Session, body: RuleCreate, principal: Principal) -> RuleRead:
    checked(body.expression)
    now, actor = utcnow(), principal.shown_as
    rule = Rule(
        title=body.title,
        version=1,
        active=body.active,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    repository = RuleRepository(session)
    repository.add(rule)
    await session.flush()
    version = RuleVersion(
        rule_id=rule.id, version=1, author=actor, recorded_at=now, **body.model_dump()
    )
    repository.add(version)
    await session.flush()
    return rule_read(version)


async def update_rule(
    session: Session, rule_id: uuid.UUID, body: RuleUpdate, principal: Principal
) -> RuleRead:
    repository = RuleRepository(session)
    rule = await repository.get(rule_id, for_update=True)
    if rule is None:
        raise NotFound(f"no rule {rule_id}")
    current = await repository.version(rule_id, rule.version)
    assert current is not None  # a rule is written with its first version
    fields: dict[str, Any] = {name: getattr(current, name) for name in VERSIONED}
    fields.update(body.model_dump(exclude_unset=True))
    checked(fields["expression"])
    start, end = fields["effective_from"], fields["effective_to"]
    if start and end and end < start:
        raise RuleRejected("effective_to is before effective_from", line=0, column=0, kind="period")
    now, actor = utcnow(), principal.shown_as
    rule.version += 1
    rule.title, rule.active, rule.updated_at = fields["title"], fields["active"], now
    version = RuleVersion(
        rule_id=rule.id, version=rule.version, author=actor, recorded_at=now, **fields
    )
    repository.add(version)
    await session.flush()
    return rule_read(version)


async def get_rule(session: Session, rule_id: uuid.UUID) -> RuleRead:
    repository = RuleRepository(session)
    rule = await repository.get(rule_id)
    version = await repository.version(rule_id, rule.version) if rule else None
    if version is None:
        raise NotFound(f"no rule {rule_id}")
    return rule_read(version)


async def rule_versions(session: Session, rule_id: uuid.UUID) -> list[RuleVersionRead]:
    versions = await RuleRepository(session).versions(rule_id)
    if not versions:
        raise NotFound(f"no rule {rule_id}")
    return [RuleVersionRead.model_validate(v) for v in versions]


async def list_rules(session: Session, active: bool | None, limit: int, offset: int) -> RulePage:
    items, total = await RuleRepository(session).current(active, limit, offset)
    return RulePage(items=[rule_read(v) for v in items], total=total, limit=limit, offset=offset)


async def back_test(session: Session, body: RuleTestRequest) -> RuleTestResult:
    """Runs an expression (or a saved rule's current version) over the stored travellers of
    flights departing in the range. Stores nothing."""
    expression = body.expression
    if expression is None:
        assert body.rule_id is not None  # the schema asks for one of the two
        expression = (await get_rule(session, body.rule_id)).expression
    rule = checked(expression)
    window = body.departure_to - body.departure_from
    subjects = await departing_subjects(session, window, now=body.departure_from)
    count = undecided = 0
    sample: list[RuleTestSample] = []
    for item in await assessables(session, subjects):
        activation = item.facts.to_activation()
        outcome = rule.outcome(activation)
        undecided += outcome.reason is not None
        if not outcome.hit:
            continue
        count += 1
        if len(sample) < body.sample_size:
            subject = item.subject
            sample.append(
                RuleTestSample(
                    subject=item.key,
                    traveller_id=subject.id if subject.kind == "api" else None,
                    pnr_traveller_id=subject.id if subject.kind == "pnr" else None,
                    flight_id=subject.flight_id,
                    departure_utc=item.departure_utc,
                    values={path: value_at(activation, path) for path in read_fields(rule)},
                )
            )
    return RuleTestResult(count=count, evaluated=len(subjects), undecided=undecided, sample=sample)


async def assessments(
    session: Session, wanted: AssessmentFilter, limit: int, offset: int
) -> AssessmentPage:
    rows, total = await AssessmentRepository(session).list(wanted, limit, offset)
    items = [
        AssessmentRead.model_validate(
            {
                "subject": a.subject,
                "traveller_id": a.traveller_id,
                "pnr_traveller_id": a.pnr_traveller_id,
                "flight_id": a.flight_id,
                "departure_utc": flight.departure_utc,
                "score": a.score,
                "band": a.band,
                "formula": a.formula,
                "subject_version": a.subject_version,
                "contributions": a.contributions,
                "assessed_at": a.assessed_at,
            }
        )
        for a, flight in rows
    ]
    return AssessmentPage(items=items, total=total, limit=limit, offset=offset)
