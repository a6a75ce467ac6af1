"""Bad input of every kind gets a clear error; whatever was taken in for parsing stays stored."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.orm import undefer

from paxscreen.storage.models import InboundMessage
from paxscreen.storage.session import SessionFactory
from tests.conftest import EDIFACT, MakeKey, bearer, push
from tests.factories import Pax, paxlst


async def stored(db: SessionFactory, message_id: str) -> InboundMessage:
    async with db() as session:
        message = await session.get(
            InboundMessage, uuid.UUID(message_id), options=[undefer(InboundMessage.raw)]
        )
    assert message is not None
    return message


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \r\n  ", "blank"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"hello, this is not EDIFACT", "prose"),
    ],
)
async def test_unreadable_body_is_rejected_with_422_and_kept(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory, body: bytes, reason: str
) -> None:
    key = await make_key("carrier", "LH")

    response = await push(client, key, body)

    assert response.status_code == 422, reason
    error = response.json()
    assert error["error"] == "edifact_syntax"
    assert error["detail"]
    message = await stored(db, error["message_id"])
    assert message.status == "rejected"
    assert message.raw == body
    assert message.error is not None
    assert message.error["error"] == "edifact_syntax"


async def test_wrong_separators_without_una_are_located(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax()]).replace(b"+", b"*").replace(b"UNA:*.? '", b"")

    response = await push(client, key, body)

    assert response.status_code == 422
    error = response.json()
    assert error["location"]["segment"] == 1
    assert "UNB" in (error["expected"] or "") + error["detail"]


async def test_interchange_truncated_inside_the_header_is_rejected(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax()])
    truncated = body[: body.index(b"UNH") + 10]

    response = await push(client, key, truncated)

    assert response.status_code == 422
    assert response.json()["location"]["segment"] is not None


async def test_interchange_truncated_among_travellers_keeps_what_arrived_and_warns(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = paxlst([Pax(surname="FIRST"), Pax(surname="SECOND")])
    truncated = body[: body.index(b"NAD+FL+++SECOND")]

    response = await push(client, key, truncated)

    assert response.status_code == 201
    receipt = response.json()
    assert receipt["traveller_count"] == 1
    codes = {w["code"] for w in receipt["warnings"]}
    assert "missing_unt" in codes


async def test_message_without_flight_leg_is_a_located_structure_error(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = (
        b"UNA:+.? 'UNB+UNOA:4+S+R+261129:0900+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        b"NAD+FL+++DOE:JOHN'UNT+4+1'UNZ+1+1'"
    )

    response = await push(client, key, body)

    assert response.status_code == 422
    error = response.json()
    assert error["error"] == "message_structure"
    assert error["location"]["tag"] in {"NAD", "UNT", "BGM"}
    assert error["location"]["segment"] is not None


async def test_unsupported_message_type_is_refused_at_its_unh(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")
    body = b"UNB+UNOA:4+S+R+261129:0900+1'UNH+1+INVOIC:D:96A:UN'BGM+380'UNT+3+1'UNZ+1+1'"

    response = await push(client, key, body)

    assert response.status_code == 422
    error = response.json()
    assert error["error"] == "unsupported_message"
    assert error["location"] == {"segment": 2, "tag": "UNH"}


async def test_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, make_key: MakeKey, db: SessionFactory
) -> None:
    key = await make_key("carrier", "LH")
    huge = paxlst([Pax()]) + b" " * (3 * 1024 * 1024)

    response = await push(client, key, huge)

    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    assert response.json()["limit"] == 2 * 1024 * 1024


async def test_streamed_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 100_000

    response = await client.post(
        "/v1/messages", content=chunks(), headers={**bearer(key), **EDIFACT}
    )

    assert response.status_code == 413


@pytest.mark.parametrize("content_type", ["application/json", "image/png", ""])
async def test_wrong_content_type_is_refused_with_415(
    client: httpx.AsyncClient, make_key: MakeKey, content_type: str
) -> None:
    key = await make_key("carrier", "LH")

    response = await push(client, key, paxlst(), content_type)

    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"
    assert "application/edifact" in response.json()["detail"]


async def test_text_plain_with_charset_is_accepted(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key("carrier", "LH")

    response = await push(client, key, paxlst(), "text/plain; charset=utf-8")

    assert response.status_code == 201
