"""Collecting DataWarnings while normalising, each located by the segment it is about."""

from __future__ import annotations

from collections.abc import Iterable

from paxscreen.edifact.errors import ParseWarning
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import DataWarning


class WarningLog:
    """The warnings of one manifest, in the order they were found."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[DataWarning] = []

    def add(self, code: str, detail: str, segment: Segment | None = None) -> None:
        self.items.append(
            DataWarning(
                code=code,
                detail=detail,
                segment=segment.position if segment is not None else None,
                tag=segment.tag if segment is not None else None,
            )
        )

    def add_at(self, code: str, detail: str, position: int | None, tag: str | None) -> None:
        self.items.append(DataWarning(code=code, detail=detail, segment=position, tag=tag))

    def add_parse_warnings(self, warnings: Iterable[ParseWarning]) -> None:
        for warning in warnings:
            self.add_at(warning.code, warning.detail, warning.segment, warning.tag)
