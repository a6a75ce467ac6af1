from __future__ import annotations

import asyncio

from paxscreen.errors import ServiceUnavailable
from paxscreen.screening.live_index import LiveIndex
from paxscreen.storage.health import ping
from paxscreen.storage.session import SessionFactory

PING_SECONDS = 5.0


async def check_database(sessions: SessionFactory) -> None:
    try:
        await asyncio.wait_for(ping(sessions), PING_SECONDS)
    except Exception as exc:
        raise ServiceUnavailable(f"database unreachable: {type(exc).__name__}: {exc}") from exc


def check_screening(live: LiveIndex) -> None:
    if not live.ready:
        raise ServiceUnavailable("the watchlist index is not loaded yet")
