"""The value-level parts of a UN Consolidated List entry: dates of birth, places of birth and
identity documents. Each reader takes the element and reports into the entry's issue log.

Dates of birth (INDIVIDUAL_DATE_OF_BIRTH), by the fields present:

- DATE (EXACT): that day. DATE under APPROXIMATELY: the approximate span of its year.
- YEAR: EXACT gives the year, or the month when NOTE names one (``<YEAR>1958</YEAR>``,
  ``<NOTE>Sep.</NOTE>``); APPROXIMATELY gives the year +-1 (birth_dates.APPROXIMATE_YEARS).
- FROM_YEAR and TO_YEAR (BETWEEN): the range, whole years; a NOTE "Approximately" is kept in
  the text but does not widen it.
- NOTE alone: "Nov. 1973" and "August 1961" give the month; "Between Aug. and Sep. 1977" the
  range of months. Anything else ("30-35 years old", a Hijri date) is reported as
  ``un_dob_unparsed`` and left out, its text in the warning.
- No field at all (``<TYPE_OF_DATE/>`` alone): the UN's placeholder, nothing to read.

A TYPE_OF_DATE other than EXACT, APPROXIMATELY or BETWEEN (or none, with values) is reported as
``un_dob_type`` and the fields are read as above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from xml.etree.ElementTree import Element

from paxscreen.normalise.canonical_watchlist import BirthDate, ListDocument
from paxscreen.normalise.countries import resolve_country
from paxscreen.normalise.pnrgov_xml_nodes import shorten
from paxscreen.watchlists.formats.birth_dates import (
    approximate_year,
    exact_day,
    month_number,
    whole_month,
    whole_year,
)
from paxscreen.watchlists.formats.issues import DOCUMENT_WITHOUT_NUMBER, INVALID_DATE
from paxscreen.watchlists.formats.text import collapse_spaces

UN_DOB_UNPARSED = "un_dob_unparsed"
UN_DOB_TYPE = "un_dob_type"
UN_UNREAD_ELEMENT = "un_unread_element"

DOB_TYPES = frozenset({"EXACT", "APPROXIMATELY", "BETWEEN"})
DOB_FIELDS = frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"})
PLACE_FIELDS = frozenset({"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "ZIP_CODE", "NOTE"})
DOCUMENT_FIELDS = frozenset(
    {
        "TYPE_OF_DOCUMENT",
        "TYPE_OF_DOCUMENT2",
        "NUMBER",
        "ISSUING_COUNTRY",
        "COUNTRY_OF_ISSUE",
        "DATE_OF_ISSUE",
        "CITY_OF_ISSUE",
        "NOTE",
    }
)

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")  # xs:date, zone ignored
_YEAR = re.compile(r"\d{4}")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.? (\d{4})")
_MONTHS_BETWEEN = re.compile(r"between ([A-Za-z]+)\.? and ([A-Za-z]+)\.? (\d{4})", re.IGNORECASE)

# report(code, detail, element) -> None: the entry's issue log, located at the element.
Report = Callable[[str, str, Element], None]


def local_name(element: Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def fields_of(element: Element) -> dict[str, str]:
    """The element's children as {local name: text with spaces collapsed}; empty ones left out,
    and of repeated children the first one kept."""
    values: dict[str, str] = {}
    for child in element:
        text = collapse_spaces(child.text)
        if text:
            values.setdefault(local_name(child), text)
    return values


def has_content(element: Element) -> bool:
    return bool(collapse_spaces(element.text)) or any(has_content(child) for child in element)


def report_unread(element: Element, known: frozenset[str], report: Report) -> None:
    """``un_unread_element`` for each child with content that is not one of ``known``."""
    for child in element:
        if local_name(child) not in known and has_content(child):
            what = f"<{local_name(child)}> in <{local_name(element)}> is not read"
            report(UN_UNREAD_ELEMENT, f"{what}: {shorten(collapse_spaces(child.text))!r}", child)


def parse_iso_date(text: str) -> date | None:
    """An xs:date (``2015-03-27``, or with a zone as in ``2015-03-27-04:00``), else None."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(*(int(group) for group in match.groups()))
    except ValueError:
        return None


def read_birth_date(element: Element, report: Report) -> BirthDate | None:
    """One INDIVIDUAL_DATE_OF_BIRTH, or None (placeholder, or reported)."""
    report_unread(element, DOB_FIELDS, report)
    values = fields_of(element)
    kind = values.pop("TYPE_OF_DATE", "").upper()
    note = values.pop("NOTE", None)
    if not values and note is None:
        if kind:  # a type with nothing to type: read as the placeholder it is, but say so
            report(UN_DOB_UNPARSED, f"TYPE_OF_DATE {kind} without a date", element)
        return None
    if kind not in DOB_TYPES:
        report(UN_DOB_TYPE, f"TYPE_OF_DATE {kind or '(none)'!r}: read by the fields given", element)
    try:
        birth_date = _birth_date(kind, values, note)
    except ValueError as exc:
        report(INVALID_DATE, f"date of birth {_listed(values, note)!r}: {exc}", element)
        return None
    if birth_date is None:
        report(UN_DOB_UNPARSED, f"date of birth {_listed(values, note)!r} not understood", element)
    return birth_date


def _listed(values: dict[str, str], note: str | None) -> str:
    return shorten(" ".join([*values.values(), *([note] if note else [])]))


def _with_note(text: str, note: str | None) -> str:
    return f"{text} ({note})" if note else text


def _birth_date(kind: str, values: dict[str, str], note: str | None) -> BirthDate | None:
    approximate = kind == "APPROXIMATELY"
    if "FROM_YEAR" in values or "TO_YEAR" in values:
        first, last = _year(values.get("FROM_YEAR")), _year(values.get("TO_YEAR"))
        if first is None or last is None:
            return None
        if last < first:
            raise ValueError("the range ends before it starts")
        text = _with_note(f"between {first} and {last}", note)
        return BirthDate(
            precision="approximate" if approximate else "range",
            earliest=date(first, 1, 1),
            latest=date(last, 12, 31),
            text=text,
        )
    if "DATE" in values:
        day = parse_iso_date(values["DATE"])
        if day is None:
            raise ValueError("not a YYYY-MM-DD date")
        if approximate:
            return approximate_year(day.year, _with_note(f"approximately {day}", note))
        return exact_day(day, _with_note(day.isoformat(), note))
    if "YEAR" in values:
        year = _year(values["YEAR"])
        if year is None:
            raise ValueError("not a four-digit year")
        if approximate:
            return approximate_year(year, _with_note(f"approximately {year}", note))
        month = month_number(note) if note else None
        if month is not None:
            return whole_month(year, month, f"{note} {year}")
        return whole_year(year, _with_note(str(year), note))
    return _from_note(note, approximate) if note else None


def _year(text: str | None) -> int | None:
    return int(text) if text and _YEAR.fullmatch(text) else None


def _from_note(note: str, approximate: bool) -> BirthDate | None:
    """A date of birth written out in NOTE: "Nov. 1973", "Between Aug. and Sep. 1977"."""
    if match := _MONTH_YEAR.fullmatch(note):
        month = month_number(match.group(1))
        if month is not None:
            year = int(match.group(2))
            if approximate:
                return approximate_year(year, f"approximately {note}")
            return whole_month(year, month, note)
    if match := _MONTHS_BETWEEN.fullmatch(note):
        first, last = month_number(match.group(1)), month_number(match.group(2))
        year = int(match.group(3))
        if first is not None and last is not None and first <= last:
            start, end = whole_month(year, first), whole_month(year, last)
            return BirthDate(
                precision="approximate" if approximate else "range",
                earliest=start.earliest,
                latest=end.latest,
                text=note,
            )
    return None


def read_place(element: Element, report: Report) -> str | None:
    """An INDIVIDUAL_PLACE_OF_BIRTH as "street, city, state, country (note)", or None if empty.
    The country is kept as listed: a place is for people to read."""
    report_unread(element, PLACE_FIELDS, report)
    values = fields_of(element)
    parts: list[str] = []
    for key in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY"):
        part = values.get(key)
        if part and not (parts and parts[-1].casefold() == part.casefold()):
            parts.append(part)
    return join_place(parts, values.get("NOTE"))


def join_place(parts: list[str], note: str | None = None) -> str | None:
    place = ", ".join(part for part in parts if part)
    if note:
        note = note.strip("()")
        place = f"{place} ({note})" if place else note
    return place or None


def read_document(element: Element, report: Report) -> ListDocument | None:
    """An INDIVIDUAL_DOCUMENT, or None if empty. TYPE_OF_DOCUMENT is the type; TYPE_OF_DOCUMENT2
    (the type as written, e.g. "Ration card no."), the date, city and country of issue and NOTE
    go into the note. ISSUING_COUNTRY (else COUNTRY_OF_ISSUE) is the issuing state."""
    report_unread(element, DOCUMENT_FIELDS, report)
    values = fields_of(element)
    if not values:
        return None
    doc_type = values.get("TYPE_OF_DOCUMENT") or values.get("TYPE_OF_DOCUMENT2")
    issuing_country = values.get("ISSUING_COUNTRY") or values.get("COUNTRY_OF_ISSUE")
    issuing_state = None
    if issuing_country:
        issuing_state, warning = resolve_country(issuing_country)
        if warning:
            report(warning, f"issuing country {shorten(issuing_country)!r} kept as listed", element)
    notes = []
    if (kind := values.get("TYPE_OF_DOCUMENT2")) and kind.casefold() != (doc_type or "").casefold():
        notes.append(kind)
    if issued := values.get("DATE_OF_ISSUE"):
        day = parse_iso_date(issued)
        notes.append(f"issued {day.isoformat() if day else issued}")
    if city := values.get("CITY_OF_ISSUE"):
        notes.append(f"in {city}")
    if (country := values.get("COUNTRY_OF_ISSUE")) and country != issuing_country:
        notes.append(f"issued in {country}")
    if note := values.get("NOTE"):
        notes.append(note)
    number = values.get("NUMBER", "")
    if not number:
        report(DOCUMENT_WITHOUT_NUMBER, f"{doc_type or 'document'} without NUMBER", element)
    return ListDocument(
        type=doc_type,
        number=number,
        issuing_state=issuing_state,
        note="; ".join(notes) or None,
    )
