"""AIRIMP free text in PNR data: SSR DOCS / DOCO / DOCA, titles glued to given names, seat
numbers. Pure functions, no warnings log:
each parser returns the values it read and the problems it met, as (code, detail) pairs.

SSR DOCS  ``/type/issuing state/number/nationality/DOB/gender/expiry/surname/given/second/H``
SSR DOCO  ``/place of birth/type (V visa)/number/place of issue/issue date/applicable country/I``
SSR DOCA  ``/R|D (residence|destination)/country/street/city/state/postal code/I``

Dates are ``DDMMMYY`` (``05FEB53``); four-digit years are read too. Real data is often shifted
by a field (an extra or a missing leading slash, a missing document type) or only partly filled
(``/////05FEB53/F//DORON/NINA``): the DOCS reader anchors on the date of birth (or the gender)
rather than trusting positions, and reports ``shifted_document`` when it had to.

Contacts and e-mail addresses are in :mod:`paxscreen.normalise.airimp_contacts`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from paxscreen.normalise.airimp_contacts import (
    ContactText,
    decode_email,
    encode_email,
    normalise_phone,
    phone_numbers,
    read_contact_text,
)
from paxscreen.normalise.codes import DOCUMENT_TYPES
from paxscreen.normalise.dates import YearRule, resolve_year

# The contact readers live in airimp_contacts and are part of this module's API too.
__all__ = [
    "DOCO_TYPES",
    "DOCS_GENDERS",
    "GLUED_TITLES",
    "INFANT_GENDERS",
    "INVALID_DATE",
    "MONTHS",
    "SHIFTED_DOCUMENT",
    "TITLES",
    "AirimpDateError",
    "ContactText",
    "Parsed",
    "airimp_fields",
    "cut_association",
    "decode_email",
    "encode_email",
    "format_airimp_date",
    "format_docs",
    "normalise_phone",
    "normalise_seat",
    "parse_airimp_date",
    "parse_doca",
    "parse_doco",
    "parse_docs",
    "phone_numbers",
    "read_contact_text",
    "split_title",
]

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, start=1)}
_AIRIMP_DATE = re.compile(r"(\d{1,2})([A-Z]{3})(\d{2}|\d{4})")
DOCS_GENDERS = frozenset({"M", "F", "MI", "FI", "U", "X"})
INFANT_GENDERS = frozenset({"MI", "FI"})
DOCO_TYPES = frozenset({"V", "K", "R"}) | DOCUMENT_TYPES.keys()
# A raw hyphen before a digit starts the passenger association (``-1.1``, ``-1SMITH/JOHN``).
_NAME_ASSOCIATION = re.compile(r"-\d")

_PAST, _EXPIRY = YearRule.PAST, YearRule.EXPIRY  # enum attribute lookups cost in hot loops
SHIFTED_DOCUMENT = "shifted_document"
INVALID_DATE = "invalid_date"

Problems = list[tuple[str, str]]


class Parsed(NamedTuple):
    """What a parser read (field name -> value) and the problems it met."""

    fields: dict[str, Any]
    problems: Problems


class AirimpDateError(ValueError):
    """A date that is not ``DDMMMYY`` (or ``DDMMMYYYY``), or not a real day."""


@lru_cache(maxsize=16384)
def parse_airimp_date(text: str, rule: YearRule, reference: date | None) -> date:
    """``05FEB53`` as a date; a two-digit year is resolved with ``rule`` against ``reference``
    (the flight date): PAST for births and issue dates, EXPIRY for expiry dates. Cached: expiry
    dates and the birth dates of a push repeat."""
    match = _AIRIMP_DATE.fullmatch(text.strip().upper())
    month = _MONTH_NUMBER.get(match[2]) if match else None
    if match is None or month is None:
        raise AirimpDateError(f"{text!r} is not a DDMMMYY date")
    day, year = int(match[1]), int(match[3])
    if len(match[3]) == 2:
        year = resolve_year(year, month, day, rule, reference)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise AirimpDateError(f"{text!r}: {exc}") from None


def format_airimp_date(value: date) -> str:
    """The inverse of ``parse_airimp_date`` for a two-digit year: ``date(1953, 2, 5)`` ->
    ``05FEB53``."""
    return f"{value.day:02d}{MONTHS[value.month - 1]}{value.year % 100:02d}"


def airimp_fields(text: str) -> list[str]:
    """The slash-separated fields of an SSR free text, stripped and upper-cased, with an empty
    field 0 for the leading slash (added when the sender left it out)."""
    fields = [field.strip() for field in text.strip().upper().split("/")]
    if fields[0]:
        fields.insert(0, "")
    return fields


def cut_association(fields: list[str], start: int) -> None:
    """Drop a passenger association (``-1.1``, ``-1SMITH/JOHNMR``) from the fields at ``start``
    and after: it starts with a raw hyphen before a digit, which no name holds."""
    for index in range(start, len(fields)):
        association = _NAME_ASSOCIATION.search(fields[index]) if "-" in fields[index] else None
        if association is not None:
            fields[index] = fields[index][: association.start()].strip()
            del fields[index + 1 :]
            return


def _at(fields: list[str], index: int) -> str:
    return fields[index] if 0 <= index < len(fields) else ""


def _date(
    text: str, rule: YearRule, reference: date | None, what: str, problems: Problems
) -> date | None:
    if not text:
        return None
    try:
        return parse_airimp_date(text, rule, reference)
    except AirimpDateError as exc:
        problems.append((INVALID_DATE, f"{what}: {exc}; left out"))
        return None


def _is_date(text: str) -> bool:
    return _AIRIMP_DATE.fullmatch(text) is not None


def _birth_index(fields: list[str]) -> int:
    """Where the date of birth is: at 5 as the grammar says, or a place or two off. The gender
    in its place (6) or a date at 5 confirm the grammar; otherwise a date followed by a gender,
    a gender alone, or a date alone tell the shift."""
    padded = fields + [""] * (9 - len(fields))
    if padded[6] in DOCS_GENDERS or _is_date(padded[5]):
        return 5
    for index in (6, 4, 7, 3):
        if _is_date(padded[index]) and padded[index + 1] in DOCS_GENDERS:
            return index
    for index in (7, 5):
        if padded[index] in DOCS_GENDERS:
            return index - 1
    for index in (6, 4):
        if _is_date(padded[index]):
            return index
    return 5


# DOCS as the grammar has it, with a date of birth and a gender: the fast path.
_CANONICAL_DOCS = re.compile(
    r"/([^/]*)/([^/]*)/([^/]*)/([^/]*)/(\d{1,2}[A-Z]{3}\d{2}(?:\d\d)?)/(MI|FI|M|F|U|X)/"
    r"([^/]*)/([^/]*)(?:/([^/]*)(?:/([^/]*))?)?/?"
)


def parse_docs(text: str, reference: date | None) -> Parsed:
    """SSR DOCS free text as PnrDocument fields (``ssr`` is DOCS). Countries, gender and
    document type are returned as sent (upper-cased); checking them is the caller's job."""
    upper = text.strip().upper()
    canonical = _CANONICAL_DOCS.fullmatch(upper)
    if canonical is not None and "-" not in upper[canonical.start(8) :]:
        return _canonical_docs(canonical, reference)
    fields = airimp_fields(upper)
    problems: Problems = []
    birth = _birth_index(fields)
    cut_association(fields, birth + 3)
    fields += [""] * (birth + 6 - len(fields))  # the optional trailing fields, empty
    shift = birth - 5
    if shift >= 0:
        doc_type, issuing, number, nationality = (_at(fields, birth - k) for k in (4, 3, 2, 1))
        if shift and any(fields[1 : shift + 1]):
            problems.append((SHIFTED_DOCUMENT, "text before the document type ignored"))
    else:
        doc_type, issuing, number, nationality = _short_lead(fields[1:birth])
    if shift:
        problems.append(
            (SHIFTED_DOCUMENT, f"date of birth in field {birth}, not 5; fields read around it")
        )
    gender = fields[birth + 1]
    # Titles do not belong on a document, but names copied from the PNR bring them along.
    first, _title = split_title(fields[birth + 4])
    second = fields[birth + 5]
    document: dict[str, Any] = {
        "ssr": "DOCS",
        "type": doc_type or None,
        "issuing_state": issuing or None,
        "number": "".join(number.split()) or None,
        "nationality": nationality or None,
        "date_of_birth": _date(fields[birth], _PAST, reference, "date of birth", problems),
        "gender": gender or None,
        "expiry": _date(fields[birth + 2], _EXPIRY, reference, "expiry", problems),
        "surname": " ".join(fields[birth + 3].split()) or None,
        "given_names": " ".join(" ".join((first, second)).split()) or None,
        "infant": gender in INFANT_GENDERS,
    }
    return Parsed(document, problems)


def _canonical_docs(match: re.Match[str], reference: date | None) -> Parsed:
    """The fast path of ``parse_docs``: every field in its place (no association to cut)."""
    doc_type, issuing, number, nationality, born, gender, expiry, surname, first, second = (
        match.groups("")
    )
    problems: Problems = []
    first, _title = split_title(first.strip())
    document: dict[str, Any] = {
        "ssr": "DOCS",
        "type": doc_type.strip() or None,
        "issuing_state": issuing.strip() or None,
        "number": "".join(number.split()) or None,
        "nationality": nationality.strip() or None,
        "date_of_birth": _date(born, _PAST, reference, "date of birth", problems),
        "gender": gender,
        "expiry": _date(expiry.strip(), _EXPIRY, reference, "expiry", problems),
        "surname": " ".join(surname.split()) or None,
        "given_names": " ".join(f"{first} {second}".split()) or None,
        "infant": gender in INFANT_GENDERS,
    }
    return Parsed(document, problems)


def _short_lead(lead: list[str]) -> tuple[str, str, str, str]:
    """Type, issuing state, number and nationality from fewer than four fields: the number is
    the field with a digit in it, a one- or two-letter document code comes first, and country
    codes stand before (issuing state) and after (nationality) the number."""
    doc_type = lead.pop(0) if lead and lead[0] in DOCUMENT_TYPES else ""
    number_at = next((i for i, f in enumerate(lead) if any(c.isdigit() for c in f)), None)
    if number_at is None:
        return doc_type, _at(lead, 0), "", _at(lead, 1)
    before, after = lead[:number_at], lead[number_at + 1 :]
    return doc_type, " ".join(before), lead[number_at], " ".join(after)


def parse_doco(text: str, reference: date | None) -> Parsed:
    """SSR DOCO free text (visa or other document) as PnrDocument fields (``ssr`` is DOCO)."""
    fields = airimp_fields(text)
    problems: Problems = []
    at = next((i for i in (2, 3, 1) if _at(fields, i) in DOCO_TYPES), 2)
    if at != 2:
        problems.append((SHIFTED_DOCUMENT, f"document type in field {at}, not 2"))
    cut_association(fields, at + 5)
    infant = _at(fields, at + 5)
    document: dict[str, Any] = {
        "ssr": "DOCO",
        "place_of_birth": " ".join(_at(fields, at - 1).split()) or None,
        "type": _at(fields, at) or None,
        "number": "".join(_at(fields, at + 1).split()) or None,
        "place_of_issue": " ".join(_at(fields, at + 2).split()) or None,
        "issue_date": _date(_at(fields, at + 3), YearRule.PAST, reference, "issue date", problems),
        "applicable_country": _at(fields, at + 4) or None,
        "infant": infant == "I",
    }
    return Parsed(document, problems)


def parse_doca(text: str) -> Parsed:
    """SSR DOCA free text (residence or destination address) as PnrAddress fields."""
    fields = airimp_fields(text)
    problems: Problems = []
    at = next((i for i in (1, 2) if _at(fields, i) in ("R", "D")), 1)
    if at != 1:
        problems.append((SHIFTED_DOCUMENT, f"address type in field {at}, not 1"))
    address: dict[str, Any] = {
        "purpose": _at(fields, at) or None,
        "country": _at(fields, at + 1) or None,
        "street": " ".join(_at(fields, at + 2).split()) or None,
        "city": " ".join(_at(fields, at + 3).split()) or None,
        "region": " ".join(_at(fields, at + 4).split()) or None,
        "postal_code": _at(fields, at + 5) or None,
    }
    return Parsed(address, problems)


def format_docs(document: dict[str, Any]) -> str:
    """PnrDocument fields of a DOCS as AIRIMP free text (the inverse of ``parse_docs`` for
    documents whose dates fall inside its two-digit-year windows); given names are written as
    first and second given name."""
    given = (document.get("given_names") or "").split(" ", 1)
    parts = [
        document.get("type"),
        document.get("issuing_state"),
        document.get("number"),
        document.get("nationality"),
        _airimp_date_or_none(document.get("date_of_birth")),
        document.get("gender"),
        _airimp_date_or_none(document.get("expiry")),
        document.get("surname"),
        given[0],
        given[1] if len(given) > 1 else None,
    ]
    return "/" + "/".join(part or "" for part in parts)


def _airimp_date_or_none(value: date | None) -> str | None:
    return format_airimp_date(value) if value is not None else None


# --- Names and seats ------------------------------------------------------------------------

# Titles a given name may end with after a space ("ISABELLE MRS"), and the few that are
# glued on without one in AIRIMP names ("MOLLYMRS"): longest first, so MRS wins over MS.
TITLES = frozenset(
    {"MR", "MRS", "MS", "MISS", "MSTR", "MASTER", "DR", "PROF", "REV", "CAPT", "SIR", "LADY"}
    | {"MME", "MLLE", "MX"}
)
GLUED_TITLES = ("MSTR", "MISS", "MRS", "MR", "MS")


@lru_cache(maxsize=16384)
def split_title(given: str) -> tuple[str, str | None]:
    """(given names, title) from a TIF or DOCS given name: ``MOLLYMRS`` -> (``MOLLY``, ``MRS``),
    ``TESTNAMEONE MRS`` -> (``TESTNAMEONE``, ``MRS``). DR, PROF and the like are split only
    when a space sets them apart: glued, they are too often the end of a name (ALEXANDR). A
    name that ends like MS (WILLIAMS) cannot be told from one with MS glued on; AIRIMP glues
    titles on, so the title reading wins."""
    words = given.split()
    if not words:
        return "", None
    last = words[-1]
    if last in TITLES:
        return " ".join(words[:-1]), last
    for title in GLUED_TITLES:
        if last.endswith(title) and len(last) - len(title) >= 2:
            words[-1] = last[: -len(title)]
            return " ".join(words), title
    return " ".join(words), None


_SEAT = re.compile(r"0*(\d{1,3})([A-Z])")


@lru_cache(maxsize=4096)
def normalise_seat(text: str) -> str | None:
    """A seat as row and letter without leading zeros (``039G`` -> ``39G``); None for no seat
    (empty, or ``XXX`` placeholders); anything else kept as sent (upper-cased)."""
    seat = "".join(text.split()).upper()
    if not seat or set(seat) == {"X"}:
        return None
    match = _SEAT.fullmatch(seat)
    return f"{int(match[1])}{match[2]}" if match else seat
