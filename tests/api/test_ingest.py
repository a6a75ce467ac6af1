"""Pushing PAXLST manifests over HTTP: receipts, storage, duplicates, updates."""

from __future__ import annotations

import hashlib
import uuid

import httpx
from sqlalchemy import select
from sqlalchemy.orm import undefer

from paxscreen.storage.models import InboundMessage, Traveller, TravellerVersion
from paxscreen.storage.session import SessionFactory
from tests.conftest import MakeKey, bearer, push
from tests.corpus import GTAS_DIR, require_corpus
from tests.factories import Flight, Pax, paxlst


async def test_push_manifest_answers_receipt_with_flight_and_travellers(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax(surname="MILLER", given="ANNA", gender="F"), Pax()])

    response = await push(client, key, body)

    assert response.status_code == 201, response.text
    receipt = response.json()
    assert response.headers["location"] == f"/v1/messages/{receipt['id']}"
    assert receipt["status"] == "accepted"
    assert receipt["message_type"] == "PAXLST"
    assert receipt["directory"] == "D05B"
    assert receipt["sender"] == "LHAPIS"
    assert receipt["interchange_ref"] == "000000001"
    assert receipt["carriers"] == ["LH"]
    assert receipt["traveller_count"] == 2
    assert receipt["sha256"] == hashlib.sha256(body).hexdigest()
    (manifest,) = receipt["manifests"]
    assert manifest["kind"] == "passenger_list"
    assert manifest["action"] == "report"
    assert (manifest["document_code"], manifest["document_subtype"]) == ("745", None)
    assert manifest["reporting_party"] == {"name": "TEST REPORTING PARTY", "contacts": []}
    assert (manifest["declared_passengers"], manifest["declared_crew"]) == (2, None)
    assert manifest["changes"] == {"added": 2}
    flight = manifest["flight"]
    assert (flight["carrier"], flight["flight_number"]) == ("LH", "400")
    assert (flight["origin"], flight["destination"]) == ("FRA", "JFK")
    assert flight["departure_local"] == "2026-11-30T10:00:00"
    assert flight["departure_utc"] == "2026-11-30T09:00:00Z"  # Frankfurt is UTC+1 in November


async def test_raw_body_is_stored_byte_for_byte(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax(surname="O'BRIEN")])

    receipt = (await push(client, key, body)).json()

    async with db() as session:
        stored = await session.get(
            InboundMessage, uuid.UUID(receipt["id"]), options=[undefer(InboundMessage.raw)]
        )
    assert stored is not None
    assert stored.raw == body
    assert stored.submitted_by.startswith("key:")


async def test_release_character_keeps_apostrophe_in_name(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    receipt = (await push(client, key, paxlst([Pax(surname="O'BRIEN")]))).json()
    flight_id = receipt["manifests"][0]["flight"]["id"]

    travellers = (
        await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))
    ).json()

    assert [t["surname"] for t in travellers["items"]] == ["O'BRIEN"]


async def test_get_message_returns_the_same_receipt(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    receipt = (await push(client, key, paxlst())).json()

    again = await client.get(f"/v1/messages/{receipt['id']}", headers=bearer(key))

    assert again.status_code == 200
    assert again.json() == receipt


async def test_same_bytes_again_is_a_duplicate_of_the_original(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax(), Pax(surname="ROE")])
    original = (await push(client, key, body)).json()

    response = await push(client, key, body)

    assert response.status_code == 200
    assert response.json()["status"] == "duplicate"
    assert response.json()["duplicate_of"] == original["id"]
    async with db() as session:
        count = len((await session.execute(select(Traveller))).scalars().all())
    assert count == 2


async def test_same_interchange_reference_from_same_sender_is_a_duplicate(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    original = (await push(client, key, paxlst([Pax()], interchange_ref="42"))).json()

    response = await push(client, key, paxlst([Pax(surname="OTHER")], interchange_ref="42"))

    assert response.json()["status"] == "duplicate"
    assert response.json()["duplicate_of"] == original["id"]


async def test_same_reference_from_another_sender_is_not_a_duplicate(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "*")
    await push(client, key, paxlst([Pax()], interchange_ref="42", sender="A"))

    response = await push(client, key, paxlst([Pax()], interchange_ref="42", sender="B"))

    assert response.json()["status"] == "accepted"


async def test_resent_manifest_keeps_one_identity_per_traveller(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    travellers = [Pax(surname="A", abo="1"), Pax(surname="B", abo="2")]
    await push(client, key, paxlst(travellers, interchange_ref="1"))

    second = (await push(client, key, paxlst(travellers, interchange_ref="2"))).json()

    assert second["manifests"][0]["changes"] == {"unchanged": 2}
    async with db() as session:
        rows = (await session.execute(select(Traveller))).scalars().all()
        versions = (await session.execute(select(TravellerVersion))).scalars().all()
    assert len(rows) == 2
    assert len(versions) == 2


async def test_change_message_adds_a_version_naming_the_changed_fields(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = (
        await push(client, key, paxlst([Pax(abo="P1", seat="12A")], interchange_ref="1"))
    ).json()
    change = paxlst([Pax(abo="P1", seat="14C")], interchange_ref="2", document=("745", "CP"))

    second = (await push(client, key, change)).json()

    assert second["manifests"][0]["action"] == "change"
    assert second["manifests"][0]["changes"] == {"changed": 1}
    flight_id = first["manifests"][0]["flight"]["id"]
    page = (await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))).json()
    (summary,) = page["items"]
    assert (summary["seat"], summary["version"]) == ("14C", 2)
    detail = (await client.get(f"/v1/travellers/{summary['id']}", headers=bearer(analyst))).json()
    assert [v["change"] for v in detail["versions"]] == ["added", "changed"]
    assert detail["versions"][1]["changed_fields"] == ["seat"]
    assert detail["versions"][0]["data"]["seat"] == "12A"
    assert detail["source_messages"] == [first["id"], second["id"]]


async def test_cancel_reservation_marks_traveller_cancelled_and_keeps_data(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = (
        await push(
            client,
            key,
            paxlst([Pax(abo="P1", seat="1A"), Pax(surname="STAYS")], interchange_ref="1"),
        )
    ).json()
    cancel = paxlst([Pax(abo="P1", seat=None)], interchange_ref="2", document=("745", "XR"))

    receipt = (await push(client, key, cancel)).json()

    assert receipt["manifests"][0]["action"] == "cancel_reservation"
    flight_id = first["manifests"][0]["flight"]["id"]
    page = (await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))).json()
    status = {t["surname"]: (t["status"], t["seat"]) for t in page["items"]}
    assert status == {"DOE": ("cancelled", "1A"), "STAYS": ("reported", None)}


async def test_flight_close_with_passengers_on_board(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    manifest = [Pax(surname="ON", abo="1"), Pax(surname="OFF", abo="2")]
    first = (await push(client, key, paxlst(manifest, interchange_ref="1"))).json()
    close = paxlst([Pax(surname="ON", abo="1")], interchange_ref="2", document=("266", "CLOB"))

    await push(client, key, close)

    flight_id = first["manifests"][0]["flight"]["id"]
    flight = (await client.get(f"/v1/flights/{flight_id}", headers=bearer(analyst))).json()
    assert flight["status"] == "closed"
    assert [m["action"] for m in flight["messages"]] == ["report", "close_on_board"]
    page = (await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))).json()
    assert {t["surname"]: t["status"] for t in page["items"]} == {
        "ON": "boarded",
        "OFF": "reported",
    }


async def test_flight_cancellation_cancels_the_flight(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = (await push(client, key, paxlst(interchange_ref="1"))).json()

    await push(client, key, paxlst([], interchange_ref="2", document=("266", "XF")))

    flight_id = first["manifests"][0]["flight"]["id"]
    flight = (await client.get(f"/v1/flights/{flight_id}", headers=bearer(analyst))).json()
    assert flight["status"] == "cancelled"


async def test_crew_list_joins_the_same_flight_as_crew(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    passengers = (await push(client, key, paxlst([Pax()], interchange_ref="1"))).json()
    crew = paxlst([Pax(surname="PILOT", role="FM")], interchange_ref="2", document=("250", "C"))

    receipt = (await push(client, key, crew)).json()

    assert receipt["manifests"][0]["kind"] == "crew_list"
    flight_id = passengers["manifests"][0]["flight"]["id"]
    assert receipt["manifests"][0]["flight"]["id"] == flight_id
    flight = (await client.get(f"/v1/flights/{flight_id}", headers=bearer(analyst))).json()
    assert flight["traveller_counts"] == {"passenger": 1, "crew": 1}


async def test_several_interchanges_in_one_body_are_all_applied(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = (
        paxlst([Pax()], interchange_ref="1", flight=Flight(number="0400"))
        + b"\r\n"
        + paxlst([Pax(), Pax(surname="X")], interchange_ref="2", flight=Flight(number="0402"))
    )

    receipt = (await push(client, key, body)).json()

    assert receipt["status"] == "accepted"
    assert [m["flight"]["flight_number"] for m in receipt["manifests"]] == ["400", "402"]
    assert receipt["traveller_count"] == 3


async def test_count_mismatch_is_a_warning_not_a_rejection(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")

    response = await push(client, key, paxlst([Pax(), Pax(surname="B")], count=5))

    assert response.status_code == 201
    codes = {w["code"] for w in response.json()["warnings"]}
    assert any("count" in code for code in codes), codes


async def test_receipt_carries_transaction_reference_and_reporting_party(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    require_corpus()
    key = await make_key("carrier", "AA")
    body = (GTAS_DIR / "gtas-parsers__apis-messages__apisMessage.txt").read_bytes()

    (manifest,) = (await push(client, key, body)).json()["manifests"]

    assert manifest["transaction_ref"] == "AJYTR1070219"
    assert manifest["reporting_party"] == {
        "name": "JOHN SMITH",
        "contacts": [
            {"kind": "TE", "value": "703-555-1212"},
            {"kind": "FX", "value": "703-555-4545"},
        ],
    }
    # Two progressive legs (LOC+92) and no 125/87 pair: the last leg is the one reported.
    assert manifest["flight"]["flight_number"] == "124"
    assert (manifest["flight"]["origin"], manifest["flight"]["destination"]) == ("ORD", "JFK")
