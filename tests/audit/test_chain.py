"""The audit log's hash chain: any single change, removal or swap is found, at the right entry."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.audit.chain import (
    GENESIS,
    MODIFIED,
    UNLINKED,
    Break,
    entry_hash,
    first_break,
    hashed_fields,
    timestamp,
)

START = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: datetime
    actor: str = "key:0123abcd"
    actor_key_id: uuid.UUID | None = None
    actor_label: str = "analyst one"
    role: str = "analyst"
    action: str = "consultation"
    record_type: str = "traveller"
    record_ids: list[str] = field(default_factory=list)
    endpoint: str = "GET /v1/travellers/{traveller_id}"
    detail: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""


def chain(count: int) -> list[Entry]:
    entries, prev = [], GENESIS
    for seq in range(1, count + 1):
        draft = Entry(
            seq=seq,
            at=START + timedelta(seconds=seq, microseconds=seq),
            record_ids=[str(uuid.UUID(int=seq))],
            detail={"n": seq, "filters": {"b": 1, "a": [1, 2]}},
        )
        sealed = dataclasses.replace(
            draft, prev_hash=prev, hash=entry_hash(hashed_fields(draft), prev)
        )
        entries.append(sealed)
        prev = sealed.hash
    return entries


def test_an_intact_chain_has_no_break() -> None:
    assert first_break(chain(50)) is None
    assert first_break([]) is None


def test_the_hash_is_canonical_json_independent_of_key_order() -> None:
    fields = {"a": 1, "b": {"y": 2, "x": [1, "é"]}}
    reordered = {"b": {"x": [1, "é"], "y": 2}, "a": 1}

    assert entry_hash(fields, GENESIS) == entry_hash(reordered, GENESIS)
    assert entry_hash(fields, GENESIS) != entry_hash(fields, "1" * 64)


def test_timestamps_are_utc_with_microseconds_whatever_the_zone() -> None:
    here = START.astimezone(timezone(timedelta(hours=2)))

    assert timestamp(here) == timestamp(START) == "2026-11-29T12:00:00.000000Z"
    with pytest.raises(ValueError, match="naive"):
        timestamp(START.replace(tzinfo=None))


CHANGES: dict[str, Any] = {
    "actor": "key:ffffffff",
    "actor_label": "someone else",
    "role": "admin",
    "action": "erasure",
    "record_type": "booking",
    "record_ids": ["00000000-0000-0000-0000-000000000999"],
    "endpoint": "GET /v1/bookings",
    "detail": {"n": -1},
    "at": START - timedelta(days=1),
    "actor_key_id": uuid.UUID(int=7),
}


@given(
    length=st.integers(min_value=1, max_value=25),
    data=st.data(),
    column=st.sampled_from(sorted(CHANGES)),
)
def test_any_changed_entry_is_found(length: int, data: st.DataObject, column: str) -> None:
    entries = chain(length)
    index = data.draw(st.integers(min_value=0, max_value=length - 1))
    entries[index] = dataclasses.replace(entries[index], **{column: CHANGES[column]})

    assert first_break(entries) == Break(index + 1, MODIFIED)


@given(length=st.integers(min_value=1, max_value=25), data=st.data())
def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(
    length: int, data: st.DataObject
) -> None:
    entries = chain(length + 1)
    index = data.draw(st.integers(min_value=0, max_value=length - 1))
    forged = dataclasses.replace(entries[index], actor="key:ffffffff")
    entries[index] = dataclasses.replace(
        forged, hash=entry_hash(hashed_fields(forged), forged.prev_hash)
    )

    assert first_break(entries) == Break(index + 2, UNLINKED)


@given(length=st.integers(min_value=2, max_value=25), data=st.data())
def test_any_removed_entry_but_the_newest_is_found(length: int, data: st.DataObject) -> None:
    entries = chain(length)
    index = data.draw(st.integers(min_value=0, max_value=length - 2))
    del entries[index]

    assert first_break(entries) == Break(index + 2, UNLINKED)


@given(length=st.integers(min_value=2, max_value=25), data=st.data())
def test_any_two_entries_swapped_are_found(length: int, data: st.DataObject) -> None:
    entries = chain(length)
    first = data.draw(st.integers(min_value=0, max_value=length - 2))
    second = data.draw(st.integers(min_value=first + 1, max_value=length - 1))
    entries[first], entries[second] = entries[second], entries[first]

    assert first_break(entries) == Break(second + 1, UNLINKED)
