"""Unit of work: requests own their transaction; background and CLI code use session_scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class Session(AsyncSession):
    """The session type the rest of the code names, so that only storage imports SQLAlchemy."""


SessionFactory = async_sessionmaker[Session]


@asynccontextmanager
async def session_scope(factory: SessionFactory) -> AsyncIterator[Session]:
    """Commit when the block succeeds, roll back when it raises."""
    async with factory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
