"""The audit trail over HTTP: every read of personal data names the reader and the record, the
log is for auditors only and reading it is logged too, and the hash chain shows tampering."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from paxscreen.audit import service as audit_service
from paxscreen.audit.chain import MODIFIED, UNLINKED
from paxscreen.storage.repositories.audit import AuditFilter
from paxscreen.storage.session import SessionFactory, session_scope
from tests.api.test_review import ingest_hit, move
from tests.api.test_screening import listed
from tests.conftest import MakeKey, bearer, push
from tests.factories import Pax, paxlst
from tests.factories_pnr import Pnr, pnrgov
from tests.test_cli import paxscreen


async def audit_log(client: httpx.AsyncClient, auditor: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/v1/audit", params=params, headers=bearer(auditor))
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_every_read_of_a_traveller_or_booking_names_the_reader_and_the_record(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    carrier = await make_key("carrier", "LH", label="lh push")
    analyst = await make_key("analyst", label="analyst one")
    auditor = await make_key("auditor", label="dpo")
    receipt = (await push(client, carrier, paxlst([Pax(), Pax(surname="ZED")]))).json()
    flight_id = receipt["manifests"][0]["flight"]["id"]
    await push(client, carrier, pnrgov([Pnr("AAA111")]))

    travellers = (
        await client.get(f"/v1/flights/{flight_id}/travellers", headers=bearer(analyst))
    ).json()["items"]
    traveller_id = travellers[0]["id"]
    assert (
        await client.get(f"/v1/travellers/{traveller_id}", headers=bearer(analyst))
    ).status_code == 200
    bookings = (await client.get("/v1/bookings", headers=bearer(analyst))).json()["items"]
    booking_id = bookings[0]["id"]
    for path in (f"/v1/bookings/{booking_id}", f"/v1/bookings/{booking_id}/versions"):
        assert (await client.get(path, headers=bearer(analyst))).status_code == 200

    entries = await audit_log(client, auditor, action="consultation")
    assert [(e["endpoint"], e["record_type"], e["record_ids"]) for e in entries] == [
        ("GET /v1/bookings/{booking_id}/versions", "booking", [booking_id]),
        ("GET /v1/bookings/{booking_id}", "booking", [booking_id]),
        ("GET /v1/bookings", "booking", [booking_id]),
        ("GET /v1/travellers/{traveller_id}", "traveller", [traveller_id]),
        ("GET /v1/flights/{flight_id}/travellers", "traveller", [t["id"] for t in travellers]),
    ]
    reader = entries[0]
    assert (reader["actor_label"], reader["role"]) == ("analyst one", "analyst")
    assert reader["actor"].startswith("key:")
    assert reader["actor_key_id"]
    # A data subject's question: who read this traveller?
    about = await audit_log(client, auditor, record=traveller_id.upper())
    assert [e["endpoint"] for e in about] == [
        "GET /v1/travellers/{traveller_id}",
        "GET /v1/flights/{flight_id}/travellers",
    ]
    collected = await audit_log(client, auditor, action="collection", actor="lh push")
    assert len(collected) == 2
    assert {e["record_ids"][0] for e in collected} >= {receipt["id"]}
    assert collected[0]["endpoint"] == "POST /v1/messages"


async def test_hit_reads_and_review_decisions_are_logged(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, carrier = await make_key("admin"), await make_key("carrier", "LH")
    analyst, auditor = await make_key("analyst", label="reviewer"), await make_key("auditor")
    await listed(client, admin)
    hit = await ingest_hit(client, carrier, analyst)
    assert (await client.get(f"/v1/hits/{hit['id']}", headers=bearer(analyst))).status_code == 200
    assert (await move(client, analyst, hit["id"], "in_review")).is_success
    assert (await move(client, analyst, hit["id"], "dismissed", "not him: other DOB")).is_success

    hits = await audit_log(client, auditor, record=hit["id"])
    assert [(e["action"], e["endpoint"]) for e in hits] == [
        ("review_decision", "POST /v1/hits/{hit_id}/transitions"),
        ("review_decision", "POST /v1/hits/{hit_id}/transitions"),
        ("consultation", "GET /v1/hits/{hit_id}"),
        ("consultation", "GET /v1/hits"),
    ]
    assert hits[0]["detail"] == {
        "decision": "transition",
        "from": "in_review",
        "to": "dismissed",
        "reason": "not him: other DOB",
    }
    changes = await audit_log(client, auditor, action="list_change")
    assert [e["detail"]["change"] for e in changes] == ["add_entry", "create_list"]


async def test_screening_a_person_logs_the_count_not_the_person(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin, analyst, auditor = (
        await make_key("admin"),
        await make_key("analyst"),
        await make_key("auditor"),
    )
    await listed(client, admin)
    response = await client.post("/v1/screen", json={"name": "John Doe"}, headers=bearer(analyst))
    assert response.status_code == 200, response.text

    [entry] = await audit_log(client, auditor, record="person")
    assert (entry["record_ids"], entry["detail"]) == ([], {"matches": 1})
    assert "DOE" not in str(entry).upper()


async def test_the_audit_log_is_for_auditors_only_and_reading_it_is_logged(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    analyst, admin = await make_key("analyst"), await make_key("admin")
    auditor = await make_key("auditor", label="dpo")

    for key in (analyst, admin):
        assert (await client.get("/v1/audit", headers=bearer(key))).status_code == 403
    assert (await client.get("/v1/audit")).status_code == 401
    first = await audit_log(client, auditor)
    second = await audit_log(client, auditor, action="audit_read")

    assert first == []
    assert [(e["action"], e["actor_label"], e["record_ids"]) for e in second] == [
        ("audit_read", "dpo", [])
    ]
    assert second[0]["detail"] == {"filters": {}, "returned": 0, "total": 0}


async def test_the_audit_log_is_paginated_and_filtered_by_time(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    auditor = await make_key("auditor")
    for _ in range(3):
        await audit_log(client, auditor)

    page = (
        await client.get("/v1/audit", params={"limit": 2, "offset": 1}, headers=bearer(auditor))
    ).json()
    assert (page["total"], [e["seq"] for e in page["items"]]) == (
        3,
        sorted((e["seq"] for e in page["items"]), reverse=True),
    )
    assert len(page["items"]) == 2
    newest = page["items"][0]["at"]
    later = await audit_log(client, auditor, **{"from": newest, "action": "audit_read"})
    assert all(e["at"] >= newest for e in later)
    assert await audit_log(client, auditor, to="2000-01-01T00:00:00Z") == []


async def _reads(client: httpx.AsyncClient, make_key: MakeKey, count: int) -> None:
    carrier, analyst = await make_key("carrier", "LH"), await make_key("analyst")
    flight_id = (await push(client, carrier, paxlst([Pax()]))).json()["manifests"][0]["flight"][
        "id"
    ]
    path = f"/v1/flights/{flight_id}/travellers"
    responses = await asyncio.gather(
        *(client.get(path, headers=bearer(analyst)) for _ in range(count))
    )
    assert all(r.status_code == 200 for r in responses)


async def test_concurrent_reads_form_one_unbroken_chain(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    await _reads(client, make_key, 20)

    checked, broken = await audit_service.verify(db)
    assert (checked, broken) == (21, None)  # one collection, twenty consultations


async def test_a_changed_entry_is_found_by_verify_and_the_cli(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory, database_url: str
) -> None:
    await _reads(client, make_key, 5)
    intact = paxscreen(database_url, "audit", "verify")
    assert (intact.returncode, intact.stdout.strip()) == (0, "audit log intact: 6 entries")
    async with session_scope(db) as session:
        seq = (
            (await session.execute(text("SELECT seq FROM audit_log ORDER BY seq"))).scalars().all()
        )
        await session.execute(
            text("UPDATE audit_log SET actor = 'key:00000000' WHERE seq = :seq"), {"seq": seq[3]}
        )

    checked, broken = await audit_service.verify(db)
    assert broken is not None
    assert (checked, broken.seq, broken.reason) == (4, seq[3], MODIFIED)
    result = paxscreen(database_url, "audit", "verify")
    assert result.returncode == 1
    assert f"audit log BROKEN at entry {seq[3]}: hash does not match" in result.stderr


async def test_a_removed_entry_is_found_by_verify_and_the_cli(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory, database_url: str
) -> None:
    await _reads(client, make_key, 5)
    async with session_scope(db) as session:
        seq = (
            (await session.execute(text("SELECT seq FROM audit_log ORDER BY seq"))).scalars().all()
        )
        await session.execute(text("DELETE FROM audit_log WHERE seq = :seq"), {"seq": seq[2]})

    _checked, broken = await audit_service.verify(db)
    assert broken is not None
    assert (broken.seq, broken.reason) == (seq[3], UNLINKED)
    result = paxscreen(database_url, "audit", "verify")
    assert result.returncode == 1
    assert f"audit log BROKEN at entry {seq[3]}: does not follow" in result.stderr


async def test_worker_processes_writing_at_once_form_one_chain(
    db: SessionFactory, database_url: str, tmp_path: Path
) -> None:
    """Three operator ingests in three processes, each recording the collection of its files."""
    folders = []
    for worker in range(3):
        folder = tmp_path / f"worker{worker}"
        folder.mkdir()
        for index in range(4):
            body = paxlst([Pax(surname=f"W{worker}N{index}")], interchange_ref=f"{worker}{index}")
            (folder / f"{index}.edi").write_bytes(body)
        folders.append(sorted(str(path) for path in folder.iterdir()))
    env = {**os.environ, "PAXSCREEN_DATABASE_URL": database_url}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "paxscreen",
            "ingest",
            *files,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for files in folders
    ]
    outputs = [await process.communicate() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs

    checked, broken = await audit_service.verify(db)
    assert (checked, broken) == (12, None)
    async with session_scope(db) as session:
        page = await audit_service.entries(session, AuditFilter(action="collection"), 50, 0)
    assert {e.endpoint for e in page.items} == {"paxscreen ingest"}
    assert all(e.role == "operator" and e.actor.startswith("cli:") for e in page.items)


async def test_operator_commands_are_logged_and_shown_by_tail(
    db: SessionFactory, database_url: str
) -> None:
    created = paxscreen(database_url, "keys", "create", "--role", "auditor", "--label", "dpo")
    assert created.returncode == 0, created.stderr
    listed_list = paxscreen(database_url, "watchlist", "create", "LOCAL")
    assert listed_list.returncode == 0, listed_list.stderr

    tail = paxscreen(database_url, "audit", "tail", "-n", "5")
    lines = tail.stdout.splitlines()
    assert len(lines) == 2
    assert "list_change" in lines[0]
    assert "paxscreen watchlist create" in lines[0]
    assert "key_change" in lines[1]
    assert "operator" in lines[1]
    verified = paxscreen(database_url, "audit", "verify")
    assert (verified.returncode, verified.stdout.strip()) == (0, "audit log intact: 2 entries")
