"""The hash chain of the audit log. Pure: no web, no SQL.

Each entry's hash is SHA-256 over a canonical JSON of its own fields and the previous entry's
hash, so that changing an entry breaks its own hash, and removing or reordering entries breaks
the link to the next one. Sequence numbers are not hashed: a rolled-back transaction leaves a gap
in them, which is not tampering.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

GENESIS = "0" * 64

MODIFIED = "hash does not match its contents (the entry was changed)"
UNLINKED = "does not follow the entry before it (an entry was removed, inserted or reordered)"


class Linked(Protocol):
    """An audit entry as the chain sees it (the ORM row fits)."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def actor_key_id(self) -> uuid.UUID | None: ...
    @property
    def actor_label(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def record_type(self) -> str: ...
    @property
    def record_ids(self) -> list[str]: ...
    @property
    def endpoint(self) -> str: ...
    @property
    def detail(self) -> dict[str, Any]: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...


def timestamp(at: datetime) -> str:
    """UTC, always with microseconds: the same instant always gives the same text."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def hashed_fields(entry: Linked) -> dict[str, Any]:
    return {
        "at": timestamp(entry.at),
        "actor": entry.actor,
        "actor_key_id": str(entry.actor_key_id) if entry.actor_key_id else None,
        "actor_label": entry.actor_label,
        "role": entry.role,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_ids": list(entry.record_ids),
        "endpoint": entry.endpoint,
        "detail": entry.detail,
    }


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    payload = canonical_json({**fields, "prev_hash": prev_hash})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Break:
    seq: int
    reason: str


class ChainWalker:
    """Checks entries one at a time, in order, so that a long log can be streamed through."""

    def __init__(self) -> None:
        self.expected_prev = GENESIS
        self.checked = 0

    def check(self, entry: Linked) -> Break | None:
        self.checked += 1
        if entry.prev_hash != self.expected_prev:
            return Break(entry.seq, UNLINKED)
        if entry_hash(hashed_fields(entry), entry.prev_hash) != entry.hash:
            return Break(entry.seq, MODIFIED)
        self.expected_prev = entry.hash
        return None


def first_break(entries: Iterable[Linked]) -> Break | None:
    """The first entry, in the order given, whose hash or link is wrong; None for an intact chain.
    Removing the newest entries cannot be seen from the log alone (keep its head hash elsewhere)."""
    walker = ChainWalker()
    for entry in entries:
        broken = walker.check(entry)
        if broken is not None:
            return broken
    return None
