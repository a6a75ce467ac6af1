"""The context schema is the allowlist: documented, JSON-ready, and what subjects emit."""

from __future__ import annotations

import json
from typing import Any

import pytest

from paxscreen.rules.engine.context import (
    EXAMPLE_SUBJECT,
    FIELDS,
    ROOTS,
    RuleSubject,
    SubjectFlight,
    SubjectItinerary,
    SubjectTraveller,
    context_schema,
    is_sensitive_name,
)
from tests.rules.subjects import CASH_ONE_WAY_VIA_SYRIA, NO_PNR_CREW


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every field path present in an activation, list elements written `name[]`."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out.add(path)
            out |= _paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                out |= _paths(item, prefix + "[]")
    return out


def test_schema_is_json_serialisable_and_documents_every_field() -> None:
    schema = context_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert schema["roots"] == ["traveller", "documents", "flight", "itinerary", "booking"]
    for entry in schema["fields"]:
        assert entry["description"]
        assert "example" in entry
        assert entry["type"] in {"bool", "int", "double", "string", "object"} or entry[
            "type"
        ].startswith("list<")


def test_full_subject_emits_exactly_the_schema_fields() -> None:
    assert _paths(EXAMPLE_SUBJECT.to_activation()) == {f.path for f in FIELDS}
    assert _paths(CASH_ONE_WAY_VIA_SYRIA.to_activation()) == {f.path for f in FIELDS}


def test_unknown_values_are_left_out_and_booking_reduces_to_present() -> None:
    activation = NO_PNR_CREW.to_activation()
    assert activation["booking"] == {"present": False}
    assert "age_at_departure" not in activation["traveller"]
    assert activation["documents"] == [{"type": "P", "issuing_state": "USA"}]


def test_no_sensitive_field_is_in_the_context() -> None:
    for spec in FIELDS:
        assert not is_sensitive_name(spec.path.rsplit(".", 1)[-1]), spec.path
    assert set(ROOTS) == {"traveller", "documents", "flight", "itinerary", "booking"}


@pytest.mark.parametrize(
    "name", ["religion", "meal", "meal_preference", "ethnicity", "health", "sexual_orientation"]
)
def test_sensitive_names_are_recognised(name: str) -> None:
    assert is_sensitive_name(name)


def test_subject_rejects_values_outside_the_code_lists() -> None:
    with pytest.raises(ValueError, match="gender"):
        RuleSubject(
            traveller=SubjectTraveller(gender="X", role="passenger"),  # type: ignore[arg-type]
            flight=SubjectFlight("CDG", "JFK", "FRA", "USA"),
            itinerary=SubjectItinerary(("FRA", "USA")),
        )


def test_double_fields_stay_double() -> None:
    subject = RuleSubject(
        traveller=SubjectTraveller(gender="F", role="passenger"),
        flight=SubjectFlight("CDG", "JFK", "FRA", "USA"),
        itinerary=SubjectItinerary(("FRA", "USA"), max_dwell_hours=3),
    )
    assert isinstance(subject.to_activation()["itinerary"]["max_dwell_hours"], float)
