"""One set of migrations builds both engines, goes down and up again, and matches the models."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from paxscreen.storage.base import Base
from paxscreen.storage.engine import create_engine
from paxscreen.storage.migrate import downgrade, upgrade

T = TypeVar("T")


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _run(url: str, work: Callable[[Connection], T]) -> T:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    assert asyncio.run(_run(database_url, _differences)) == []


def test_downgrade_to_base_and_back_up(database_url: str) -> None:
    model_tables = set(Base.metadata.tables)
    try:
        downgrade(database_url, "base")
        assert asyncio.run(_run(database_url, _tables)) <= {"alembic_version"}
    finally:
        upgrade(database_url)
    assert model_tables <= asyncio.run(_run(database_url, _tables))
