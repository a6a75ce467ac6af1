from __future__ import annotations

from sqlalchemy import text

from paxscreen.storage.session import SessionFactory


async def ping(sessions: SessionFactory) -> None:
    async with sessions() as session:
        await session.execute(text("SELECT 1"))
