"""Retention over the real database: masking after N days takes the personal fields out of every
table (raw message included) and keeps them only encrypted; deletion after M days leaves nothing;
exceptions keep a record with an open case unmasked until their end date; the run is idempotent
and survives being killed mid-run."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from paxscreen.audit import service as audit_service
from paxscreen.config import RetentionSettings
from paxscreen.retention.run import RetentionReport, run_retention
from paxscreen.retention.vault import Vault
from paxscreen.storage.base import Base
from paxscreen.storage.models import ApiKey, AuditEntry, MaskedValues, Traveller
from paxscreen.storage.session import SessionFactory, session_scope
from tests.api.test_screening import listed
from tests.conftest import MakeKey, bearer, push
from tests.factories import Pax, paxlst
from tests.factories_pnr import Pnr, PnrPax, pnrgov

NAME, GIVEN, DOCUMENT = "ZARQAWIUS", "JOHANNA", "Q7654321"
DOCS = f"/P/USA/{DOCUMENT}/USA/15JAN80/F/31DEC30/{NAME}/{GIVEN}"
PERSONAL = (NAME, GIVEN, DOCUMENT, "1980-01-15")
KEY = Fernet.generate_key()


def later(days: int) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


async def ingest_person(client: httpx.AsyncClient, carrier: str) -> None:
    person = Pax(
        surname=NAME, given=GIVEN, dob="800115", documents=[("P", DOCUMENT, "301231", "USA")]
    )
    assert (await push(client, carrier, paxlst([person]))).status_code == 201
    pnr = Pnr("ZQ1234", [PnrPax(NAME, GIVEN, docs=DOCS)], osi=["CTCE ZARQAWIUS//EXAMPLE.ORG"])
    assert (await push(client, carrier, pnrgov([pnr]))).status_code == 201


async def retain(db: SessionFactory, days: int, **policy: Any) -> RetentionReport:
    return await run_retention(db, RetentionSettings(**policy), Vault(KEY), now=later(days))


async def personal_data_left(db: SessionFactory) -> list[str]:
    """Every stored value, outside the audit log and the vault, that holds a personal value."""
    found: list[str] = []
    async with session_scope(db) as session:
        for table in Base.metadata.sorted_tables:
            if table.name in ("audit_log", "masked_values"):
                continue
            for row in (await session.execute(select(table))).all():
                for column, value in zip(table.columns, row, strict=True):
                    shown = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                    found += [f"{table.name}.{column.name}" for p in PERSONAL if p in shown]
    return found


async def test_masking_takes_personal_data_out_of_every_table_and_keeps_it_sealed(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    carrier, analyst = await make_key("carrier", "LH"), await make_key("analyst")
    await ingest_person(client, carrier)
    assert "travellers.surname" in await personal_data_left(db)

    too_early = await retain(db, 100)
    assert sum(too_early.masked.values()) == 0
    report = await retain(db, 200)

    assert report.masked == {"travellers": 1, "bookings": 1, "messages": 2}
    assert await personal_data_left(db) == []
    async with session_scope(db) as session:
        sealed = (await session.execute(select(MaskedValues))).scalars().all()
        traveller = (await session.execute(select(Traveller))).scalars().one()
    assert {s.record_type for s in sealed} == {"traveller", "booking", "message"}
    assert all(NAME.encode() not in s.ciphertext for s in sealed)
    opened = Vault(KEY).open(next(s.ciphertext for s in sealed if s.record_type == "traveller"))
    assert opened["row"]["surname"] == NAME
    # What statistics and back-tests read stays.
    assert (traveller.nationality, traveller.gender, traveller.role) == ("USA", "M", "passenger")
    messages = (await client.get("/v1/messages", headers=bearer(analyst))).json()["items"]
    raw = await client.get(f"/v1/messages/{messages[0]['id']}/raw", headers=bearer(analyst))
    assert raw.status_code == 410
    assert raw.json()["error"] == "masked"
    assert await audited(db, "masking") == {"traveller": 1, "booking": 1, "message": 2}
    assert (await audit_service.verify(db))[1] is None  # the chain holds


async def audited(db: SessionFactory, action: str) -> dict[str, int]:
    """Records per type that audit entries of ``action`` name."""
    async with session_scope(db) as session:
        rows = (
            await session.execute(
                select(AuditEntry.record_type, AuditEntry.record_ids).where(
                    AuditEntry.action == action
                )
            )
        ).all()
    counts: dict[str, int] = {}
    for record_type, ids in rows:
        counts[record_type] = counts.get(record_type, 0) + len(ids)
    return counts


async def test_a_record_past_the_deletion_period_is_gone_everywhere(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    await ingest_person(client, await make_key("carrier", "LH"))
    await retain(db, 200)

    report = await retain(db, 6 * 365)

    assert report.deleted == {"travellers": 1, "bookings": 1, "messages": 2, "flights": 1}
    assert await audited(db, "erasure") == {"traveller": 1, "booking": 1, "message": 2, "flight": 1}
    async with session_scope(db) as session:
        for table in (
            "travellers",
            "bookings",
            "pnr_travellers",
            "messages",
            "flights",
            "masked_values",
            "traveller_versions",
            "booking_versions",
            "travel_documents",
        ):
            count = (await session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            assert count == 0, table


async def test_an_api_only_period_can_be_shorter(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    await ingest_person(client, await make_key("carrier", "LH"))

    report = await retain(db, 40, api_mask_after_days=30)

    assert report.masked == {"travellers": 1, "bookings": 0, "messages": 1}


async def test_an_exception_keeps_a_record_with_an_open_case_until_its_end_date(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    admin, carrier = await make_key("admin", label="DPO"), await make_key("carrier", "LH")
    await listed(client, admin)  # JOHN DOE is listed
    await push(client, carrier, paxlst([Pax(), Pax(surname="ROE", given="ANNA")]))
    async with session_scope(db) as session:
        people = {t.surname: t.id for t in (await session.execute(select(Traveller))).scalars()}
    body = {
        "record_type": "traveller",
        "justification": "open case 2026/117, hit under review",
        "until": later(250).isoformat(),
    }

    no_case = await client.post(
        "/v1/retention/exceptions",
        json={**body, "record_id": str(people["ROE"])},
        headers=bearer(admin),
    )
    kept = await client.post(
        "/v1/retention/exceptions",
        json={**body, "record_id": str(people["DOE"])},
        headers=bearer(admin),
    )

    assert no_case.status_code == 409
    assert kept.status_code == 201, kept.text
    assert kept.json()["created_by"] == "DPO"
    assert (await retain(db, 200)).masked["travellers"] == 1  # ROE only
    async with session_scope(db) as session:
        doe = await session.get(Traveller, people["DOE"])
        assert doe is not None
        assert (doe.surname, doe.masked_at) == ("DOE", None)
    assert (await retain(db, 260)).masked["travellers"] == 1  # the end date passed
    listed_exceptions = await client.get("/v1/retention/exceptions", headers=bearer(admin))
    assert listed_exceptions.json()["total"] == 1


async def test_the_run_is_idempotent(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    await ingest_person(client, await make_key("carrier", "LH"))
    first = await retain(db, 200)

    second = await retain(db, 200)

    assert sum(first.masked.values()) == 4
    assert sum(second.masked.values()) + sum(second.deleted.values()) == 0


async def test_a_run_killed_midway_leaves_whole_batches_and_the_next_run_finishes(
    client: httpx.AsyncClient,
    make_key: MakeKey,
    db: SessionFactory,
    database_url: str,
    tmp_path: Path,
) -> None:
    carrier = await make_key("carrier", "LH")
    crowd = [Pax(surname=f"PERSON{i:03d}", given="ANNA") for i in range(120)]
    assert (await push(client, carrier, paxlst(crowd))).status_code == 201
    env = {
        **os.environ,
        "PAXSCREEN_DATABASE_URL": database_url,
        "PAXSCREEN_RETENTION__VAULT_KEY_FILE": str(tmp_path / "vault.key"),
    }
    command = [
        sys.executable,
        "-m",
        "paxscreen",
        "retention",
        "run",
        "--batch-size",
        "5",
        "--now",
        later(200).strftime("%Y-%m-%dT%H:%M:%S%z"),
    ]
    runner = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)  # noqa: ASYNC220
    assert runner.stdout is not None
    first = runner.stdout.readline()  # a batch committed: kill it while it works on the next
    runner.kill()
    runner.wait(timeout=30)
    assert first.startswith("masked 5 travellers"), first

    async with session_scope(db) as session:
        rows = (await session.execute(select(Traveller.surname, Traveller.masked_at))).all()
    masked = [name for name, at in rows if at is not None]
    assert 5 <= len(masked) < 120
    assert all(name == "" for name in masked)  # no half-masked traveller
    assert all(name.startswith("PERSON") for name, at in rows if at is None)

    finished = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    async with session_scope(db) as session:
        left = (await session.execute(select(Traveller).where(Traveller.masked_at.is_(None)))).all()
    assert left == []
    assert "retention run done" in finished.stdout


async def key_id(db: SessionFactory, label: str) -> str:
    async with session_scope(db) as session:
        found = (await session.execute(select(ApiKey.id).where(ApiKey.label == label))).scalar_one()
    return str(found)


async def test_unmasking_needs_a_recorded_approval_for_the_key(
    client: httpx.AsyncClient,
    make_key: MakeKey,
    db: SessionFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key_file = tmp_path / "vault.key"
    key_file.write_bytes(KEY)
    retention = client.app.state.settings.retention  # type: ignore[attr-defined]
    monkeypatch.setattr(retention, "vault_key_file", str(key_file))
    admin = await make_key("admin", label="Judge liaison")
    analyst, other = await make_key("analyst", label="A1"), await make_key("analyst", label="A2")
    await ingest_person(client, await make_key("carrier", "LH"))
    await retain(db, 200)
    async with session_scope(db) as session:
        traveller = (await session.execute(select(Traveller.id))).scalar_one()
    path = f"/v1/retention/unmasked/traveller/{traveller}"

    refused = await client.get(path, headers=bearer(analyst))
    approval = await client.post(
        "/v1/retention/approvals",
        json={
            "record_type": "traveller",
            "record_id": str(traveller),
            "grantee_key_id": await key_id(db, "A1"),
            "decision_reference": "Court order 2027/44",
            "purpose": "criminal investigation into a listed person",
            "valid_until": later(3).isoformat(),
        },
        headers=bearer(admin),
    )
    shown = await client.get(path, headers=bearer(analyst))
    not_for_others = await client.get(path, headers=bearer(other))

    assert refused.status_code == 403
    assert refused.json()["error"] == "unmask_not_approved"
    assert approval.status_code == 201, approval.text
    assert approval.json()["approved_by"] == "Judge liaison"
    assert shown.status_code == 200, shown.text
    assert shown.json()["values"]["row"]["surname"] == NAME
    assert shown.json()["approval_id"] == approval.json()["id"]
    assert not_for_others.status_code == 403
    assert await audited(db, "unmask_approval") == {"traveller": 1}
    assert await audited(db, "unmasking") == {"traveller": 1}


async def test_a_subject_request_lists_every_record_and_erasure_removes_them(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    admin, analyst = await make_key("admin"), await make_key("analyst")
    await ingest_person(client, await make_key("carrier", "LH"))

    by_name = await client.post(
        "/v1/subject-requests", json={"surname": NAME.lower()}, headers=bearer(admin)
    )
    by_document = await client.post(
        "/v1/subject-requests", json={"document_number": "q765-4321"}, headers=bearer(admin)
    )
    nothing = await client.post("/v1/subject-requests", json={}, headers=bearer(admin))
    not_analysts = await client.post(
        "/v1/subject-requests", json={"surname": NAME}, headers=bearer(analyst)
    )

    assert by_name.status_code == 200, by_name.text
    records = by_name.json()["travellers"]
    assert sorted(r["kind"] for r in records) == ["api", "pnr"]
    assert {r["surname"] for r in records} == {NAME}
    assert [r["kind"] for r in by_document.json()["travellers"]] == ["api", "pnr"]
    assert nothing.status_code == 422
    assert not_analysts.status_code == 403
    erased = await client.post(
        "/v1/subject-requests/erasure",
        json={
            "travellers": [r["id"] for r in records if r["kind"] == "api"],
            "bookings": [r["booking_id"] for r in records if r["kind"] == "pnr"],
            "reason": "the person's request, checked and granted",
        },
        headers=bearer(admin),
    )
    assert erased.json() == {"travellers": 1, "bookings": 1}
    after = await client.post("/v1/subject-requests", json={"surname": NAME}, headers=bearer(admin))
    assert after.json()["travellers"] == []
    assert await audited(db, "erasure") == {"traveller": 1, "booking": 1}


async def test_rectification_corrects_the_record_and_is_audited(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    admin, analyst = await make_key("admin"), await make_key("analyst")
    await ingest_person(client, await make_key("carrier", "LH"))
    found = await client.post("/v1/subject-requests", json={"surname": NAME}, headers=bearer(admin))
    api = next(r for r in found.json()["travellers"] if r["kind"] == "api")
    pnr = next(r for r in found.json()["travellers"] if r["kind"] == "pnr")
    fix = {"surname": "Zarqawi", "date_of_birth": "1981-01-15", "reason": "passport copy shows"}

    fixed = await client.post(
        "/v1/subject-requests/rectification",
        json={"kind": "api", "id": api["id"], **fix},
        headers=bearer(admin),
    )
    fixed_pnr = await client.post(
        "/v1/subject-requests/rectification",
        json={
            "kind": "pnr",
            "id": pnr["id"],
            "surname": "Zarqawi",
            "reason": "passport copy shows",
        },
        headers=bearer(admin),
    )
    empty = await client.post(
        "/v1/subject-requests/rectification",
        json={"kind": "api", "id": api["id"], "reason": "nothing to change at all"},
        headers=bearer(admin),
    )

    assert fixed.json() == {"kind": "api", "id": api["id"], "fields": ["date_of_birth", "surname"]}
    assert fixed_pnr.status_code == 200
    assert empty.status_code == 422
    traveller = (await client.get(f"/v1/travellers/{api['id']}", headers=bearer(analyst))).json()
    assert (traveller["surname"], traveller["date_of_birth"]) == ("ZARQAWI", "1981-01-15")
    booking = (
        await client.get(f"/v1/bookings/{pnr['booking_id']}", headers=bearer(analyst))
    ).json()
    assert [p["surname"] for p in booking["travellers"]] == ["ZARQAWI"]
    assert await audited(db, "rectification") == {"traveller": 1, "pnr_traveller": 1}
