"""Per-token work a search needs, done once per distinct token until the index changes: the
token's look-alikes in the vocabulary, its rarity weight and the merged postings of its
look-alikes (candidates.Group). Cached because travellers' names repeat endlessly; the caches
are emptied whenever an entry is added or removed (list changes are rare; searches are not).

The exhaustive preparer finds look-alikes by scanning the vocabulary (Vocabulary.scan) instead
of by keys: it is the reference the keyed search is measured against.
"""

from __future__ import annotations

from functools import lru_cache

from paxscreen.screening.matching.candidates import Group
from paxscreen.screening.matching.names import Kind, NameToken
from paxscreen.screening.matching.postings import Postings
from paxscreen.screening.matching.query import (
    FREQUENCY_SIM,
    PreparedToken,
    fixed_weight,
    population_share,
)
from paxscreen.screening.matching.scoring import ListToken, rarity_weight
from paxscreen.screening.matching.text import squeeze
from paxscreen.screening.matching.tokens import TokenInfo, token_info
from paxscreen.screening.matching.vocabulary import Vocabulary

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
        self._list_weights: dict[int, float] = {}
        # Listed names' scored tokens by name id (read only: see ranking.Ranker._listed).
        self.listed: dict[int, list[ListToken]] = {}
        self.live_names = 1

    def clear(self, live_names: int) -> None:
        self._tokens.clear()
        self._list_weights.clear()
        self.listed.clear()
        self.live_names = max(live_names, 1)

    def _similar(self, info: TokenInfo) -> list[tuple[int, float]]:
        if self._exhaustive:
            return self._vocabulary.scan(info)
        return self._vocabulary.neighbours(info)

    def _group(self, similar: list[tuple[int, float]]) -> Group | None:
        """Names holding a look-alike as a name token."""
        if not similar:
            return None
        return Group([(self._postings.get(t), s) for t, s in similar])

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
            similar = self._similar(info)
            ready = self._remember(key, PreparedToken(info, 0.0, {}, self._group(similar)))
        return ready.group

    def list_weight(self, tid: int, kind: int) -> float:
        weight = fixed_weight(kind)
        if weight is not None:
            return weight
        found = self._list_weights.get(tid)
        if found is None:
            info = self._vocabulary.infos[tid]
            found = rarity_weight(
                int(self._vocabulary.df[tid]), self.live_names, population_share(info.text)
            )
            self._list_weights[tid] = found
        return found
