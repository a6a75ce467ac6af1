"""Watchlists as CSV: paxscreen's own format (docs/watchlist-csv.md), read and written, and the
GTAS watchlist shapes, read (csv_gtas.py). Which one a file is follows from its header row.

A file that cannot be read at all raises WatchlistFormatError: csv_encoding (not UTF-8),
csv_syntax, csv_empty (no header), csv_unknown_header (neither shape), csv_duplicate_column.
Within a file, a row that cannot be read is an error, located by line and column, and the
entry is left out; a value that cannot be read is a warning, and the value is left out (or kept
as listed, for countries). Nothing is skipped without one or the other.

Row errors:   csv_field_count, csv_missing_reference, csv_duplicate_reference,
              csv_missing_name, csv_entity_type, csv_invalid_row
Warnings:     csv_unknown_column, invalid_date, unknown_gender, unknown_country,
              country_alpha2, document_without_number (and GTAS: csv_unread_column,
              ambiguous_date, csv_duplicate_row)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import ValidationError

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)
from paxscreen.normalise.countries import resolve_country
from paxscreen.watchlists.formats.birth_dates import format_birth_date, parse_birth_date_token
from paxscreen.watchlists.formats.csv_cells import (
    CSV_EMPTY,
    CSV_MISSING_NAME,
    CsvRow,
    decode,
    escape,
    join_values,
    records,
    split_escaped,
    split_values,
    unescape,
)
from paxscreen.watchlists.formats.csv_gtas import GtasReader, is_gtas_header
from paxscreen.watchlists.formats.issues import (
    DOCUMENT_WITHOUT_NUMBER,
    INVALID_DATE,
    UNKNOWN_GENDER,
    IssueLog,
    ListIssue,
    WatchlistFormatError,
)
from paxscreen.watchlists.formats.text import detect_script

CSV_UNKNOWN_HEADER = "csv_unknown_header"
CSV_DUPLICATE_COLUMN = "csv_duplicate_column"
CSV_UNKNOWN_COLUMN = "csv_unknown_column"
CSV_FIELD_COUNT = "csv_field_count"
CSV_MISSING_REFERENCE = "csv_missing_reference"
CSV_DUPLICATE_REFERENCE = "csv_duplicate_reference"
CSV_ENTITY_TYPE = "csv_entity_type"
CSV_INVALID_ROW = "csv_invalid_row"

COLUMNS = (
    "reference",
    "entity_type",
    "full_name",
    "given",
    "family",
    "name_parts",
    "aliases",
    "gender",
    "date_of_birth",
    "place_of_birth",
    "nationalities",
    "documents",
    "listed_on",
    "remarks",
    "source",
    "external_id",
)
WEAK_MARK = "~"
DOCUMENT_SEPARATOR = ":"
GENDERS = {"M": "M", "F": "F", "U": "U", "MALE": "M", "FEMALE": "F", "UNKNOWN": "U"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CsvList:
    entries: list[ListEntry]
    errors: list[ListIssue]  # rows left out
    warnings: list[ListIssue]  # values left out or kept as listed
    shape: Literal["paxscreen", "gtas"]


def read_csv_list(data: bytes) -> CsvList:
    """The entries of a paxscreen or GTAS watchlist CSV file, with located errors and warnings."""
    rows = records(decode(data))
    first = next(rows, None)
    if first is None:
        raise WatchlistFormatError(CSV_EMPTY, "no header row", line=1)
    header_line, header = first
    names = [name.strip().lower() for name in header]
    duplicated = sorted({name for name in names if names.count(name) > 1 and name})
    if duplicated:
        reason = f"columns named more than once: {', '.join(duplicated)}"
        raise WatchlistFormatError(CSV_DUPLICATE_COLUMN, reason, line=header_line)
    columns = {name: index for index, name in enumerate(names) if name}
    errors, warnings = IssueLog(), IssueLog()
    entries: list[ListEntry] = []
    if "reference" in columns:
        reader: _NativeReader | GtasReader = _NativeReader(header_line, columns, warnings)
        shape: Literal["paxscreen", "gtas"] = "paxscreen"
    elif is_gtas_header(columns):
        reader, shape = GtasReader(header_line, columns, warnings), "gtas"
    else:
        reason = f"a header with neither 'reference' nor the GTAS columns: {', '.join(names)}"
        raise WatchlistFormatError(CSV_UNKNOWN_HEADER, reason, line=header_line)
    for line, cells in rows:
        row = CsvRow(line, cells, columns, errors, warnings)
        if len(cells) != len(header):
            detail = f"{len(cells)} fields where the header has {len(header)}"
            row.error(CSV_FIELD_COUNT, detail)
            continue
        try:
            entry = reader.read(row)
        except ValidationError as exc:  # a value the canonical model refuses: the row's fault
            row.error(CSV_INVALID_ROW, str(exc.errors()[0]["msg"]))
            continue
        if entry is not None:
            entries.append(entry)
    return CsvList(entries, errors.items, warnings.items, shape)


class _NativeReader:
    def __init__(self, header_line: int, columns: dict[str, int], warnings: IssueLog) -> None:
        self.first_lines: dict[str, int] = {}  # reference -> line it was first read on
        for name, index in columns.items():
            if name not in COLUMNS:
                detail = f"column {name!r} is not part of the format: ignored"
                warnings.add(
                    CSV_UNKNOWN_COLUMN, detail, line=header_line, column=index + 1, field=name
                )

    def read(self, row: CsvRow) -> ListEntry | None:
        reference = row.get("reference")
        if not reference:
            row.error(CSV_MISSING_REFERENCE, "no reference", "reference")
            return None
        row.reference = reference
        if reference in self.first_lines:
            detail = f"reference already given on line {self.first_lines[reference]}"
            row.error(CSV_DUPLICATE_REFERENCE, detail, "reference")
            return None
        entity_type = _entity_type(row)
        if entity_type is None:
            return None
        names = _names(row)
        documents = _documents(row)
        if not names and not documents:
            row.error(CSV_MISSING_NAME, "no full_name, given, family, alias or document")
            return None
        entry = ListEntry(
            reference=reference,
            entity_type=entity_type,
            names=names,
            gender=_gender(row),
            dates_of_birth=tuple(_birth_dates(row)),
            places_of_birth=tuple(split_values(row.get("place_of_birth"))),
            nationalities=tuple(_countries(row, "nationalities")),
            documents=documents,
            listed_on=_listed_on(row),
            remarks=row.get("remarks") or None,
            source=row.get("source") or None,
            external_id=row.get("external_id") or None,
        )
        self.first_lines[reference] = row.line
        return entry


def _entity_type(row: CsvRow) -> EntityType | None:
    value = row.get("entity_type").lower() or EntityType.PERSON.value
    try:
        return EntityType(value)
    except ValueError:
        row.error(
            CSV_ENTITY_TYPE, f"entity_type {value!r} is neither person nor entity", "entity_type"
        )
        return None


def _names(row: CsvRow) -> tuple[ListName, ...]:
    given, family = row.get("given") or None, row.get("family") or None
    parts = tuple(split_values(row.get("name_parts")))
    full = row.get("full_name") or " ".join(part for part in (given, family) if part)
    full = full or " ".join(parts)
    names = []
    if full:
        names.append(
            ListName(
                full=full,
                parts=parts,
                given=given,
                family=family,
                primary=True,
                script=detect_script(full),
            )
        )
    for piece in split_escaped(row.get("aliases")):
        weak = piece.startswith(WEAK_MARK)
        alias = unescape(piece.removeprefix(WEAK_MARK).strip())
        if alias:
            quality = NameQuality.WEAK if weak else NameQuality.STRONG
            names.append(ListName(full=alias, quality=quality, script=detect_script(alias)))
    return tuple(names)


def _gender(row: CsvRow) -> str | None:
    value = row.get("gender")
    if not value:
        return None
    gender = GENDERS.get(value.upper())
    if gender is None:
        row.warn(UNKNOWN_GENDER, f"gender {value!r} is not M, F or U: left out", "gender")
    return gender


def _birth_dates(row: CsvRow) -> list[BirthDate]:
    dates = []
    for token in split_values(row.get("date_of_birth")):
        try:
            dates.append(parse_birth_date_token(token))
        except ValueError as exc:
            row.warn(INVALID_DATE, f"{exc}: left out", "date_of_birth")
    return dates


def _countries(row: CsvRow, column: str) -> list[str]:
    codes = []
    for value in split_values(row.get(column)):
        code, warning = resolve_country(value)
        if warning:
            row.warn(warning, f"{value!r} kept as {code!r}", column)
        codes.append(code)
    return codes


def _documents(row: CsvRow) -> tuple[ListDocument, ...]:
    documents = []
    for piece in split_escaped(row.get("documents")):
        # The note is the rest: a colon in it needs no escape.
        fields = split_escaped(piece, DOCUMENT_SEPARATOR, keep_empty=True, maxsplit=3)
        if len(fields) == 1:  # a bare number
            fields = ["", *fields]
        doc_type, number, issuing, note = (unescape(field) for field in [*fields, "", ""][:4])
        issuing_state = None
        if issuing:
            issuing_state, warning = resolve_country(issuing)
            if warning:
                row.warn(warning, f"issuing state {issuing!r} kept as listed", "documents")
        if not number:
            row.warn(DOCUMENT_WITHOUT_NUMBER, f"document {piece!r} has no number", "documents")
        documents.append(
            ListDocument(
                type=doc_type or None,
                number=number,
                issuing_state=issuing_state,
                note=note or None,
            )
        )
    return tuple(documents)


def _listed_on(row: CsvRow) -> date | None:
    value = row.get("listed_on")
    if not value:
        return None
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    row.warn(INVALID_DATE, f"listed_on {value!r} is not a YYYY-MM-DD date: left out", "listed_on")
    return None


def write_csv_list(entries: Iterable[ListEntry]) -> bytes:
    """``entries`` in paxscreen's CSV format, UTF-8, CRLF line ends, every column in the
    documented order. Reading the result gives the same entries, except for what the format
    does not carry (docs/watchlist-csv.md)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(_row(entry))
    return buffer.getvalue().encode("utf-8")


def _row(entry: ListEntry) -> list[str]:
    primary = next((name for name in entry.names if name.primary), None)
    aliases = [
        (WEAK_MARK if name.quality is NameQuality.WEAK else "")
        + escape(name.full, leading=WEAK_MARK)
        for name in entry.names
        if name is not primary
    ]
    return [
        entry.reference,
        entry.entity_type.value,
        primary.full if primary else "",
        (primary.given or "") if primary else "",
        (primary.family or "") if primary else "",
        join_values(primary.parts) if primary else "",
        "|".join(aliases),
        entry.gender or "",
        "|".join(format_birth_date(birth_date) for birth_date in entry.dates_of_birth),
        join_values(entry.places_of_birth),
        join_values(entry.nationalities),
        "|".join(_document_token(document) for document in entry.documents),
        entry.listed_on.isoformat() if entry.listed_on else "",
        entry.remarks or "",
        entry.source or "",
        entry.external_id or "",
    ]


def _document_token(document: ListDocument) -> str:
    fields = [
        document.type or "",
        document.number,
        document.issuing_state or "",
        document.note or "",
    ]
    while len(fields) > 2 and not fields[-1]:
        fields.pop()
    specials = "|" + DOCUMENT_SEPARATOR
    return DOCUMENT_SEPARATOR.join(escape(field, specials) for field in fields)
