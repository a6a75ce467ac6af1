"""Keys and roles on every endpoint: 401 without a valid key, 403 for the wrong role or airline."""

from __future__ import annotations

import uuid

import httpx
import pytest

from paxscreen.storage.models import InboundMessage
from paxscreen.storage.session import SessionFactory
from tests.conftest import EDIFACT, MakeKey, bearer
from tests.factories import Flight, Pax, paxlst

ZERO_ID = "00000000-0000-0000-0000-000000000000"
PROTECTED = [
    ("POST", "/v1/messages"),
    ("GET", "/v1/messages"),
    ("GET", f"/v1/messages/{ZERO_ID}"),
    ("GET", "/v1/flights"),
    ("GET", f"/v1/flights/{ZERO_ID}"),
    ("GET", f"/v1/flights/{ZERO_ID}/travellers"),
    ("GET", f"/v1/travellers/{ZERO_ID}"),
    ("GET", "/v1/keys"),
    ("POST", "/v1/keys"),
    ("GET", "/metrics"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
async def test_no_key_is_401_saying_how_to_send_one(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, path)

    assert response.status_code == 401
    assert response.json()["error"] == "missing_api_key"
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "key", ["nonsense", "pxs_00000000_" + "a" * 32, "Bearer", "pxs_" + "0" * 40]
)
async def test_unknown_key_is_401(client: httpx.AsyncClient, key: str) -> None:
    response = await client.get("/v1/flights", headers=bearer(key))

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_api_key"


async def test_x_api_key_header_works_like_bearer(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("analyst")

    response = await client.get("/v1/flights", headers={"X-API-Key": key})

    assert response.status_code == 200


async def test_tampered_secret_with_real_prefix_is_401(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("analyst")
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")

    response = await client.get("/v1/flights", headers=bearer(tampered))

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        ("analyst", "POST", "/v1/messages"),
        ("admin", "POST", "/v1/messages"),
        ("auditor", "POST", "/v1/messages"),
        ("carrier", "GET", "/v1/flights"),
        ("admin", "GET", "/v1/flights"),
        ("auditor", "GET", "/v1/flights"),
        ("carrier", "GET", "/v1/keys"),
        ("analyst", "GET", "/v1/keys"),
        ("analyst", "GET", "/metrics"),
        ("carrier", "GET", "/metrics"),
    ],
)
async def test_wrong_role_is_403_naming_the_role_needed(
    client: httpx.AsyncClient, make_key: MakeKey, role: str, method: str, path: str
) -> None:
    key = await make_key(role, *(["LH"] if role == "carrier" else []))

    response = await client.request(method, path, headers={**bearer(key), **EDIFACT}, content=b"x")

    assert response.status_code == 403
    body = response.json()
    assert body["error"] == "role_not_allowed"
    assert body["role"] == role
    assert role in body["detail"]


async def test_carrier_cannot_push_another_airlines_flight(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")

    response = await client.post(
        "/v1/messages",
        content=paxlst(flight=Flight(carrier="AF")),
        headers={**bearer(key), **EDIFACT},
    )

    assert response.status_code == 403
    body = response.json()
    assert body["error"] == "carrier_not_allowed"
    assert body["carriers"] == ["AF"]
    assert "LH" in body["detail"]
    assert "AF" in body["detail"]
    async with db() as session:
        message = await session.get(InboundMessage, uuid.UUID(body["message_id"]))
    assert message is not None
    assert message.status == "rejected"


async def test_integrator_key_pushes_for_every_airline(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "*")

    for carrier in ("AF", "KL"):
        response = await client.post(
            "/v1/messages",
            content=paxlst(flight=Flight(carrier=carrier), interchange_ref=carrier),
            headers={**bearer(key), **EDIFACT},
        )
        assert response.status_code == 201


async def test_carrier_reads_only_its_own_receipts(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    lufthansa = await make_key("carrier", "LH")
    air_france = await make_key("carrier", "AF")
    pushed = await client.post(
        "/v1/messages", content=paxlst([Pax()]), headers={**bearer(lufthansa), **EDIFACT}
    )
    message_id = pushed.json()["id"]

    own = await client.get(f"/v1/messages/{message_id}", headers=bearer(lufthansa))
    other = await client.get(f"/v1/messages/{message_id}", headers=bearer(air_france))
    own_list = await client.get("/v1/messages", headers=bearer(lufthansa))
    other_list = await client.get("/v1/messages", headers=bearer(air_france))

    assert own.status_code == 200
    assert other.status_code == 403
    assert other.json()["error"] == "carrier_not_allowed"
    assert [m["id"] for m in own_list.json()["items"]] == [message_id]
    assert other_list.json()["items"] == []


async def test_carrier_reads_receipt_of_its_rejected_message(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    rejected = await client.post(
        "/v1/messages", content=b"garbage", headers={**bearer(key), **EDIFACT}
    )

    response = await client.get(
        f"/v1/messages/{rejected.json()['message_id']}", headers=bearer(key)
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["error"]["error"] == "edifact_syntax"


async def test_raw_message_is_for_analysts_only(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    carrier = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    body = paxlst()
    pushed = await client.post("/v1/messages", content=body, headers={**bearer(carrier), **EDIFACT})
    path = f"/v1/messages/{pushed.json()['id']}/raw"

    assert (await client.get(path, headers=bearer(carrier))).status_code == 403
    raw = await client.get(path, headers=bearer(analyst))
    assert raw.status_code == 200
    assert raw.content == body
