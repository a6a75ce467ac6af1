"""Statement helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite

from paxscreen.storage.session import Session

T = TypeVar("T")
IN_CHUNK = 500  # values per IN (...) list: well under SQLite's limit on bound parameters


def upsert_insert(session: Session, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (PostgreSQL and SQLite both do)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
