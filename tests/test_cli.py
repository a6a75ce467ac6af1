"""The paxscreen command, run as a user runs it: in a subprocess against the test database."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx

from paxscreen.storage.session import SessionFactory
from tests.conftest import bearer
from tests.corpus import GTAS_DIR, require_corpus
from tests.factories import Pax, paxlst


def paxscreen(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAXSCREEN_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "paxscreen", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_keys_create_prints_a_working_key_once(
    client: httpx.AsyncClient, database_url: str
) -> None:
    result = paxscreen(
        database_url, "keys", "create", "--role", "carrier", "--carrier", "LH", "--carrier", "af"
    )

    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key.startswith("pxs_")
    assert "not shown again" in result.stderr
    listed = paxscreen(database_url, "keys", "list")
    assert "AF,LH" in listed.stdout
    assert key not in listed.stdout
    assert (await client.get("/v1/messages", headers=bearer(key))).status_code == 200


async def test_keys_create_refuses_a_carrier_key_without_airline(
    db: SessionFactory, database_url: str
) -> None:
    result = paxscreen(database_url, "keys", "create", "--role", "carrier")

    assert result.returncode != 0
    assert "at least one airline" in result.stderr


async def test_ingest_files_summarises_accepted_duplicates_and_rejections(
    client: httpx.AsyncClient, database_url: str, tmp_path: object
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    good = folder / "good.edi"
    good.write_bytes(paxlst([Pax(), Pax(surname="B")]))
    bad = folder / "bad.edi"
    bad.write_bytes(b"not edifact at all")

    result = paxscreen(database_url, "ingest", str(good), str(good), str(bad))

    assert result.returncode == 0, result.stderr
    assert "3 file(s): 1 accepted, 0 awaiting parts, 1 duplicates, 1 rejected" in result.stdout
    assert "rejected bad.edi:" in result.stdout


async def test_ingest_corpus_manifests_offline(
    client: httpx.AsyncClient, database_url: str
) -> None:
    require_corpus()
    whole = GTAS_DIR / "gtas-loader__apis-messages__multiple_flight_leg_apis.txt"
    last_part = (
        GTAS_DIR / "gtas-loader__apis-messages__airline2.edi"
    )  # UNH ...+10:F, parts 1-9 absent

    result = paxscreen(database_url, "ingest", str(whole), str(last_part))

    assert "2 file(s): 1 accepted, 1 awaiting parts, 0 duplicates, 0 rejected" in result.stdout


def test_openapi_command_prints_the_document(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "paxscreen", "openapi"], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0
    assert '"/v1/messages"' in result.stdout
