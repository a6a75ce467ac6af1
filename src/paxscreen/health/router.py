"""/healthz and /readyz carry no data and are open, so that orchestrators can probe them without a
key; /metrics needs an admin or auditor key like every other endpoint with content."""

from __future__ import annotations

from fastapi import APIRouter, Response

from paxscreen.access.dependencies import MonitorDep
from paxscreen.access.errors import InvalidKey, MissingKey, RoleNotAllowed
from paxscreen.deps import MetricsDep, SessionFactoryDep
from paxscreen.errors import ServiceUnavailable, responses
from paxscreen.health import service as health_service
from paxscreen.health.schemas import Health
from paxscreen.screening.dependencies import LiveIndexDep

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    responses=responses(ServiceUnavailable),
    summary="The database is reachable and the watchlist index loaded",
)
async def readyz(sessions: SessionFactoryDep, live: LiveIndexDep) -> Health:
    await health_service.check_database(sessions)
    health_service.check_screening(live)
    return Health(status="ready")


@router.get(
    "/metrics",
    responses={
        **responses(MissingKey, InvalidKey, RoleNotAllowed),
        200: {"content": {"text/plain": {}}, "description": "Prometheus exposition format"},
    },
    response_class=Response,
    summary="Prometheus metrics",
)
async def metrics(metrics: MetricsDep, _: MonitorDep) -> Response:
    return Response(metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
