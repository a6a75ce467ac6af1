"""One search, start to finish: candidates from the index, full name scores for the most
promising, the document fast path, evidence and the final ranking."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import OSA

from paxscreen.screening.matching import evidence
from paxscreen.screening.matching.candidates import Credited, coverage
from paxscreen.screening.matching.model import MatchResult, ScreeningQuery
from paxscreen.screening.matching.names import Kind
from paxscreen.screening.matching.postings import IdArray
from paxscreen.screening.matching.query import PreparedToken, prepare, query_forms
from paxscreen.screening.matching.results import EntryFacts, combine, name_evidence
from paxscreen.screening.matching.scoring import (
    QUERY_MIDDLE_ALPHA,
    ListToken,
    NameMatch,
    QueryName,
    coverage_bound,
    score_name,
)

if TYPE_CHECKING:
    from paxscreen.screening.matching.index import Matcher

# At most this many names per traveller name get a full score (each costs tens of
# microseconds): those whose bound is highest, so those born near the traveller first.
MAX_SCORED = 48
ROOT = int(Kind.ROOT)


def needed_coverage(threshold: float, bonus: float) -> float:
    """Smallest coverage whose bound (with every unpaired token costing the lowest alpha), plus
    the most the other fields can add, reaches ``threshold``."""
    name_needed = (threshold - bonus) / evidence.NAME_WEIGHT
    if name_needed <= 0.0:
        return 1e-6
    if name_needed >= 1.0:
        return 1.0
    alpha = QUERY_MIDDLE_ALPHA
    return name_needed * alpha / (1.0 - name_needed * (1.0 - alpha))


# A query token and its neighbour are credited together for a listed compound (ranking._groups)
# when the neighbour reads as the compound's other half: one or two edits from ABDUL / ABD
# before the token (BADUR, ADB), from ULLAH / UDDIN after it (ULA, UDIN).
HEAD_MARKERS = ("abdul", "abd", "abdel", "abdur")
TAIL_MARKERS = ("ullah", "uddin", "allah")
MARKER_SIM = 0.6


@lru_cache(maxsize=65_536)
def could_be_compound(neighbour: str, before: bool) -> bool:
    """The neighbour (before or after a token whose look-alike is a compound's root) may be a
    mistyped compound marker: the scorer can then pair the two tokens, joined, with the listed
    compound (BADUR REHMAN / ABDULREHMAN). MOHAMED before LAKAHL cannot."""
    return any(
        OSA.normalized_similarity(neighbour, marker) >= MARKER_SIM
        for marker in (HEAD_MARKERS if before else TAIL_MARKERS)
    )


# Most a date of birth can add, by years between the traveller's birth year and the entry's.
BIRTH_BOUND = np.array([evidence.best_birth_weight(g) for g in range(13)], dtype=np.float32)


class Ranker:
    def __init__(
        self,
        matcher: Matcher,
        query: ScreeningQuery,
        lists: Mapping[uuid.UUID, float],
        *,
        exhaustive: bool = False,
    ) -> None:
        self.store = matcher.store
        self.vocabulary = matcher.vocabulary
        self.preparer = matcher.reference_preparer if exhaustive else matcher.preparer
        self.exhaustive = exhaustive
        self.query = query
        self.thresholds: dict[int, float] = {}
        for list_id, threshold in lists.items():
            index = self.store.known_list(list_id)
            if index is not None:
                self.thresholds[index] = threshold
        # best name per entry slot: (name score, name id, match, query name, listed tokens)
        self.best: dict[int, tuple[float, int, NameMatch, QueryName, list[ListToken]]] = {}

    def run(self, limit: int) -> list[MatchResult]:
        if not self.thresholds or limit <= 0:
            return []
        names = []
        for form in query_forms(self.query):
            name, groups = prepare(form, self.preparer.prepared)
            names.append(name)
            for name_id in self._candidates(name, groups).tolist():
                self._score(name, name_id)
        if names and self.query.documents:
            self._documents(names)
        return self._results(limit)

    def _groups(
        self, name: QueryName, prepared: list[PreparedToken]
    ) -> tuple[list[Credited], list[float], float]:
        groups: list[Credited] = []
        weights: list[float] = []
        free = 0.0
        tokens = name.tokens
        for position, (token, ready) in enumerate(zip(tokens, prepared, strict=True)):
            if token.kind != Kind.NAME:
                free += token.weight if token.kind == Kind.INITIAL else 0.0
                weights.append(0.0)
                continue
            weights.append(token.weight)
            if ready.group is not None:
                groups.append(((position,), ready.group))
            if ready.root_group is not None:
                # With a neighbour that reads as the compound's other half (BADUR before
                # REHMAN, ULA after HABIB) it may be a whole listed compound: credit both, but
                # only in the names holding the look-alike as a compound's root.
                for other in (position - 1, position + 1):
                    if not (0 <= other < len(tokens) and tokens[other].kind == Kind.NAME):
                        continue
                    if not could_be_compound(tokens[other].info.text, other < position):
                        continue
                    pair = (min(position, other), max(position, other))
                    groups.append((pair, ready.root_group))
        for position in range(len(name.tokens) - 1):
            first, second = name.tokens[position], name.tokens[position + 1]
            if first.kind == Kind.NAME and second.kind == Kind.NAME:
                joined = self.preparer.joined(first.info.text + second.info.text)
                if joined is not None:
                    groups.append(((position, position + 1), joined))
        return groups, weights, free

    def _other_fields_bound(self) -> float:
        """The most nationality and gender can add for this traveller."""
        bonus = evidence.NATIONALITY_MATCH if self.query.nationality else 0.0
        return bonus + (evidence.GENDER_MATCH if self.query.gender else 0.0)

    def _candidates(self, name: QueryName, prepared: list[PreparedToken]) -> IdArray:
        store = self.store
        groups, weights, free = self._groups(name, prepared)
        others = self._other_fields_bound()
        born = self.query.date_of_birth
        best_birth = evidence.DOB_SAME_DAY if born is not None else 0.0
        needed = needed_coverage(min(self.thresholds.values()), others + best_birth)
        ids, covered = coverage(groups, weights, free, needed, probe=not self.exhaustive)
        if ids.shape[0] == 0:
            return ids
        entries = np.frombuffer(store.name_entry, dtype=np.int32)[ids]
        alive = np.frombuffer(store.name_alive, dtype=np.uint8)[ids].astype(bool)
        person = np.frombuffer(store.entry_person, dtype=np.uint8)[entries].astype(bool)
        list_of = np.frombuffer(store.entry_list, dtype=np.int32)[entries]
        threshold = np.full(len(store.list_ids), np.inf, dtype=np.float32)
        for index, value in self.thresholds.items():
            threshold[index] = value
        total = sum(weights) + free
        interior = sum(weights[1:-1])
        reachable = evidence.NAME_WEIGHT * coverage_bound(covered * total, total, interior)
        if born is not None:
            low = np.frombuffer(store.entry_year_low, dtype=np.int16)[entries].astype(np.int32)
            high = np.frombuffer(store.entry_year_high, dtype=np.int16)[entries].astype(np.int32)
            gap = np.maximum(np.maximum(low - born.year, born.year - high), 0)
            reachable += np.where(low > 0, BIRTH_BOUND[np.minimum(gap, 12)], 0.0)
        reachable += others
        keep = alive & person & (reachable >= threshold[list_of] - 1e-6)
        kept: IdArray = ids[keep]
        reachable = reachable[keep]
        if kept.shape[0] == 0:
            return kept
        order = np.lexsort((kept, -reachable))
        chosen: IdArray = kept[order] if self.exhaustive else kept[order[:MAX_SCORED]]
        return chosen

    def _listed(self, name_id: int) -> list[ListToken]:
        """The listed name's scored tokens with their weights (cached by the preparer until
        the index changes: the same common names are candidates for many travellers)."""
        cached = self.preparer.listed.get(name_id)
        if cached is not None:
            return cached
        tids, kinds = self.store.tokens_of(name_id)
        infos = self.vocabulary.infos
        weight = self.preparer.list_weight
        listed = [
            ListToken(tid, infos[tid], kind, weight(tid, kind))
            for tid, kind in zip(tids, kinds, strict=True)
            if kind != ROOT
        ]
        self.preparer.remember_listed(name_id, listed)
        return listed

    def _score(self, name: QueryName, name_id: int) -> None:
        store = self.store
        slot = store.name_entry[name_id]
        listed = self._listed(name_id)
        match = score_name(
            name, listed, store.name_links.get(name_id, ()), weak=bool(store.name_weak[name_id])
        )
        current = self.best.get(slot)
        if current is None or (match.score, -name_id) > (current[0], -current[1]):
            self.best[slot] = (match.score, name_id, match, name, listed)

    def _documents(self, names: list[QueryName]) -> None:
        """Fast path: every entry holding one of the traveller's document numbers is scored,
        whatever its name."""
        store = self.store
        for document in self.query.documents:
            number = evidence.document_number(document.number)
            if len(number) < evidence.MIN_DOCUMENT_LENGTH:
                continue
            for slot in store.documents.get(number, ()):
                if not store.entry_person[slot] or store.entry_list[slot] not in self.thresholds:
                    continue
                for name_id in store.names_of(slot):
                    for name in names:
                        self._score(name, name_id)

    def _results(self, limit: int) -> list[MatchResult]:
        store = self.store
        shown_query = self.query.full_name or " ".join(
            p for p in (self.query.given_names, self.query.surname) if p
        )
        results = []
        for slot, (name_score, name_id, match, name, listed) in self.best.items():
            list_index = store.entry_list[slot]
            reachable = evidence.NAME_WEIGHT * name_score + evidence.MAX_BONUS
            if reachable < self.thresholds[list_index] and slot not in store.entry_documents:
                continue
            facts = EntryFacts(
                births=store.births(slot),
                nationalities=store.entry_nationalities[slot],
                gender=store.gender(slot),
                documents=store.entry_documents.get(slot, ()),
            )
            line = name_evidence(name, shown_query, listed, store.name_shown[name_id], match)
            score, lines = combine(self.query, line, name_score, facts)
            if score + 1e-9 < self.thresholds[list_index]:
                continue
            result = MatchResult(
                list_id=store.list_ids[list_index],
                entry_id=store.entry_id(slot),
                score=score,
                name=store.name_shown[name_id],
                evidence=lines,
            )
            results.append((-score, -name_score, slot, result))
        results.sort(key=lambda r: (r[0], r[1], r[2]))
        return [r[3] for r in results[:limit]]
