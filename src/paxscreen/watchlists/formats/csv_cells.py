"""CSV plumbing shared by the CSV shapes: decoding, records with their line numbers, one row's
cells by column name with located issues, and the backslash escapes of list cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from paxscreen.watchlists.formats.issues import IssueLog, WatchlistFormatError

CSV_ENCODING = "csv_encoding"
CSV_SYNTAX = "csv_syntax"
CSV_EMPTY = "csv_empty"
CSV_MISSING_NAME = "csv_missing_name"  # a row with neither a name nor a document

ESCAPE = "\\"
LIST_SEPARATOR = "|"


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is allowed); WatchlistFormatError with the line of the first
    byte that is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise WatchlistFormatError(CSV_ENCODING, reason, line=line) from None


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each non-blank RFC 4180 record. A quoted cell may hold line
    breaks, so a record's line is where it starts."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise WatchlistFormatError(CSV_SYNTAX, str(exc), line=line) from None


class CsvRow:
    """One record: its cells by (lower-case) column name, and issues located at its line and
    the column they are about."""

    def __init__(
        self,
        line: int,
        cells: Sequence[str],
        columns: dict[str, int],
        errors: IssueLog,
        warnings: IssueLog,
    ) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns  # column name -> 0-based index
        self.errors = errors
        self.warnings = warnings
        self.reference: str | None = None

    def get(self, column: str) -> str:
        """The stripped cell of ``column``; "" when the file has no such column."""
        index = self.columns.get(column)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def _add(self, log: IssueLog, code: str, detail: str, column: str | None) -> None:
        index = self.columns.get(column) if column else None
        log.add(
            code,
            detail,
            reference=self.reference,
            line=self.line,
            column=index + 1 if index is not None else None,
            field=column,
        )

    def warn(self, code: str, detail: str, column: str | None = None) -> None:
        self._add(self.warnings, code, detail, column)

    def error(self, code: str, detail: str, column: str | None = None) -> None:
        self._add(self.errors, code, detail, column)


def split_escaped(
    cell: str, separator: str = LIST_SEPARATOR, *, keep_empty: bool = False, maxsplit: int = -1
) -> list[str]:
    """``cell`` split at each ``separator`` that no backslash escapes (at most ``maxsplit``
    times, if not negative). The pieces keep their escapes (so that they can be split again) and
    are stripped; empty ones are dropped unless ``keep_empty``."""
    pieces: list[str] = []
    current: list[str] = []
    characters = iter(cell)
    for char in characters:
        if char == ESCAPE:
            current.append(char + next(characters, ""))
        elif char == separator and len(pieces) != maxsplit:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [piece.strip() for piece in pieces if keep_empty or piece.strip()]


def unescape(piece: str) -> str:
    """``piece`` with each backslash escape replaced by the character it escapes."""
    out: list[str] = []
    characters = iter(piece)
    for char in characters:
        out.append(next(characters, ESCAPE) if char == ESCAPE else char)
    return "".join(out)


def escape(value: str, specials: str = LIST_SEPARATOR, *, leading: str = "") -> str:
    """``value`` with a backslash before each backslash and each of ``specials``, and before
    its first character if that is one of ``leading``."""
    escaped = "".join(
        ESCAPE + char if char in specials or char == ESCAPE else char for char in value
    )
    if escaped[:1] and escaped[0] in leading:
        escaped = ESCAPE + escaped
    return escaped


def split_values(cell: str) -> list[str]:
    """The values of a pipe-separated cell, unescaped."""
    return [unescape(piece) for piece in split_escaped(cell)]


def join_values(values: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(escape(value) for value in values)
