"""PNRGOV XML over HTTP: accepted with the same meaning as EDIFACT, and hostile XML refused with a
4xx, nothing expanded, fetched or stored beyond the raw body."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest

from paxscreen.storage.session import SessionFactory
from tests.api.test_pnr_ingest import dump_database
from tests.conftest import MakeKey, bearer, push

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pnrgov_xml"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00">&lol4;</IATA_PNRGOV_NotifRQ>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00">&xxe;</IATA_PNRGOV_NotifRQ>"""


async def test_xml_push_is_accepted_as_bookings(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    analyst = await make_key("analyst")

    response = await push(client, key, (FIXTURES / "full_push.xml").read_bytes(), "application/xml")

    assert response.status_code == 201, response.text
    receipt = response.json()
    (summary,) = receipt["manifests"]
    assert (summary["message_type"], summary["format"], summary["kind"]) == (
        "PNRGOV",
        "XML",
        "full",
    )
    assert summary["bookings"] == 2
    assert (summary["flight"]["carrier"], summary["flight"]["flight_number"]) == ("LH", "400")
    assert receipt["dropped"]["sensitive"].get("religion", 0) >= 1  # KSML and the MUSLIM remark
    page = (
        await client.get("/v1/bookings", params={"locator": "ABC123"}, headers=bearer(analyst))
    ).json()
    assert page["total"] == 1


async def test_xml_card_number_is_masked_in_the_stored_body(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")

    await push(client, key, (FIXTURES / "full_push.xml").read_bytes(), "application/xml")

    stored = await dump_database(db)
    assert "4111 1111 1111 1111" not in stored
    assert "4111111111111111" not in stored


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (BILLION_LAUGHS, "xml_forbidden"),
        (EXTERNAL_ENTITY, "xml_forbidden"),
        (b"<IATA_PNRGOV_NotifRQ xmlns='http://www.iata.org/IATA/2007/00'><PNRs>", "xml_syntax"),
        (b"<html><body>not a push</body></html>", "xml_structure"),
    ],
)
async def test_hostile_or_broken_xml_is_refused_and_kept_as_rejected(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory, body: bytes, error: str
) -> None:
    key = await make_key("carrier", "LH")
    started = time.perf_counter()

    response = await push(client, key, body, "application/xml")

    assert time.perf_counter() - started < 5
    assert response.status_code == 422
    answer = response.json()
    assert answer["error"] == error
    assert "root:" not in response.text  # nothing of /etc/passwd
    assert set(answer["location"]) == {"line", "column", "element"}
    stored = await dump_database(db)
    assert "root:x:0:0" not in stored
    assert uuid.UUID(answer["message_id"])
