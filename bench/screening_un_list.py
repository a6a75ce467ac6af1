"""A small reader of the UN Security Council Consolidated List XML, for the screening benchmark
only, until the watchlist importers (paxscreen.watchlists.formats.un_xml) land; `read_list`
prefers theirs when it can be imported.

Choices made here (the importer may choose differently; the matcher copes with either):
- primary name = FIRST_NAME SECOND_NAME THIRD_NAME FOURTH_NAME in that order; the UN does not
  say which part is the family name, so `given` and `family` stay empty;
- alias QUALITY "Good", "a.k.a." and "f.k.a." are strong names, "Low" is weak;
  NAME_ORIGINAL_SCRIPT becomes a strong name in its own script;
- DATE_OF_BIRTH: EXACT with DATE -> day, EXACT/empty type with YEAR -> year, APPROXIMATELY ->
  approximate (the listed year or date, not widened: the matcher widens approximate dates
  itself), BETWEEN FROM_YEAR..TO_YEAR -> range;
- country names resolve to ISO 3166 alpha-3 through pycountry, with the UN's own spellings
  that pycountry does not know mapped by hand.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeElementTree

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)

# UN spellings pycountry's lookup does not resolve.
UN_COUNTRY_NAMES = {
    "democratic republic of the congo": "COD",
    "iran (islamic republic of)": "IRN",
    "turkey": "TUR",
    "state of palestine": "PSE",
    "palestine": "PSE",
    "republic of korea": "KOR",
    "bolivia (plurinational state of)": "BOL",
    "venezuela (bolivarian republic of)": "VEN",
    "kosovo": "XKX",
}

Precision = Literal["day", "month", "year", "range", "approximate"]


@cache
def country_alpha3(name: str) -> str | None:
    """ISO alpha-3 for a country name or alpha-2/alpha-3 code; None when unknown."""
    import pycountry

    cleaned = " ".join(name.split())
    if not cleaned or cleaned.lower() in {"na", "n/a", "unknown"}:
        return None
    if cleaned.lower() in UN_COUNTRY_NAMES:
        return UN_COUNTRY_NAMES[cleaned.lower()]
    try:
        country: Any = pycountry.countries.lookup(cleaned)
        return str(country.alpha_3)
    except LookupError:
        pass
    try:
        return str(pycountry.countries.search_fuzzy(cleaned)[0].alpha_3)
    except LookupError:
        return None


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _script(text: str) -> str:
    """The Unicode script of the first letter that is not Latin, else Latin."""
    for char in text:
        if char.isalpha() and not char.isascii():
            name = unicodedata.name(char, "")
            for script in ("ARABIC", "CYRILLIC", "HEBREW", "GREEK", "CJK", "HANGUL", "THAI"):
                if name.startswith(script):
                    return {"CJK": "Han", "HANGUL": "Hangul"}.get(script, script.title())
    return "Latin"


def _birth_date(node: Element) -> BirthDate | None:
    kind = _text(node.find("TYPE_OF_DATE")).upper()
    day, year = _text(node.find("DATE")), _text(node.find("YEAR"))
    from_year, to_year = _text(node.find("FROM_YEAR")), _text(node.find("TO_YEAR"))
    note = _text(node.find("NOTE")) or None
    precision: Precision
    if from_year.isdigit() and to_year.isdigit():
        first, last = sorted((int(from_year), int(to_year)))
        return BirthDate(
            precision="range",
            earliest=date(first, 1, 1),
            latest=date(last, 12, 31),
            text=f"{first}-{last}",
        )
    if day:
        try:
            when = date.fromisoformat(day[:10])
        except ValueError:
            return None
        precision = "approximate" if kind == "APPROXIMATELY" else "day"
        return BirthDate(precision=precision, earliest=when, latest=when, text=note or day)
    if year.isdigit():
        precision = "approximate" if kind == "APPROXIMATELY" else "year"
        y = int(year)
        return BirthDate(
            precision=precision, earliest=date(y, 1, 1), latest=date(y, 12, 31), text=year
        )
    return None


def _names(node: Element, alias_tag: str, parts: tuple[str, ...]) -> Iterator[ListName]:
    primary = " ".join(part for part in parts if part)
    if primary:
        yield ListName(full=primary, parts=parts, primary=True, script=_script(primary))
    for alias in node.findall(alias_tag):
        full = _text(alias.find("ALIAS_NAME"))
        if not full:
            continue
        quality = _text(alias.find("QUALITY")).lower()
        weak = quality == "low"
        yield ListName(
            full=full,
            quality=NameQuality.WEAK if weak else NameQuality.STRONG,
            script=_script(full),
        )
    for original in node.findall("NAME_ORIGINAL_SCRIPT"):
        full = _text(original)
        if full:
            yield ListName(full=full, script=_script(full))


def _documents(node: Element) -> Iterator[ListDocument]:
    for doc in node.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(doc.find("NUMBER"))
        if not number:
            continue
        issuer = _text(doc.find("ISSUING_COUNTRY")) or _text(doc.find("COUNTRY_OF_ISSUE"))
        yield ListDocument(
            type=_text(doc.find("TYPE_OF_DOCUMENT")) or None,
            number=number,
            issuing_state=(country_alpha3(issuer) or issuer) if issuer else None,
            note=_text(doc.find("NOTE")) or None,
        )


def _entry(node: Element, entity: bool) -> ListEntry | None:
    fields: tuple[str, ...] = (
        ("FIRST_NAME",) if entity else ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")
    )
    if not entity:
        fields += ("FOURTH_NAME",)
    parts = tuple(p for p in (_text(node.find(f)) for f in fields) if p)
    alias_tag = "ENTITY_ALIAS" if entity else "INDIVIDUAL_ALIAS"
    names = tuple(_names(node, alias_tag, parts))
    if not names:
        return None
    gender = _text(node.find("GENDER")).lower()
    nationalities = tuple(
        code
        for code in (country_alpha3(_text(v)) for v in node.findall("NATIONALITY/VALUE"))
        if code
    )
    return ListEntry(
        reference=_text(node.find("REFERENCE_NUMBER")) or _text(node.find("DATAID")),
        entity_type=EntityType.ENTITY if entity else EntityType.PERSON,
        names=names,
        gender={"male": "M", "female": "F"}.get(gender),
        dates_of_birth=tuple(
            d
            for d in (_birth_date(n) for n in node.findall("INDIVIDUAL_DATE_OF_BIRTH"))
            if d is not None
        ),
        places_of_birth=tuple(
            ", ".join(p for p in (_text(n.find("CITY")), _text(n.find("COUNTRY"))) if p)
            for n in node.findall("INDIVIDUAL_PLACE_OF_BIRTH")
            if _text(n.find("CITY")) or _text(n.find("COUNTRY"))
        ),
        nationalities=nationalities,
        documents=tuple(_documents(node)),
        external_id=_text(node.find("DATAID")) or None,
        source="UN Security Council Consolidated List",
    )


def read_un_xml(path: Path) -> list[ListEntry]:
    """Every individual and entity of a UN consolidated list file, in file order."""
    root = SafeElementTree.parse(path).getroot()
    entries: list[ListEntry] = []
    for node in root.iter("INDIVIDUAL"):
        entry = _entry(node, entity=False)
        if entry is not None:
            entries.append(entry)
    for node in root.iter("ENTITY"):
        entry = _entry(node, entity=True)
        if entry is not None:
            entries.append(entry)
    return entries


def read_list(path: Path) -> tuple[list[ListEntry], str]:
    """The list's entries and which reader produced them (the project's importer if present)."""
    ours = "bench reader (bench/screening_un_list.py)"
    try:  # imported by name: the module may not exist yet
        module = importlib.import_module("paxscreen.watchlists.formats.un_xml")
    except ImportError:
        return read_un_xml(path), ours
    try:
        parsed = module.read_un_list(path.read_bytes())
        entries = list(getattr(parsed, "entries", parsed))
    except Exception as exc:  # the importer is young: say so and use the bench reader
        return read_un_xml(path), f"{ours}; the project importer failed: {exc!r}"
    if not all(isinstance(e, ListEntry) for e in entries):
        return read_un_xml(path), f"{ours}; the project importer returned {type(parsed)}"
    return entries, "paxscreen.watchlists.formats.un_xml"
