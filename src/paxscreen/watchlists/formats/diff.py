"""What importing a newer edition of a list changes, entry by entry, keyed by reference: applying
the difference (instead of adding the edition again) keeps one entry per reference and a
history of what changed in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from paxscreen.normalise.canonical_watchlist import ListEntry


class EntryChange(NamedTuple):
    old: ListEntry
    new: ListEntry
    fields: tuple[str, ...]  # the ListEntry fields that differ, in model order


@dataclass(frozen=True)
class ListDiff:
    added: list[ListEntry] = field(default_factory=list)  # in the order of the new edition
    removed: list[ListEntry] = field(default_factory=list)  # in the order of ``old``
    changed: list[EntryChange] = field(default_factory=list)  # in the order of the new edition
    unchanged: int = 0
    # Entries of the new edition whose reference an earlier one already has: not compared, not
    # applied. A list that repeats a reference is for a person to sort out.
    duplicates: list[ListEntry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.duplicates)


def changed_fields(old: ListEntry, new: ListEntry) -> tuple[str, ...]:
    """The fields of ``new`` that differ from ``old``. Tuples compare in order: a list that
    reorders an entry's aliases has changed its names."""
    return tuple(
        name for name in ListEntry.model_fields if getattr(old, name) != getattr(new, name)
    )


def diff_entries(old: Mapping[str, ListEntry], new: Sequence[ListEntry]) -> ListDiff:
    """The difference between the entries a list holds (``old``, by reference) and a new edition
    of it (``new``): what to add, remove and change, and how many stay as they are."""
    added: list[ListEntry] = []
    changed: list[EntryChange] = []
    duplicates: list[ListEntry] = []
    unchanged = 0
    seen: set[str] = set()
    for entry in new:
        if entry.reference in seen:
            duplicates.append(entry)
            continue
        seen.add(entry.reference)
        previous = old.get(entry.reference)
        if previous is None:
            added.append(entry)
        elif fields := changed_fields(previous, entry):
            changed.append(EntryChange(previous, entry, fields))
        else:
            unchanged += 1
    removed = [entry for reference, entry in old.items() if reference not in seen]
    return ListDiff(added, removed, changed, unchanged, duplicates)
