"""The application factory: everything is created here or in the lifespan, nothing at import."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from paxscreen import __version__
from paxscreen.access.service import KeyVerifier
from paxscreen.audit.router import router as audit_router
from paxscreen.bookings.router import router as bookings_router
from paxscreen.config import Settings, get_settings
from paxscreen.errors import document_validation_errors, install_error_handlers
from paxscreen.flights.router import router as flights_router
from paxscreen.health.router import router as health_router
from paxscreen.ingest import service as ingest_service
from paxscreen.ingest.router import router as ingest_router
from paxscreen.keys.router import router as keys_router
from paxscreen.logging import configure_logging
from paxscreen.metrics import Metrics, create_metrics
from paxscreen.middleware import BodySizeLimit, RequestContext
from paxscreen.retention.router import router as retention_router
from paxscreen.review.router import router as review_router
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.router import router as screening_router
from paxscreen.storage.engine import create_engine, create_sessionmaker
from paxscreen.targeting.router import router as targeting_router
from paxscreen.watchlists.router import router as watchlists_router

STARTUP_LOAD_SECONDS = 120.0  # a million-entry list takes about a minute to index

DESCRIPTION = """
Screens Advance Passenger Information (UN/EDIFACT PAXLST) for border security.

Every endpoint except `/healthz` and `/readyz` needs an API key, sent as
`Authorization: Bearer <key>` or `X-API-Key: <key>`. Errors have one shape:
`{"error": "<code>", "detail": "<what and where>", ...}`.
"""


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    metrics = create_metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url, echo=settings.database_echo)
        app.state.engine = engine
        app.state.sessions = create_sessionmaker(engine)
        app.state.key_verifier = KeyVerifier(app.state.sessions, settings.auth.key_cache_seconds)
        live = LiveIndex(metrics=metrics)
        app.state.live = live
        app.state.ingest = ingest_service.ingest_context(
            settings, app.state.sessions, metrics, live
        )
        # Screening needs the lists before the first message: load them now, or (database down)
        # keep trying in the background while /readyz says 503 and ingest refuses with 503.
        tasks = [
            asyncio.create_task(ingest_service.sweep_forever(app.state.ingest, settings)),
            asyncio.create_task(
                live.load_then_follow(app.state.sessions, settings.screening.index_refresh_seconds)
            ),
        ]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(live.first_attempt.wait(), timeout=STARTUP_LOAD_SECONDS)
        # What exists now lives as long as the process; keeping it out of the collector's
        # generations makes every later collection cheaper.
        gc.freeze()
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await engine.dispose()

    app = FastAPI(
        title="paxscreen",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.metrics = metrics
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.ingest.max_body_bytes)
    app.add_middleware(RequestContext, metrics=metrics)
    for router in (
        ingest_router,
        flights_router,
        bookings_router,
        watchlists_router,
        screening_router,
        review_router,
        targeting_router,
        retention_router,
        keys_router,
        audit_router,
        health_router,
    ):
        app.include_router(router)
    _document_errors(app)
    return app


def _document_errors(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_validation_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_metrics(app: FastAPI) -> Metrics:
    metrics: Metrics = app.state.metrics
    return metrics
