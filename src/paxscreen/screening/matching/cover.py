"""Coverage (candidates.coverage) as compiled loops over sorted postings: the enumerated groups
merged (two-pointer for one or two; bitmap.merge_many beyond), probed groups added by
galloping searches, and the names that reach their needed coverage kept. The arithmetic is
float32 in the order the numpy version used, so results are the same to the bit; the
brute-force oracle in tests/screening/test_candidates.py checks the whole computation.
"""

from __future__ import annotations

import numpy as np

from paxscreen.screening.matching.compiled import ONE, SLACK, Floats, IdArray, Limits, compiled


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
