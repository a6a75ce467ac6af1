"""A group's look-alike postings merged into one (candidates.merge), compiled: through a bitmap
of names and bit ranks instead of a sort.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.compiled import (
    Floats,
    IdArray,
    compiled_with_gil,
    lowest_bit,
    popcount,
)


class Scratch:
    """Per-name scratch of the merges (a bitmap of names, a summary bitmap of its words that
    are not zero, the rank of each word's first name), grown as names grow and left all
    zeros between calls; one per process."""

    def __init__(self) -> None:
        self.words = np.zeros(0, dtype=np.uint64)
        self.summary = np.zeros(0, dtype=np.uint64)
        self.rank = np.zeros(0, dtype=np.int64)

    def ensure(self, names: int) -> None:
        if self.words.shape[0] * 64 < names:
            size = max(names, 2 * self.words.shape[0] * 64)
            self.words = np.zeros(size // 64 + 1, dtype=np.uint64)
            self.summary = np.zeros(size // 4096 + 1, dtype=np.uint64)
            self.rank = np.zeros(size // 64 + 1, dtype=np.int64)


SCRATCH = Scratch()


@compiled_with_gil
def merge_parts(
    ids: IdArray,
    offsets: npt.NDArray[np.int64],
    sims: Floats,
    weights: Floats,
    words: npt.NDArray[np.uint64],
    summary: npt.NDArray[np.uint64],
    rank: npt.NDArray[np.int64],
) -> tuple[IdArray, Floats, Floats]:
    """candidates.merge over flat arrays (part p at offsets[p]:offsets[p + 1], each ascending,
    best similarity first): each name once, ascending, with the similarity of the first part
    holding it and the heaviest weight among them.

    No sort (a sort of the concatenation was most of the cost of a common token's first
    search) and no per-name array of a million (its cache misses were the rest): names are
    marked in a bitmap (a sixteenth of a megabyte a million names), read back in order
    through the summary of its words that are not zero, and each part's entry finds its
    output row as the rank of its bit (the rank of its word plus the bits below it).
    Leaves the scratch all zeros."""
    one = np.uint64(1)
    for at in range(ids.shape[0]):
        name = ids[at]
        word = name >> 6
        words[word] |= one << np.uint64(name & 63)
        summary[word >> 6] |= one << np.uint64(word & 63)
    count = 0
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            word = (block << 6) + lowest_bit(marked)
            marked &= marked - one
            rank[word] = count
            count += popcount(words[word])
    out_ids = np.empty(count, dtype=np.int32)
    out_sims = np.full(count, -1.0, dtype=np.float32)
    out_heavy = np.full(count, -np.inf, dtype=np.float32)
    for part in range(offsets.shape[0] - 1):
        sim, weight = sims[part], weights[part]
        for at in range(offsets[part], offsets[part + 1]):
            name = ids[at]
            word = name >> 6
            bit = one << np.uint64(name & 63)
            row = rank[word] + popcount(words[word] & (bit - one))
            if out_sims[row] < 0.0:
                out_ids[row] = name
                out_sims[row] = sim
            if weight > out_heavy[row]:
                out_heavy[row] = weight
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            words[(block << 6) + lowest_bit(marked)] = np.uint64(0)
            marked &= marked - one
        summary[block] = np.uint64(0)
    return out_ids, out_sims, out_heavy
