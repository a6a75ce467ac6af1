from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select

from paxscreen.storage.models import Rule, RuleVersion
from paxscreen.storage.session import Session


class RuleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, item: Rule | RuleVersion) -> None:
        self.session.add(item)

    async def get(self, rule_id: uuid.UUID, *, for_update: bool = False) -> Rule | None:
        query = select(Rule).where(Rule.id == rule_id)
        if for_update and self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()  # two edits at once get consecutive versions
        return (await self.session.execute(query)).scalars().first()

    async def version(self, rule_id: uuid.UUID, version: int) -> RuleVersion | None:
        query = select(RuleVersion).where(
            RuleVersion.rule_id == rule_id, RuleVersion.version == version
        )
        return (await self.session.execute(query)).scalars().first()

    async def versions(self, rule_id: uuid.UUID) -> Sequence[RuleVersion]:
        query = (
            select(RuleVersion)
            .where(RuleVersion.rule_id == rule_id)
            .order_by(RuleVersion.version.desc())
        )
        return (await self.session.execute(query)).scalars().all()

    async def current(
        self, active: bool | None, limit: int, offset: int
    ) -> tuple[Sequence[RuleVersion], int]:
        """The newest version of each rule, newest rules first."""
        joined = select(RuleVersion).join(
            Rule, (Rule.id == RuleVersion.rule_id) & (Rule.version == RuleVersion.version)
        )
        if active is not None:
            joined = joined.where(Rule.active.is_(active))
        query = joined.order_by(Rule.created_at.desc(), Rule.id).limit(limit).offset(offset)
        items = (await self.session.execute(query)).scalars().all()
        count = select(func.count()).select_from(Rule)
        if active is not None:
            count = count.where(Rule.active.is_(active))
        return items, (await self.session.execute(count)).scalar_one()

    async def current_active_versions(self) -> Sequence[RuleVersion]:
        query = (
            select(RuleVersion)
            .join(Rule, (Rule.id == RuleVersion.rule_id) & (Rule.version == RuleVersion.version))
            .where(Rule.active.is_(True))
            .order_by(Rule.created_at, Rule.id)
        )
        return (await self.session.execute(query)).scalars().all()
