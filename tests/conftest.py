"""Test set-up: a real database built by the migrations (SQLite by default, PostgreSQL when
PAXSCREEN_TEST_DATABASE_URL points at a server), the app served over ASGI, keys per role."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from paxscreen.access import service as access_service
from paxscreen.access.roles import Role
from paxscreen.config import Settings
from paxscreen.main import create_app
from paxscreen.storage.base import Base
from paxscreen.storage.engine import create_engine, create_sessionmaker
from paxscreen.storage.migrate import upgrade
from paxscreen.storage.scratch import scratch_database
from paxscreen.storage.session import SessionFactory, session_scope

POSTGRES_URL = os.environ.get("PAXSCREEN_TEST_DATABASE_URL", "")

MakeKey = Callable[..., Awaitable[str]]


def pytest_report_header() -> str:
    return f"paxscreen test database: {'PostgreSQL ' + POSTGRES_URL if POSTGRES_URL else 'SQLite'}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail loudly, before any test, when the PostgreSQL asked for cannot be reached."""
    if not POSTGRES_URL:
        return
    try:
        asyncio.run(_server_version(POSTGRES_URL))
    except Exception as exc:  # the message is the point: say what and where
        pytest.exit(
            f"PAXSCREEN_TEST_DATABASE_URL={POSTGRES_URL} is unreachable: "
            f"{type(exc).__name__}: {exc}",
            returncode=3,
        )


async def _server_version(url: str) -> str:
    engine = create_engine(Settings(database_url=url).database_url)
    try:
        async with engine.connect() as connection:
            return str(await connection.scalar(text("SELECT version()")))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new, migrated database for this test run, dropped at the end (PostgreSQL)."""
    if not POSTGRES_URL:
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'paxscreen.db'}"
        upgrade(url)
        yield url
        return
    with scratch_database(POSTGRES_URL, "paxscreen_test") as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        auth={"key_cache_seconds": 0},
        ingest={"max_body_bytes": 2 * 1024 * 1024, "multipart_timeout_seconds": 3600},
    )


@pytest.fixture(scope="session")
async def sessions(settings: Settings) -> AsyncIterator[SessionFactory]:
    engine = create_engine(settings.database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _empty_tables(sessions: SessionFactory) -> None:
    async with session_scope(sessions) as session:
        for table in reversed(Base.metadata.sorted_tables):
            await session.execute(table.delete())


@pytest.fixture
async def db(sessions: SessionFactory) -> AsyncIterator[SessionFactory]:
    """The database, emptied after the test (ingest commits, so rollback isolation cannot work)."""
    yield sessions
    await _empty_tables(sessions)


@pytest.fixture(scope="session")
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://paxscreen.test"
        ) as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@pytest.fixture
async def client(app_client: httpx.AsyncClient, db: SessionFactory) -> httpx.AsyncClient:
    # The tables were emptied after the last test; the app's matcher must forget them too.
    app = app_client.app  # type: ignore[attr-defined]
    await app.state.live.load(app.state.sessions)
    return app_client


@pytest.fixture
def make_key(db: SessionFactory) -> MakeKey:
    """Create an API key in the test database; answers the plaintext key."""

    async def make(role: str, *carriers: str, label: str = "test") -> str:
        async with session_scope(db) as session:
            created = await access_service.create_key(session, Role(role), list(carriers), label)
            return created.plaintext

    return make


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


EDIFACT = {"Content-Type": "application/edifact"}


async def push(
    client: httpx.AsyncClient, key: str, body: bytes, content_type: str = "application/edifact"
) -> httpx.Response:
    """POST a body to /v1/messages as the holder of ``key``."""
    headers = {**bearer(key), "Content-Type": content_type}
    return await client.post("/v1/messages", content=body, headers=headers)


def corpus_path(name: str) -> Path:
    from tests.corpus import GTAS_DIR

    return GTAS_DIR / name
