"""Applying a newer edition of a list: what is added, removed and changed, keyed by reference."""

from __future__ import annotations

from datetime import date

import pytest

from paxscreen.normalise.canonical_watchlist import ListEntry, ListName
from paxscreen.watchlists.formats.diff import EntryChange, ListDiff, diff_entries
from tests.watchlists.lists import UN_2018, UN_2026, by_reference, un_edition


def entry(reference: str, name: str = "JOHN DOE", **fields: object) -> ListEntry:
    return ListEntry.model_validate(
        {"reference": reference, "names": [ListName(full=name, primary=True)], **fields}
    )


def test_added_removed_changed_and_unchanged() -> None:
    old = {e.reference: e for e in [entry("A"), entry("B"), entry("C", remarks="x")]}
    changed = entry("C", "JANE DOE", remarks="y")
    new = [entry("D"), changed, entry("A")]
    diff = diff_entries(old, new)
    assert diff == ListDiff(
        added=[entry("D")],
        removed=[entry("B")],
        changed=[EntryChange(old["C"], changed, ("names", "remarks"))],
        unchanged=1,
    )
    # Unpacks as (old, new, fields), as the import service reads it.
    ((before, after, fields),) = diff.changed
    assert (before.remarks, after.remarks, fields) == ("x", "y", ("names", "remarks"))


def test_a_repeated_reference_is_set_aside_not_applied() -> None:
    diff = diff_entries({}, [entry("A"), entry("A", "OTHER")])
    assert diff.added == [entry("A")]
    assert diff.duplicates == [entry("A", "OTHER")]
    assert not diff.is_empty


def test_alias_order_and_dates_count_as_changes() -> None:
    two = (ListName(full="X", primary=True), ListName(full="Y"), ListName(full="Z"))
    before = ListEntry(reference="A", names=two)
    after = ListEntry(reference="A", names=(two[0], two[2], two[1]), listed_on=date(2020, 1, 1))
    (change,) = diff_entries({"A": before}, [after]).changed
    assert change.fields == ("names", "listed_on")


@pytest.mark.corpus
@pytest.mark.parametrize("name", [UN_2018, UN_2026])
def test_a_list_against_itself_is_empty(name: str) -> None:
    entries = un_edition(name).entries
    diff = diff_entries(by_reference(entries), entries)
    assert diff.is_empty
    assert diff.unchanged == len(entries)


@pytest.mark.corpus
def test_un_2018_to_2026() -> None:
    old, new = un_edition(UN_2018).entries, un_edition(UN_2026).entries
    diff = diff_entries(by_reference(old), new)
    assert (len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged) == (
        111,
        201,
        629,
        263,
    )
    assert diff.duplicates == []
    # Every entry of either edition is accounted for exactly once.
    assert len(diff.added) + len(diff.changed) + diff.unchanged == len(new) == 1003
    assert len(diff.removed) + len(diff.changed) + diff.unchanged == len(old) == 1093
    changes = by_reference([change.new for change in diff.changed])
    assert "CFi.002" in changes  # an alias added in 2026
    (cfi002,) = [change for change in diff.changed if change.new.reference == "CFi.002"]
    assert "names" in cfi002.fields
    assert {e.reference for e in diff.added} >= {"CDi.036", "CFi.013"}
    # Applying the difference gives the new edition, and nothing twice.
    applied = by_reference(old)
    for removed in diff.removed:
        del applied[removed.reference]
    applied.update(by_reference([*diff.added, *(change.new for change in diff.changed)]))
    assert applied == by_reference(new)
    assert diff_entries(applied, new).is_empty
