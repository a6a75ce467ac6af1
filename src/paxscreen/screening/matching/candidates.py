"""Candidate generation: which listed names deserve a full score, found from posting lists
without scanning the list.

Each scored query token is a group: the names holding any of its vocabulary look-alikes, each
with the look-alike's similarity. A name's coverage is the query weight its best look-alikes
cover:

    coverage = (sum over groups of weight x best similarity in the name + initials' weight)
               / query weight

and `scoring.coverage_bound` turns coverage into the highest name score the full scorer can
give, so names that cannot reach a requested threshold are dropped before scoring.

Common tokens must not flood the candidates (MaxScore): groups are set aside largest first as
"probed" while their weight together stays under the coverage needed, because a name holding
none of the other ("enumerated") groups cannot reach it. Only enumerated groups' postings are
read out; probed groups are checked for the candidates found, by binary search in their
merged, sorted postings (merged once per token and cached with the token). A traveller called
MOHAMMED ALI TIKRITI reads the names holding TIKRITI (or a look-alike), not the tens of
thousands holding MOHAMMED. Adjacent query tokens joined (ABDUL + RAHMAN -> ABDULRAHMAN) form
extra groups that credit both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.postings import EMPTY, IdArray

Floats = npt.NDArray[np.float32]
EMPTY_FLOATS: Floats = np.zeros(0, dtype=np.float32)


@dataclass(slots=True)
class Group:
    """Names holding a look-alike of one query token (or of two joined): one posting array
    per look-alike, with its similarity, best first."""

    parts: list[tuple[IdArray, float]]
    size: int = 0
    _merged: tuple[IdArray, Floats] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.size = sum(ids.shape[0] for ids, _ in self.parts)

    def merged(self) -> tuple[IdArray, Floats]:
        """Ascending unique name ids with each name's best similarity."""
        if self._merged is None:
            self._merged = merge(self.parts)
        return self._merged


def merge(parts: list[tuple[IdArray, float]]) -> tuple[IdArray, Floats]:
    if not parts:
        return EMPTY, EMPTY_FLOATS
    if len(parts) == 1:
        ids = parts[0][0]
        return ids, np.full(ids.shape[0], parts[0][1], dtype=np.float32)
    # Parts come best similarity first: a stable sort keeps, for each name, its best first.
    ids = np.concatenate([p for p, _ in parts])
    if ids.shape[0] == 0:
        return EMPTY, EMPTY_FLOATS
    sims = np.repeat(
        np.array([s for _, s in parts], dtype=np.float32), [p.shape[0] for p, _ in parts]
    )
    order = np.argsort(ids, kind="stable")
    ids, sims = ids[order], sims[order]
    first = np.empty(ids.shape[0], dtype=bool)
    first[0] = True
    np.not_equal(ids[1:], ids[:-1], out=first[1:])
    return ids[first], sims[first]


Credited = tuple[tuple[int, ...], Group]  # query positions a group stands for, and the group


def coverage(
    groups: list[Credited],
    weights: list[float],
    free_weight: float,
    needed: float,
    *,
    probe: bool = True,
) -> tuple[IdArray, Floats]:
    """Candidate names and their coverage (see module doc), for names that may reach
    ``needed`` coverage. ``weights`` are the query tokens' weights by position; initials
    (``free_weight``) are counted as covered, which keeps the bound an upper bound.
    ``probe=False`` enumerates every group (the exhaustive reference)."""
    total = sum(weights) + free_weight
    if total <= 0.0 or not groups:
        return EMPTY, EMPTY_FLOATS
    # Largest postings first into the probed set, while the weight they (and the free tokens)
    # could add stays below what a candidate needs.
    budget = needed * total - free_weight if probe else 0.0
    probed: list[Credited] = []
    enumerated: list[Credited] = []
    for credits, group in sorted(groups, key=lambda g: (len(g[0]) > 1, -g[1].size, g[0])):
        weight = weights[credits[0]]
        if len(credits) == 1 and weight < budget:
            budget -= weight
            probed.append((credits, group))
        else:
            enumerated.append((credits, group))
    id_parts, sim_parts, columns, lengths = [], [], [], []
    for credits, group in enumerated:
        ids, sims = group.merged()
        for credit in credits:
            id_parts.append(ids)
            sim_parts.append(sims)
            columns.append(credit)
            lengths.append(ids.shape[0])
    if not id_parts or sum(lengths) == 0:
        return EMPTY, EMPTY_FLOATS
    all_ids = np.concatenate(id_parts)
    candidates, where = np.unique(all_ids, return_inverse=True)
    best = np.zeros((candidates.shape[0], len(weights)), dtype=np.float32)
    if len(set(columns)) == len(columns):
        # Merged groups hold each name once, and each column comes from one group: plain
        # assignment is enough (ufunc.at, which handles repeats, is many times slower).
        column_of = np.repeat(np.array(columns, dtype=np.intp), lengths)
        best[where, column_of] = np.concatenate(sim_parts)
    else:
        # A column fed by several groups: each group holds a name once, so a group at a time
        # is a plain gather, maximum and scatter.
        start = 0
        for column, sims, length in zip(columns, sim_parts, lengths, strict=True):
            rows = where[start : start + length]
            best[rows, column] = np.maximum(best[rows, column], sims)
            start += length
    for credits, group in probed:
        ids, sims = group.merged()
        if ids.shape[0] == 0:
            continue
        at = np.searchsorted(ids, candidates)
        np.minimum(at, ids.shape[0] - 1, out=at)
        hit = ids[at] == candidates
        column = credits[0]
        best[hit, column] = np.maximum(best[hit, column], sims[at[hit]])
    covered = (best @ np.asarray(weights, dtype=np.float32) + free_weight) / total
    keep = covered >= needed
    return candidates[keep], covered[keep].astype(np.float32)
