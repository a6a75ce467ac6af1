"""Per-token work a search needs, done once per distinct token until the index changes: the
token's look-alikes in the vocabulary, its rarity weight and the merged postings of its
look-alikes (candidates.Group). Cached because travellers' names repeat endlessly; the caches
are emptied whenever an entry is added or removed (list changes are rare; searches are not).

The exhaustive preparer finds look-alikes by scanning the vocabulary (Vocabulary.scan) instead
of by keys: it is the reference the keyed search is measured against.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from paxscreen.screening.matching.candidates import Group
from paxscreen.screening.matching.names import Kind, NameToken
from paxscreen.screening.matching.postings import Postings
from paxscreen.screening.matching.query import (
    FREQUENCY_SIM,
    PreparedToken,
    fixed_weight,
    population_share,
)
from paxscreen.screening.matching.scoring import (
    MIN_WEIGHT,
    POPULATION_DAMPING,
    PRIOR_NAMES,
    RARE_SHARE,
    WEAK_ALIAS_FACTOR,
    ListToken,
    rarity_weight,
)
from paxscreen.screening.matching.text import squeeze
from paxscreen.screening.matching.tokens import TokenInfo, token_info
from paxscreen.screening.matching.vocabulary import Vocabulary

if TYPE_CHECKING:
    from paxscreen.screening.matching.store import Store

Floats = npt.NDArray[np.float32]
NAME = int(Kind.NAME)
INITIAL = int(Kind.INITIAL)


# What a candidate's bound reads of its name, in one 16-byte record (one cache line, where
# separate million-name columns cost a cache miss each): its counted weight (what its tokens
# would cost if all were left unpaired, before the alphas: its name tokens' rarity weights;
# 0 for names with an initial), the factor its score takes (WEAK_ALIAS_FACTOR for weak
# aliases), its entry's birth span, and its entry's list (-1: a removed name or an entity).
NAME_RECORD = np.dtype(
    [("total", np.float32), ("factor", np.float32), ("span", np.int32), ("list", np.int32)]
)


@dataclass(frozen=True, slots=True)
class NameFacts:
    """By name id: its bound's record (NAME_RECORD) and its entry's listed birth years."""

    records: npt.NDArray[np.void]
    span: npt.NDArray[np.int32]  # index of the entry's (earliest, latest) birth years
    span_low: npt.NDArray[np.int32]  # by span: earliest listed birth year (0: none)
    span_high: npt.NDArray[np.int32]
    # Per-span bounds for one traveller's birth year (and thresholds), kept with the facts
    # they were computed from: travellers share birth years, so a flight mostly reuses them.
    by_birth: dict[tuple[int, float, float, bool], tuple[Floats, Floats]] = field(
        default_factory=dict, compare=False
    )


CACHE_LIMIT = 50_000  # prepared tokens kept (a cache past this is dropped and refilled)
LISTED_LIMIT = 100_000  # listed names' scored tokens kept (likewise)


@lru_cache(maxsize=65_536)
def joined_info(text: str) -> TokenInfo:
    """Two adjacent query tokens written as one (ABDUL + RAHMAN): spelling views only, because
    name symbols of a made-up token are meaningless and cost a rigour call."""
    return TokenInfo(text, False, squeeze(text), text, "", frozenset(), ())


class TokenPreparer:
    def __init__(
        self,
        vocabulary: Vocabulary,
        postings: Postings,
        root_postings: Postings,
        *,
        exhaustive: bool = False,
    ) -> None:
        self._vocabulary = vocabulary
        self._postings = postings
        self._root_postings = root_postings
        self._exhaustive = exhaustive
        self._tokens: dict[tuple[str, int, str], PreparedToken] = {}
        # A token's rarity weight as a listed name token, by token id (None: not computed yet):
        # a list, because groups read it for every look-alike.
        self._weights: list[float | None] = []
        # Listed names' scored tokens by name id (read only: see ranking.Ranker._listed).
        self.listed: dict[int, list[ListToken]] = {}
        # One ListToken per (token id, kind), shared by every listed name holding it.
        self.list_tokens: dict[tuple[int, int], ListToken] = {}
        self.live_names = 1
        self._name_facts: NameFacts | None = None
        self._population: list[float] = []  # population share by token id (never changes)

    def clear(self, live_names: int) -> None:
        self._tokens.clear()
        self._weights = []
        self.listed.clear()
        self.list_tokens.clear()
        self.live_names = max(live_names, 1)
        self._name_facts = None

    def name_facts(self, store: Store) -> NameFacts:
        """Per listed name, for candidate bounds (see NameFacts); computed for all names at
        once, vectorised, when first needed after a change of the index (about 0.1 s for a
        million names)."""
        if self._name_facts is not None and self._name_facts.span.shape[0] == store.name_count:
            return self._name_facts
        vocabulary = self._vocabulary
        shares = self._population
        for tid in range(len(shares), len(vocabulary)):
            shares.append(population_share(vocabulary.infos[tid].text))
        df = np.frombuffer(vocabulary.df, dtype=np.int32).astype(np.float64)
        share = np.maximum(
            (df + 1.0) / (self.live_names + PRIOR_NAMES),
            np.asarray(shares, dtype=np.float64) * POPULATION_DAMPING,
        )
        rarity = np.clip(np.log(1.0 / share) / math.log(1.0 / RARE_SHARE), MIN_WEIGHT, 1.0)
        tids = np.frombuffer(store.token_ids, dtype=np.int32)
        kinds = np.frombuffer(store.token_kinds, dtype=np.int8)
        per_token = np.where(kinds == NAME, rarity[tids] if tids.shape[0] else 0.0, 0.0)
        starts = np.frombuffer(store.name_token_start, dtype=np.int32)
        sums = np.concatenate(([0.0], np.cumsum(per_token)))
        # A little under the exact sums (float rounding): the bound must stay an upper bound.
        totals = (sums[starts[1:]] - sums[starts[:-1]]) * (1.0 - 1e-5)
        # A listed initial pairs with a whole query token at INITIAL_WEIGHT: the paired-weight
        # reasoning of the bound does not hold for such names, which get no listed side.
        initials = np.concatenate(([0], np.cumsum(kinds == INITIAL)))
        totals[(initials[starts[1:]] - initials[starts[:-1]]) > 0] = 0.0
        entries = np.frombuffer(store.name_entry, dtype=np.int32)
        low = np.frombuffer(store.entry_year_low, dtype=np.int16)[entries].astype(np.int64)
        high = np.frombuffer(store.entry_year_high, dtype=np.int16)[entries].astype(np.int64)
        spans, span = np.unique((low << 16) | (high & 0xFFFF), return_inverse=True)
        weak = np.frombuffer(store.name_weak, dtype=np.uint8).astype(bool)
        alive = np.frombuffer(store.name_alive, dtype=np.uint8).astype(bool)
        person = np.frombuffer(store.entry_person, dtype=np.uint8).astype(bool)[entries]
        records = np.empty(store.name_count, dtype=NAME_RECORD)
        records["total"] = totals
        records["factor"] = np.where(weak, WEAK_ALIAS_FACTOR, 1.0)
        records["span"] = span
        records["list"] = np.where(
            alive & person, np.frombuffer(store.entry_list, dtype=np.int32)[entries], -1
        )
        self._name_facts = NameFacts(
            records=records,
            span=span.astype(np.int32),
            span_low=(spans >> 16).astype(np.int32),
            span_high=(spans & 0xFFFF).astype(np.int32),
        )
        return self._name_facts

    def _similar(self, info: TokenInfo) -> list[tuple[int, float]]:
        if self._exhaustive:
            return self._vocabulary.scan(info)
        return self._vocabulary.neighbours(info)

    def _group(self, similar: list[tuple[int, float]]) -> Group | None:
        """Names holding a look-alike as a name token."""
        if not similar:
            return None
        get = self._postings.get
        return Group([(get(t), s) for t, s in similar], self.name_weights([t for t, _ in similar]))

    def _root_group(self, similar: list[tuple[int, float]]) -> Group | None:
        """Names holding a look-alike only as the root of a compound (REHMAN in
        ABDULREHMAN); None when no look-alike is a root."""
        roots = self._vocabulary.roots
        parts = [(self._root_postings.get(t), s) for t, s in similar if t in roots]
        return Group(parts) if parts else None

    def _remember(self, key: tuple[str, int, str], ready: PreparedToken) -> PreparedToken:
        if len(self._tokens) >= CACHE_LIMIT:
            self._tokens.clear()
        self._tokens[key] = ready
        return ready

    def prepared(self, token: NameToken) -> PreparedToken:
        original = "" if token.script == "Latin" else token.original
        key = (token.text, int(token.kind), token.script + original)
        ready = self._tokens.get(key)
        if ready is not None:
            return ready
        info = token_info(token.text, token.script, original)
        similar = self._similar(info)
        weight = fixed_weight(token.kind)
        if weight is None:
            frequency = sum(
                int(self._vocabulary.df[t]) for t, sim in similar if sim >= FREQUENCY_SIM
            )
            weight = rarity_weight(frequency, self.live_names, population_share(info.text))
        group = root_group = None
        if token.kind == Kind.NAME:
            group, root_group = self._group(similar), self._root_group(similar)
        return self._remember(key, PreparedToken(info, weight, dict(similar), group, root_group))

    def list_token(self, tid: int, kind: int) -> ListToken:
        """A listed token with its weight (cached until the index changes)."""
        key = (tid, kind)
        found = self.list_tokens.get(key)
        if found is None:
            found = ListToken(tid, self._vocabulary.infos[tid], kind, self.list_weight(tid, kind))
            self.list_tokens[key] = found
        return found

    def remember_listed(self, name_id: int, tokens: list[ListToken]) -> None:
        if len(self.listed) >= LISTED_LIMIT:
            self.listed.clear()
        self.listed[name_id] = tokens

    def joined(self, text: str) -> Group | None:
        """Names holding a look-alike of two adjacent query tokens written as one."""
        key = (text, -1, "")
        ready = self._tokens.get(key)
        if ready is None:
            info = joined_info(text)
            similar = (
                self._vocabulary.scan(info)
                if self._exhaustive
                else self._vocabulary.neighbours(info, double=False)
            )
            ready = self._remember(key, PreparedToken(info, 0.0, {}, self._group(similar)))
        return ready.group

    def name_weights(self, tids: list[int]) -> list[float]:
        """`list_weight` of tokens as names."""
        return [self._weight(tid) for tid in tids]

    def list_weight(self, tid: int, kind: int) -> float:
        weight = fixed_weight(kind)
        return weight if weight is not None else self._weight(tid)

    def _weight(self, tid: int) -> float:
        """The token's rarity weight as a listed name token (cached until the index changes)."""
        weights = self._weights
        if tid >= len(weights):
            weights.extend([None] * (len(self._vocabulary) - len(weights)))
        found = weights[tid]
        if found is None:
            info = self._vocabulary.infos[tid]
            found = weights[tid] = rarity_weight(
                int(self._vocabulary.df[tid]), self.live_names, population_share(info.text)
            )
        return found
