"""Name score: how well one traveller name fits one listed name, in [0, 1], and why.

1. Tokens are paired one to one, best similarity first (ties: heavier token, then closer
   relative position, then order), so a repeated MOHAMMED cannot take two partners.
2. Tokens left over on both sides get a second chance as joined pairs: ABDUL RAHMAN /
   ABDULRAHMAN, shifted spaces (LAUREN TNKUNDA / LAURENT NKUNDA).
3. Every token weighs by its rarity (see `rarity_weight`): a shared MOHAMMED proves little, a
   differing TIKRITI / MOSULI is a contradiction. The traveller's family name weighs more.
4.   score = sum(weight x similarity over pairs)
             / (sum(weight over pairs) + costs of unpaired tokens)
   An unpaired traveller token costs 0.4 of its weight in the middle of the name and 0.6 at
   either end (travellers carry middle names lists do not know); an unpaired listed token
   costs 0.15 in the middle (missing middle names, grandfathers in a nasab chain) and 0.35 at
   the ends. When both sides keep unpaired tokens they contradict each other: the lighter
   side's weight is charged again in full (CONFLICT_ALPHA).
5. Father/son swaps: where a connector (bin, ibn, ben, ould) says who is whose son, and the
   other side gives an order (its own connector, or separate given and family names), paired
   tokens in the opposite order multiply the score by NASAB_SWAP_FACTOR.
6. A weak alias (UN "Low" quality) multiplies the score by WEAK_ALIAS_FACTOR.
Titles are paired at a small weight and cost nothing when unpaired; initials pair with any
token of their letter at a small weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.distance import OSA

from paxscreen.screening.matching.names import Kind, Role, compound_root
from paxscreen.screening.matching.tokens import SIM_FLOOR, TokenInfo

QUERY_MIDDLE_ALPHA = 0.4
QUERY_EDGE_ALPHA = 0.6
LIST_MIDDLE_ALPHA = 0.15
LIST_EDGE_ALPHA = 0.35
CONFLICT_ALPHA = 0.8
NASAB_SWAP_FACTOR = 0.6
WEAK_ALIAS_FACTOR = 0.9
FAMILY_BOOST = 1.2  # the traveller's family name, when given apart from the given names
TITLE_WEIGHT = 0.1
INITIAL_WEIGHT = 0.15
# Rarity: weight = log(1/p) / log(1/RARE_SHARE), clipped to [MIN_WEIGHT, 1], where p is the
# larger of the token's share of listed names (smoothed by PRIOR_NAMES, so that on a short list
# not every token looks unique) and its share among Wikidata people's name tokens (damped).
RARE_SHARE = 5e-4
PRIOR_NAMES = 1_000
POPULATION_DAMPING = 0.5
MIN_WEIGHT = 0.08


def rarity_weight(df: int, names: int, population_share: float = 0.0) -> float:
    share = max((df + 1) / (names + PRIOR_NAMES), population_share * POPULATION_DAMPING)
    weight = math.log(1.0 / share) / math.log(1.0 / RARE_SHARE)
    return min(1.0, max(MIN_WEIGHT, weight))


@dataclass(slots=True)
class QueryToken:
    info: TokenInfo
    kind: Kind
    role: Role
    weight: float
    shown: str
    similar: dict[int, float] = field(default_factory=dict)  # vocabulary id -> similarity


class ListToken(NamedTuple):  # a tuple: built for every token of every scored candidate
    tid: int
    info: TokenInfo
    kind: int  # a names.Kind value
    weight: float


@dataclass(frozen=True, slots=True)
class QueryName:
    tokens: tuple[QueryToken, ...]
    links: tuple[tuple[int, int], ...]  # (son, father) positions in `tokens`
    ordered: bool  # gives an order one can trust: connectors or separate given/family names

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.tokens if t.kind != Kind.TITLE)


class Pair(NamedTuple):
    query: tuple[int, ...]
    listed: tuple[int, ...]
    sim: float
    weight: float


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: float
    pairs: tuple[Pair, ...]
    query_extra: tuple[int, ...]
    list_extra: tuple[int, ...]
    conflict: bool
    swapped: bool
    weak: bool


INITIAL = int(Kind.INITIAL)
NAME = int(Kind.NAME)
COUNTED = (NAME, INITIAL)  # kinds that cost when unpaired (titles never do)


def pair_similarity(q: QueryToken, lt: ListToken) -> float:
    """Token similarity, read from the query token's vocabulary look-alikes: a list token that
    is not among them does not match (the exhaustive reference finds look-alikes by scanning
    the whole vocabulary instead of by keys, so the two differ only in what the keys miss)."""
    if q.kind == INITIAL or lt.kind == INITIAL:
        return 1.0 if q.info.text[:1] == lt.info.text[:1] else 0.0
    return q.similar.get(lt.tid, 0.0)


def _greedy(query: QueryName, listed: list[ListToken]) -> list[Pair]:
    tokens = query.tokens
    n, m = len(tokens), len(listed)
    scale_q, scale_l = 1.0 / max(n - 1, 1), 1.0 / max(m - 1, 1)
    options: list[tuple[float, float, float, int, int]] = []
    append = options.append
    for i, q in enumerate(tokens):
        similar = q.similar
        heavier = -q.weight
        at = i * scale_q
        letter = q.info.text[:1]
        if q.kind == INITIAL:  # an initial pairs with any token of its letter
            for j, lt in enumerate(listed):
                if lt.info.text[:1] == letter:
                    append((-1.0, heavier, abs(at - j * scale_l), i, j))
            continue
        for j, (tid, info, kind, _) in enumerate(listed):
            if kind == INITIAL:
                if info.text[:1] == letter:
                    append((-1.0, heavier, abs(at - j * scale_l), i, j))
            elif tid in similar:
                sim = similar[tid]
                if sim > 0.0:
                    append((-sim, heavier, abs(at - j * scale_l), i, j))
    if not options:
        return []
    options.sort()
    free_q, free_l = [True] * n, [True] * m
    pairs = []
    for negative, _, _, i, j in options:
        if free_q[i] and free_l[j]:
            free_q[i] = free_l[j] = False
            weight = tokens[i].weight
            if listed[j].kind == INITIAL and weight > INITIAL_WEIGHT:
                weight = INITIAL_WEIGHT  # a name against an initial proves no more than one
            pairs.append(Pair((i,), (j,), -negative, weight))
    return pairs


def _lengths_meet(
    joined: list[tuple[tuple[int, ...], str]], singles: list[tuple[tuple[int, ...], str]]
) -> bool:
    """Whether some joined spelling and some single token are close enough in length for
    their normalised edit similarity to reach SIM_FLOOR (also for the short ABD spelling of
    a listed compound, two letters shorter)."""
    for _, single in singles:
        lengths = (len(single), len(single) - 2) if single.startswith("abdul") else (len(single),)
        for _, text in joined:
            for length in lengths:
                if min(length, len(text)) >= SIM_FLOOR * max(length, len(text)):
                    return True
    return False


def _rejoin(query: QueryName, listed: list[ListToken], pairs: list[Pair]) -> list[Pair]:
    """Second chance for tokens split or joined differently on the two sides: adjacent tokens
    that are unpaired or paired below 1.0 are joined and compared again. A joined pair replaces
    the pairs it overlaps only if it is better than each of them and frees no other token."""
    firm_q, firm_l = [False] * len(query.tokens), [False] * len(listed)
    for p in pairs:
        if p.sim >= 1.0:
            for i in p.query:
                firm_q[i] = True
            for j in p.listed:
                firm_l[j] = True
    texts_q = [t.info.text for t in query.tokens]
    texts_l = [t.info.text for t in listed]
    joined_q: list[tuple[tuple[int, ...], str]] = [
        ((i, i + 1), texts_q[i] + texts_q[i + 1])
        for i in range(len(texts_q) - 1)
        if not firm_q[i] and not firm_q[i + 1]
    ]
    joined_l: list[tuple[tuple[int, ...], str]] = [
        ((j, j + 1), texts_l[j] + texts_l[j + 1])
        for j in range(len(texts_l) - 1)
        if not firm_l[j] and not firm_l[j + 1]
    ]
    if not joined_q and not joined_l:  # nothing to join
        return pairs
    single_q: list[tuple[tuple[int, ...], str]] = [
        ((i,), texts_q[i]) for i in range(len(texts_q)) if not firm_q[i]
    ]
    single_l: list[tuple[tuple[int, ...], str]] = [
        ((j,), texts_l[j]) for j in range(len(texts_l)) if not firm_l[j]
    ]
    # A listed ABD compound is also compared in its short spelling (ABD-AL-HAMID is written
    # abdulhamid, canonically): a traveller's mistyped marker (ADB HAMID) is then one edit
    # away, as a transposition should be, instead of three.
    if not (joined_q and joined_l) and not _lengths_meet(
        joined_q or joined_l, single_l if joined_q else single_q
    ):
        # Joined spellings on one side only, and none within reach of a single token on the
        # other by length alone (edit distance is at least the length difference): no
        # option can reach SIM_FLOOR. (The short ABD spelling below is only shorter than the
        # listed token, and is checked through its length.)
        return pairs
    single_l += [
        (lg, "abd" + text[5:])
        for lg, text in single_l
        if text.startswith("abdul") and compound_root(text) is not None
    ]
    # Similar spellings share their first or last two letters (BADUR REHMAN / ABDULREHMAN
    # share "an"): file the list side under both, and compare only what meets.
    by_end: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for lg, l_text in single_l + joined_l:
        by_end.setdefault("<" + l_text[:2], []).append((lg, l_text))
        by_end.setdefault(">" + l_text[-2:], []).append((lg, l_text))
    options: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
    for qg, q_text in single_q + joined_q:
        met = by_end.get("<" + q_text[:2], []) + by_end.get(">" + q_text[-2:], [])
        for lg, l_text in dict.fromkeys(met):
            if len(qg) == 1 and len(lg) == 1:
                continue  # single against single was the greedy pass's job
            # Joined spellings compare by edit distance only (cutoff: rapidfuzz stops early).
            sim = OSA.normalized_similarity(q_text, l_text, score_cutoff=SIM_FLOOR)
            if sim >= SIM_FLOOR:
                options.append((sim, qg, lg))
    if not options:
        return pairs
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    result = list(pairs)
    for sim, qg, lg in options:
        displaced = [p for p in result if set(p.query) & set(qg) or set(p.listed) & set(lg)]
        if any(p.sim >= sim for p in displaced):
            continue
        if any(set(p.query) - set(qg) or set(p.listed) - set(lg) for p in displaced):
            continue
        for p in displaced:
            result.remove(p)
        result.append(Pair(qg, lg, sim, sum(query.tokens[i].weight for i in qg)))
    return result


def _swapped(query: QueryName, list_links: tuple[tuple[int, int], ...], pairs: list[Pair]) -> bool:
    if not (list_links and query.ordered) and not (query.links and list_links):
        return False
    to_list = {p.query[0]: p.listed[0] for p in pairs if len(p.query) == 1 and len(p.listed) == 1}
    to_query = {v: k for k, v in to_list.items()}
    if query.ordered:
        for son, father in list_links:
            if son in to_query and father in to_query and to_query[son] > to_query[father]:
                return True
    if list_links:
        for son, father in query.links:
            if son in to_list and father in to_list and to_list[son] > to_list[father]:
                return True
    return False


def score_name(
    query: QueryName,
    listed: list[ListToken],
    list_links: tuple[tuple[int, int], ...] = (),
    *,
    weak: bool = False,
) -> NameMatch:
    tokens = query.tokens
    pairs = _greedy(query, listed)
    if len(pairs) < min(len(tokens), len(listed)) or any(p.sim < 1.0 for p in pairs):
        pairs = _rejoin(query, listed, pairs)
    paired_q = {i for p in pairs for i in p.query}
    paired_l = {j for p in pairs for j in p.listed}
    extra_q = tuple(i for i, t in enumerate(tokens) if i not in paired_q and t.kind in COUNTED)
    extra_l = tuple(j for j, t in enumerate(listed) if j not in paired_l and t.kind in COUNTED)
    matched = paired_weight = 0.0
    for p in pairs:
        matched += p.weight * p.sim
        paired_weight += p.weight
    cost = 0.0
    if extra_q:
        low, high = (min(paired_q), max(paired_q)) if paired_q else (0, -1)
        for i in extra_q:
            alpha = QUERY_MIDDLE_ALPHA if low < i < high else QUERY_EDGE_ALPHA
            cost += tokens[i].weight * alpha
    if extra_l:
        low, high = (min(paired_l), max(paired_l)) if paired_l else (0, -1)
        for j in extra_l:
            alpha = LIST_MIDDLE_ALPHA if low < j < high else LIST_EDGE_ALPHA
            cost += listed[j].weight * alpha
    conflict = bool(extra_q and extra_l)
    if conflict:
        lighter = min(
            sum(tokens[i].weight for i in extra_q), sum(listed[j].weight for j in extra_l)
        )
        cost += CONFLICT_ALPHA * lighter
    denominator = paired_weight + cost
    score = matched / denominator if denominator > 0 else 0.0
    swapped = bool(pairs) and _swapped(query, list_links, pairs)
    if swapped:
        score *= NASAB_SWAP_FACTOR
    if weak:
        score *= WEAK_ALIAS_FACTOR
    return NameMatch(
        score=min(1.0, max(0.0, score)),
        pairs=tuple(sorted(pairs, key=lambda p: p.query)),
        query_extra=extra_q,
        list_extra=extra_l,
        conflict=conflict,
        swapped=swapped,
        weak=weak,
    )
