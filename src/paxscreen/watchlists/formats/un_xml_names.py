"""The names of a UN Consolidated List entry besides its primary one: names in the original
script, and aliases with the dates and places of birth some of them carry."""

from __future__ import annotations

from typing import NamedTuple
from xml.etree.ElementTree import Element

from paxscreen.normalise.canonical_watchlist import BirthDate, ListName, NameQuality
from paxscreen.normalise.pnrgov_xml_nodes import shorten
from paxscreen.watchlists.formats.birth_dates import exact_day, whole_year
from paxscreen.watchlists.formats.issues import INVALID_DATE
from paxscreen.watchlists.formats.text import collapse_spaces, detect_script
from paxscreen.watchlists.formats.un_xml_values import (
    Report,
    fields_of,
    join_place,
    local_name,
    parse_iso_date,
    report_unread,
)

UN_ALIAS_QUALITY = "un_alias_quality"
UN_ALIAS_WITHOUT_NAME = "un_alias_without_name"

# QUALITY with dots left out, case ignored. A former name (f.k.a.) is still one a person or a
# company may go by, so it is as strong as a current one.
ALIAS_QUALITIES = {
    "good": NameQuality.STRONG,
    "aka": NameQuality.STRONG,
    "fka": NameQuality.STRONG,
    "low": NameQuality.WEAK,
}
ALIAS_FIELDS = frozenset(
    {"QUALITY", "ALIAS_NAME", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH", "NOTE"}
)


class Aliases(NamedTuple):
    names: list[ListName]
    dates: list[BirthDate]  # DATE_OF_BIRTH of aliases, text "<date> (alias <name>)"
    places: list[str]  # CITY_OF_BIRTH, COUNTRY_OF_BIRTH of aliases


def read_original_script_names(element: Element) -> list[ListName]:
    """Each NAME_ORIGINAL_SCRIPT with content: a strong name in its detected script."""
    names = []
    for child in element:
        if local_name(child) == "NAME_ORIGINAL_SCRIPT" and (full := collapse_spaces(child.text)):
            names.append(ListName(full=full, script=detect_script(full)))
    return names


def read_aliases(element: Element, tag: str, report: Report) -> Aliases:
    """The aliases (``tag`` INDIVIDUAL_ALIAS or ENTITY_ALIAS) that have a name. Their NOTEs are
    not kept: ListName has no place for them."""
    aliases = Aliases([], [], [])
    for alias in (child for child in element if local_name(child) == tag):
        report_unread(alias, ALIAS_FIELDS, report)
        values = fields_of(alias)
        full = values.get("ALIAS_NAME")
        if not full:
            if set(values) - {"QUALITY"}:
                report(UN_ALIAS_WITHOUT_NAME, f"alias values {sorted(values)}: left out", alias)
            continue
        listed_quality = values.get("QUALITY", "")
        quality = ALIAS_QUALITIES.get(listed_quality.replace(".", "").casefold())
        if quality is None:
            report(UN_ALIAS_QUALITY, f"QUALITY {shorten(listed_quality)!r} read as strong", alias)
        aliases.names.append(
            ListName(full=full, quality=quality or NameQuality.STRONG, script=detect_script(full))
        )
        if birth_date := _alias_birth_date(alias, values, full, report):
            aliases.dates.append(birth_date)
        place = join_place([values.get("CITY_OF_BIRTH", ""), values.get("COUNTRY_OF_BIRTH", "")])
        if place:
            aliases.places.append(place)
    return aliases


def _alias_birth_date(
    alias: Element, values: dict[str, str], name: str, report: Report
) -> BirthDate | None:
    listed = values.get("DATE_OF_BIRTH")
    if not listed:
        return None
    text = f"{listed} (alias {name})"
    if day := parse_iso_date(listed):
        return exact_day(day, text)
    if listed.isdigit() and len(listed) == 4:
        return whole_year(int(listed), text)
    report(INVALID_DATE, f"alias DATE_OF_BIRTH {shorten(listed)!r}: left out", alias)
    return None
