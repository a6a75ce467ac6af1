"""The GTAS watchlist CSV shapes (US CBP GTAS, gtas-watchlist-loader and its demo lists):

- ``firstname,lastname,middlename,dob,documentcountry,documentnumber,documenttype,coc,phone,
  email`` (wl-NS.csv): a person with one document; ``coc`` is the country of citizenship;
- ``"doc.dob","pass.firstname","pass.lastname"`` (KST_Watchlist.txt): a person;
- ``"doc.type","doc.number"`` (Lost_StolenPassports.txt): a document alone.

Any mix of these columns is read. Each row is one entry: the name is given (first and middle
names), family (last name), and those parts in that order; the document is its type as listed
(P, V ...), number and issuing country. A row with a document and no name is an entry with no
names (a lost or stolen document). phone and email are not kept: a list entry carries no
contact data (``csv_unread_column``, once, on the header).

The files carry no reference, so each entry's is "GTAS-" and a hash of what it holds: the same
row keeps its reference whatever its place in the file, and an edited row is a new entry. A row
holding the same as an earlier one is ``csv_duplicate_row`` and left out.

Dates of birth: ``YYYY-MM-DD``, or day, month and year separated by "-" or "/" in an order the
files do not state (``2-12-1965``). When the day and the month could be either way round, both
readings are kept, with ``ambiguous_date``: a screening list would rather match twice than
miss. ``text`` keeps the date as listed.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    ListDocument,
    ListEntry,
    ListName,
)
from paxscreen.normalise.countries import resolve_country
from paxscreen.watchlists.formats.birth_dates import exact_day
from paxscreen.watchlists.formats.csv_cells import CSV_MISSING_NAME, CsvRow
from paxscreen.watchlists.formats.issues import (
    AMBIGUOUS_DATE,
    DOCUMENT_WITHOUT_NUMBER,
    INVALID_DATE,
    IssueLog,
)
from paxscreen.watchlists.formats.text import detect_script

CSV_UNREAD_COLUMN = "csv_unread_column"
CSV_DUPLICATE_ROW = "csv_duplicate_row"

SOURCE = "GTAS watchlist CSV"
# GTAS column name -> what it holds.
COLUMNS = {
    "firstname": "first",
    "pass.firstname": "first",
    "middlename": "middle",
    "pass.middlename": "middle",
    "lastname": "last",
    "pass.lastname": "last",
    "dob": "dob",
    "doc.dob": "dob",
    "pass.dob": "dob",
    "documenttype": "doc_type",
    "doc.type": "doc_type",
    "documentnumber": "doc_number",
    "doc.number": "doc_number",
    "documentcountry": "doc_country",
    "doc.issuancecountry": "doc_country",
    "coc": "citizenship",
    "pass.citizenshipcountry": "citizenship",
}
NOT_KEPT = frozenset({"phone", "email"})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")


def is_gtas_header(columns: dict[str, int]) -> bool:
    held = {COLUMNS[name] for name in columns if name in COLUMNS}
    return bool(held & {"first", "last", "doc_number"})


class GtasReader:
    def __init__(self, header_line: int, columns: dict[str, int], warnings: IssueLog) -> None:
        self.by_role = {COLUMNS[name]: name for name in columns if name in COLUMNS}
        self.first_lines: dict[str, int] = {}  # reference -> line it was first read on
        unread = [name for name in columns if name not in COLUMNS]
        if unread:
            detail = f"columns not kept: {', '.join(unread)}"
            if set(unread) <= NOT_KEPT:
                detail += " (contact data is not part of a list entry)"
            warnings.add(CSV_UNREAD_COLUMN, detail, line=header_line)

    def _get(self, row: CsvRow, role: str) -> str:
        column = self.by_role.get(role)
        return row.get(column) if column else ""

    def read(self, row: CsvRow) -> ListEntry | None:
        first, middle, last = (self._get(row, role) for role in ("first", "middle", "last"))
        parts = tuple(part for part in (first, middle, last) if part)
        number = self._get(row, "doc_number")
        doc_type, doc_country = self._get(row, "doc_type"), self._get(row, "doc_country")
        citizenship = self._get(row, "citizenship")
        dob = self._get(row, "dob")
        if not parts and not (number or doc_type or doc_country):
            row.error(CSV_MISSING_NAME, "neither a name nor a document")
            return None
        reference = "GTAS-" + _digest(
            first, middle, last, dob, doc_type, number, doc_country, citizenship
        )
        row.reference = reference
        if reference in self.first_lines:
            detail = f"the same as line {self.first_lines[reference]}: left out"
            row.warn(CSV_DUPLICATE_ROW, detail)
            return None
        self.first_lines[reference] = row.line
        names: tuple[ListName, ...] = ()
        if parts:
            full = " ".join(parts)
            given = " ".join(part for part in (first, middle) if part) or None
            names = (
                ListName(
                    full=full,
                    parts=parts,
                    given=given,
                    family=last or None,
                    primary=True,
                    script=detect_script(full),
                ),
            )
        documents: tuple[ListDocument, ...] = ()
        if number or doc_type or doc_country:
            documents = (self._document(row, doc_type, number, doc_country),)
        return ListEntry(
            reference=reference,
            names=names,
            dates_of_birth=tuple(self._birth_dates(row, dob)),
            nationalities=tuple(self._countries(row, "citizenship", citizenship)),
            documents=documents,
            source=SOURCE,
        )

    def _document(self, row: CsvRow, doc_type: str, number: str, country: str) -> ListDocument:
        if not number:
            row.warn(
                DOCUMENT_WITHOUT_NUMBER, "a document without number", self.by_role.get("doc_number")
            )
        issuing = self._countries(row, "doc_country", country)
        return ListDocument(
            type=doc_type or None, number=number, issuing_state=issuing[0] if issuing else None
        )

    def _countries(self, row: CsvRow, role: str, value: str) -> list[str]:
        if not value:
            return []
        code, warning = resolve_country(value)
        if warning:
            row.warn(warning, f"{value!r} kept as {code!r}", self.by_role.get(role))
        return [code]

    def _birth_dates(self, row: CsvRow, listed: str) -> list[BirthDate]:
        if not listed:
            return []
        column = self.by_role.get("dob")
        try:
            if match := _ISO.fullmatch(listed):
                year, month, day = (int(group) for group in match.groups())
                return [exact_day(date(year, month, day), listed)]
            if match := _NUMERIC.fullmatch(listed):
                first, second, year = (int(group) for group in match.groups())
                readings = []
                for month, day in ((first, second), (second, first)):
                    try:
                        readings.append(exact_day(date(year, month, day), listed))
                    except ValueError:
                        continue
                readings = list(dict.fromkeys(readings))
                if len(readings) > 1:
                    detail = f"{listed!r} read both as month-day and day-month"
                    row.warn(AMBIGUOUS_DATE, detail, column)
                if readings:
                    return readings
        except ValueError:
            pass
        row.warn(INVALID_DATE, f"date of birth {listed!r} not read: left out", column)
        return []


def _digest(*values: str) -> str:
    key = "\x1f".join(value.strip().upper() for value in values)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
