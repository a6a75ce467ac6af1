"""Admins manage API keys over the API."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import MakeKey, bearer


async def test_admin_creates_a_carrier_key_that_works_once_shown(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key("admin")

    created = await client.post(
        "/v1/keys",
        json={"role": "carrier", "carriers": ["lh", "AF"], "label": "LH DCS"},
        headers=bearer(admin),
    )

    assert created.status_code == 201
    body = created.json()
    assert body["carriers"] == ["AF", "LH"]
    assert body["key"].startswith(f"pxs_{body['prefix']}_")
    listed = (await client.get("/v1/keys", headers=bearer(admin))).json()["items"]
    entry = next(item for item in listed if item["id"] == body["id"])
    assert "key" not in entry
    assert "secret_hash" not in entry
    assert body["key"] not in str(listed)
    receipts = await client.get("/v1/messages", headers=bearer(body["key"]))
    assert receipts.status_code == 200


async def test_revoked_key_is_refused(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("admin")
    created = (
        await client.post("/v1/keys", json={"role": "analyst"}, headers=bearer(admin))
    ).json()
    assert (await client.get("/v1/flights", headers=bearer(created["key"]))).status_code == 200

    revoked = await client.delete(f"/v1/keys/{created['id']}", headers=bearer(admin))

    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"]
    refused = await client.get("/v1/flights", headers=bearer(created["key"]))
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    active = (await client.get("/v1/keys", headers=bearer(admin))).json()["items"]
    assert created["id"] not in {item["id"] for item in active}
    every = (
        await client.get("/v1/keys", params={"include_revoked": True}, headers=bearer(admin))
    ).json()
    assert created["id"] in {item["id"] for item in every["items"]}


@pytest.mark.parametrize(
    ("request_body", "fragment"),
    [
        ({"role": "carrier"}, "at least one airline"),
        ({"role": "analyst", "carriers": ["LH"]}, "only carrier keys"),
        ({"role": "carrier", "carriers": ["LUFTHANSA"]}, "not an airline designator"),
    ],
)
async def test_inconsistent_key_requests_are_422(
    client: httpx.AsyncClient, make_key: MakeKey, request_body: dict[str, object], fragment: str
) -> None:
    admin = await make_key("admin")

    response = await client.post("/v1/keys", json=request_body, headers=bearer(admin))

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_key_request"
    assert fragment in response.json()["detail"]


async def test_unknown_role_is_422(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("admin")

    response = await client.post("/v1/keys", json={"role": "root"}, headers=bearer(admin))

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


async def test_revoking_an_unknown_key_is_404(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("admin")

    response = await client.delete(
        "/v1/keys/00000000-0000-0000-0000-000000000000", headers=bearer(admin)
    )

    assert response.status_code == 404
