"""The matcher index of this worker process, built from the database at start and kept in step
with list changes made by any process (the ordered watchlist_changes log, polled)."""

from __future__ import annotations

import asyncio
import gc
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import product

from paxscreen.metrics import Metrics
from paxscreen.normalise.canonical_watchlist import ListEntry, ListName
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD, Matcher
from paxscreen.screening.matching.model import MatchResult, PartialDate, ScreeningQuery
from paxscreen.storage.models import Watchlist
from paxscreen.storage.repositories.watchlists import WatchlistRepository
from paxscreen.storage.session import SessionFactory, session_scope

log = logging.getLogger(__name__)

# Change-log numbers are handed out when a change is written, but transactions commit in their
# own order, so a late commit can land below the newest number already seen. Each refresh looks
# this far back and applies what it has not applied yet.
LOOKBACK = 1_000


# A few names whose searches take the matcher's compiled paths (one and several groups, probes,
# look-alike merges, compounds), so that they are compiled or loaded from numba's disk cache at
# start-up.
WARM_NAMES = ("MOHAMMED ALI HASSAN", "MUHAMAD ALI HASAN", "ABDULRAHMAN ALI KHAN", "ALI KHAN")
WARM_TRAVELLERS = ("MOHAMED ALI HASSAN KHAN", "ABDUL RAHMAN ALI", "ALI HASAN")


@cache
def warm_up() -> None:
    """The name analysis (rigour) loads its data on first use, which takes seconds, and the
    matcher's compiled loops compile (or load) on their first call: pay both at start-up, not
    on the first list change or the first message."""
    scratch = Matcher()
    list_id = uuid.UUID(int=0)
    scratch.build(
        (list_id, uuid.UUID(int=n + 1), ListEntry(reference=name, names=(ListName(full=name),)))
        for n, name in enumerate(WARM_NAMES)
    )
    for name in WARM_TRAVELLERS:
        for born, threshold in product((None, PartialDate(1970, 1, 1)), (0.0, DEFAULT_THRESHOLD)):
            scratch.search(
                ScreeningQuery(full_name=name, date_of_birth=born), lists={list_id: threshold}
            )


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: uuid.UUID
    name: str
    threshold: float
    active: bool
    version: int
    severity: str
    category: str


def list_info(watchlist: Watchlist) -> ListInfo:
    return ListInfo(
        id=watchlist.id,
        name=watchlist.name,
        threshold=watchlist.threshold if watchlist.threshold is not None else DEFAULT_THRESHOLD,
        active=watchlist.active,
        version=watchlist.version,
        severity=watchlist.severity,
        category=watchlist.category,
    )


@dataclass
class LiveIndex:
    """One per process. Not thread-safe: used from the event loop only."""

    metrics: Metrics | None = None
    matcher: Matcher = field(default_factory=Matcher)
    lists: dict[uuid.UUID, ListInfo] = field(default_factory=dict)
    entry_versions: dict[uuid.UUID, int] = field(default_factory=dict)
    last_seq: int = 0
    applied: set[int] = field(default_factory=set)
    loaded: asyncio.Event = field(default_factory=asyncio.Event)
    first_attempt: asyncio.Event = field(default_factory=asyncio.Event)  # loaded, or failed once

    @property
    def ready(self) -> bool:
        return self.loaded.is_set()

    async def load(self, sessions: SessionFactory) -> None:
        """Build the index from every active entry (at start-up)."""
        started = time.perf_counter()
        items: list[tuple[uuid.UUID, uuid.UUID, ListEntry]] = []
        async with session_scope(sessions) as session:
            repository = WatchlistRepository(session)
            self.last_seq = await repository.last_change()
            self.lists = {w.id: list_info(w) for w in await repository.all()}
            self.entry_versions = {}
            async for batch in repository.stream_active_entries():
                for list_id, entry_id, version, data in batch:
                    items.append((list_id, entry_id, ListEntry.model_validate(data)))
                    self.entry_versions[entry_id] = version
        self.matcher = Matcher()
        self.matcher.build(items)
        warm_up()
        # A million-entry index is millions of objects the cyclic garbage collector tracks:
        # each full collection walks them all (about a second at a million entries: 1.2 s of a
        # 3.7 s run of 3,000 searches) and stalls the request it falls in. They live as long
        # as the index, so they leave the collector's generations once built. Process-wide:
        # every object alive now goes (this runs once per worker, at start-up); frozen objects
        # are still freed by reference counting, only cycles among them would linger.
        gc.freeze()
        self.applied = set()
        self.loaded.set()
        self._observe(build_seconds=time.perf_counter() - started)

    async def refresh(self, sessions: SessionFactory) -> int:
        """Apply list changes not applied yet; answers how many."""
        async with session_scope(sessions) as session:
            repository = WatchlistRepository(session)
            changes = [
                c
                for c in await repository.changes_since(max(0, self.last_seq - LOOKBACK))
                if c.seq not in self.applied and c.seq > self.last_seq - LOOKBACK
            ]
            if not changes:
                return 0
            touched_lists = {c.watchlist_id for c in changes}
            for watchlist in await repository.all():
                if watchlist.id in touched_lists or watchlist.id not in self.lists:
                    self.lists[watchlist.id] = list_info(watchlist)
            entry_ids = list({c.entry_id for c in changes if c.entry_id is not None})
            entries = await repository.entries_by_id(entry_ids)
        for entry in entries:
            if entry.status == "active":
                self.matcher.upsert(
                    entry.watchlist_id, entry.id, ListEntry.model_validate(entry.data)
                )
                self.entry_versions[entry.id] = entry.version
            else:
                self.matcher.remove(entry.watchlist_id, entry.id)
                self.entry_versions.pop(entry.id, None)
        self._remember(c.seq for c in changes)
        self._observe()
        return len(changes)

    def _remember(self, seqs: Iterable[int]) -> None:
        self.applied.update(seqs)
        if self.applied:
            self.last_seq = max(self.last_seq, max(self.applied))
        floor = self.last_seq - LOOKBACK
        self.applied = {seq for seq in self.applied if seq > floor}

    def thresholds(self, only: Iterable[uuid.UUID] | None = None) -> dict[uuid.UUID, float]:
        """Active lists to search, each with its threshold."""
        wanted = set(only) if only is not None else None
        return {
            info.id: info.threshold
            for info in self.lists.values()
            if info.active and (wanted is None or info.id in wanted)
        }

    def search(
        self,
        query: ScreeningQuery,
        *,
        lists: dict[uuid.UUID, float] | None = None,
        limit: int = 10,
    ) -> list[MatchResult]:
        started = time.perf_counter()
        results = self.matcher.search(query, lists=lists or self.thresholds(), limit=limit)
        if self.metrics:
            self.metrics.screening_duration.observe(time.perf_counter() - started)
        return results

    def _observe(self, build_seconds: float | None = None) -> None:
        if self.metrics is None:
            return
        self.metrics.index_entries.set(len(self.matcher))
        if build_seconds is not None:
            self.metrics.index_build_seconds.set(build_seconds)

    async def load_then_follow(self, sessions: SessionFactory, every: float) -> None:
        """Load (retrying while the database cannot be reached), then follow changes."""
        while not self.ready:
            try:
                await self.load(sessions)
            except Exception:
                log.exception("loading the watchlist index failed; retrying")
                self.first_attempt.set()
                await asyncio.sleep(every * 5)
        self.first_attempt.set()
        await self.follow(sessions, every)

    async def follow(self, sessions: SessionFactory, every: float) -> None:
        """Keep applying other processes' changes, every ``every`` seconds, until cancelled."""
        while True:
            await asyncio.sleep(every)
            try:
                await self.refresh(sessions)
            except Exception:  # keep following; the next round retries
                log.exception("refreshing the watchlist index failed")
