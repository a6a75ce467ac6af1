"""Compiled loops of the candidate search (numba, compiled on first use and cached on disk).

Why compiled: at a million listed names a traveller's common tokens hold tens of thousands of
names each. As numpy calls, coverage took a sort of their concatenation, a dozen gathers and
scatters over it and some fifty calls of fixed overhead: about half of a search. One pass
over the sorted postings, merging them as it goes, does the same in a fraction of that. The
arithmetic is float32 in the order numpy used, so results are the same to the bit; the
brute-force oracle in tests/screening/test_candidates.py checks the whole computation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt
from numba.core.extending import intrinsic
from numba.cpython.unsafe.numbers import trailing_zeros

from paxscreen.screening.matching.scoring import (
    CONFLICT_ALPHA,
    LIST_MIDDLE_ALPHA,
    QUERY_EDGE_ALPHA,
    QUERY_MIDDLE_ALPHA,
)

IdArray = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float32]
Function = TypeVar("Function", bound=Callable[..., Any])
# needed coverage, total weight, needed x total less slack, weight the probes may add
Limits = tuple[np.float32, np.float32, np.float32, np.float32]

# Slack of the coverage comparisons: float32 sums of the same weights in another order.
SLACK = np.float32(1e-6)
ONE = np.float32(1.0)


def compiled(function: Function) -> Function:
    """numba's njit, typed for mypy (numba ships no type hints)."""
    return cast(Function, numba.njit(cache=True, nogil=True)(function))


def compiled_with_gil(function: Function) -> Function:
    """For kernels that use the shared scratch below: holding the GIL, no other thread can
    run one of them at the same time (each leaves the scratch as it found it)."""
    return cast(Function, numba.njit(cache=True)(function))


def _ctpop(typing_context: Any, word: Any) -> Any:
    def generate(context: Any, builder: Any, signature: Any, arguments: Any) -> Any:
        return builder.ctpop(arguments[0])

    return word(word), generate


# Bit counts of a 64-bit word in compiled code: set bits (LLVM's ctpop, one instruction:
# numba has no popcount) and zeros below the lowest set bit.
popcount = cast(Callable[[np.uint64], int], intrinsic(_ctpop))
lowest_bit = cast(Callable[[np.uint64], int], trailing_zeros)


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


@compiled
def _lower_bound(ids: IdArray, low: int, high: int, value: int) -> int:
    """First position in ids[low:high] (ascending) holding ``value`` or more."""
    while low < high:
        middle = (low + high) >> 1
        if ids[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


@compiled
def _gallop(ids: IdArray, low: int, high: int, value: int) -> int:
    """`_lower_bound` for a value expected near ``low`` (ascending look-ups): steps doubling
    from ``low``, then a binary search in the last step."""
    step = 1
    bound = low
    while bound < high and ids[bound] < value:
        low = bound + 1
        bound = low + step
        step <<= 1
    return _lower_bound(ids, low, min(bound, high), value)


@compiled
def merge_two(
    a: tuple[IdArray, Floats, Floats, IdArray],
    b: tuple[IdArray, Floats, Floats, IdArray],
    alone: tuple[np.float32, np.float32],
    needed_of_class: Floats,
    use_classes: bool,
    limits: Limits,
    cut_before_probes: bool,
) -> tuple[IdArray, Floats, Floats, Floats]:
    """`merge_many` for one or two groups (``b`` empty for one) and no shared position (most
    travellers): a two-pointer merge with its positions in registers, no copy of the
    groups."""
    needed32, total32, flat, extra = limits
    a_ids, a_sims, a_heavy, a_classes = a
    b_ids, b_sims, b_heavy, b_classes = b
    alone_a, alone_b = alone
    a_end, b_end = a_ids.shape[0], b_ids.shape[0]
    names, direct, pairable, own = _rows(a_end + b_end)
    largest = np.iinfo(np.int32).max
    i = j = count = 0
    while i < a_end or j < b_end:
        name_a = a_ids[i] if i < a_end else largest
        name_b = b_ids[j] if j < b_end else largest
        if name_a <= name_b:
            name = name_a
            weight = np.float32(0.0) + a_sims[i] * alone_a
            held = np.float32(0.0) + a_heavy[i]
            name_class = a_classes[i] if use_classes else 0
            i += 1
            if name_b == name:
                weight += b_sims[j] * alone_b
                held += b_heavy[j]
                j += 1
        else:
            name = name_b
            weight = np.float32(0.0) + b_sims[j] * alone_b
            held = np.float32(0.0) + b_heavy[j]
            name_class = b_classes[j] if use_classes else 0
            j += 1
        limit = needed_of_class[name_class] if use_classes else needed32
        if cut_before_probes and weight + extra < (
            limit * total32 - SLACK if use_classes else flat
        ):
            continue
        names[count] = name
        direct[count] = weight
        pairable[count] = held
        own[count] = limit
        count += 1
    return names[:count], direct[:count], pairable[:count], own[:count]


@compiled
def _rows(capacity: int) -> tuple[IdArray, Floats, Floats, Floats]:
    """Rows for the names that pass the cut (np.empty: pages never written are never
    touched)."""
    return (
        np.empty(capacity, dtype=np.int32),
        np.empty(capacity, dtype=np.float32),
        np.empty(capacity, dtype=np.float32),
        np.empty(capacity, dtype=np.float32),
    )


@compiled
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
) -> tuple[IdArray, Floats, Floats, Floats, Floats]:
    """The enumerated groups (``ids``/``sims``/``heavy``/``classes`` concatenated, group g
    at offsets[g]:offsets[g + 1], each ascending and unique; ``alone[g]`` the weight it adds
    straight into the covered weight, ``columns_of[g]`` the (up to two) shared columns it
    takes its best similarity into, -1 for none) merged k-way (k is a handful, biggest
    first): each name once, ascending, with its covered weight, pairable weight, best
    similarity per shared column and needed coverage; names that cannot reach it even
    holding every probed group are dropped here, before the probes are paid for. A name's
    entries are summed in group order: the float32 sums run in the order the numpy version
    added them."""
    needed32, total32, flat, extra = limits
    groups = offsets.shape[0] - 1
    width = column_weights.shape[0]
    names, direct, pairable, own = _rows(offsets[groups])
    columns = np.empty((width, offsets[groups]), dtype=np.float32)
    largest = np.iinfo(np.int32).max
    heads = offsets[:-1].copy()
    ends = offsets[1:].copy()
    best = np.zeros(width, dtype=np.float32)
    count = 0
    while True:
        chosen = -1
        lowest = largest
        for group in range(groups):
            head = heads[group]
            if head < ends[group] and ids[head] < lowest:
                lowest = ids[head]
                chosen = group
        if chosen < 0:
            return names[:count], direct[:count], pairable[:count], own[:count], columns[:, :count]
        weight = np.float32(0.0)
        held = np.float32(0.0)
        name_class = classes[heads[chosen]] if use_classes else 0
        for column in range(width):
            best[column] = 0.0
        for group in range(chosen, groups):
            head = heads[group]
            if head < ends[group] and ids[head] == lowest:
                heads[group] = head + 1
                weight += sims[head] * alone[group]
                held += heavy[head]
                for side in range(2):
                    column = columns_of[group, side]
                    if column >= 0 and sims[head] > best[column]:
                        best[column] = sims[head]
        limit = needed_of_class[name_class] if use_classes else needed32
        if cut_before_probes:
            reach = weight
            for column in range(width):
                reach = reach + best[column] * column_weights[column]
            if reach + extra < (limit * total32 - SLACK if use_classes else flat):
                continue
        names[count] = lowest
        direct[count] = weight
        pairable[count] = held
        own[count] = limit
        for column in range(width):
            columns[column, count] = best[column]
        count += 1


@compiled
def probe(
    names: IdArray,
    direct: Floats,
    pairable: Floats,
    columns: Floats,
    group: tuple[IdArray, Floats, Floats],
    column: int,
    weight: float,
) -> None:
    """Adds a probed group to the merged names (in place): the names it holds get its
    similarity into their shared column ``column``, or (-1) weight x similarity into their
    covered weight, and its heaviest look-alike into their pairable weight."""
    ids, sims, heavy = group
    end = ids.shape[0]
    weight32 = np.float32(weight)
    position = 0
    for at in range(names.shape[0]):
        # Names ascend: each search starts where the last one ended.
        position = _gallop(ids, position, end, names[at])
        if position == end:
            return
        if ids[position] != names[at]:
            continue
        if column >= 0:
            if sims[position] > columns[column, at]:
                columns[column, at] = sims[position]
        else:
            direct[at] += sims[position] * weight32
        pairable[at] += heavy[position]


@compiled
def finish(
    names: IdArray,
    direct: Floats,
    pairable: Floats,
    own: Floats,
    columns: Floats,
    column_weights: Floats,
    free_weight: float,
    total: float,
    use_classes: bool,
    needed: float,
) -> tuple[IdArray, Floats, Floats]:
    """The names whose coverage reaches their own needed coverage (``own``, when
    ``use_classes``) or ``needed``, with their coverage and pairable weight."""
    free32 = np.float32(free_weight)
    total32 = np.float32(total)
    needed32 = np.float32(needed)
    width = column_weights.shape[0]
    count = names.shape[0]
    out_names = np.empty(count, dtype=np.int32)
    covered = np.empty(count, dtype=np.float32)
    out_pairable = np.empty(count, dtype=np.float32)
    kept = 0
    for at in range(count):
        weight = direct[at]
        for column in range(width):
            weight = weight + columns[column, at] * column_weights[column]
        value = (weight + free32) / total32
        if value >= (min(own[at], ONE) - SLACK if use_classes else needed32):
            out_names[kept] = names[at]
            covered[kept] = value
            out_pairable[kept] = pairable[at]
            kept += 1
    return out_names[:kept], covered[:kept], out_pairable[:kept]


@compiled
def _denominator(paired: float, total: float, interior: float, listed: float) -> float:
    unpaired = max(total - paired, 0.0)
    value = paired + QUERY_EDGE_ALPHA * unpaired
    value -= (QUERY_EDGE_ALPHA - QUERY_MIDDLE_ALPHA) * min(unpaired, interior)
    value += CONFLICT_ALPHA * min(unpaired, listed)
    return value + LIST_MIDDLE_ALPHA * listed


@compiled
def name_bound(cover: float, total: float, interior: float, listed: float) -> float:
    """The highest name score a listed name can reach when its best look-alikes of the query's
    tokens cover ``cover`` (a weight) of the query's weight ``total`` (candidates.py).
    Candidates under it are not scored.

    score = matched / (paired + costs), with matched <= min(covered, paired): for a paired
    query weight P, unpaired query weight T - P costs at least QUERY_MIDDLE_ALPHA while it
    can sit in the query's interior tokens (weight ``interior``) and QUERY_EDGE_ALPHA beyond;
    ``listed``, a lower bound L of the listed name's counted weight no pair can
    take, costs at least LIST_MIDDLE_ALPHA, and when both sides keep unpaired weight the
    lighter, at least min(T - P, L), is charged CONFLICT_ALPHA again. matched / denominator
    grows with P up to ``cover``; beyond, the denominator (piecewise linear in P) is least
    at P = cover, P = T or a break (T - P = interior, T - P = L): the bound is cover over
    the least of those."""
    if cover <= 0.0:
        return 0.0
    high = max(total, 0.0)
    least = _denominator(cover, total, interior, listed)
    for paired in (total, total - interior, total - listed):
        least = min(least, _denominator(min(max(paired, cover), high), total, interior, listed))
    return min(cover / least, 1.0)


@compiled
def reachable(
    ids: IdArray,
    covered: Floats,
    pairable: Floats,
    listed_side: bool,
    totals: Floats,
    factor: Floats,
    span: IdArray,
    birth_of_span: Floats,
    name_entry: IdArray,
    name_alive: npt.NDArray[np.uint8],
    entry_person: npt.NDArray[np.uint8],
    entry_list: IdArray,
    list_threshold: Floats,
    total: float,
    interior: float,
    loose: float,
    name_weight: float,
    bonus: float,
    best_birth: float,
    lowest: float,
) -> tuple[IdArray, Floats]:
    """The most each candidate's final score can reach (ranking.Ranker._candidates): its
    coverage bound (name_bound), with the listed side when ``listed_side``, times
    its weak-alias factor, plus ``bonus`` (the other fields' best), the date's best
    (``best_birth``) replaced by its entry's birth span's (``birth_of_span``, when the
    traveller gives a date). Keeps live persons' names reaching their list's threshold."""
    count = ids.shape[0]
    out_ids = np.empty(count, dtype=np.int32)
    out = np.empty(count, dtype=np.float32)
    total32 = np.float32(total)
    weight32 = np.float32(name_weight)
    bonus32 = np.float32(bonus)
    birth32 = np.float32(best_birth)
    lowest32 = np.float32(lowest)
    loose32 = np.float32(loose)
    births = birth_of_span.shape[0] > 0
    kept = 0
    for at in range(count):
        name = ids[at]
        cover = np.float64(covered[at] * total32)
        listed = 0.0
        if listed_side:
            listed = max(np.float64(totals[name] - pairable[at] - loose32), 0.0)
        bound = np.float32(name_bound(cover, total, interior, listed))
        if listed_side:
            bound = bound * factor[name]
        value = weight32 * bound + bonus32
        if value < lowest32:
            continue
        if births:
            value = value - birth32 + birth_of_span[span[name]]
            if value < lowest32:
                continue
        entry = name_entry[name]
        if not name_alive[name] or not entry_person[entry]:
            continue
        if value < list_threshold[entry_list[entry]] - SLACK:
            continue
        out_ids[kept] = name
        out[kept] = value
        kept += 1
    return out_ids[:kept].copy(), out[:kept].copy()


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
