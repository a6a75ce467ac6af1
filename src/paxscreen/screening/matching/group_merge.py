"""A group's look-alike postings merged into one (candidates.merge), compiled: through a bitmap
of names and bit ranks (bitmap.py) instead of a sort of their concatenation, which was most of
the cost of a common token's first search.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.bitmap import Ranks, Words, clear, mark, rank_words
from paxscreen.screening.matching.compiled import Floats, IdArray, compiled_with_gil, popcount


@compiled_with_gil
def merge_parts(
    ids: IdArray,
    offsets: npt.NDArray[np.int64],
    sims: Floats,
    weights: Floats,
    words: Words,
    summary: Words,
    rank: Ranks,
) -> tuple[IdArray, Floats, Floats]:
    """candidates.merge over flat arrays (part p at offsets[p]:offsets[p + 1], each ascending,
    best similarity first): each name once, ascending, with the similarity of the first part
    holding it and the heaviest weight among them. Uses (and clears) the bitmap scratch."""
    one = np.uint64(1)
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
            at_row = rank[word] + popcount(words[word] & ((one << np.uint64(name & 63)) - one))
            if out_sims[at_row] < 0.0:
                out_ids[at_row] = name
                out_sims[at_row] = sim
            if weight > out_heavy[at_row]:
                out_heavy[at_row] = weight
    clear(words, summary)
    return out_ids, out_sims, out_heavy
