"""Scratch PostgreSQL databases for tests and benchmarks: created empty, dropped afterwards."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from paxscreen.config import Settings
from paxscreen.storage.engine import create_engine


async def _autocommit(server_url: str, statement: str) -> None:
    engine = create_engine(server_url)
    try:
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new database on the server of ``server_url`` (any database there serves to connect),
    named ``<prefix>_<pid>_<random>``; yields its URL and drops it on the way out. Call it outside
    a running event loop."""
    server = Settings(database_url=server_url).database_url
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    asyncio.run(_autocommit(server, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_autocommit(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
