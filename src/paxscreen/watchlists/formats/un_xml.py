"""The UN Security Council Consolidated List (XML, https://www.un.org/sc/resources/sc-sanctions.xsd)
into canonical ListEntry values.

Shape read::

    CONSOLIDATED_LIST @dateGenerated
      INDIVIDUALS/INDIVIDUAL  DATAID, REFERENCE_NUMBER, UN_LIST_TYPE, LISTED_ON, GENDER,
          FIRST_NAME .. FOURTH_NAME, NAME_ORIGINAL_SCRIPT, COMMENTS1, NATIONALITY/VALUE*,
          INDIVIDUAL_ALIAS* (QUALITY, ALIAS_NAME, DATE_OF_BIRTH, CITY_OF_BIRTH, COUNTRY_OF_BIRTH),
          INDIVIDUAL_DATE_OF_BIRTH*, INDIVIDUAL_PLACE_OF_BIRTH*, INDIVIDUAL_DOCUMENT*
      ENTITIES/ENTITY  DATAID, REFERENCE_NUMBER, UN_LIST_TYPE, LISTED_ON, FIRST_NAME,
          NAME_ORIGINAL_SCRIPT, COMMENTS1, ENTITY_ALIAS* (QUALITY, ALIAS_NAME)

Names: FIRST_NAME .. FOURTH_NAME are the primary name's parts in order, joined into its full
name; the UN does not say which part is the family name, so ``given`` and ``family`` stay None.
An original-script name is a strong name in its detected script. Alias QUALITY Good, a.k.a. and
f.k.a. (a former name is still one a person may travel under) give strong names; Low gives weak
ones. An alias's own date and place of birth join the entry's, unless already there; alias
NOTEs are not kept. Dates of birth: un_xml_values.py. Not read: addresses, designations,
titles, LAST_DAY_UPDATED, VERSIONNUM, SORT_KEY. Every text has its white space collapsed: the UN
wraps lines anywhere, and editions indent differently, which is no change to an entry.

Parsed with defusedxml (no DTD, no entity, nothing fetched; size, depth and element count
limited) through paxscreen.normalise.pnrgov_xml.parse_safely. A file that is not well-formed XML,
is hostile, or is not a CONSOLIDATED_LIST raises WatchlistFormatError (codes xml_too_large,
xml_forbidden, xml_syntax, un_not_consolidated_list). Everything else is a warning (ListIssue,
with the entry's reference and the element's line):

  un_missing_reference   no REFERENCE_NUMBER: the reference is "DATAID-<DATAID>"
  un_duplicate_reference the reference of an earlier entry: both kept (see diff.ListDiff)
  un_entry_without_name  no name at all: the entry is left out
  un_alias_quality       an alias QUALITY that is none of the above: read as strong
  un_alias_without_name  an alias with values but no ALIAS_NAME: left out
  un_dob_type, un_dob_unparsed, invalid_date, document_without_number, un_unread_element
                         (un_xml_values.py)
  unknown_gender         GENDER not Male, Female or Unknown
  unknown_country        a nationality or issuing country kept as listed (countries.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, TypeVar
from xml.etree.ElementTree import Element

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
)
from paxscreen.normalise.countries import resolve_country
from paxscreen.normalise.pnrgov_xml import parse_safely
from paxscreen.normalise.pnrgov_xml_nodes import shorten
from paxscreen.normalise.xml_errors import PnrXmlError
from paxscreen.watchlists.formats.issues import (
    INVALID_DATE,
    UNKNOWN_GENDER,
    IssueLog,
    ListIssue,
    WatchlistFormatError,
)
from paxscreen.watchlists.formats.text import collapse_spaces, detect_script
from paxscreen.watchlists.formats.un_xml_names import read_aliases, read_original_script_names
from paxscreen.watchlists.formats.un_xml_values import (
    Report,
    fields_of,
    local_name,
    parse_iso_date,
    read_birth_date,
    read_document,
    read_place,
    report_unread,
)

UN_NOT_CONSOLIDATED_LIST = "un_not_consolidated_list"
UN_MISSING_REFERENCE = "un_missing_reference"
UN_DUPLICATE_REFERENCE = "un_duplicate_reference"
UN_ENTRY_WITHOUT_NAME = "un_entry_without_name"

_T = TypeVar("_T")

SOURCE = "UN Security Council Consolidated List"
MAX_BYTES = 100_000_000  # the 2026 list is 2 MB
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
GENDERS = {"MALE": "M", "FEMALE": "F", "UNKNOWN": "U"}
_NOT_READ = frozenset(
    {
        "VERSIONNUM",
        "DESIGNATION",
        "TITLE",
        "LIST_TYPE",
        "LAST_DAY_UPDATED",
        "SORT_KEY",
        "SORT_KEY_LAST_MOD",
        "SUBMITTED_BY",
        "SUBMITTED_ON",
        "INDIVIDUAL_ADDRESS",
        "ENTITY_ADDRESS",
    }
)
_COMMON = frozenset(
    {"DATAID", "REFERENCE_NUMBER", "UN_LIST_TYPE", "LISTED_ON", "COMMENTS1", "FIRST_NAME"}
    | {"NAME_ORIGINAL_SCRIPT"}
)
INDIVIDUAL_FIELDS = _NOT_READ | _COMMON | set(NAME_PARTS) | {"GENDER", "NATIONALITY"}
INDIVIDUAL_FIELDS |= {"INDIVIDUAL_ALIAS", "INDIVIDUAL_DATE_OF_BIRTH"}
INDIVIDUAL_FIELDS |= {"INDIVIDUAL_PLACE_OF_BIRTH", "INDIVIDUAL_DOCUMENT"}
ENTITY_FIELDS = _NOT_READ | _COMMON | {"ENTITY_ALIAS"}


@dataclass(slots=True)
class UnCounts:
    """What the file holds, counted as read (elements with content, placeholders left out,
    except ``dob_elements``, which counts every INDIVIDUAL_DATE_OF_BIRTH as INDEX.md does)."""

    individuals: int = 0
    entities: int = 0
    aliases: int = 0  # named INDIVIDUAL_ALIAS
    entity_aliases: int = 0  # named ENTITY_ALIAS
    dob_elements: int = 0
    documents: int = 0
    original_script_names: int = 0  # of individuals
    entity_original_script_names: int = 0


@dataclass(frozen=True)
class UnList:
    generated: datetime | None  # dateGenerated
    entries: list[ListEntry]
    warnings: list[ListIssue]
    counts: UnCounts = field(default_factory=UnCounts)


def read_un_list(data: bytes) -> UnList:
    """Every individual and entity of a UN Consolidated List XML file, in document order."""
    try:
        parsed = parse_safely(data, max_bytes=MAX_BYTES)
    except PnrXmlError as exc:
        raise WatchlistFormatError(exc.code, exc.reason, line=exc.line, column=exc.column) from None
    root = parsed.root
    if local_name(root) != "CONSOLIDATED_LIST":
        reason = f"the root element is <{shorten(local_name(root), 100)}>, not <CONSOLIDATED_LIST>"
        raise WatchlistFormatError(UN_NOT_CONSOLIDATED_LIST, reason, line=parsed.lines.get(root))
    reader = _Reader(parsed.lines)
    generated = reader.generated(root)
    report_unread(root, frozenset({"INDIVIDUALS", "ENTITIES"}), reader.report_at(None))
    for section in root:
        name = local_name(section)
        if name == "INDIVIDUALS":
            report_unread(section, frozenset({"INDIVIDUAL"}), reader.report_at(None))
            for element in section:
                if local_name(element) == "INDIVIDUAL":
                    reader.add(reader.individual(element), element)
        elif name == "ENTITIES":
            report_unread(section, frozenset({"ENTITY"}), reader.report_at(None))
            for element in section:
                if local_name(element) == "ENTITY":
                    reader.add(reader.entity(element), element)
    return UnList(generated, reader.entries, reader.log.items, reader.counts)


class _Common(NamedTuple):
    """The ListEntry fields individuals and entities read alike."""

    listed_on: date | None
    source: str
    remarks: str | None
    external_id: str | None


class _Reader:
    def __init__(self, lines: dict[Element, int]) -> None:
        self.lines = lines
        self.log = IssueLog()
        self.counts = UnCounts()
        self.entries: list[ListEntry] = []
        self.references: set[str] = set()

    def report_at(self, reference: str | None) -> Report:
        """A report function for the un_xml_values readers, for the entry ``reference``."""

        def report(code: str, detail: str, element: Element) -> None:
            line = self.lines.get(element)
            self.log.add(code, detail, reference=reference, line=line, field=local_name(element))

        return report

    def generated(self, root: Element) -> datetime | None:
        value = (root.get("dateGenerated") or "").strip()
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            self.log.add(INVALID_DATE, f"dateGenerated {shorten(value)!r}", line=self.lines[root])
            return None

    def add(self, entry: ListEntry | None, element: Element) -> None:
        if entry is None:
            return
        if entry.reference in self.references:
            what = f"reference {entry.reference} appears again (DATAID {entry.external_id})"
            line = self.lines.get(element)
            self.log.add(UN_DUPLICATE_REFERENCE, what, reference=entry.reference, line=line)
        self.references.add(entry.reference)
        self.entries.append(entry)

    def _reference(self, element: Element, values: dict[str, str]) -> str | None:
        reference = values.get("REFERENCE_NUMBER")
        if reference:
            return reference
        line = self.lines.get(element)
        if "DATAID" not in values:
            what = "an entry with neither REFERENCE_NUMBER nor DATAID is left out"
            self.log.add(UN_MISSING_REFERENCE, what, line=line)
            return None
        reference = f"DATAID-{values['DATAID']}"
        self.log.add(UN_MISSING_REFERENCE, f"no REFERENCE_NUMBER: {reference}", line=line)
        return reference

    def _listed_on(self, element: Element, values: dict[str, str], reference: str) -> date | None:
        listed = values.get("LISTED_ON")
        day = parse_iso_date(listed) if listed else None
        if listed and day is None:
            line = self.lines.get(element)
            detail = f"LISTED_ON {shorten(listed)!r}"
            self.log.add(INVALID_DATE, detail, reference=reference, line=line, field="LISTED_ON")
        return day

    def _common(self, element: Element, values: dict[str, str], reference: str) -> _Common:
        list_type = values.get("UN_LIST_TYPE")
        return _Common(
            listed_on=self._listed_on(element, values, reference),
            source=f"{SOURCE}, {list_type}" if list_type else SOURCE,
            remarks=values.get("COMMENTS1"),
            external_id=values.get("DATAID"),
        )

    def _named(self, element: Element, reference: str, names: list[ListName]) -> bool:
        if names:
            return True
        what = "no FIRST_NAME .. FOURTH_NAME, original-script name or alias: left out"
        line = self.lines.get(element)
        self.log.add(UN_ENTRY_WITHOUT_NAME, what, reference=reference, line=line)
        return False

    def individual(self, element: Element) -> ListEntry | None:
        self.counts.individuals += 1
        values = fields_of(element)
        reference = self._reference(element, values)
        if reference is None:
            return None
        report = self.report_at(reference)
        report_unread(element, INDIVIDUAL_FIELDS, report)
        parts = tuple(values[tag] for tag in NAME_PARTS if tag in values)
        names = []
        if parts:
            full = " ".join(parts)
            names.append(ListName(full=full, parts=parts, primary=True, script=detect_script(full)))
        original = read_original_script_names(element)
        aliases = read_aliases(element, "INDIVIDUAL_ALIAS", report)
        self.counts.original_script_names += len(original)
        self.counts.aliases += len(aliases.names)
        names += original + aliases.names
        dates: list[BirthDate] = []
        places: list[str] = []
        nationalities: list[str] = []
        documents: list[ListDocument] = []
        for child in element:
            match local_name(child):
                case "INDIVIDUAL_DATE_OF_BIRTH":
                    self.counts.dob_elements += 1
                    if birth_date := read_birth_date(child, report):
                        dates.append(birth_date)
                case "INDIVIDUAL_PLACE_OF_BIRTH":
                    if place := read_place(child, report):
                        places.append(place)
                case "INDIVIDUAL_DOCUMENT":
                    if document := read_document(child, report):
                        self.counts.documents += 1
                        documents.append(document)
                case "NATIONALITY":
                    nationalities += self._nationalities(child, report)
        spans = {(d.precision, d.earliest, d.latest) for d in dates}
        dates += [d for d in aliases.dates if (d.precision, d.earliest, d.latest) not in spans]
        places += [place for place in aliases.places if place not in places]
        if not self._named(element, reference, names):
            return None
        common = self._common(element, values, reference)
        return ListEntry(
            reference=reference,
            entity_type=EntityType.PERSON,
            names=tuple(names),
            gender=self._gender(element, values.get("GENDER"), reference),
            dates_of_birth=tuple(_unique(dates)),
            places_of_birth=tuple(_unique(places)),
            nationalities=tuple(_unique(nationalities)),
            documents=tuple(documents),
            **common._asdict(),
        )

    def entity(self, element: Element) -> ListEntry | None:
        self.counts.entities += 1
        values = fields_of(element)
        reference = self._reference(element, values)
        if reference is None:
            return None
        report = self.report_at(reference)
        report_unread(element, ENTITY_FIELDS, report)
        names = []
        if full := values.get("FIRST_NAME"):
            names.append(ListName(full=full, primary=True, script=detect_script(full)))
        original = read_original_script_names(element)
        aliases = read_aliases(element, "ENTITY_ALIAS", report).names
        self.counts.entity_original_script_names += len(original)
        self.counts.entity_aliases += len(aliases)
        names += original + aliases
        if not self._named(element, reference, names):
            return None
        common = self._common(element, values, reference)
        return ListEntry(
            reference=reference,
            entity_type=EntityType.ENTITY,
            names=tuple(names),
            **common._asdict(),
        )

    def _nationalities(self, element: Element, report: Report) -> list[str]:
        codes = []
        for value in element:
            listed = collapse_spaces(value.text)
            if local_name(value) != "VALUE" or not listed:
                continue
            code, warning = resolve_country(listed)
            if warning:
                report(warning, f"nationality {shorten(listed)!r} kept as listed", value)
            codes.append(code)
        return codes

    def _gender(self, element: Element, listed: str | None, reference: str) -> str | None:
        if not listed:
            return None
        gender = GENDERS.get(listed.upper())
        if gender is None:
            line = self.lines.get(element)
            detail = f"GENDER {shorten(listed)!r} left out"
            self.log.add(UNKNOWN_GENDER, detail, reference=reference, line=line, field="GENDER")
        return gender


def _unique(values: list[_T]) -> list[_T]:
    return list(dict.fromkeys(values))
