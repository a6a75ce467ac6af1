"""Candidate generation: which listed names deserve a full score, found from posting lists
without scanning the list.

Each scored query token is a group: the names holding any of its vocabulary look-alikes, each
with the look-alike's similarity. A name's coverage is the query weight its best look-alikes
cover:

    coverage = (sum over groups of weight x best similarity in the name + initials' weight)
               / query weight

and `bound.name_bound` turns coverage into the highest name score the full scorer can
give, so names that cannot reach a requested threshold are dropped before scoring.

Common tokens must not flood the candidates (MaxScore): groups are set aside largest first as
"probed" while their weight together stays under the coverage needed, because a name holding
none of the other ("enumerated") groups cannot reach it. Only enumerated groups' postings are
read out; probed groups are checked for the candidates found, by binary search in their
merged, sorted postings (merged once per token and cached with the token). A traveller called
MOHAMMED ALI TIKRITI reads the names holding TIKRITI (or a look-alike), not the tens of
thousands holding MOHAMMED. Adjacent query tokens joined (ABDUL + RAHMAN -> ABDULRAHMAN) form
extra groups that credit both.

Besides coverage, each candidate gets its pairable listed weight (per group, the heaviest
look-alike it holds): the listed name's tokens beyond it cannot be paired and cost in the
score, which makes the bound far tighter for names with extra tokens (ranking.py). A
candidate's own needed coverage may be higher than the query's (an entry born far from the
traveller gains nothing from the date): applied before the probes, it spares their cost.

Cost at a million names: enumerated groups hold tens of thousands of names, so coverage is
kept as one vector of covered weight (plus a column only for a position credited by several
groups, where the best counts, not the sum), never a candidate by position matrix; and a
name's class (its entry's birth-year span, for its own needed coverage) is read from a copy
cached with the group, not gathered from the million-name column for every traveller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching import bitmap, cover
from paxscreen.screening.matching.postings import EMPTY, IdArray

Floats = npt.NDArray[np.float32]
EMPTY_FLOATS: Floats = np.zeros(0, dtype=np.float32)
NO_GROUP = (EMPTY, EMPTY_FLOATS, EMPTY_FLOATS, EMPTY)


# A listed token's weight is at most 1.0 (scoring.rarity_weight): what a look-alike of
# unknown weight is assumed to weigh.
UNKNOWN_WEIGHT = 1.0
Merged = tuple[IdArray, Floats, Floats]


@dataclass(slots=True)
class Group:
    """Names holding a look-alike of one query token (or of two joined): one posting array
    per look-alike, with its similarity, best first, and (optionally) the look-alike's weight
    as a listed token (for the listed side of the bound; unknown: UNKNOWN_WEIGHT)."""

    parts: list[tuple[IdArray, float]]
    weights: list[float] | None = None
    size: int = 0
    _merged: Merged | None = field(default=None, repr=False)
    _classes: tuple[IdArray, IdArray] | None = field(default=None, repr=False)

    def classes(self, of_name: IdArray) -> IdArray:
        """The class of each merged name (``of_name``: class by name id), cached with the
        group for that ``of_name`` array: a gather from a million-name column, paid once a
        token, not once a traveller."""
        cached = self._classes
        if cached is None or cached[0] is not of_name:
            cached = (of_name, of_name[self.merged()[0]])
            self._classes = cached
        return cached[1]

    def __post_init__(self) -> None:
        self.size = sum(ids.shape[0] for ids, _ in self.parts)

    def merged(self) -> Merged:
        """Ascending unique name ids with each name's best similarity and the heaviest of
        the look-alikes it holds."""
        if self._merged is None:
            self._merged = merge(self.parts, self.weights)
        return self._merged


def merge(parts: list[tuple[IdArray, float]], weights: list[float] | None = None) -> Merged:
    if not parts:
        return EMPTY, EMPTY_FLOATS, EMPTY_FLOATS
    if weights is None:
        weights = [UNKNOWN_WEIGHT] * len(parts)
    if len(parts) == 1:
        ids = parts[0][0]
        count = ids.shape[0]
        return (
            ids,
            np.full(count, parts[0][1], dtype=np.float32),
            np.full(count, weights[0], dtype=np.float32),
        )
    arrays = [p for p, _ in parts]
    top = max((int(a[-1]) for a in arrays if a.shape[0]), default=-1)
    if top < 0:
        return EMPTY, EMPTY_FLOATS, EMPTY_FLOATS
    return bitmap.merge_parts(
        np.concatenate(arrays),
        _offsets(arrays),
        np.asarray([s for _, s in parts], dtype=np.float32),
        np.asarray(weights, dtype=np.float32),
        bitmap.SCRATCH.arrays(top + 1),
    )


Credited = tuple[tuple[int, ...], Group]  # query positions a group stands for, and the group


@dataclass(frozen=True, slots=True)
class Classes:
    """Names fall in classes (their entry's birth-year span), each with its needed coverage
    (an entry born far from the traveller gains nothing from the date: it needs more)."""

    of_name: IdArray  # class by name id
    needed: Floats  # needed coverage by class (none below coverage's ``needed``)


def coverage(
    groups: list[Credited],
    weights: list[float],
    free_weight: float,
    needed: float,
    *,
    probe: bool = True,
    classes: Classes | None = None,
) -> tuple[IdArray, Floats, Floats]:
    """Candidate names, their coverage (see module doc) and their pairable listed weight, for
    names that may reach ``needed`` coverage. ``weights`` are the query tokens' weights by
    position; initials (``free_weight``) are counted as covered, which keeps the bound an
    upper bound. The pairable weight of a name is the sum, over the groups it holds, of the
    heaviest look-alike it holds (an upper bound of the weight of its tokens a pair can take:
    a group pairs with one listed token). ``classes``, if given, tell each candidate's own
    needed coverage (at least ``needed``: higher for entries born far from the traveller),
    applied before the probes. ``probe=False`` enumerates every group (the
    exhaustive reference)."""
    total = sum(weights) + free_weight
    if total <= 0.0 or not groups:
        return EMPTY, EMPTY_FLOATS, EMPTY_FLOATS
    # Largest postings first into the probed set, while the weight they (and the free tokens)
    # could add stays below what a candidate needs.
    budget = needed * total - free_weight if probe else 0.0
    probed: list[Credited] = []
    enumerated: list[Credited] = []
    probed_weight = 0.0
    for credits, group in sorted(groups, key=lambda g: (len(g[0]) > 1, -g[1].size, g[0])):
        weight = weights[credits[0]]
        if len(credits) == 1 and weight < budget:
            budget -= weight
            probed_weight += weight
            probed.append((credits, group))
        else:
            enumerated.append((credits, group))
    merged = [(credits, group.merged(), group) for credits, group in enumerated]
    merged = [(credits, m, group) for credits, m, group in merged if m[0].shape[0]]
    if not merged:
        return EMPTY, EMPTY_FLOATS, EMPTY_FLOATS
    # A query position credited by one group only adds weight x similarity straight into the
    # covered weight; a position credited by several (a token and the pair joining it with a
    # neighbour) takes their best: a column of its own. No candidate by position matrix: on a
    # million names the enumerated groups hold tens of thousands.
    credit_count: dict[int, int] = {}
    for credits, _ in enumerated + probed:
        for credit in credits:
            credit_count[credit] = credit_count.get(credit, 0) + 1
    column_of = {c: n for n, c in enumerate(sorted(c for c, n in credit_count.items() if n > 1))}
    alone = [
        np.float32(sum(weights[c] for c in credits if c not in column_of))
        for credits, _, _ in merged
    ]
    column_weights = np.asarray([weights[c] for c in column_of], dtype=np.float32)
    use_classes = classes is not None
    needed_of_class = classes.needed if classes is not None else EMPTY_FLOATS
    limits = (
        np.float32(needed),
        np.float32(total),
        np.float32(needed * total - 1e-6),
        np.float32(free_weight + probed_weight),
    )
    # Names that cannot reach the coverage even holding every probed token are dropped before
    # the probes (binary searches) are paid for.
    cut_before_probes = bool(probed) or classes is not None

    def with_classes(merged_group: Merged, group: Group) -> tuple[IdArray, Floats, Floats, IdArray]:
        ids, sims, heavy = merged_group
        return ids, sims, heavy, group.classes(classes.of_name) if classes is not None else EMPTY

    if len(merged) <= 2 and not column_of:
        first = with_classes(merged[0][1], merged[0][2])
        second = with_classes(merged[1][1], merged[1][2]) if len(merged) == 2 else NO_GROUP
        names, direct, pairable, own = cover.merge_two(
            first,
            second,
            (alone[0], alone[-1]),
            needed_of_class,
            use_classes,
            limits,
            cut_before_probes,
        )
        columns = np.empty((0, names.shape[0]), dtype=np.float32)
    else:
        columns_of = np.full((len(merged), 2), -1, dtype=np.int64)
        for row, (credits, _, _) in enumerate(merged):
            for side, credit in enumerate(c for c in credits if c in column_of):
                columns_of[row, side] = column_of[credit]
        ids = np.concatenate([m[0] for _, m, _ in merged])
        sims = np.concatenate([m[1] for _, m, _ in merged])
        heavy = np.concatenate([m[2] for _, m, _ in merged])
        names, direct, pairable, own, columns = bitmap.merge_many(
            ids,
            sims,
            heavy,
            np.concatenate([g.classes(classes.of_name) for _, _, g in merged])
            if classes is not None
            else EMPTY,
            _offsets([m[0] for _, m, _ in merged]),
            np.asarray(alone, dtype=np.float32),
            columns_of,
            column_weights,
            needed_of_class,
            use_classes,
            limits,
            cut_before_probes,
            bitmap.SCRATCH.arrays(max(int(m[0][-1]) for _, m, _ in merged) + 1),
        )
    for credits, group in probed:
        if group.size and names.shape[0]:
            cover.probe(
                names,
                direct,
                pairable,
                columns,
                group.merged(),
                column_of.get(credits[0], -1),
                weights[credits[0]],
            )
    return cover.finish(
        names,
        direct,
        pairable,
        own,
        columns,
        column_weights,
        free_weight,
        total,
        use_classes,
        needed,
    )


def _offsets(arrays: list[IdArray]) -> npt.NDArray[np.int64]:
    return np.fromiter(
        accumulate((a.shape[0] for a in arrays), initial=0), dtype=np.int64, count=len(arrays) + 1
    )
