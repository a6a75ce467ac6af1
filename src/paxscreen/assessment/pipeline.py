"""Assess travellers: evaluate the active rules on each, store the rule hits that are new, then
combine each traveller's hits into one explained assessment. Runs after watchlist screening, in
the same transaction, wherever screening runs (ingest, list changes) and when rules change."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from paxscreen.assessment.contexts import Assessable, assessables
from paxscreen.assessment.rule_cache import ActiveRule, active_rules
from paxscreen.assessment.score import (
    FORMULA,
    SEVERITY_FACTORS,
    HitInput,
    band_of,
    combine,
    contribution,
)
from paxscreen.rules.engine.evaluate import CompiledRule, evaluate_rules
from paxscreen.screening.pipeline import API, PNR, Subject
from paxscreen.storage.base import new_id, utcnow
from paxscreen.storage.repositories.assessments import AssessmentRepository, WeighedHit
from paxscreen.storage.session import Session

RULE_CHANGE = "rule_change"


@dataclass(frozen=True, slots=True)
class Assessed:
    travellers: int
    new_rule_hits: int
    new_by_flight: dict[uuid.UUID, int] = field(default_factory=dict)


def read_fields(rule: CompiledRule) -> list[str]:
    """The fields a rule reads, most specific only (``traveller.nationality``, not also
    ``traveller``): what an explanation shows."""
    fields = rule.fields
    return [
        f for f in fields if not any(g != f and g.startswith((f + ".", f + "[]")) for g in fields)
    ]


def value_at(activation: dict[str, Any], path: str) -> Any:
    """The value of a context path (``documents[].type`` gives every document's)."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        items = activation.get(head[:-2], [])
        return [value_at(item, rest) for item in items] if rest else items
    value = activation.get(head)
    if rest and isinstance(value, dict):
        return value_at(value, rest)
    return value if not rest else None


def _rule_hit(
    item: Assessable,
    rule: ActiveRule,
    activation: dict[str, Any],
    trigger: str,
    message_id: uuid.UUID | None,
    now: datetime,
) -> dict[str, Any]:
    factor = SEVERITY_FACTORS.get(rule.severity, SEVERITY_FACTORS["medium"])
    evidence = [
        {
            "field": "rule",
            "outcome": "match",
            "weight": round(rule.weight * factor, 4),
            "detail": f"{rule.title} (version {rule.version}): {rule.compiled.expression}",
        }
    ] + [
        {
            "field": path,
            "outcome": "match",
            "weight": 0.0,
            "detail": "read by the rule",
            "query_value": json.dumps(value_at(activation, path), default=str),
        }
        for path in read_fields(rule.compiled)
    ]
    subject = item.subject
    return {
        "id": new_id(),
        "subject": item.key,
        "source": "rule",
        "traveller_id": subject.id if subject.kind == API else None,
        "pnr_traveller_id": subject.id if subject.kind == PNR else None,
        "flight_id": subject.flight_id,
        "rule_id": rule.rule_id,
        "rule_version": rule.version,
        "subject_version": subject.version,
        "message_id": message_id,
        "trigger": trigger,
        "score": rule.weight,
        "matched_name": rule.title[:500],
        "algorithm": "rule/cel",
        "explanation": evidence,
        "fingerprint": "",
        "status": "open",
        "created_at": now,
    }


def _contributions(hits: Sequence[WeighedHit]) -> tuple[float, int, list[dict[str, Any]]]:
    out: list[dict[str, Any]] = []
    values: list[float] = []
    for hit in sorted(hits, key=lambda h: (h.source, str(h.id))):
        strength = hit.score if hit.source == "watchlist" else hit.weight
        part = contribution(HitInput(hit.source, hit.status, strength, hit.severity))
        if part.counted:
            values.append(part.value)
        out.append(
            {
                "hit_id": str(hit.id),
                "source": hit.source,
                "name": hit.name,
                "status": hit.status,
                "severity": hit.severity,
                "value": part.value,
                "counted": part.counted,
                "how": part.how,
                "watchlist_id": str(hit.watchlist_id) if hit.watchlist_id else None,
                "list_version": hit.list_version,
                "rule_id": str(hit.rule_id) if hit.rule_id else None,
                "rule_version": hit.rule_version,
                "message_id": str(hit.message_id) if hit.message_id else None,
            }
        )
    out.sort(key=lambda c: -float(c["value"]))
    return combine(values), len(values), out


async def reassess(session: Session, subjects: Sequence[Subject]) -> None:
    """Recompute the assessments of these travellers from their stored hits."""
    if not subjects:
        return
    repository = AssessmentRepository(session)
    keys = [f"{s.kind}:{s.id}" for s in subjects]
    by_subject: dict[str, list[WeighedHit]] = {key: [] for key in keys}
    for hit in await repository.hits_of(keys):
        by_subject[hit.subject].append(hit)
    now = utcnow()
    rows = []
    for key, subject in zip(keys, subjects, strict=True):
        score, counted, parts = _contributions(by_subject[key])
        rows.append(
            {
                "id": new_id(),
                "subject": key,
                "traveller_id": subject.id if subject.kind == API else None,
                "pnr_traveller_id": subject.id if subject.kind == PNR else None,
                "flight_id": subject.flight_id,
                "score": score,
                "band": band_of(score, counted),
                "contributions": parts,
                "subject_version": subject.version,
                "formula": FORMULA,
                "assessed_at": now,
            }
        )
    await repository.save(rows)


async def assess(
    session: Session,
    subjects: Sequence[Subject],
    *,
    trigger: str,
    message_id: uuid.UUID | None = None,
    with_rules: bool = True,
) -> Assessed:
    """Evaluate the active rules on the travellers (unless ``with_rules`` is False), store new
    rule hits, then reassess them."""
    subjects = list({f"{s.kind}:{s.id}": s for s in subjects}.values())
    if not subjects:
        return Assessed(0, 0)
    rules = await active_rules(session) if with_rules else []
    new: set[uuid.UUID] = set()
    rows: list[dict[str, Any]] = []
    if rules:
        now = utcnow()
        for item in await assessables(session, subjects):
            activation = item.facts.to_activation()
            applicable = [
                (str(i), rule.compiled)
                for i, rule in enumerate(rules)
                if rule.applies_at(item.departure_utc)
            ]
            for fired in evaluate_rules(applicable, activation).fired:
                rows.append(
                    _rule_hit(item, rules[int(fired)], activation, trigger, message_id, now)
                )
        new = await AssessmentRepository(session).insert_rule_hits(rows)
    await reassess(session, subjects)
    by_flight = Counter(row["flight_id"] for row in rows if row["id"] in new)
    return Assessed(len(subjects), len(new), dict(by_flight))
