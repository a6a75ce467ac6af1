"""Multi-part manifests: parts buffered, in any order, applied when the final part is in."""

from __future__ import annotations

import httpx

from paxscreen.config import Settings
from paxscreen.ingest import service as ingest_service
from paxscreen.storage.session import SessionFactory
from tests.conftest import MakeKey, bearer, push
from tests.factories import Pax, paxlst


def part(number: int, flag: str, surnames: list[str], ref: str) -> bytes:
    return paxlst(
        [Pax(surname=name, abo=name) for name in surnames],
        common_access_ref="LH400/261130",
        part=(number, flag),
        interchange_ref=ref,
        message_ref=f"M{number}",
    )


async def test_parts_out_of_order_are_applied_when_the_last_one_arrives(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")

    third = await push(client, key, part(3, "F", ["E", "F"], "3"))
    first = await push(client, key, part(1, "C", ["A", "B"], "1"))
    second = await push(client, key, part(2, "C", ["C", "D"], "2"))

    assert third.status_code == 202
    assert third.json()["status"] == "awaiting_parts"
    assert third.json()["manifests"][0]["part"]["missing"] == [1, 2]
    assert first.status_code == 202
    assert first.json()["manifests"][0]["part"]["missing"] == [2]
    assert second.status_code == 201
    manifest = second.json()["manifests"][0]
    assert manifest["status"] == "applied"
    assert manifest["travellers"] == 6
    assert manifest["changes"] == {"added": 6}
    flight_id = manifest["flight"]["id"]
    page = (await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))).json()
    assert [t["surname"] for t in page["items"]] == ["A", "B", "C", "D", "E", "F"]
    for earlier in (first, third):
        receipt = (
            await client.get(f"/v1/messages/{earlier.json()['id']}", headers=bearer(key))
        ).json()
        assert receipt["status"] == "accepted"
    detail = (
        await client.get(f"/v1/travellers/{page['items'][0]['id']}", headers=bearer(analyst))
    ).json()
    assert detail["source_messages"] == [first.json()["id"]]


async def test_all_parts_in_one_body_are_applied_at_once(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = part(1, "C", ["A"], "1") + part(2, "F", ["B"], "2")

    response = await push(client, key, body)

    assert response.status_code == 201
    manifests = response.json()["manifests"]
    assert manifests[-1]["status"] == "applied"
    assert manifests[-1]["travellers"] == 2


async def test_stale_incomplete_parts_are_applied_with_a_warning(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory, settings: Settings
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = await push(client, key, part(1, "C", ["A", "B"], "1"))
    assert first.status_code == 202
    impatient = settings.model_copy(
        update={"ingest": settings.ingest.model_copy(update={"multipart_timeout_seconds": 0})}
    )

    context = client.app.state.ingest  # type: ignore[attr-defined]
    swept = await ingest_service.sweep_stale_parts(context, impatient)

    assert swept == 1
    receipt = (await client.get(f"/v1/messages/{first.json()['id']}", headers=bearer(key))).json()
    assert receipt["status"] == "accepted"
    applied = receipt["manifests"][-1]
    assert applied["travellers"] == 2
    (incomplete,) = [w for w in receipt["warnings"] if w["code"] == "incomplete_multipart"]
    assert "the final part" in incomplete["detail"]
    flights = (await client.get("/v1/flights", headers=bearer(analyst))).json()
    assert flights["total"] == 1
    assert await ingest_service.sweep_stale_parts(context, impatient) == 0
