"""Where the shared reference corpus lives, and which of its files are which."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = Path(os.environ.get("PAXSCREEN_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
GTAS_DIR = CORPUS_DIR / "gtas"


@dataclass(frozen=True)
class IndexedFile:
    """One row of gtas/INDEX.md."""

    path: Path
    type: str  # PAXLST, PNRGOV, or other
    unh_version: str
    persons: str  # as written, e.g. "268 (FL:268)" or "6 travellers in 2 PNR(s)"

    @property
    def traveller_count(self) -> int:
        match = re.match(r"\s*(\d+)", self.persons)
        assert match, f"no traveller count in INDEX.md for {self.path.name}"
        return int(match.group(1))

    @property
    def booking_count(self) -> int | None:
        match = re.search(r"in (\d+) PNR", self.persons)
        return int(match.group(1)) if match else None


# Where INDEX.md's PNRGOV counts are not what the files hold, as (bookings, travellers); the
# reasons are proved from the data in tests/normalise/test_pnrgov_corpus.py.
PNRGOV_COUNT_CORRECTIONS = {
    # INDEX counts the TIFs of history items: name changes, not more travellers.
    "gtas-loader__pnr-messages__2_pnrs_basic.edi": (2, 4),
    "gtas-loader__pnr-messages__pnr2.txt": (1, 2),
    # The SRC behind the junk line "Error 2042" is a PNR of its own.
    "SyntheticPNRMessages_20170419_20170421_zip__33_30_09386_09653_UA808_PEK_IAD_"
    "20170421_1825_PNR.txt": (263, 267),
}


def require_corpus() -> None:
    """Skip without the corpus, unless PAXSCREEN_REQUIRE_CORPUS is set (CI): then fail."""
    if GTAS_DIR.is_dir():
        return
    reason = f"shared corpus not found at {CORPUS_DIR} (set PAXSCREEN_CORPUS_DIR)"
    if os.environ.get("PAXSCREEN_REQUIRE_CORPUS"):
        pytest.fail(reason)
    pytest.skip(reason)


@cache
def gtas_index() -> tuple[IndexedFile, ...]:
    """Rows of gtas/INDEX.md (empty when the corpus is absent)."""
    index = GTAS_DIR / "INDEX.md"
    if not index.exists():
        return ()
    rows = []
    for line in index.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 5 or not (GTAS_DIR / cells[0]).is_file():
            continue
        rows.append(IndexedFile(GTAS_DIR / cells[0], cells[2], cells[3], cells[4]))
    return tuple(rows)


def gtas_files(message_type: str | None = None) -> list[IndexedFile]:
    """Indexed EDIFACT files, optionally of one type (PAXLST or PNRGOV)."""
    types = {message_type} if message_type else {"PAXLST", "PNRGOV"}
    return [row for row in gtas_index() if row.type in types]
