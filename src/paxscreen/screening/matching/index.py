"""The watchlist matcher: an in-memory index of listed names, updated entry by entry, searched
one traveller at a time. Pure: no I/O, nothing happens at import.

    matcher = Matcher()
    matcher.build((list_id, entry_id, entry) for ...)     # bulk: one sort for all postings
    matcher.upsert(list_id, entry_id, entry)              # live updates, microseconds each
    matcher.remove(list_id, entry_id)
    matcher.search(query, lists={list_id: DEFAULT_THRESHOLD})

Entities (entity_type ENTITY) are indexed with the persons (so stats and list sizes agree with
the list) but never returned: every query is a traveller, and an organisation's name matching a
person's is noise. Their documents are not searched either.

A search: parse the traveller's name(s); find each token's look-alikes in the vocabulary; merge
their postings into groups; keep the names whose coverage can still reach a requested threshold
(candidates.py), bounding each name's score from its coverage, its own tokens' weight and its
entry's birth years (bound.name_bound); score the most promising fully, best bound first
(scoring.py): MAX_SCORED of them, or ``limit`` when more results are asked for, more while
entries are found at the threshold, fewer once ``limit`` entries no unscored name can beat
are found (ranking.py); add every entry whose document number matches (the fast path, whatever
the name); add the other fields' evidence (evidence.py); return entries at or above their
list's threshold, best first.
Not thread-safe by design (one matcher per worker process); a lock guards against misuse.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from paxscreen.normalise.canonical_watchlist import ListEntry, NameQuality
from paxscreen.screening.matching.encoding import NameEncoder
from paxscreen.screening.matching.model import MatchResult, ScreeningQuery
from paxscreen.screening.matching.names import Kind
from paxscreen.screening.matching.postings import Postings
from paxscreen.screening.matching.preparation import TokenPreparer
from paxscreen.screening.matching.ranking import Ranker
from paxscreen.screening.matching.store import Store, entry_key
from paxscreen.screening.matching.vocabulary import Vocabulary

NAME = int(Kind.NAME)
ROOT = int(Kind.ROOT)
ALGORITHM = "name"
VERSION = "1.0.0"
DEFAULT_THRESHOLD = 0.70
# Compact the postings when names added since the last compaction, or dead names, pass this
# share of the base (and at least COMPACT_MIN): searches then stay on the fast numpy path.
COMPACT_SHARE = 0.25
COMPACT_MIN = 20_000


@dataclass(frozen=True, slots=True)
class MatcherStats:
    entries: int  # live entries (persons and entities)
    names: int  # live listed names
    tokens: int  # distinct tokens in the vocabulary
    keys: int  # blocking keys (deletion, phonetic, symbol, skeleton, rendering)
    postings: int
    memory_bytes: int  # estimate of the index's own memory


class Matcher:
    def __init__(self) -> None:
        self._store = Store()
        self._vocabulary = Vocabulary()
        self._encoder = NameEncoder(self._vocabulary)
        # Names holding a token as a name, and names holding it only as the root of a compound
        # (RAHMAN in ABDULRAHMAN): kept apart, because a root is credited to two query tokens
        # (BADUR REHMAN) and a name token to one (see ranking._groups).
        self._postings = Postings()
        self._root_postings = Postings()
        self._lock = threading.RLock()
        self.preparer = TokenPreparer(self._vocabulary, self._postings, self._root_postings)
        self.reference_preparer = TokenPreparer(
            self._vocabulary, self._postings, self._root_postings, exhaustive=True
        )

    # ---- changes -------------------------------------------------------------------------

    def upsert(self, list_id: uuid.UUID, entry_id: uuid.UUID, entry: ListEntry) -> None:
        with self._lock:
            index = self._store.list_index(list_id)
            self._remove(index, entry_id)
            self._add(index, entry_id, entry, bulk=False)
            self._changed()
            self._maybe_compact()

    def remove(self, list_id: uuid.UUID, entry_id: uuid.UUID) -> None:
        with self._lock:
            index = self._store.known_list(list_id)
            if index is not None and self._remove(index, entry_id):
                self._changed()
                self._maybe_compact()

    def build(self, items: Iterable[tuple[uuid.UUID, uuid.UUID, ListEntry]]) -> None:
        """Adds (or replaces) many entries, then rebuilds the postings and token counts once,
        and finds every token's look-alikes (lookalikes.py)."""
        with self._lock:
            last: tuple[uuid.UUID | None, int] = (None, 0)
            for list_id, entry_id, entry in items:
                if list_id is not last[0]:  # hashing a UUID costs a Python call: once a run
                    last = (list_id, self._store.list_index(list_id))
                self._remove(last[1], entry_id, counts=False)
                self._add(last[1], entry_id, entry, bulk=True)
            self.compact()
            self._vocabulary.precompute()

    def compact(self) -> None:
        """Rebuilds the postings from the live names (also drops removed names from them)."""
        with self._lock:
            store = self._store
            starts = np.frombuffer(store.name_token_start, dtype=np.int32)
            tids = np.frombuffer(store.token_ids, dtype=np.int32)
            kinds = np.frombuffer(store.token_kinds, dtype=np.int8)
            alive = np.frombuffer(store.name_alive, dtype=np.uint8).astype(bool)
            owner = np.repeat(np.arange(store.name_count, dtype=np.int32), np.diff(starts))
            keep = ((kinds == Kind.NAME) | (kinds == Kind.ROOT)) & alive[owner]
            tids, owner = tids[keep], owner[keep]
            # Sorted by (token, name): each postings list comes out ascending.
            order = np.lexsort((owner, tids))
            tids, owner = tids[order], owner[order]
            kinds = kinds[keep][order]
            size = len(self._vocabulary)
            counts = np.zeros(size, dtype=np.int64)
            for kind, postings in ((NAME, self._postings), (ROOT, self._root_postings)):
                mine = kinds == kind
                k_tids, k_owner = tids[mine], owner[mine]
                # A name holding a token twice is posted (and counted) once.
                fresh = np.ones(k_tids.shape[0], dtype=bool)
                fresh[1:] = (k_tids[1:] != k_tids[:-1]) | (k_owner[1:] != k_owner[:-1])
                k_tids, k_owner = k_tids[fresh], k_owner[fresh]
                postings.rebuild(k_tids, k_owner, size)
                if kind == NAME:
                    # Token counts from scratch: names holding the token as a name.
                    counts = np.bincount(k_tids, minlength=size)
            self._vocabulary.set_counts(counts.astype(np.int32).tobytes())
            store.dead_in_postings = 0
            self._changed()

    def _add(self, list_index: int, entry_id: uuid.UUID, entry: ListEntry, bulk: bool) -> None:
        store = self._store
        slot = store.add_entry(list_index, entry_id, entry)
        for name, encoded in self._encoder.encode_entry(entry.names):
            tids, kinds, roots = encoded.tids, encoded.kinds, encoded.roots
            name_id = store.add_name(
                slot,
                name.full,
                tids + roots if roots else tids,  # roots after the scored tokens
                kinds + (ROOT,) * len(roots) if roots else kinds,
                name.quality == NameQuality.WEAK,
                encoded.links,
            )
            if bulk:
                continue  # counts and postings are rebuilt at the end (compact)
            names = {t for t, k in zip(tids, kinds, strict=True) if k == NAME}
            self._vocabulary.add_counts(names, +1)
            for tid in sorted(names):
                self._postings.add(tid, name_id)
            for tid in sorted(set(roots)):
                self._root_postings.add(tid, name_id)

    def _remove(self, list_index: int, entry_id: uuid.UUID, *, counts: bool = True) -> bool:
        store = self._store
        slot = store.slots.pop(entry_key(list_index, entry_id), None)
        if slot is None:
            return False
        if counts:
            for name_id in store.names_of(slot):
                tids, kinds = store.tokens_of(name_id)
                names = {t for t, k in zip(tids, kinds, strict=True) if k == NAME}
                self._vocabulary.add_counts(names, -1)
        store.remove_entry(slot)
        return True

    def _changed(self) -> None:
        self.preparer.clear(self._store.live_names)
        self.reference_preparer.clear(self._store.live_names)

    def _maybe_compact(self) -> None:
        base = max(self._postings.base_size + self._root_postings.base_size, COMPACT_MIN)
        if (
            self._postings.delta_size + self._root_postings.delta_size > COMPACT_SHARE * base
            or self._store.dead_in_postings
            > COMPACT_SHARE * max(self._store.name_count, COMPACT_MIN)
        ):
            self.compact()

    # ---- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._store.live_entries

    def stats(self) -> MatcherStats:
        store, vocabulary = self._store, self._vocabulary
        columns = sum(
            len(column) * column.itemsize
            for column in (
                store.entry_list,
                store.entry_uuid_high,
                store.entry_uuid_low,
                store.entry_first_name,
                store.entry_name_count,
                store.entry_year_low,
                store.entry_year_high,
                store.entry_birth_start,
                store.birth_precision,
                store.birth_earliest,
                store.birth_latest,
                store.name_entry,
                store.name_token_start,
                store.token_ids,
                store.token_kinds,
                vocabulary.df,
            )
        )
        shown = sum(49 + len(s) for s in store.name_shown) + 8 * len(store.name_shown)
        # Dict entries with small int or list values and str keys: about 100 bytes a key.
        keys = vocabulary.key_count
        return MatcherStats(
            entries=store.live_entries,
            names=store.live_names,
            tokens=len(vocabulary),
            keys=keys,
            postings=sum(p.base_size + p.delta_size for p in (self._postings, self._root_postings)),
            memory_bytes=columns
            + shown
            + 100 * keys
            + 300 * len(vocabulary)
            + 120 * len(store.slots)
            + vocabulary.table_bytes
            + self._postings.memory_bytes()
            + self._root_postings.memory_bytes(),
        )

    def search(
        self,
        query: ScreeningQuery,
        *,
        lists: Mapping[uuid.UUID, float],
        limit: int = 10,
    ) -> list[MatchResult]:
        """Entries of the given lists (list id -> threshold) whose score reaches the list's
        threshold, best first, at most ``limit``."""
        with self._lock:
            return Ranker(self, query, lists).run(limit)

    def search_exhaustive(
        self,
        query: ScreeningQuery,
        *,
        lists: Mapping[uuid.UUID, float],
        limit: int = 10,
    ) -> list[MatchResult]:
        """The reference `search` is measured against (benchmarks and tests; seconds per query
        on a large list): token look-alikes found by scanning the whole vocabulary instead of
        by keys, every group's postings enumerated, and every candidate whose bound reaches a
        threshold fully scored (no MAX_SCORED cap). Same scorer, same results format."""
        with self._lock:
            return Ranker(self, query, lists, exhaustive=True).run(limit)

    # Internals the ranker reads (same package).
    # (preparer and reference_preparer are attributes, set in __init__.)
    @property
    def store(self) -> Store:
        return self._store

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    @property
    def postings(self) -> Postings:
        return self._postings
