"""PAXLST travellers (Gr4 NAD FL/FM/DDT/DDU) and their documents (Gr5 DOC) into canonical models.

This is the per-traveller hot path (about 12 segments each, 20,000+ travellers a second), so it
walks each group once, dispatching on the tag, and keeps lookups in cached code tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from paxscreen.edifact.messages.paxlst import DocumentGroup, PersonGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import DataWarning, Traveller, TravellerRole
from paxscreen.normalise.codes import (
    COUNTRY_ALPHA2,
    DOCUMENT_TYPES,
    GENDER_CODES,
    UNKNOWN_DOCUMENT_TYPE,
    UNKNOWN_GENDER,
    check_airport,
    check_country,
)
from paxscreen.normalise.data_warnings import WarningLog
from paxscreen.normalise.dates import DateParseError, YearRule, parse_date

ROLE_BY_QUALIFIER = {
    "FL": TravellerRole.PASSENGER,
    "FM": TravellerRole.CREW,
    "DDU": TravellerRole.TRANSIT_PASSENGER,
    "DDT": TravellerRole.TRANSIT_CREW,
}
# Enum attribute lookups cost ~200 ns each in Python 3.11; the hot loop uses these instead.
_PAST, _EXPIRY = YearRule.PAST, YearRule.EXPIRY
MAX_SEQUENTIAL_BAG_TAGS = 99  # FTX+BAG+++<first tag>:<n>; a larger n is taken as an error

INVALID_DATE = "invalid_date"
INVALID_VALUE = "invalid_value"
MISSING_VALUE = "missing_value"
MISSING_DOCUMENT = "missing_document"
DUPLICATE_DOCUMENT = "duplicate_document"
DUPLICATE_REFERENCE = "duplicate_reference"


def clean_text(text: str) -> str:
    """Upper-cased, with runs of whitespace collapsed to one space and the ends trimmed."""
    return " ".join(text.split()).upper()


def _digits(text: str) -> str:
    return "".join(text.split())


class TravellerReader:
    """Reads the travellers of one message.

    ``reference`` is the flight date that two-digit years are resolved against.
    ``require_core_data`` asks for a warning when a traveller lacks what an API report must carry
    (surname, date of birth, gender, nationality, a document); off for status messages.
    """

    __slots__ = ("log", "reference", "require_core_data")

    def __init__(self, reference: date | None, log: WarningLog, *, require_core_data: bool) -> None:
        self.reference = reference
        self.log = log
        self.require_core_data = require_core_data

    def read(self, group: PersonGroup) -> Traveller:
        """One traveller. Segments are indexed directly rather than through ``Segment.value``:
        this loop runs for every segment of every traveller, and the method calls were a large
        share of its cost. Every element the lexer produces has at least one component."""
        nad = group.nad
        log = self.log
        elements = nad.elements
        name = elements[3] if len(elements) > 3 else [""]
        surname = clean_text(name[0])
        # Traveller is built with one model_validate over plain values: validating nested
        # dicts in pydantic-core is cheaper than building each sub-model in Python.
        fields: dict[str, Any] = {
            "role": ROLE_BY_QUALIFIER[elements[0][0].strip().upper()],
            "surname": surname,
            "given_names": " ".join(part for part in map(clean_text, name[1:5]) if part),
            "segment": nad.position,
        }
        if len(elements) > 4:
            fields["address"] = _address(nad, log)
        other_refs: dict[str, str] = {}
        contacts: list[dict[str, str]] = []
        bags: dict[str, Any] = {}
        bag_tags: list[str] = []
        seen_birth = seen_gender = seen_nationality = False

        for segment in group.segments:
            tag, elements, _ = segment
            qualifier = elements[0][0] if elements else ""
            if tag == "LOC":
                place = elements[1] if len(elements) > 1 else [""]
                code = place[0].strip()
                if qualifier == "178":
                    fields["embarkation"] = self._airport(code, segment, "port of embarkation")
                elif qualifier == "179":
                    fields["debarkation"] = self._airport(code, segment, "port of debarkation")
                elif qualifier == "174":
                    fields["residence_country"] = read_country(code, segment, "residence", log)
                elif qualifier == "180":
                    # A code, a free-text name (LOC+180+:::Hartford USA), or both.
                    text = " ".join((place[3] if len(place) > 3 else "", code)).split()
                    fields["place_of_birth"] = " ".join(text) or None
                elif qualifier == "22":
                    fields["clearance"] = self._airport(code, segment, "place of clearance")
            elif tag == "DTM":
                if qualifier == "329":
                    seen_birth = True
                    fields["date_of_birth"] = self._date(segment, _PAST, "date of birth")
            elif tag == "ATT":
                if qualifier == "2":
                    seen_gender = True
                    code = elements[2][0].strip().upper() if len(elements) > 2 else ""
                    if code:
                        if code not in GENDER_CODES:
                            log.add(UNKNOWN_GENDER, f"gender {code!r} kept as sent", segment)
                        fields["gender"] = code
            elif tag == "NAT":
                if qualifier == "2":
                    seen_nationality = True
                    code = elements[1][0] if len(elements) > 1 else ""
                    fields["nationality"] = read_country(code, segment, "nationality", log)
            elif tag == "RFF":
                reference = elements[0]
                value = reference[1].strip() if len(reference) > 1 else ""
                if not value:
                    continue
                if qualifier == "AVF":
                    fields["reservation_ref"] = value
                elif qualifier == "ABO":
                    fields["passenger_ref"] = value
                elif qualifier == "SEA":
                    fields["seat"] = value
                elif qualifier in other_refs:
                    log.add(DUPLICATE_REFERENCE, f"second RFF+{qualifier} ignored", segment)
                else:
                    other_refs[qualifier] = value
            elif tag == "COM":
                contacts.extend(read_contacts(segment))
            elif tag == "MEA":
                measure = [part for part in segment.components(2) if part.strip()]
                if qualifier == "CT" and measure:
                    bags["count"] = self._count(measure[-1], segment)
                elif qualifier == "WT" and measure:
                    bags["weight"] = self._weight(measure[-1], segment)
                    bags["weight_unit"] = measure[0].strip().upper() if len(measure) > 1 else None
            elif tag == "FTX" and qualifier == "BAG":
                bag_tags.extend(self._bag_tags(segment))

        documents = []
        for document_group in group.documents:
            document = self._document_fields(document_group)
            if document is not None:
                documents.append(document)
        fields["documents"] = documents
        fields["other_refs"] = other_refs  # always given: pydantic deep-copies a {} default
        if contacts:
            fields["contacts"] = contacts
        if bag_tags:
            bags["tags"] = bag_tags
        if bags:
            fields["bags"] = bags
        if self.require_core_data:
            missing = [
                what
                for what, seen in (
                    ("date of birth (DTM+329)", seen_birth),
                    ("gender (ATT+2)", seen_gender),
                    ("nationality (NAT+2)", seen_nationality),
                )
                if not seen
            ]
            self._check_core_data(nad, surname, missing, documents)
        return Traveller.model_validate(fields)

    def _document_fields(self, group: DocumentGroup) -> dict[str, Any] | None:
        """One DOC group as TravelDocument fields; None (with a warning) without a number."""
        doc = group.doc
        log = self.log
        elements = doc.elements
        raw_type = elements[0][0].strip().upper() if elements else ""
        if raw_type and raw_type not in DOCUMENT_TYPES:
            log.add(UNKNOWN_DOCUMENT_TYPE, f"document type {raw_type!r} kept as sent", doc)
        number = _digits(elements[1][0]).upper() if len(elements) > 1 else ""
        if not number:
            log.add(MISSING_VALUE, "travel document without a number; not kept", doc)
            return None
        document: dict[str, Any] = {
            "type": raw_type or None,
            "number": number,
            "segment": doc.position,
        }
        for segment in group.segments:
            tag, elements, _ = segment
            qualifier = elements[0][0] if elements else ""
            if tag == "DTM":
                if qualifier == "36":
                    document["expiry"] = self._date(segment, _EXPIRY, "expiry date")
                elif qualifier == "182":
                    document["issue_date"] = self._date(segment, _PAST, "issue date")
            elif tag == "LOC" and qualifier == "91":
                code = elements[1][0] if len(elements) > 1 else ""
                document["issuing_state"] = read_country(code, segment, "issuing state", log)
        if raw_type == "P" and self.require_core_data:
            if document.get("expiry") is None:
                log.add(MISSING_VALUE, f"passport {number} has no expiry date (DTM+36)", doc)
            if document.get("issuing_state") is None:
                log.add(MISSING_VALUE, f"passport {number} has no issuing state (LOC+91)", doc)
        return document

    def _check_core_data(
        self, nad: Segment, surname: str, missing: list[str], documents: list[dict[str, Any]]
    ) -> None:
        log = self.log
        if not surname:
            log.add(MISSING_VALUE, "traveller without a surname (NAD element 4)", nad)
        for what in missing:
            log.add(MISSING_VALUE, f"traveller {surname} has no {what}", nad)
        if not documents:
            log.add(MISSING_DOCUMENT, f"traveller {surname} has no travel document (DOC)", nad)

    def _date(self, segment: Segment, rule: YearRule, what: str) -> date | None:
        dtm = segment.elements[0]
        value = dtm[1] if len(dtm) > 1 else ""
        if not value.strip():
            self.log.add(MISSING_VALUE, f"{what} is empty", segment)
            return None
        try:
            fmt = dtm[2] if len(dtm) > 2 else ""
            return parse_date(value, fmt, rule=rule, reference=self.reference)
        except DateParseError as exc:
            self.log.add(INVALID_DATE, f"{what}: {exc}; left out", segment)
            return None

    def _airport(self, code: str, segment: Segment, what: str) -> str | None:
        if not code:
            return None
        check = check_airport(code)
        if check.warning:
            self.log.add(check.warning, f"{what} {code!r} is not a known IATA airport", segment)
        return check.value

    def _count(self, text: str, segment: Segment) -> int | None:
        text = text.strip()
        if text.isascii() and text.isdigit():
            return int(text)
        self.log.add(INVALID_VALUE, f"bag count {text!r} is not a whole number", segment)
        return None

    def _weight(self, text: str, segment: Segment) -> float | None:
        try:
            # The decimal mark may be a comma (UNA position 3).
            return float(text.strip().replace(",", "."))
        except ValueError:
            self.log.add(INVALID_VALUE, f"bag weight {text!r} is not a number", segment)
            return None

    def _bag_tags(self, segment: Segment) -> list[str]:
        """``FTX+BAG+++<first tag>:<n>``: n consecutively numbered tags from the first one."""
        text = segment.components(3)
        first = _digits(text[0]).upper() if text else ""
        if not first:
            return []
        count_text = text[1].strip() if len(text) > 1 else ""
        if not count_text or count_text == "1":
            return [first]
        stem = first.rstrip("0123456789")
        digits = first[len(stem) :]
        count_ok = count_text.isascii() and count_text.isdigit()
        if not (count_ok and 1 < int(count_text) <= MAX_SEQUENTIAL_BAG_TAGS and digits):
            self.log.add(INVALID_VALUE, f"bag tag count {count_text!r} not expanded", segment)
            return [first]
        start = int(digits)
        return [f"{stem}{start + i:0{len(digits)}d}" for i in range(int(count_text))]


def read_country(code: str, segment: Segment, what: str, log: WarningLog) -> str | None:
    """A country code as kept (None when empty), warning when it is not alpha-3/ICAO."""
    if not code.strip():
        return None
    check = check_country(code)
    if check.warning == COUNTRY_ALPHA2:
        log.add(check.warning, f"{what} {code!r} is ISO alpha-2; read as {check.value}", segment)
    elif check.warning:
        log.add(check.warning, f"{what} {code!r} is not an ISO/ICAO code; kept", segment)
    return check.value


def read_contacts(segment: Segment) -> list[dict[str, str]]:
    """COM: each element is ``number:qualifier`` (TE phone, FX fax, EM e-mail), as Contact
    fields."""
    contacts = []
    for element in segment.elements:
        value = element[0].strip() if element else ""
        if value:
            kind = element[1].strip().upper() if len(element) > 1 else ""
            contacts.append({"kind": kind, "value": value})
    return contacts


def _address(nad: Segment, log: WarningLog) -> dict[str, str | None] | None:
    """NAD elements 5-9: street (C059), city, country sub-entity (C819), postcode, country."""
    street = " ".join(" ".join(nad.components(4)).split()) or None
    city = " ".join(nad.value(5).split()) or None
    region_parts = [part.strip() for part in nad.components(6) if part.strip()]
    region = region_parts[-1] if region_parts else None
    postal_code = nad.value(7).strip() or None
    country = read_country(nad.value(8), nad, "address country", log)
    if not (street or city or region or postal_code or country):
        return None
    return {
        "street": street,
        "city": city,
        "region": region,
        "postal_code": postal_code,
        "country": country,
    }


def duplicate_document_warnings(travellers: Iterable[Traveller]) -> list[DataWarning]:
    """One warning per document number and issuing state given more than once in the manifest,
    located at its first repeat and naming every segment (a manifest that gives all its crew one
    passport number makes one warning, not one per crew member). Different states may issue the
    same number, so the state is part of the key."""
    seen: dict[tuple[str, str | None], list[int | None]] = {}
    for traveller in travellers:
        for document in traveller.documents:
            seen.setdefault((document.number, document.issuing_state), []).append(document.segment)
    warnings = []
    for (number, state), segments in seen.items():
        if len(segments) < 2:
            continue
        where = ", ".join(str(s) for s in segments)
        warnings.append(
            DataWarning(
                code=DUPLICATE_DOCUMENT,
                detail=(
                    f"document {number} ({state or 'no state'}) is given {len(segments)} times, "
                    f"at segments {where}"
                ),
                segment=segments[1],
                tag="DOC",
            )
        )
    return warnings
