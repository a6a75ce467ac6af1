"""Analysts query flights and travellers."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import EDIFACT, MakeKey, bearer
from tests.factories import Flight, Pax, paxlst

FLIGHTS = [
    Flight(carrier="LH", number="0400", origin="FRA", destination="JFK", departure="2611301000"),
    Flight(carrier="LH", number="0402", origin="FRA", destination="IAD", departure="2612011100"),
    Flight(carrier="AF", number="0054", origin="CDG", destination="IAD", departure="2612021325"),
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, make_key: MakeKey) -> str:
    pusher = await make_key("carrier", "*")
    for index, flight in enumerate(FLIGHTS):
        body = paxlst([Pax(), Pax(surname="ZED")], flight=flight, interchange_ref=str(index))
        response = await client.post(
            "/v1/messages", content=body, headers={**bearer(pusher), **EDIFACT}
        )
        assert response.status_code == 201, response.text
    return await make_key("analyst")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["AF54", "LH402", "LH400"]),
        ({"carrier": "lh"}, ["LH402", "LH400"]),
        ({"flight_number": "0400"}, ["LH400"]),
        ({"origin": "FRA", "destination": "IAD"}, ["LH402"]),
        ({"date_from": "2026-12-01"}, ["AF54", "LH402"]),
        ({"date_from": "2026-11-30", "date_to": "2026-11-30"}, ["LH400"]),
        ({"destination": "LHR"}, []),
    ],
)
async def test_flight_filters(
    client: httpx.AsyncClient, seeded: str, query: dict[str, str], expected: list[str]
) -> None:
    response = await client.get("/v1/flights", params=query, headers=bearer(seeded))

    assert response.status_code == 200
    page = response.json()
    assert [f"{f['carrier']}{f['flight_number']}" for f in page["items"]] == expected
    assert page["total"] == len(expected)


async def test_flights_are_paginated(client: httpx.AsyncClient, seeded: str) -> None:
    first = (await client.get("/v1/flights", params={"limit": 2}, headers=bearer(seeded))).json()
    rest = (
        await client.get("/v1/flights", params={"limit": 2, "offset": 2}, headers=bearer(seeded))
    ).json()

    assert (first["total"], len(first["items"]), len(rest["items"])) == (3, 2, 1)
    assert {f["id"] for f in first["items"]}.isdisjoint({f["id"] for f in rest["items"]})


async def test_reversed_date_range_is_a_400(client: httpx.AsyncClient, seeded: str) -> None:
    response = await client.get(
        "/v1/flights",
        params={"date_from": "2026-12-02", "date_to": "2026-12-01"},
        headers=bearer(seeded),
    )

    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


async def test_invalid_paging_is_a_422_in_the_error_shape(
    client: httpx.AsyncClient, seeded: str
) -> None:
    response = await client.get("/v1/flights", params={"limit": 0}, headers=bearer(seeded))

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "limit" in response.json()["detail"]


async def test_flight_detail_shows_times_legs_counts_and_messages(
    client: httpx.AsyncClient, seeded: str
) -> None:
    flights = (
        await client.get("/v1/flights", params={"carrier": "AF"}, headers=bearer(seeded))
    ).json()
    flight_id = flights["items"][0]["id"]

    detail = (await client.get(f"/v1/flights/{flight_id}", headers=bearer(seeded))).json()

    assert detail["departure_local"] == "2026-12-02T13:25:00"
    assert detail["departure_utc"] == "2026-12-02T12:25:00Z"
    assert detail["arrival_utc"] is not None
    assert detail["traveller_counts"] == {"passenger": 2}
    assert [m["kind"] for m in detail["messages"]] == ["passenger_list"]
    assert detail["legs"][0]["departure_airport"] == "CDG"


async def test_traveller_detail_has_documents_versions_and_flight(
    client: httpx.AsyncClient, seeded: str
) -> None:
    flights = (
        await client.get("/v1/flights", params={"carrier": "AF"}, headers=bearer(seeded))
    ).json()
    flight_id = flights["items"][0]["id"]
    page = (
        await client.get(
            f"/v1/flights/{flight_id}/travellers", params={"surname": "zed"}, headers=bearer(seeded)
        )
    ).json()
    (summary,) = page["items"]

    detail = (await client.get(f"/v1/travellers/{summary['id']}", headers=bearer(seeded))).json()

    assert detail["flight"]["id"] == flight_id
    assert detail["date_of_birth"] == "1980-01-15"
    assert detail["documents"] == [
        {
            "type": "P",
            "number": "X1234567",
            "expiry": "2030-12-31",
            "issue_date": None,
            "issuing_state": "USA",
        }
    ]
    assert [v["version"] for v in detail["versions"]] == [1]
    assert detail["data"] == detail["versions"][0]["data"]
    assert detail["data"]["embarkation"] == "FRA"
    assert detail["versions"][0]["data"]["surname"] == "ZED"


async def test_unknown_ids_are_404_in_the_error_shape(
    client: httpx.AsyncClient, seeded: str
) -> None:
    for path in (
        "/v1/flights/00000000-0000-0000-0000-000000000000",
        "/v1/travellers/00000000-0000-0000-0000-000000000000",
        "/v1/messages/00000000-0000-0000-0000-000000000000",
    ):
        response = await client.get(path, headers=bearer(seeded))
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
        assert "00000000-0000-0000-0000-000000000000" in response.json()["detail"]


async def test_malformed_id_is_a_422(client: httpx.AsyncClient, seeded: str) -> None:
    response = await client.get("/v1/flights/not-a-uuid", headers=bearer(seeded))

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
