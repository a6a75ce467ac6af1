"""Split one interchange's text into segments, elements and components.

Input is what :mod:`paxscreen.edifact.syntax` produces: line breaks already removed, the service
characters known. Rules:

* A service character preceded by an odd number of release characters is data; the release
  character is removed and the character after it kept literally (``??`` is a literal ``?``,
  ``?A`` is ``A``, as in pydifact). A release character at the very end of the text is kept.
* The tag is the text before the first element separator, stripped of surrounding whitespace
  (indentation) and upper-cased. Both cost one ``len`` and one ``isupper`` check for the usual
  three-letter upper-case tag, so there is no slow path for ordinary data.
* Empty elements and components are kept exactly as sent, trailing ones included:
  ``NAD+FL+++X:Y:'`` gives ``[['FL'], [''], [''], ['X', 'Y', '']]`` and ``SRC'`` gives ``[]``.
  (pydifact drops trailing empty components; we keep them so that serialising gives back the
  received text.)
* Whitespace-only text between two terminators is not a segment and gets no position. Text after
  the last terminator, if not blank, is returned as a final (unterminated) segment.
* The repetition separator (syntax version 4) is not split on: no PAXLST/PNRGOV element repeats.

Speed: segments without a release character are split with ``str.split`` only; segments that
contain one go through the slower release-aware path. The cyclic garbage collector is paused
while splitting: the lexer allocates tens of thousands of small acyclic lists per body, and the
collections they trigger add 25-50 % to the cost (more in a process with a large heap). The
pause is process-wide but lasts milliseconds, and the collector's previous state is restored.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import count, repeat

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.segments import Segment

_new_tuple = tuple.__new__  # skips NamedTuple.__new__'s Python-level argument handling


def tokenize(text: str, delimiters: Delimiters, first_position: int = 1) -> list[Segment]:
    """Segments of ``text`` (one interchange, line breaks removed), from ``first_position`` on.

    Pure splitting: no envelope checks, no errors. See the module docstring for the rules.
    """
    with collector_paused():
        return _tokenize(text, delimiters, first_position)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bounded piece of allocation-heavy work.

    Parsing a body allocates tens of thousands of small acyclic containers, and the collections
    they trigger cost a quarter to a half of the parse (more in a server with a large heap). What
    the work frees is freed by reference counting anyway; any cycle waits for the next collection.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def uses_release(delimiters: Delimiters, text: str) -> bool:
    """Whether the release character is in force and occurs in ``text``.

    A blank release position (a space in the UNA) means "no release character".
    """
    release = delimiters.release
    return bool(release) and not release.isspace() and release in text


def _tokenize(text: str, delimiters: Delimiters, position: int) -> list[Segment]:
    terminator = delimiters.terminator
    pieces = text.split(terminator)
    if uses_release(delimiters, text):
        pieces = _rejoin_released(pieces, terminator, delimiters.release)
        if not pieces[-1].strip():
            pieces.pop()
        return _split_with_release(pieces, delimiters, position)
    if not pieces[-1].strip():
        pieces.pop()
    return _split_plain(pieces, delimiters.element, delimiters.component, position)


def _split_plain(pieces: list[str], element: str, component: str, position: int) -> list[Segment]:
    """The hot path: no release character anywhere.

    Three quarters of a push's segments repeat verbatim (``DAT+710:130417:0000``, the flight's
    TVL, the airline's ORG...), and a good half of a manifest's (``LOC+178+FRA``, ``NAT+2+USA``
    ...), so each distinct segment text is split once (``dict.fromkeys`` finds them in C) and
    its tag and element lists are shared by its repeats. Segments are read-only to every
    consumer, which is what makes the sharing safe. The segments are then built by ``map`` and
    ``zip``, without a Python-level step per segment.
    """
    tags = dict.fromkeys(pieces, "")  # each distinct text once, in C; its tag set below
    elements: dict[str, list[list[str]]] = {}
    blank: set[str] = set()
    for piece in tags:
        parts = piece.split(element)
        tag = parts[0]
        if len(tag) != 3 or not tag.isupper():
            tag = tag.strip().upper()
            if not tag and len(parts) == 1:
                blank.add(piece)  # blank between two terminators: not a segment
                continue
        tags[piece] = tag
        elements[piece] = [part.split(component) for part in parts[1:]]
    if blank:
        pieces = [piece for piece in pieces if piece not in blank]
    fields = zip(map(tags.__getitem__, pieces), map(elements.__getitem__, pieces), count(position))
    return list(map(_new_tuple, repeat(Segment), fields))


def _split_with_release(pieces: list[str], delimiters: Delimiters, position: int) -> list[Segment]:
    """The careful path: only the segments that contain the release character pay for it."""
    element, component, release = delimiters.element, delimiters.component, delimiters.release
    segments: list[Segment] = []
    for piece in pieces:
        if release in piece:
            parts = _rejoin_released(piece.split(element), element, release)
            tag = _unescape(parts[0], release)
            elements = [_split_components(part, component, release) for part in parts[1:]]
        else:
            parts = piece.split(element)
            tag = parts[0]
            elements = [part.split(component) for part in parts[1:]]
        if len(tag) != 3 or not tag.isupper():
            tag = tag.strip().upper()
            if not tag and not elements:
                continue
        segments.append(_new_tuple(Segment, (tag, elements, position)))
        position += 1
    return segments


def _split_components(element_text: str, component: str, release: str) -> list[str]:
    if release not in element_text:
        return element_text.split(component)
    pieces = _rejoin_released(element_text.split(component), component, release)
    return [_unescape(piece, release) for piece in pieces]


def _rejoin_released(pieces: list[str], separator: str, release: str) -> list[str]:
    """Undo splits made at a separator that was released (preceded by an odd release run)."""
    joined: list[str] = []
    carry: str | None = None
    for piece in pieces:
        if carry is not None:
            piece = carry + separator + piece
        if piece.endswith(release) and (len(piece) - len(piece.rstrip(release))) % 2:
            carry = piece
        else:
            joined.append(piece)
            carry = None
    if carry is not None:
        joined.append(carry)  # the text ends with a lone release character: keep it
    return joined


def _unescape(value: str, release: str) -> str:
    if release not in value:
        return value
    return _release_pattern(release).sub(_keep_released, value)


def _keep_released(match: re.Match[str]) -> str:
    return match.group(1)


@lru_cache(maxsize=16)
def _release_pattern(release: str) -> re.Pattern[str]:
    return re.compile(re.escape(release) + "(.)", re.DOTALL)
