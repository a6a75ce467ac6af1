"""Merges of sorted name-id lists through a bitmap of ids with the rank of each set bit: a
group's look-alike postings (merge_parts) and three or more enumerated groups of a coverage
(merge_many), without a sort.

Mark every id (a sixteenth of a megabyte a million names), count the set bits word by word
through a summary of the words that are not zero (the rank of each word's first id), and each
entry finds its row in the merged, ascending output as the rank of its bit. No sort, and no
per-name array of a million names (whose cache misses cost more than the merge). Kernels using
the shared scratch hold the GIL and leave it all zeros.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.compiled import (
    SLACK,
    Floats,
    IdArray,
    Limits,
    compiled,
    compiled_with_gil,
    lowest_bit,
    popcount,
)

Words = npt.NDArray[np.uint64]
Ranks = npt.NDArray[np.int64]
BIT = np.uint64(1)


class Scratch:
    """The bitmap of names, the summary bitmap of its words that are not zero and the rank of
    each word's first name, grown as names grow; one per process."""

    def __init__(self) -> None:
        self.words = np.zeros(0, dtype=np.uint64)
        self.summary = np.zeros(0, dtype=np.uint64)
        self.rank = np.zeros(0, dtype=np.int64)

    def arrays(self, names: int) -> tuple[Words, Words, Ranks]:
        """The scratch, large enough for name ids below ``names``."""
        if self.words.shape[0] * 64 < names:
            size = max(names, 2 * self.words.shape[0] * 64)
            self.words = np.zeros(size // 64 + 1, dtype=np.uint64)
            self.summary = np.zeros(size // 4096 + 1, dtype=np.uint64)
            self.rank = np.zeros(size // 64 + 1, dtype=np.int64)
        return self.words, self.summary, self.rank


SCRATCH = Scratch()


@compiled
def mark(ids: IdArray, words: Words, summary: Words) -> None:
    for at in range(ids.shape[0]):
        name = ids[at]
        word = name >> 6
        words[word] |= BIT << np.uint64(name & 63)
        summary[word >> 6] |= BIT << np.uint64(word & 63)


@compiled
def rank_words(words: Words, summary: Words, rank: Ranks) -> int:
    """Ranks the marked words; returns how many names are marked. A marked name's row among
    them, ascending, is then rank[name >> 6] plus the marked bits below it in its word."""
    count = 0
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            word = (block << 6) + lowest_bit(marked)
            marked &= marked - BIT
            rank[word] = count
            count += popcount(words[word])
    return count


@compiled
def clear(words: Words, summary: Words) -> None:
    for block in range(summary.shape[0]):
        marked = summary[block]
        while marked != 0:
            words[(block << 6) + lowest_bit(marked)] = np.uint64(0)
            marked &= marked - BIT
        summary[block] = np.uint64(0)


@compiled_with_gil
def merge_many(
    ids: IdArray,
    sims: Floats,
    heavy: Floats,
    classes: IdArray,
    offsets: npt.NDArray[np.int64],
    alone: Floats,
    columns_of: npt.NDArray[np.int64],
    column_weights: Floats,
    needed_of_class: Floats,
    use_classes: bool,
    limits: Limits,
    cut_before_probes: bool,
    scratch: tuple[Words, Words, Ranks],
) -> tuple[IdArray, Floats, Floats, Floats, Floats]:
    """The enumerated groups (``ids``/``sims``/``heavy``/``classes`` concatenated, group g
    at offsets[g]:offsets[g + 1], each ascending and unique; ``alone[g]`` the weight it adds
    straight into the covered weight, ``columns_of[g]`` the (up to two) shared columns it
    takes its best similarity into, -1 for none) merged: each name once, ascending, with its
    covered weight, pairable weight, best similarity per shared column and needed coverage;
    names that cannot reach it even holding every probed group are dropped here, before the
    probes are paid for. Merged through the bitmap scratch (bitmap.py: a k-way merge's
    comparisons mispredict on interleaved groups); each group is added in turn, so a name's
    float32 sums run in group order, the order the numpy version added them."""
    needed32, total32, flat, extra = limits
    words, summary, rank = scratch
    width = column_weights.shape[0]
    mark(ids, words, summary)
    count = rank_words(words, summary, rank)
    names = np.empty(count, dtype=np.int32)
    direct = np.zeros(count, dtype=np.float32)
    pairable = np.zeros(count, dtype=np.float32)
    name_class = np.zeros(count, dtype=np.int32)
    columns = np.zeros((width, count), dtype=np.float32)
    for group in range(offsets.shape[0] - 1):
        share = alone[group]
        first, second = columns_of[group, 0], columns_of[group, 1]
        for at in range(offsets[group], offsets[group + 1]):
            name = ids[at]
            word = name >> 6
            row = rank[word] + popcount(words[word] & ((BIT << np.uint64(name & 63)) - BIT))
            names[row] = name
            direct[row] += sims[at] * share
            pairable[row] += heavy[at]
            if use_classes:
                name_class[row] = classes[at]
            if first >= 0 and sims[at] > columns[first, row]:
                columns[first, row] = sims[at]
            if second >= 0 and sims[at] > columns[second, row]:
                columns[second, row] = sims[at]
    clear(words, summary)
    own = np.empty(count, dtype=np.float32)
    kept = 0
    for row in range(count):
        limit = needed_of_class[name_class[row]] if use_classes else needed32
        if cut_before_probes:
            reach = direct[row]
            for column in range(width):
                reach = reach + columns[column, row] * column_weights[column]
            if reach + extra < (limit * total32 - SLACK if use_classes else flat):
                continue
        names[kept] = names[row]
        direct[kept] = direct[row]
        pairable[kept] = pairable[row]
        own[kept] = limit
        for column in range(width):
            columns[column, kept] = columns[column, row]
        kept += 1
    return names[:kept], direct[:kept], pairable[:kept], own[:kept], columns[:, :kept]


@compiled_with_gil
def merge_parts(
    ids: IdArray,
    offsets: npt.NDArray[np.int64],
    sims: Floats,
    weights: Floats,
    scratch: tuple[Words, Words, Ranks],
) -> tuple[IdArray, Floats, Floats]:
    """candidates.merge over flat arrays (part p at offsets[p]:offsets[p + 1], each ascending,
    best similarity first): each name once, ascending, with the similarity of the first part
    holding it and the heaviest weight among them. Uses (and clears) the bitmap scratch."""
    words, summary, rank = scratch
    mark(ids, words, summary)
    count = rank_words(words, summary, rank)
    out_ids = np.empty(count, dtype=np.int32)
    out_sims = np.full(count, -1.0, dtype=np.float32)
    out_heavy = np.full(count, -np.inf, dtype=np.float32)
    for part in range(offsets.shape[0] - 1):
        sim, weight = sims[part], weights[part]
        for at in range(offsets[part], offsets[part + 1]):
            name = ids[at]
            word = name >> 6
            at_row = rank[word] + popcount(words[word] & ((BIT << np.uint64(name & 63)) - BIT))
            if out_sims[at_row] < 0.0:
                out_ids[at_row] = name
                out_sims[at_row] = sim
            if weight > out_heavy[at_row]:
                out_heavy[at_row] = weight
    clear(words, summary)
    return out_ids, out_sims, out_heavy
