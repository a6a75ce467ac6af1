"""The most a candidate's final score can reach, from its coverage (ranking.Ranker._candidates):
a compiled loop over the candidates, gathering their facts from the million-name columns.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.compiled import SLACK, Floats, IdArray, compiled
from paxscreen.screening.matching.scoring import (
    CONFLICT_ALPHA,
    LIST_MIDDLE_ALPHA,
    QUERY_EDGE_ALPHA,
    QUERY_MIDDLE_ALPHA,
)


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
    records: npt.NDArray[np.void],
    birth_of_span: Floats,
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
    traveller gives a date). ``records``: by name id, preparation.NAME_RECORD. Keeps live
    persons' names reaching their list's threshold."""
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
        record = records[name]
        cover = np.float64(covered[at] * total32)
        listed = 0.0
        if listed_side:
            listed = max(np.float64(record.total - pairable[at] - loose32), 0.0)
        bound = np.float32(name_bound(cover, total, interior, listed))
        if listed_side:
            bound = bound * record.factor
        value = weight32 * bound + bonus32
        if value < lowest32:
            continue
        if births:
            value = value - birth32 + birth_of_span[record.span]
            if value < lowest32:
                continue
        if record.list < 0 or value < list_threshold[record.list] - SLACK:
            continue
        out_ids[kept] = name
        out[kept] = value
        kept += 1
    return out_ids[:kept].copy(), out[:kept].copy()
