"""pydifact (the EDIFACT library of record) as the reference tokenizer for differential tests.

Both readings are brought to one form before comparison: ``(tag, [[component, ...], ...])``.
Deliberate difference: pydifact drops trailing empty components (``X:Y:`` gives ``['X', 'Y']``)
while our lexer keeps them as sent (``['X', 'Y', '']``), so trailing empty components are
stripped from our side (keeping at least one component per element).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from pydifact.parser import Parser

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.segments import Segment
from paxscreen.edifact.writer import service_string_advice

Comparable = tuple[str, list[list[str]]]


def pydifact_segments(text: str, delimiters: Delimiters) -> list[Comparable]:
    """pydifact's segments for ``text`` (which has no UNA), told the delimiters through a UNA."""
    with warnings.catch_warnings():
        # pydifact warns about every segment without elements (SRC', DAT', ...) and about
        # directories it has no definitions for; neither matters for tokenizing.
        warnings.simplefilter("ignore")
        parsed = list(Parser().parse(service_string_advice(delimiters) + text))
    assert parsed[0].tag == "UNA"
    return [
        (segment.tag, [_components(value) for value in segment.elements]) for segment in parsed[1:]
    ]


def comparable(segments: Iterable[Segment]) -> list[Comparable]:
    """Our segments in pydifact's form: trailing empty components dropped."""
    return [
        (segment.tag, [_without_trailing_empties(c) for c in segment.elements])
        for segment in segments
    ]


def _components(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _without_trailing_empties(components: list[str]) -> list[str]:
    kept = list(components)
    while len(kept) > 1 and not kept[-1]:
        kept.pop()
    return kept
