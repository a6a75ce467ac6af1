"""Segments back to EDIFACT text: for tests, benchmarks and CUSRES replies."""

from __future__ import annotations

from collections.abc import Iterable

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.segments import Segment


def serialize(
    segments: Iterable[Segment],
    delimiters: Delimiters = Delimiters(),  # noqa: B008 - frozen dataclass, safe as a default
    una: bool = True,
    line_breaks: bool = False,
) -> str:
    """EDIFACT text for ``segments``, every service character in data preceded by the release.

    With ``una`` a UNA service string advice comes first; with ``line_breaks`` each segment
    (and the UNA) is followed by ``\\n``, which readers of this package ignore. Elements and
    components are written as given, empty trailing ones included, so ``tokenize`` gives back
    the same segments.
    """
    escape_table = _escape_table(delimiters)
    element, component, terminator = delimiters.element, delimiters.component, delimiters.terminator
    end = terminator + "\n" if line_breaks else terminator
    lines = [service_string_advice(delimiters) + ("\n" if line_breaks else "")] if una else []
    for segment in segments:
        text = segment.tag
        if segment.elements:
            text += element + element.join(
                component.join(value.translate(escape_table) for value in components)
                for components in segment.elements
            )
        lines.append(text + end)
    return "".join(lines)


def service_string_advice(delimiters: Delimiters) -> str:
    """The UNA segment declaring ``delimiters``."""
    d = delimiters
    return f"UNA{d.component}{d.element}{d.decimal}{d.release}{d.repetition}{d.terminator}"


def escape(value: str, delimiters: Delimiters) -> str:
    """``value`` with its service characters released, ready to be written as one component."""
    return value.translate(_escape_table(delimiters))


def _escape_table(delimiters: Delimiters) -> dict[int, str]:
    release = delimiters.release
    if not release or release.isspace():
        raise ValueError("cannot write data safely without a release character")
    service = {delimiters.component, delimiters.element, delimiters.terminator, release}
    if not delimiters.repetition.isspace():
        service.add(delimiters.repetition)  # syntax version 4 repetition separator
    return {ord(char): release + char for char in service}
