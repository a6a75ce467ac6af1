"""The UN list editions of the shared corpus (lists/), what lists/INDEX.md says they hold, and
each edition read once per test run."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from paxscreen.normalise.canonical_watchlist import ListEntry
from paxscreen.watchlists.formats.un_xml import UnList, read_un_list
from tests.corpus import CORPUS_DIR

LISTS_DIR = CORPUS_DIR / "lists"
UN_2018 = "un_consolidated_2018-10-29.xml"
UN_2026 = "un_consolidated_2026-02-27.xml"
_COUNTED = re.compile(
    r"([\d,]+) (individuals|entities|aliases|DOB elements|documents|names in original script)"
)


def require_lists() -> None:
    """Skip without the corpus, unless PAXSCREEN_REQUIRE_CORPUS is set (CI): then fail."""
    if (LISTS_DIR / UN_2026).is_file() and (LISTS_DIR / UN_2018).is_file():
        return
    reason = f"UN list editions not found in {LISTS_DIR} (set PAXSCREEN_CORPUS_DIR)"
    if os.environ.get("PAXSCREEN_REQUIRE_CORPUS"):
        pytest.fail(reason)
    pytest.skip(reason)


def index_counts(name: str) -> dict[str, int]:
    """What lists/INDEX.md counts in the file ``name``: {"individuals": 730, ...}."""
    for line in (LISTS_DIR / "INDEX.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0] == name:
            return {what: int(number.replace(",", "")) for number, what in _COUNTED.findall(line)}
    raise AssertionError(f"{name} is not in lists/INDEX.md")


@cache
def un_edition(name: str) -> UnList:
    require_lists()
    return read_un_list((LISTS_DIR / name).read_bytes())


def by_reference(entries: list[ListEntry]) -> dict[str, ListEntry]:
    return {entry.reference: entry for entry in entries}


def path(name: str) -> Path:
    return LISTS_DIR / name
