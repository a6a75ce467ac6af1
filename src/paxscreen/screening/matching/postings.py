"""Posting lists: for each vocabulary token, the ids of the list names that hold it, ascending.

A compact base (one int32 array for all tokens, sliced by offsets: 4 bytes a posting, built
with one numpy sort) plus a small delta of names added since (Python lists). Name ids only
grow, so a token's delta ids all follow its base ids and base + delta stays sorted without a
merge. Removed names stay in the postings until compaction; searches mask them out. The matcher
compacts (rebuilds the base from its names) once the delta or the dead share grows past a
fraction of the base, so incremental updates cost microseconds and rebuilds stay rare.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IdArray = npt.NDArray[np.int32]
EMPTY: IdArray = np.zeros(0, dtype=np.int32)


class Postings:
    def __init__(self) -> None:
        self._offsets = np.zeros(1, dtype=np.int64)
        # The same offsets as Python ints: a look-up by token is a list index, not a numpy
        # scalar (a group reads the postings of dozens of look-alikes).
        self._starts: list[int] = [0]
        self._ids: IdArray = EMPTY
        self._delta: dict[int, list[int]] = {}
        self.delta_size = 0

    @property
    def base_size(self) -> int:
        return int(self._ids.shape[0])

    def get(self, tid: int) -> IdArray:
        """The names holding token ``tid``, ascending (removed names included)."""
        starts = self._starts
        base = self._ids[starts[tid] : starts[tid + 1]] if tid + 1 < len(starts) else EMPTY
        extra = self._delta.get(tid)
        if extra is None:
            return base
        return np.concatenate((base, np.asarray(extra, dtype=np.int32)))

    def add(self, tid: int, name_id: int) -> None:
        self._delta.setdefault(tid, []).append(name_id)
        self.delta_size += 1

    def rebuild(self, tids: IdArray, name_ids: IdArray, vocabulary_size: int) -> None:
        """Replace everything by the (token, name) pairs given, sorted by token then name."""
        self._ids = np.ascontiguousarray(name_ids, dtype=np.int32)
        counts = np.bincount(tids, minlength=vocabulary_size)
        self._offsets = np.zeros(vocabulary_size + 1, dtype=np.int64)
        np.cumsum(counts, out=self._offsets[1:])
        self._starts = self._offsets.tolist()
        self._delta = {}
        self.delta_size = 0

    def memory_bytes(self) -> int:
        delta = sum(56 + 8 * len(v) for v in self._delta.values()) + 32 * self.delta_size
        return int(self._ids.nbytes + self._offsets.nbytes) + 8 * len(self._starts) + delta
