"""A bitmap of name ids with the rank of each set bit: merges sorted id lists without a sort.

Mark every id (a sixteenth of a megabyte a million names), count the set bits word by word
through a summary of the words that are not zero (the rank of each word's first id), and each
entry finds its row in the merged, ascending output as the rank of its bit. No sort, and no
per-name array of a million names (whose cache misses cost more than the merge). Kernels using
the shared scratch hold the GIL and leave it all zeros.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.compiled import IdArray, compiled, lowest_bit, popcount

Words = npt.NDArray[np.uint64]
Ranks = npt.NDArray[np.int64]
ONE = np.uint64(1)


class Scratch:
    """The bitmap of names, the summary bitmap of its words that are not zero and the rank of
    each word's first name, grown as names grow; one per process."""

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


@compiled
def mark(ids: IdArray, words: Words, summary: Words) -> None:
    for at in range(ids.shape[0]):
        name = ids[at]
        word = name >> 6
        words[word] |= ONE << np.uint64(name & 63)
        summary[word >> 6] |= ONE << np.uint64(word & 63)


@compiled
def rank_words(words: Words, summary: Words, rank: Ranks) -> int:
    """Ranks the marked words; returns how many names are marked. A marked name's row among
    them, ascending, is then rank[name >> 6] plus the marked bits below it in its word."""
    count = 0
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            word = (block << 6) + lowest_bit(marked)
            marked &= marked - ONE
            rank[word] = count
            count += popcount(words[word])
    return count


@compiled
def clear(words: Words, summary: Words) -> None:
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            words[(block << 6) + lowest_bit(marked)] = np.uint64(0)
            marked &= marked - ONE
        summary[block] = np.uint64(0)
