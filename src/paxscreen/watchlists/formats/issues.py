"""What a list reader reports: tolerated problems (ListIssue, with a stable code and a place) and
files that cannot be read at all (WatchlistFormatError)."""

from __future__ import annotations

from paxscreen.normalise.canonical import Canonical
from paxscreen.normalise.codes import COUNTRY_ALPHA2, UNKNOWN_COUNTRY, UNKNOWN_GENDER

# Codes shared by every format; each format adds its own (un_..., csv_...).
INVALID_DATE = "invalid_date"  # a date we cannot read: the value is left out
AMBIGUOUS_DATE = "ambiguous_date"  # day and month could be either way round: both are kept
DOCUMENT_WITHOUT_NUMBER = "document_without_number"  # kept with number "" (see its note)
__all__ = [
    "AMBIGUOUS_DATE",
    "COUNTRY_ALPHA2",
    "DOCUMENT_WITHOUT_NUMBER",
    "INVALID_DATE",
    "UNKNOWN_COUNTRY",
    "UNKNOWN_GENDER",
    "IssueLog",
    "ListIssue",
    "WatchlistFormatError",
]


class ListIssue(Canonical):
    """One problem in a list file. ``line`` is 1-based (the XML element's or the CSV record's
    first line); ``column`` is the 1-based CSV column; ``field`` names the CSV column or the XML
    element; ``reference`` is the entry's, where known."""

    code: str
    detail: str
    reference: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def describe(self) -> str:
        where = [f"line {self.line}"] if self.line is not None else []
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.field:
            where.append(self.field)
        if self.reference:
            where.append(f"entry {self.reference}")
        location = f" ({', '.join(where)})" if where else ""
        return f"{self.code}{location}: {self.detail}"


class IssueLog:
    """Issues in the order they were found."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[ListIssue] = []

    def add(
        self,
        code: str,
        detail: str,
        *,
        reference: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.items.append(
            ListIssue(
                code=code,
                detail=detail,
                reference=reference,
                line=line,
                column=column,
                field=field,
            )
        )


class WatchlistFormatError(ValueError):
    """A file that cannot be read as the format asked for (not XML, not UTF-8, no header, not a
    UN list ...). Problems within a readable file are ListIssues instead."""

    def __init__(
        self, code: str, reason: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = f" at line {self.line}" if self.line is not None else ""
        if self.line is not None and self.column is not None:
            where += f", column {self.column}"
        return f"list refused ({self.code}){where}: {self.reason}"
