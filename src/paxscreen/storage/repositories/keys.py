from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from paxscreen.storage.models import ApiKey
from paxscreen.storage.session import Session


class KeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        await self.session.flush()
        return key

    async def by_prefix(self, prefix: str) -> ApiKey | None:
        result = await self.session.execute(select(ApiKey).where(ApiKey.prefix == prefix))
        return result.scalar_one_or_none()

    async def get(self, key_id: uuid.UUID) -> ApiKey | None:
        return await self.session.get(ApiKey, key_id)

    async def list(self, *, include_revoked: bool) -> Sequence[ApiKey]:
        query = select(ApiKey).order_by(ApiKey.created_at)
        if not include_revoked:
            query = query.where(ApiKey.revoked_at.is_(None))
        return (await self.session.execute(query)).scalars().all()

    async def revoke(self, key: ApiKey, at: datetime) -> ApiKey:
        key.revoked_at = at
        await self.session.flush()
        return key
