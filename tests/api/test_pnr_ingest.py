"""PNR pushes over HTTP: versioned bookings, full and update pushes, cancellation, linking to API
travellers, the privacy filters, and card numbers that are never stored in full."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from paxscreen.storage.base import Base
from paxscreen.storage.session import SessionFactory
from tests.conftest import MakeKey, bearer, push
from tests.factories import Pax, paxlst
from tests.factories_pnr import Pnr, PnrPax, pnrgov


async def analyst_get(client: httpx.AsyncClient, analyst: str, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params, headers=bearer(analyst))
    assert response.status_code == 200, response.text
    return response.json()


async def test_full_push_creates_versioned_bookings(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    body = pnrgov(
        [Pnr("AAA111"), Pnr("BBB222", [PnrPax("ROE", "JANE"), PnrPax("ROE", "JIM", "2")])]
    )

    response = await push(client, key, body)

    assert response.status_code == 201, response.text
    receipt = response.json()
    assert (receipt["message_type"], receipt["traveller_count"]) == ("PNRGOV", 3)
    (summary,) = receipt["manifests"]
    assert summary["message_type"] == "PNRGOV"
    assert (summary["kind"], summary["bookings"], summary["travellers"]) == ("full", 2, 3)
    assert summary["changes"] == {"added": 2}
    assert summary["complete"] is True
    page = await analyst_get(client, analyst, "/v1/bookings", flight_id=summary["flight"]["id"])
    assert sorted(b["locator"] for b in page["items"]) == ["AAA111", "BBB222"]
    detail = await analyst_get(client, analyst, f"/v1/bookings/{page['items'][0]['id']}")
    assert detail["flight"]["carrier"] == "LH"
    assert detail["booking"]["locators"][0]["locator"] in {"AAA111", "BBB222"}
    payment = detail["booking"]["payments"][0]
    assert payment["card_last4"] == "1111"
    assert detail["booking"]["itinerary"][0]["departure_airport"] == "FRA"


async def test_update_push_changes_only_what_it_carries_and_versions_say_what_changed(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = (await push(client, key, pnrgov([Pnr("AAA111"), Pnr("BBB222")]))).json()
    update = pnrgov([Pnr("AAA111", seat="12A")], kind="141", interchange_ref="2")

    receipt = (await push(client, key, update)).json()

    (summary,) = receipt["manifests"]
    assert (summary["kind"], summary["changes"]) == ("update", {"changed": 1})
    flight_id = first["manifests"][0]["flight"]["id"]
    page = await analyst_get(client, analyst, "/v1/bookings", flight_id=flight_id)
    status = {b["locator"]: (b["status"], b["version"]) for b in page["items"]}
    assert status == {"AAA111": ("active", 2), "BBB222": ("active", 1)}
    booking_id = next(b["id"] for b in page["items"] if b["locator"] == "AAA111")
    versions = (await analyst_get(client, analyst, f"/v1/bookings/{booking_id}/versions"))[
        "versions"
    ]
    assert [(v["version"], v["change"], v["push_kind"]) for v in versions] == [
        (1, "added", "full"),
        (2, "changed", "update"),
    ]
    assert [v["message_id"] for v in versions] == [first["id"], receipt["id"]]
    assert versions[0]["changes"] == []
    assert versions[1]["changes"], "the version says what changed"
    assert [c["field"] for c in versions[1]["changes"]] == ["travellers[0].seats[0]"]
    assert versions[1]["changes"][0]["after"]["seat"] == "12A"


async def test_later_full_push_cancels_missing_bookings_without_deleting_them(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    first = (await push(client, key, pnrgov([Pnr("AAA111"), Pnr("BBB222")]))).json()

    later = (await push(client, key, pnrgov([Pnr("AAA111")], interchange_ref="3"))).json()

    assert later["manifests"][0]["changes"] == {"unchanged": 1, "cancelled": 1}
    flight_id = first["manifests"][0]["flight"]["id"]
    page = await analyst_get(client, analyst, "/v1/bookings", flight_id=flight_id)
    assert {b["locator"]: b["status"] for b in page["items"]} == {
        "AAA111": "active",
        "BBB222": "cancelled",
    }
    cancelled = next(b for b in page["items"] if b["locator"] == "BBB222")
    detail = await analyst_get(client, analyst, f"/v1/bookings/{cancelled['id']}")
    assert detail["booking"]["locators"][0]["locator"] == "BBB222"  # data kept
    assert [t["status"] for t in detail["travellers"]] == ["removed"]


async def test_incomplete_full_push_cancels_nothing(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    await push(client, key, pnrgov([Pnr("AAA111"), Pnr("BBB222")]))

    receipt = (
        await push(client, key, pnrgov([Pnr("AAA111")], declared=2, interchange_ref="4"))
    ).json()

    (summary,) = receipt["manifests"]
    assert summary["complete"] is False
    assert summary["changes"] == {"unchanged": 1}


async def test_update_push_with_empty_org_cancels_the_booking(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    await push(client, key, pnrgov([Pnr("AAA111"), Pnr("BBB222")]))

    receipt = (
        await push(
            client, key, pnrgov([Pnr("BBB222", cancelled=True)], kind="141", interchange_ref="5")
        )
    ).json()

    assert receipt["manifests"][0]["changes"] == {"cancelled": 1}


async def test_pnr_travellers_link_to_the_api_travellers_of_the_flight(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    api = (
        await push(client, key, paxlst([Pax(avf="ABC123"), Pax(surname="OTHER", avf="ZZZ999")]))
    ).json()
    pnr = (await push(client, key, pnrgov([Pnr("ABC123")]))).json()

    assert pnr["manifests"][0]["flight"]["id"] == api["manifests"][0]["flight"]["id"]
    assert pnr["manifests"][0]["links"] == {"linked": 1}
    flight_id = api["manifests"][0]["flight"]["id"]
    travellers = await analyst_get(
        client, analyst, f"/v1/flights/{flight_id}/travellers", surname="DOE"
    )
    doe = await analyst_get(client, analyst, f"/v1/travellers/{travellers['items'][0]['id']}")
    (booking,) = doe["bookings"]
    assert booking["locator"] == "ABC123"
    assert booking["method"] == "document+surname"
    assert booking["status"] == "linked"
    assert booking["confidence"] == 0.99
    detail = await analyst_get(client, analyst, f"/v1/bookings/{booking['booking_id']}")
    (person,) = detail["travellers"]
    assert [link["traveller_id"] for link in person["api_links"]] == [doe["id"]]


async def test_api_manifest_after_the_pnr_links_too(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    await push(client, key, pnrgov([Pnr("ABC123", [PnrPax(docs=None)])]))

    api = (await push(client, key, paxlst([Pax(avf="ABC123")]))).json()

    assert api["manifests"][0]["links"] == {"linked": 1}


async def test_two_api_twins_leave_the_pnr_traveller_ambiguous(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    twins = [Pax(documents=[("P", "A1", None, "USA")]), Pax(documents=[("P", "B2", None, "USA")])]
    await push(client, key, paxlst(twins))

    pnr = (await push(client, key, pnrgov([Pnr("QQQ111", [PnrPax(docs=None)])]))).json()

    assert pnr["manifests"][0]["links"] == {"ambiguous": 2}


async def test_sensitive_items_are_dropped_and_counted_and_others_kept(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    pnr = Pnr(
        "SEN001",
        [PnrPax(ssrs=["KSML", "WCHR", "TKNE"])],
        osi=["CTCE JOHN.DOE//EXAMPLE.COM", "THIS PASSENGER IS A VIP", "PAX REQUESTS MUSLIM MEAL"],
        seat="14C",
    )

    receipt = (await push(client, key, pnrgov([pnr]))).json()

    assert receipt["dropped"]["sensitive"] == {"religion": 2, "health": 1}
    assert receipt["dropped"]["other"] == {"general_remarks": 1}
    assert receipt["manifests"][0]["dropped"]["sensitive"] == {"religion": 2, "health": 1}
    page = await analyst_get(client, analyst, "/v1/bookings", locator="SEN001")
    booking = (await analyst_get(client, analyst, f"/v1/bookings/{page['items'][0]['id']}"))[
        "booking"
    ]
    kept_codes = {s["code"] for t in booking["travellers"] for s in t["services"]}
    assert "TKNE" in kept_codes
    assert not kept_codes & {"KSML", "WCHR"}
    contacts = [c["value"] for t in booking["travellers"] for c in t["contacts"]] + [
        c["value"] for c in booking["contacts"]
    ]
    assert "JOHN.DOE@EXAMPLE.COM" in contacts
    stored = await dump_database(db, skip={"messages"})
    for gone in ("KSML", "WCHR", "VIP", "MUSLIM"):
        assert gone not in stored


async def test_card_numbers_are_never_stored_in_full(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    full = "4111111111111111"

    receipt = (await push(client, key, pnrgov([Pnr("CARD01", card=full)]))).json()

    assert receipt["dropped"]["masked"] == {"card_numbers": 1}
    stored = await dump_database(db)
    assert full not in stored
    assert full[:12] not in stored
    raw = await client.get(f"/v1/messages/{receipt['id']}/raw", headers=bearer(analyst))
    assert full.encode() not in raw.content
    assert b"XXXXXXXXXXXX1111" in raw.content
    page = await analyst_get(client, analyst, "/v1/bookings", locator="CARD01")
    booking = (await analyst_get(client, analyst, f"/v1/bookings/{page['items'][0]['id']}"))[
        "booking"
    ]
    assert booking["payments"][0]["card_last4"] == "1111"


async def test_carrier_cannot_push_another_airlines_pnr(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "AF")

    response = await push(client, key, pnrgov())

    assert response.status_code == 403
    assert response.json()["carriers"] == ["LH"]


async def test_bookings_are_found_by_locator_name_and_date(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")
    await push(client, key, pnrgov([Pnr("AAA111"), Pnr("BBB222", [PnrPax("ROE", "JANE")])]))

    by_name = await analyst_get(client, analyst, "/v1/bookings", name="roe")
    by_locator = await analyst_get(client, analyst, "/v1/bookings", locator="aaa111")
    in_range = await analyst_get(
        client, analyst, "/v1/bookings", date_from="2026-11-30", date_to="2026-11-30"
    )
    outside = await analyst_get(client, analyst, "/v1/bookings", date_from="2026-12-01")
    paged = await analyst_get(client, analyst, "/v1/bookings", limit=1, offset=1)

    assert [b["locator"] for b in by_name["items"]] == ["BBB222"]
    assert [b["locator"] for b in by_locator["items"]] == ["AAA111"]
    assert in_range["total"] == 2
    assert outside["total"] == 0
    assert (paged["total"], len(paged["items"])) == (2, 1)


async def test_bookings_are_for_analysts_only(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    carrier = await make_key("carrier", "LH")

    response = await client.get("/v1/bookings", headers=bearer(carrier))

    assert response.status_code == 403


async def dump_database(db: SessionFactory, skip: set[str] | None = None) -> str:
    """Every row of every table as text, to search for what must not be there."""
    rows: list[str] = []
    async with db() as session:
        for table in Base.metadata.sorted_tables:
            if skip and table.name in skip:
                continue
            for row in (await session.execute(select(table))).all():
                rows.append(repr(tuple(row)))
    return "\n".join(rows)
