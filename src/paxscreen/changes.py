"""Field-by-field differences between two JSON documents (versions of a record). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MISSING = object()


@dataclass(frozen=True, slots=True)
class Change:
    field: str  # dotted path with list indexes: travellers[0].documents[1].number
    before: Any
    after: Any


def changes(before: Any, after: Any, prefix: str = "") -> list[Change]:
    """Every leaf that differs, in document order. Lists are compared position by position, so an
    inserted item shows as changes to the items after it and one added at the end."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[Change] = []
        for key in [*before, *(k for k in after if k not in before)]:
            path = f"{prefix}.{key}" if prefix else str(key)
            found += changes(before.get(key, _MISSING), after.get(key, _MISSING), path)
        return found
    if isinstance(before, list) and isinstance(after, list):
        found = []
        for index in range(max(len(before), len(after))):
            left = before[index] if index < len(before) else _MISSING
            right = after[index] if index < len(after) else _MISSING
            found += changes(left, right, f"{prefix}[{index}]")
        return found
    if before == after:
        return []
    return [
        Change(prefix, None if before is _MISSING else before, None if after is _MISSING else after)
    ]


def changed_fields(before: Any, after: Any) -> list[str]:
    """The paths that differ, without the values."""
    return [change.field for change in changes(before, after)]
