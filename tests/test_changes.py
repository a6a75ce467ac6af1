"""Field-by-field differences between versions."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from paxscreen.changes import Change, changed_fields, changes


def test_nested_and_listed_fields_are_named_by_path() -> None:
    before = {"locators": [{"locator": "ABC"}], "travellers": [{"surname": "A", "seat": "1A"}]}
    after = {"locators": [{"locator": "ABC"}], "travellers": [{"surname": "A", "seat": "2B"}]}

    assert changes(before, after) == [Change("travellers[0].seat", "1A", "2B")]


def test_added_and_removed_keys_and_items() -> None:
    before = {"a": 1, "items": [1]}
    after = {"b": 2, "items": [1, 5]}

    assert changes(before, after) == [
        Change("a", 1, None),
        Change("items[1]", None, 5),
        Change("b", None, 2),
    ]


def test_type_change_is_one_change() -> None:
    assert changes({"x": {"y": 1}}, {"x": None}) == [Change("x", {"y": 1}, None)]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=15,
)


@given(json_values)
def test_a_document_does_not_differ_from_itself(value: Any) -> None:
    assert changed_fields(value, value) == []


@given(json_values, json_values)
def test_any_difference_is_reported(left: Any, right: Any) -> None:
    assert (changed_fields(left, right) == []) == (left == right)
