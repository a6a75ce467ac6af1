"""What masking takes out of stored data. Pure.

Masking acts on the data categories tagged at ingest (EU Directive 2016/681 art. 12(2): names,
address and contact information, payment details, frequent flyer information, general remarks,
and API data). Everything else (itinerary, dates, seats, bags, agency, codes) stays, so masked
records still serve statistics and rule back-tests. A masked value keeps its type: "" for text,
[] for lists, None otherwise, so stored data still reads as the model it came from.
"""

from __future__ import annotations

import re
from typing import Any

from paxscreen.normalise.canonical_pnr import Booking, DataCategory, fields_in

MASKED_CATEGORIES = (
    DataCategory.NAMES,
    DataCategory.CONTACTS,
    DataCategory.PAYMENT,
    DataCategory.FREQUENT_FLYER,
    DataCategory.GENERAL_REMARKS,
    DataCategory.API_DATA,
)
# The personal fields of an API traveller (all API data, art. 12(2)(e)), and of its documents.
# Kept: role, status, gender, nationality, residence, route, seat, bags, document type, issuing
# state and expiry (what statistics and back-tests read).
API_TRAVELLER_FIELDS = (
    "surname",
    "given_names",
    "date_of_birth",
    "place_of_birth",
    "reservation_ref",
    "passenger_ref",
    "other_refs",
    "address",
    "contacts",
)
API_DOCUMENT_FIELDS = ("number", "issue_date")
_INDEX = re.compile(r"(\w+)\[(\d+)\]")


def blank(value: Any) -> Any:
    if isinstance(value, str):
        return ""
    if isinstance(value, list | tuple):
        return []
    if isinstance(value, bool):
        return value  # flags (an infant) say nothing about who
    return None


def mask_api_traveller(data: dict[str, Any]) -> dict[str, Any]:
    """Blanks the personal fields of a stored API traveller (a version's data) in place;
    answers what it took out."""
    removed: dict[str, Any] = {}
    for name in API_TRAVELLER_FIELDS:
        if data.get(name) not in (None, "", [], {}):
            removed[name] = data[name]
            data[name] = {} if name == "other_refs" else blank(data[name])
    for index, document in enumerate(data.get("documents") or []):
        for name in API_DOCUMENT_FIELDS:
            if document.get(name) not in (None, ""):
                removed[f"documents[{index}].{name}"] = document[name]
                document[name] = blank(document[name])
    return removed


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        found = _INDEX.fullmatch(part)
        node = node[found.group(1)][int(found.group(2))] if found else node[part]
    last = parts[-1]
    found = _INDEX.fullmatch(last)
    if found:
        return node[found.group(1)], int(found.group(2))
    return node, last


def mask_booking(data: dict[str, Any]) -> dict[str, Any]:
    """Blanks the masked categories of a stored booking (a version's data) in place; answers
    what it took out, by dotted path."""
    removed: dict[str, Any] = {}
    for category in MASKED_CATEGORIES:
        for path in fields_in(category, data, Booking):
            parent, key = _parent(data, path)
            value = parent[key]
            if value in (None, "", [], {}):
                continue
            removed[path] = value
            parent[key] = blank(value)
    return removed


def mask_explanation(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A hit's explanation without what it quoted of the traveller (names, document numbers):
    the fields, outcomes and weights stay."""
    return [
        {**line, "detail": "masked", "query_value": None}
        if line.get("detail") or line.get("query_value")
        else line
        for line in evidence
    ]
