"""Screening over HTTP: every ingested traveller (API and PNR) screened as part of ingest, upcoming
flights screened again when a list changes, ad-hoc POST /v1/screen, and another worker process
following list changes within seconds."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.api.test_watchlists import create_list, entry
from tests.conftest import MakeKey, bearer, push
from tests.factories import Flight, Pax, paxlst
from tests.factories_pnr import Pnr, PnrPax, pnrgov


def soon(hours: int = 24) -> str:
    """A departure (YYMMDDHHMM, local) this many hours from now: inside the re-screening window."""
    return (datetime.now(UTC) + timedelta(hours=hours)).strftime("%y%m%d%H%M")


async def listed(client: httpx.AsyncClient, admin: str, **extra: Any) -> str:
    watchlist = await create_list(client, admin, **extra)
    response = await client.post(
        f"/v1/watchlists/{watchlist['id']}/entries", json=entry(), headers=bearer(admin)
    )
    assert response.status_code == 201, response.text
    return str(watchlist["id"])


async def test_ingest_screens_every_new_traveller_and_explains_the_hit(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier, analyst = (
        await make_key("admin"),
        await make_key("carrier", "LH"),
        await make_key("analyst"),
    )
    list_id = await listed(client, admin)

    receipt = (
        await push(client, carrier, paxlst([Pax(), Pax(surname="INNOCENT", given="ANNA")]))
    ).json()

    assert receipt["manifests"][0]["hits"] == 1
    flight_id = receipt["manifests"][0]["flight"]["id"]
    page = (
        await client.get(
            f"/v1/flights/{flight_id}/travellers",
            params={"surname": "DOE"},
            headers=bearer(analyst),
        )
    ).json()
    doe = (
        await client.get(f"/v1/travellers/{page['items'][0]['id']}", headers=bearer(analyst))
    ).json()
    (hit,) = doe["hits"]
    assert hit["watchlist_id"] == list_id
    assert (hit["trigger"], hit["message_id"], hit["subject_version"]) == (
        "ingest",
        receipt["id"],
        1,
    )
    assert hit["list_version"] == 2
    assert hit["entry_version"] == 1
    assert hit["algorithm"].startswith("name/")
    fields = {e["field"]: e for e in hit["explanation"]}
    assert fields["name"]["outcome"] == "match"
    assert fields["date_of_birth"]["outcome"] == "match"
    assert 0 < hit["score"] < 1


async def test_an_unchanged_resend_raises_no_second_hit(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    await listed(client, admin)
    await push(client, carrier, paxlst([Pax()], interchange_ref="1"))

    again = (await push(client, carrier, paxlst([Pax()], interchange_ref="2"))).json()

    assert again["manifests"][0]["hits"] == 0


async def test_pnr_travellers_are_screened_too(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    await listed(client, admin)

    receipt = (
        await push(
            client,
            carrier,
            pnrgov([Pnr("ABC123", [PnrPax(), PnrPax("ROE", "JANE", "2", docs=None)])]),
        )
    ).json()

    assert receipt["manifests"][0]["hits"] == 1


async def test_a_list_change_screens_upcoming_flights_again(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier, analyst = (
        await make_key("admin"),
        await make_key("carrier", "LH"),
        await make_key("analyst"),
    )
    later = Flight(departure=soon(24), arrival=soon(30))
    far = Flight(number="0402", departure=soon(24 * 10), arrival=soon(24 * 10 + 6))
    near_receipt = (
        await push(client, carrier, paxlst([Pax()], flight=later, interchange_ref="1"))
    ).json()
    far_receipt = (
        await push(client, carrier, paxlst([Pax()], flight=far, interchange_ref="2"))
    ).json()
    assert near_receipt["manifests"][0]["hits"] == 0

    await listed(client, admin)

    for receipt, expected in ((near_receipt, 1), (far_receipt, 0)):
        flight_id = receipt["manifests"][0]["flight"]["id"]
        page = (
            await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))
        ).json()
        detail = (
            await client.get(f"/v1/travellers/{page['items'][0]['id']}", headers=bearer(analyst))
        ).json()
        assert len(detail["hits"]) == expected
        if expected:
            assert detail["hits"][0]["trigger"] == "list_change"
            assert detail["hits"][0]["message_id"] is None


async def test_list_import_reports_travellers_screened_again(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    await push(client, carrier, paxlst([Pax()], flight=Flight(departure=soon(5), arrival=soon(9))))
    watchlist = await create_list(client, admin)
    csv = "reference,full_name,date_of_birth,nationalities\nC-1,JOHN DOE,1980,USA\n"

    result = (
        await client.post(
            f"/v1/watchlists/{watchlist['id']}/import",
            content=csv.encode(),
            headers={**bearer(admin), "Content-Type": "text/csv"},
        )
    ).json()

    assert (result["rescreened"], result["new_hits"]) == (1, 1)


async def test_adhoc_screening_answers_best_first_with_explanations(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, analyst = await make_key("admin"), await make_key("analyst")
    list_id = await listed(client, admin)

    by_name = await client.post(
        "/v1/screen",
        json={"name": "John Doe", "date_of_birth": "1980-05-01"},
        headers=bearer(analyst),
    )
    by_parts = await client.post(
        "/v1/screen",
        json={"surname": "Doe", "given_names": "John", "nationality": "us"},
        headers=bearer(analyst),
    )
    nobody = await client.post(
        "/v1/screen", json={"name": "Maria Garcia Lopez"}, headers=bearer(analyst)
    )
    strict = await client.post(
        "/v1/screen", json={"name": "John Doe", "threshold": 0.99}, headers=bearer(analyst)
    )

    (match,) = by_name.json()["matches"]
    assert (match["watchlist_id"], match["reference"], match["name"]) == (
        list_id,
        "T-1",
        "JOHN DOE",
    )
    assert {e["field"] for e in match["explanation"]} >= {"name", "date_of_birth"}
    assert by_parts.json()["matches"][0]["score"] < match["score"]  # no birth date to corroborate
    assert nobody.json()["matches"] == []
    assert strict.json()["matches"] == []


async def test_adhoc_screening_validates_its_input(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    analyst = await make_key("analyst")
    carrier = await make_key("carrier", "LH")

    no_name = await client.post(
        "/v1/screen", json={"date_of_birth": "1980"}, headers=bearer(analyst)
    )
    bad_date = await client.post(
        "/v1/screen", json={"name": "A B", "date_of_birth": "80"}, headers=bearer(analyst)
    )
    unknown_list = await client.post(
        "/v1/screen",
        json={"name": "A B", "lists": ["00000000-0000-0000-0000-000000000000"]},
        headers=bearer(analyst),
    )
    refused = await client.post("/v1/screen", json={"name": "A B"}, headers=bearer(carrier))

    assert no_name.status_code == 422
    assert "name" in no_name.json()["detail"]
    assert bad_date.status_code == 422
    assert unknown_list.status_code == 400
    assert refused.status_code == 403


async def test_inactive_lists_are_not_screened(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, analyst = await make_key("admin"), await make_key("analyst")
    list_id = await listed(client, admin)

    await client.patch(f"/v1/watchlists/{list_id}", json={"active": False}, headers=bearer(admin))
    response = await client.post("/v1/screen", json={"name": "John Doe"}, headers=bearer(analyst))

    assert response.json()["matches"] == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_another_worker_process_sees_a_list_change_within_five_seconds(
    client: httpx.AsyncClient, make_key: MakeKey, database_url: str
) -> None:
    admin, analyst = await make_key("admin"), await make_key("analyst")
    watchlist = await create_list(client, admin)
    port = _free_port()
    env = {**os.environ, "PAXSCREEN_DATABASE_URL": database_url, "PAXSCREEN_LOG_LEVEL": "WARNING"}
    worker = subprocess.Popen(  # noqa: ASYNC220  (a real second process, started once)
        [sys.executable, "-m", "paxscreen", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as other:
            await _wait_ready(other)
            before = await other.post(
                "/v1/screen", json={"name": "John Doe"}, headers=bearer(analyst)
            )
            assert before.json()["matches"] == []

            await client.post(
                f"/v1/watchlists/{watchlist['id']}/entries", json=entry(), headers=bearer(admin)
            )
            changed = time.monotonic()
            while True:
                seen = await other.post(
                    "/v1/screen", json={"name": "John Doe"}, headers=bearer(analyst)
                )
                if seen.json()["matches"]:
                    break
                assert time.monotonic() - changed < 5, "the other worker did not follow in 5 s"
                await asyncio.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


async def _wait_ready(other: httpx.AsyncClient) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if (await other.get("/readyz")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("the other worker did not start")
