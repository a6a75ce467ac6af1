"""The active rules, compiled. Read from the database at every assessment (one small query), so
an edit takes effect for the next screening in every worker without a sync step; compiling is
cached per rule version, which never changes once written."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from paxscreen.rules.engine.compiler import compile_rule
from paxscreen.rules.engine.errors import RuleCompileError
from paxscreen.rules.engine.evaluate import CompiledRule
from paxscreen.storage.models import RuleVersion
from paxscreen.storage.repositories.rules import RuleRepository
from paxscreen.storage.session import Session


@dataclass(frozen=True, slots=True)
class ActiveRule:
    rule_id: uuid.UUID
    version: int
    title: str
    severity: str
    weight: float
    effective_from: datetime | None
    effective_to: datetime | None
    compiled: CompiledRule

    def applies_at(self, departure: datetime | None) -> bool:
        """A rule is in effect for a flight departing in its effective period (a flight with
        no known departure time is judged by the rules in effect without limits)."""
        if departure is None:
            return self.effective_from is None and self.effective_to is None
        if self.effective_from and departure < self.effective_from:
            return False
        return not (self.effective_to and departure > self.effective_to)


@lru_cache(maxsize=4096)
def _compiled(version_id: uuid.UUID, expression: str) -> CompiledRule | None:
    try:
        return compile_rule(expression)
    except RuleCompileError:  # stored rules were compiled when written; a newer checker may differ
        return None


def _active(version: RuleVersion) -> ActiveRule | None:
    compiled = _compiled(version.id, version.expression)
    if compiled is None:
        return None
    return ActiveRule(
        version.rule_id,
        version.version,
        version.title,
        version.severity,
        version.weight,
        version.effective_from,
        version.effective_to,
        compiled,
    )


async def active_rules(session: Session) -> list[ActiveRule]:
    versions = await RuleRepository(session).current_active_versions()
    return [rule for rule in map(_active, versions) if rule is not None]
