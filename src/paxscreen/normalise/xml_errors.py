"""PnrXmlError: why an XML body was refused, with a stable code and where in the document."""

from __future__ import annotations

XML_TOO_LARGE = "xml_too_large"  # over the byte, depth or element limit
XML_FORBIDDEN = "xml_forbidden"  # DTD, entity declaration, external reference or XInclude
XML_SYNTAX = "xml_syntax"  # not well-formed
XML_STRUCTURE = "xml_structure"  # well-formed but not a PNRGOV push (root, namespace, no flight)

ERROR_CODES = frozenset({XML_TOO_LARGE, XML_FORBIDDEN, XML_SYNTAX, XML_STRUCTURE})


class PnrXmlError(Exception):
    """An XML body that cannot be read as PNRGOV. ``line`` and ``column`` are 1-based and None
    when the problem has no place (a body over the size limit is refused unread)."""

    def __init__(
        self,
        code: str,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
        element: str | None = None,
    ) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown PnrXmlError code {code!r}")
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.line = line
        self.column = column
        self.element = element

    def describe(self) -> str:
        """One sentence with the location: ``XML refused (xml_syntax) at line 3, column 7, in
        <Passenger>: mismatched tag.``"""
        where = []
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.element:
            where.append(f"in <{self.element}>")
        location = f" at {' '.join(where)}" if where else ""
        return f"XML refused ({self.code}){location}: {self.reason.rstrip('.')}."

    def __str__(self) -> str:
        return self.describe()
