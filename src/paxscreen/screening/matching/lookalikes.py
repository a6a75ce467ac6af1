"""Every vocabulary token's look-alikes, found once for all when the index is built, instead of
by key look-ups at a traveller's first use of the token.

Why: a flight's travellers bring tokens the worker has not met yet; finding a token's
look-alikes by its deletion, two-deletion, phonetic, symbol, skeleton and rendering keys costs
some fifty dictionary look-ups and a similarity per hit (tens of microseconds), once per token
and worker. A list of a million names has a few tens of thousands of distinct tokens: all of
them take a couple of seconds at build and a few megabytes (an int32 and a float64 per
look-alike).

Tokens interned after the build are added where the key look-up would have found them (the
vocabulary works out which rows that is), so a row always equals what the keys give.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable

import numpy as np
import numpy.typing as npt

Row = list[tuple[int, float]]  # (token id, similarity), best first, ties by id


def ordered(row: Iterable[tuple[int, float]]) -> Row:
    return sorted(row, key=lambda pair: (-pair[1], pair[0]))


class LookalikeTable:
    def __init__(self, size: int, lookalikes: Callable[[int], Row]) -> None:
        """Rows for token ids below ``size``, each from ``lookalikes(tid)``."""
        offsets = array("q", [0])
        ids = array("i")
        sims = array("d")  # float64: the very similarity the keys give
        for tid in range(size):
            for other, sim in lookalikes(tid):
                ids.append(other)
                sims.append(sim)
            offsets.append(len(ids))
        self.size = size
        self._offsets: npt.NDArray[np.int64] = np.frombuffer(offsets, dtype=np.int64)
        self._ids = np.frombuffer(ids, dtype=np.int32)
        self._sims = np.frombuffer(sims, dtype=np.float64)
        # Tokens interned since, by the row they belong to (few: rows are rebuilt each build).
        self._added: dict[int, Row] = {}

    def row(self, tid: int) -> Row:
        start, end = int(self._offsets[tid]), int(self._offsets[tid + 1])
        row = list(zip(self._ids[start:end].tolist(), self._sims[start:end].tolist(), strict=True))
        added = self._added.get(tid)
        return ordered(row + added) if added else row

    def add(self, tid: int, other: int, sim: float) -> None:
        self._added.setdefault(tid, []).append((other, sim))

    @property
    def memory_bytes(self) -> int:
        return int(self._offsets.nbytes + self._ids.nbytes + self._sims.nbytes)
