"""Health, readiness, metrics, request ids, and the error shape of the framework's own errors."""

from __future__ import annotations

import httpx
import pytest

from paxscreen.config import Settings
from paxscreen.main import create_app
from tests.conftest import EDIFACT, MakeKey, bearer
from tests.factories import paxlst


async def test_healthz_and_readyz_answer_without_a_key(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_readyz_is_503_when_the_database_is_unreachable() -> None:
    unreachable = Settings(database_url="postgresql://nobody@127.0.0.1:1/none")
    app = create_app(unreachable)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["error"] == "service_unavailable"
    assert "database unreachable" in response.json()["detail"]


def metric(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith(f"{name}{{") or line.startswith(f"{name} "):
            series, value = line.rsplit(" ", 1)
            found = series[len(name) :].strip("{}")
            if ",".join(sorted(found.split(","))) == wanted or (not labels and not found):
                return float(value)
    return 0.0


async def test_metrics_count_messages_failures_latency_and_travellers(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    carrier = await make_key("carrier", "LH")
    admin = await make_key("admin")
    before = (await client.get("/metrics", headers=bearer(admin))).text

    await client.post("/v1/messages", content=paxlst(), headers={**bearer(carrier), **EDIFACT})
    await client.post("/v1/messages", content=b"junk", headers={**bearer(carrier), **EDIFACT})
    after = (await client.get("/metrics", headers=bearer(admin))).text

    def grew(name: str, **labels: str) -> float:
        return metric(after, name, **labels) - metric(before, name, **labels)

    assert grew("paxscreen_messages_received_total", message_type="PAXLST", outcome="accepted") == 1
    assert (
        grew("paxscreen_messages_received_total", message_type="unknown", outcome="rejected") == 1
    )
    assert (
        grew("paxscreen_parse_failures_total", message_type="unknown", reason="edifact_syntax") == 1
    )
    assert grew("paxscreen_ingest_duration_seconds_count", message_type="PAXLST") == 1
    assert grew("paxscreen_travellers_stored_total", role="passenger", change="added") == 1
    assert (
        grew("paxscreen_http_requests_total", method="POST", route="/v1/messages", status="201")
        == 1
    )


async def test_http_metrics_use_route_templates_not_raw_paths(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    analyst = await make_key("analyst")
    admin = await make_key("admin")
    await client.get("/v1/flights/00000000-0000-0000-0000-000000000001", headers=bearer(analyst))

    text = (await client.get("/metrics", headers=bearer(admin))).text

    assert 'route="/v1/flights/{flight_id}"' in text
    assert "00000000-0000-0000-0000-000000000001" not in text


async def test_request_id_is_returned_and_kept_when_sent(client: httpx.AsyncClient) -> None:
    generated = await client.get("/healthz")
    kept = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})

    assert len(generated.headers["x-request-id"]) == 32
    assert kept.headers["x-request-id"] == "abc-123"


@pytest.mark.parametrize(
    ("method", "path", "status", "error"),
    [("GET", "/nowhere", 404, "not_found"), ("PUT", "/healthz", 405, "method_not_allowed")],
)
async def test_framework_errors_use_the_error_shape(
    client: httpx.AsyncClient, method: str, path: str, status: int, error: str
) -> None:
    response = await client.request(method, path)

    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["detail"]


async def test_until_the_watchlist_index_is_loaded_ingest_waits_and_readyz_says_why(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    carrier = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    live = client.app.state.live  # type: ignore[attr-defined]
    live.loaded.clear()
    try:
        ready = await client.get("/readyz")
        pushed = await client.post(
            "/v1/messages", content=paxlst(), headers={**bearer(carrier), **EDIFACT}
        )
    finally:
        live.loaded.set()

    assert ready.status_code == 503
    assert "watchlist index" in ready.json()["detail"]
    assert pushed.status_code == 503
    assert pushed.json()["error"] == "service_unavailable"
    stored = (await client.get("/v1/messages", headers=bearer(analyst))).json()
    assert stored["total"] == 0  # refused before anything was stored: nothing was accepted
