"""Engine and session factory, created by the application's lifespan or the CLI, never at import."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from paxscreen.storage.session import Session


def json_dumps(value: Any) -> str:
    # orjson: version snapshots are JSON columns written for every traveller, so the stdlib
    # encoder was a visible share of ingest time.
    return orjson.dumps(value).decode()


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    json = {"json_serializer": json_dumps, "json_deserializer": orjson.loads}
    if database_url.startswith("sqlite"):
        engine = create_async_engine(database_url, echo=echo, connect_args={"timeout": 30}, **json)
        _tune_sqlite(engine)
        return engine
    return create_async_engine(
        database_url, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True, **json
    )


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL lets readers work while one writer writes; foreign keys are off by default in SQLite."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=30000",
        ):
            cursor.execute(pragma)
        cursor.close()


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[Session]:
    return async_sessionmaker(engine, class_=Session, expire_on_commit=False, autoflush=False)
