"""Every file of the GTAS corpus, pushed over HTTP: a receipt with INDEX.md's traveller count, or a
located error. Never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import EDIFACT, MakeKey, bearer
from tests.corpus import GTAS_DIR, PNRGOV_COUNT_CORRECTIONS, gtas_index, require_corpus

FILES = sorted(path.name for path in GTAS_DIR.glob("*") if path.name != "INDEX.md") or ["absent"]
INDEX = {row.path.name: row for row in gtas_index()}


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES)
async def test_corpus_file_is_a_receipt_or_a_located_error(
    client: httpx.AsyncClient, make_key: MakeKey, name: str
) -> None:
    require_corpus()
    key = await make_key("carrier", "*")
    body = (GTAS_DIR / name).read_bytes()

    response = await client.post("/v1/messages", content=body, headers={**bearer(key), **EDIFACT})

    row = INDEX.get(name)
    if row is not None and row.type == "PAXLST":
        assert response.status_code in (201, 202), response.text
        receipt = response.json()
        assert receipt["traveller_count"] == row.traveller_count
        assert sum(m["travellers"] for m in receipt["manifests"]) == row.traveller_count
        return
    if row is not None and row.type == "PNRGOV":
        assert response.status_code == 201, response.text
        receipt = response.json()
        expected = PNRGOV_COUNT_CORRECTIONS.get(name, (row.booking_count, row.traveller_count))
        assert sum(m["bookings"] for m in receipt["manifests"]) == expected[0]
        assert receipt["traveller_count"] == expected[1]
        return
    # CSV and JSON files beside the messages
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] == "edifact_syntax"
    assert error["detail"]


def test_every_paxlst_file_of_the_index_is_pushed() -> None:
    require_corpus()
    paxlst = {name for name, row in INDEX.items() if row.type == "PAXLST"}

    assert len(paxlst) == 10
    assert paxlst <= set(FILES)
