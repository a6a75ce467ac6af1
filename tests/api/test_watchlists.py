"""Watchlists over HTTP: lists and entries with versions and history, UN and CSV imports that apply
the difference, and roles."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import MakeKey, bearer
from tests.corpus import CORPUS_DIR, require_corpus

UN_2018 = CORPUS_DIR / "lists" / "un_consolidated_2018-10-29.xml"
UN_2026 = CORPUS_DIR / "lists" / "un_consolidated_2026-02-27.xml"


def entry(reference: str = "T-1", name: str = "JOHN DOE", **extra: Any) -> dict[str, Any]:
    return {
        "reference": reference,
        "names": [{"full": name, "primary": True}],
        "dates_of_birth": [
            {"precision": "year", "earliest": "1980-01-01", "latest": "1980-12-31", "text": "1980"}
        ],
        "nationalities": ["USA"],
        **extra,
    }


async def create_list(
    client: httpx.AsyncClient, admin: str, name: str = "Test list", **extra: Any
) -> Any:
    response = await client.post(
        "/v1/watchlists", json={"name": name, **extra}, headers=bearer(admin)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_admin_creates_a_list_analysts_read_it(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key("admin")
    analyst = await make_key("analyst")

    created = await create_list(client, admin, "Terror list", severity="critical", threshold=0.8)

    assert (created["version"], created["entry_count"], created["effective_threshold"]) == (
        1,
        0,
        0.8,
    )
    listed = (await client.get("/v1/watchlists", headers=bearer(analyst))).json()
    assert [w["name"] for w in listed["items"]] == ["Terror list"]
    refused = await client.post("/v1/watchlists", json={"name": "x"}, headers=bearer(analyst))
    assert refused.status_code == 403
    carrier = await make_key("carrier", "LH")
    assert (await client.get("/v1/watchlists", headers=bearer(carrier))).status_code == 403


async def test_duplicate_list_name_is_a_conflict(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key("admin")
    await create_list(client, admin, "Same")

    response = await client.post("/v1/watchlists", json={"name": "Same"}, headers=bearer(admin))

    assert response.status_code == 409


async def test_entry_changes_bump_the_list_version_and_keep_history(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key("admin")
    watchlist = await create_list(client, admin)
    base = f"/v1/watchlists/{watchlist['id']}"

    added = await client.post(f"{base}/entries", json=entry(), headers=bearer(admin))
    assert added.status_code == 201, added.text
    entry_id = added.json()["id"]
    changed = await client.put(
        f"{base}/entries/{entry_id}", json=entry(nationalities=["GBR"]), headers=bearer(admin)
    )
    removed = await client.delete(f"{base}/entries/{entry_id}", headers=bearer(admin))

    assert changed.json()["version"] == 2
    assert removed.json()["status"] == "removed"
    history = (await client.get(f"{base}/entries/{entry_id}/history", headers=bearer(admin))).json()
    assert [(v["version"], v["change"], v["list_version"]) for v in history["versions"]] == [
        (1, "added", 2),
        (2, "changed", 3),
        (3, "removed", 4),
    ]
    assert history["versions"][1]["changed_fields"] == ["nationalities[0]"]
    assert history["versions"][1]["actor"].startswith("key:")
    listed = (await client.get(base, headers=bearer(admin))).json()
    assert (listed["version"], listed["entry_count"]) == (4, 0)


async def test_an_entry_reference_is_unique_on_its_list(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key("admin")
    watchlist = await create_list(client, admin)
    base = f"/v1/watchlists/{watchlist['id']}/entries"
    await client.post(base, json=entry(), headers=bearer(admin))

    again = await client.post(base, json=entry(name="OTHER"), headers=bearer(admin))

    assert again.status_code == 409
    assert again.json()["error"] == "conflict"


async def test_an_invalid_entry_is_refused(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("admin")
    watchlist = await create_list(client, admin)

    response = await client.post(
        f"/v1/watchlists/{watchlist['id']}/entries",
        json={"reference": "X", "names": [{"full": "A"}], "dates_of_birth": [{"precision": "day"}]},
        headers=bearer(admin),
    )

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


async def test_un_list_import_then_newer_edition_applies_the_difference(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    require_corpus()
    admin = await make_key("admin")
    watchlist = await create_list(client, admin, "UN")
    path = f"/v1/watchlists/{watchlist['id']}/import"
    xml = {"Content-Type": "application/xml"}

    first = await client.post(path, content=UN_2018.read_bytes(), headers={**bearer(admin), **xml})
    second = await client.post(path, content=UN_2026.read_bytes(), headers={**bearer(admin), **xml})
    again = await client.post(path, content=UN_2026.read_bytes(), headers={**bearer(admin), **xml})

    assert first.status_code == 200, first.text
    assert (first.json()["entries_read"], first.json()["added"]) == (1093, 1093)
    result = second.json()
    assert (result["added"], result["removed"], result["changed"], result["unchanged"]) == (
        111,
        201,
        629,
        263,
    )
    assert again.json()["added"] + again.json()["changed"] + again.json()["removed"] == 0
    assert again.json()["list_version"] == result["list_version"]  # nothing changed, no new version
    listed = (await client.get(f"/v1/watchlists/{watchlist['id']}", headers=bearer(admin))).json()
    assert listed["entry_count"] == 1003
    found = (
        await client.get(
            f"/v1/watchlists/{watchlist['id']}/entries",
            params={"name": "BADEGE"},
            headers=bearer(admin),
        )
    ).json()
    assert [e["reference"] for e in found["items"]] == ["CDi.001"]


async def test_csv_import_and_located_errors(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    admin = await make_key("admin")
    watchlist = await create_list(client, admin)
    csv = (
        "reference,entity_type,full_name,date_of_birth,nationalities\n"
        "C-1,person,JOHN DOE,1980,USA\n"
        "C-2,person,,1981,USA\n"
    )

    response = await client.post(
        f"/v1/watchlists/{watchlist['id']}/import",
        content=csv.encode(),
        headers={**bearer(admin), "Content-Type": "text/csv"},
    )

    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["entries_read"], result["added"]) == (1, 1)
    (problem,) = [w for w in result["warnings"] if w["line"] == 3]
    assert problem["code"] == "csv_missing_name"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        (b"<html/>", "application/xml", 422, "watchlist_import_rejected"),
        (b"{}", "application/json", 415, "unsupported_media_type"),
    ],
)
async def test_unreadable_list_files_are_refused(
    client: httpx.AsyncClient,
    make_key: MakeKey,
    body: bytes,
    content_type: str,
    status: int,
    error: str,
) -> None:
    admin = await make_key("admin")
    watchlist = await create_list(client, admin)

    response = await client.post(
        f"/v1/watchlists/{watchlist['id']}/import",
        content=body,
        headers={**bearer(admin), "Content-Type": content_type},
    )

    assert response.status_code == status
    assert response.json()["error"] == error
