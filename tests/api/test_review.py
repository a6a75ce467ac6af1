"""The review of hits over HTTP: the queue, the state machine with its refused moves, assignment
and notes with their history, and the memory of dismissed false positives."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.test_screening import listed, soon
from tests.api.test_watchlists import entry
from tests.conftest import MakeKey, bearer, push
from tests.factories import Flight, Pax, paxlst


async def ingest_hit(
    client: httpx.AsyncClient,
    carrier: str,
    analyst: str,
    *,
    flight: Flight | None = None,
    pax: Pax | None = None,
    ref: str = "1",
) -> dict[str, Any]:
    """Push a manifest whose JOHN DOE is listed; answers his (newest) hit in the queue."""
    receipt = await push(
        client, carrier, paxlst([pax or Pax()], flight=flight or Flight(), interchange_ref=ref)
    )
    assert receipt.status_code == 201, receipt.text
    flight_id = receipt.json()["manifests"][0]["flight"]["id"]
    page = (
        await client.get("/v1/hits", params={"flight_id": flight_id}, headers=bearer(analyst))
    ).json()
    assert page["total"] == 1, page
    return dict(page["items"][0])


async def move(
    client: httpx.AsyncClient, analyst: str, hit_id: str, status: str, reason: str = ""
) -> httpx.Response:
    return await client.post(
        f"/v1/hits/{hit_id}/transitions",
        json={"status": status, "reason": reason},
        headers=bearer(analyst),
    )


async def test_the_queue_sorts_by_score_then_departure_and_filters(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    analyst = await make_key("analyst", label="Ana Lyst")
    list_id = await listed(client, admin)
    await client.post(
        f"/v1/watchlists/{list_id}/entries",
        json=entry("T-2", "MARIA ROSSI", nationalities=["ITA"]),
        headers=bearer(admin),
    )
    later, sooner = Flight(departure=soon(48)), Flight(number="0401", departure=soon(6))
    await push(client, carrier, paxlst([Pax()], flight=later, interchange_ref="1"))
    # On the sooner flight ROSSI's date of birth is off: a weaker hit than DOE's.
    rossi = Pax(surname="ROSSI", given="MARIA", gender="F", dob="790101", nationality="ITA")
    await push(client, carrier, paxlst([rossi], flight=sooner, interchange_ref="2"))

    by_score = (await client.get("/v1/hits", headers=bearer(analyst))).json()
    by_departure = (
        await client.get("/v1/hits", params={"sort": "departure"}, headers=bearer(analyst))
    ).json()

    assert by_score["total"] == 2
    assert [h["surname"] for h in by_score["items"]] == ["DOE", "ROSSI"]
    assert by_score["items"][0]["score"] > by_score["items"][1]["score"]
    assert [h["surname"] for h in by_departure["items"]] == ["ROSSI", "DOE"]
    first = by_departure["items"][0]
    assert first["flight"]["flight_number"] == "401"
    assert 4 < first["flight"]["hours_to_departure"] <= 6
    assert first["watchlist_name"] == "Test list"
    assert first["status"] == "open"
    assert first["explanation"]
    in_window = (
        await client.get(
            "/v1/hits",
            params={"departure_to": by_departure["items"][0]["flight"]["departure_utc"]},
            headers=bearer(analyst),
        )
    ).json()
    assert [h["surname"] for h in in_window["items"]] == ["ROSSI"]
    open_only = await client.get(
        "/v1/hits", params={"status": ["confirmed"]}, headers=bearer(analyst)
    )
    assert open_only.json()["total"] == 0


async def test_a_hit_is_reviewed_then_confirmed_and_the_history_says_who_and_why(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    analyst = await make_key("analyst", label="Ana Lyst")
    await listed(client, admin)
    hit = await ingest_hit(client, carrier, analyst)

    assigned = await client.post(
        f"/v1/hits/{hit['id']}/assignment", json={"assignee": "bob"}, headers=bearer(analyst)
    )
    assert assigned.json()["assignee"] == "bob"
    noted = await client.post(
        f"/v1/hits/{hit['id']}/notes",
        json={"text": "passport photo requested"},
        headers=bearer(analyst),
    )
    assert noted.status_code == 201
    assert (await move(client, analyst, hit["id"], "in_review")).status_code == 200
    confirmed = await move(client, analyst, hit["id"], "confirmed", "same passport as listed")

    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert body["status"] == "confirmed"
    assert [(e["action"], e["from_status"], e["to_status"]) for e in body["history"]] == [
        ("assign", None, None),
        ("note", None, None),
        ("transition", "open", "in_review"),
        ("transition", "in_review", "confirmed"),
    ]
    assert {e["actor"] for e in body["history"]} == {"Ana Lyst"}
    assert body["history"][-1]["text"] == "same passport as listed"
    assert body["suppression"] is None
    mine = await client.get("/v1/hits", params={"assignee": "bob"}, headers=bearer(analyst))
    assert mine.json()["total"] == 1


async def test_moves_that_make_no_sense_are_refused(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier, analyst = (
        await make_key("admin"),
        await make_key("carrier", "LH"),
        await make_key("analyst"),
    )
    await listed(client, admin)
    hit = await ingest_hit(client, carrier, analyst)

    straight = await move(client, analyst, hit["id"], "confirmed", "looks like him")
    assert straight.status_code == 409
    assert straight.json()["error"] == "transition_not_allowed"
    assert straight.json()["status"] == "open"
    await move(client, analyst, hit["id"], "in_review")
    no_reason = await move(client, analyst, hit["id"], "dismissed", "   ")
    assert no_reason.status_code == 422
    assert no_reason.json()["error"] == "reason_required"
    assert (await move(client, analyst, hit["id"], "dismissed", "other DOB")).status_code == 200
    confirm_dismissed = await move(client, analyst, hit["id"], "confirmed", "changed my mind")
    assert confirm_dismissed.status_code == 409
    assert "reopen it first" in confirm_dismissed.json()["detail"]
    assert (await move(client, analyst, hit["id"], "open")).status_code == 422
    assert (await move(client, analyst, hit["id"], "open", "new evidence")).status_code == 200
    assert (await move(client, analyst, hit["id"], "in_review")).status_code == 200
    done = await move(client, analyst, hit["id"], "confirmed", "new evidence holds")
    assert done.json()["status"] == "confirmed"
    statuses = [e["to_status"] for e in done.json()["history"]]
    assert statuses == ["in_review", "dismissed", "open", "in_review", "confirmed"]


async def test_a_dismissed_false_positive_is_not_raised_again_until_something_changes(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier, analyst = (
        await make_key("admin"),
        await make_key("carrier", "LH"),
        await make_key("analyst"),
    )
    list_id = await listed(client, admin)
    hit = await ingest_hit(client, carrier, analyst, flight=Flight(departure=soon(10)))
    await move(client, analyst, hit["id"], "in_review")
    dismissed = (await move(client, analyst, hit["id"], "dismissed", "a namesake")).json()
    memory = dismissed["suppression"]
    assert memory["active"] is True
    assert memory["reason"] == "a namesake"

    # The same person on another flight: remembered, no new hit.
    again = await push(
        client, carrier, paxlst([Pax()], flight=Flight(number="0402"), interchange_ref="2")
    )
    assert again.json()["manifests"][0]["hits"] == 0
    listed_memory = (
        await client.get("/v1/suppressions", params={"active": True}, headers=bearer(analyst))
    ).json()
    assert [(m["id"], m["times_applied"]) for m in listed_memory["items"]] == [(memory["id"], 1)]

    # The traveller's data changes (another passport): raised again.
    with_passport = Pax(documents=[("P", "Y7654321", "301231", "USA")])
    changed = await push(
        client, carrier, paxlst([with_passport], flight=Flight(number="0403"), interchange_ref="3")
    )
    assert changed.json()["manifests"][0]["hits"] == 1

    # The entry changes: every traveller on upcoming flights is screened and raised again.
    entries = (await client.get(f"/v1/watchlists/{list_id}/entries", headers=bearer(admin))).json()[
        "items"
    ]
    updated = await client.put(
        f"/v1/watchlists/{list_id}/entries/{entries[0]['id']}",
        json=entry(remarks="also known in Lyon"),
        headers=bearer(admin),
    )
    assert updated.status_code == 200, updated.text
    first_flight = (
        await client.get(
            "/v1/hits", params={"flight_id": hit["flight"]["id"]}, headers=bearer(analyst)
        )
    ).json()
    assert [h["status"] for h in first_flight["items"]] == ["dismissed", "open"]
    assert first_flight["items"][1]["entry_version"] == 2


async def test_lifting_the_memory_raises_the_hit_again_and_reopening_lifts_it(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier, analyst = (
        await make_key("admin"),
        await make_key("carrier", "LH"),
        await make_key("analyst"),
    )
    await listed(client, admin)
    hit = await ingest_hit(client, carrier, analyst)
    await move(client, analyst, hit["id"], "in_review")
    memory = (await move(client, analyst, hit["id"], "dismissed", "namesake")).json()["suppression"]

    lifted = await client.post(
        f"/v1/suppressions/{memory['id']}/lift",
        json={"reason": "new intelligence"},
        headers=bearer(analyst),
    )
    assert lifted.status_code == 200
    assert (lifted.json()["active"], lifted.json()["lifted_reason"]) == (False, "new intelligence")
    twice = await client.post(
        f"/v1/suppressions/{memory['id']}/lift", json={"reason": "x"}, headers=bearer(analyst)
    )
    assert twice.status_code == 409
    raised = await push(
        client, carrier, paxlst([Pax()], flight=Flight(number="0405"), interchange_ref="2")
    )
    assert raised.json()["manifests"][0]["hits"] == 1

    # Dismissed again, then reopened: reopening lifts the memory that dismissal made.
    page = (
        await client.get("/v1/hits", params={"status": ["open"]}, headers=bearer(analyst))
    ).json()
    (fresh,) = page["items"]
    await move(client, analyst, fresh["id"], "in_review")
    remembered = (await move(client, analyst, fresh["id"], "dismissed", "namesake")).json()
    assert remembered["suppression"]["active"] is True
    reopened = (await move(client, analyst, fresh["id"], "open", "second look")).json()
    assert reopened["suppression"]["active"] is False
    memories = (await client.get("/v1/suppressions", headers=bearer(analyst))).json()["items"]
    assert [m["active"] for m in memories] == [False]
    assert "reopened: second look" in memories[0]["lifted_reason"]


async def test_review_is_for_analysts(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    carrier, admin = await make_key("carrier", "LH"), await make_key("admin")

    assert (await client.get("/v1/hits", headers=bearer(carrier))).status_code == 403
    assert (await client.get("/v1/hits", headers=bearer(admin))).status_code == 403
    assert (await client.get("/v1/hits")).status_code == 401
    missing = await client.get(
        "/v1/hits/00000000-0000-0000-0000-000000000000",
        headers=bearer(await make_key("analyst")),
    )
    assert missing.status_code == 404
