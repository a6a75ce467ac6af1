"""One search, start to finish: candidates from the index, full name scores for the most
promising, the document fast path, evidence and the final ranking."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from paxscreen.screening.matching import bound, evidence
from paxscreen.screening.matching.candidates import (
    EMPTY_FLOATS,
    UNKNOWN_WEIGHT,
    Classes,
    Credited,
    Floats,
    coverage,
)
from paxscreen.screening.matching.model import Evidence, MatchResult, ScreeningQuery
from paxscreen.screening.matching.names import Kind
from paxscreen.screening.matching.postings import IdArray
from paxscreen.screening.matching.preparation import NameFacts
from paxscreen.screening.matching.query import PreparedToken, prepare, query_forms
from paxscreen.screening.matching.results import EntryFacts, combine, name_evidence
from paxscreen.screening.matching.scoring import (
    QUERY_MIDDLE_ALPHA,
    ListToken,
    NameMatch,
    QueryName,
    score_name,
)

if TYPE_CHECKING:
    from paxscreen.screening.matching.index import Matcher

# At most this many names per traveller name get a full score (each costs tens of
# microseconds): those whose bound is highest, so those born near the traveller first.
MAX_SCORED = 48
MAX_SCORED_FOR_LIMIT = 2_000  # asked for more results, up to `limit` names (at most this)
SCORED_PER_HIT = 16  # more names scored for each entry found at its threshold (up to limit)
EXTRA_PER_LIMIT = 4  # ... but at most this many more per result asked for (latency)
CHECK_EVERY = 8  # names scored between checks of the stopping rule
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


def needed_coverages(threshold: float, bonus: npt.NDArray[np.float64]) -> Floats:
    """`needed_coverage` for many bonuses at once (a little under it: float rounding)."""
    name_needed = (threshold - bonus) / evidence.NAME_WEIGHT
    alpha = QUERY_MIDDLE_ALPHA
    with np.errstate(divide="ignore", invalid="ignore"):
        out = name_needed * alpha / (1.0 - name_needed * (1.0 - alpha))
    out = np.where(name_needed <= 0.0, 1e-6, np.where(name_needed >= 1.0, 1.0, out))
    return (out * (1.0 - 1e-5)).astype(np.float32)


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


BIRTH_BOUNDS_KEPT = 512  # birth years x thresholds whose per-span bounds are cached
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
        # The listed side of the bound (and the weak-alias factor) in the candidate bound. The
        # reference leaves it out: it measures what that bound loses as well.
        self.listed_bound = not exhaustive
        self.query = query
        self.thresholds: dict[int, float] = {}
        for list_id, threshold in lists.items():
            index = self.store.known_list(list_id)
            if index is not None:
                self.thresholds[index] = threshold
        # best name per entry slot: (name score, name id, match, query name, listed tokens)
        self.best: dict[int, tuple[float, int, NameMatch, QueryName, list[ListToken]]] = {}
        self._final_scores: dict[tuple[int, int], float] = {}
        self._hits: dict[int, float] = {}  # entry slot -> final score, at its list's threshold
        self._others = self._other_fields_bound()

    def run(self, limit: int) -> list[MatchResult]:
        if not self.thresholds or limit <= 0:
            return []
        names = []
        for form in query_forms(self.query):
            name, groups = prepare(form, self.preparer.prepared)
            names.append(name)
            ids, reachable = self._candidates(name, groups)
            self._score_candidates(name, ids, reachable, limit)
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

    def _candidates(self, name: QueryName, prepared: list[PreparedToken]) -> tuple[IdArray, Floats]:
        """Names that may reach a threshold, most promising first, with the most each can
        reach (final score: name bound plus the other fields' best). The bound is narrowed in
        stages, each on the names the previous one kept: coverage (candidates.py), then the
        listed name's own weight, the date of birth, the entry's list and liveness
        (bound.reachable)."""
        store = self.store
        groups, weights, free = self._groups(name, prepared)
        others = self._other_fields_bound()
        born = self.query.date_of_birth
        best_birth = evidence.DOB_SAME_DAY if born is not None else 0.0
        lowest = min(self.thresholds.values())
        needed = needed_coverage(lowest, others + best_birth)
        facts = self.preparer.name_facts(store)
        classes = None
        birth_of_span = EMPTY_FLOATS
        if born is not None:
            birth_of_span, needed_of_span = self._birth_bounds(facts, born.year, lowest, others)
            if self.listed_bound:
                classes = Classes(facts.span, needed_of_span)
        ids, covered, pairable = coverage(
            groups, weights, free, needed, probe=not self.exhaustive, classes=classes
        )
        if ids.shape[0] == 0:
            return ids, EMPTY_FLOATS
        threshold = np.full(len(store.list_ids), np.inf, dtype=np.float32)
        for index, value in self.thresholds.items():
            threshold[index] = value
        # A query initial or title may pair with any listed token: each takes up to a full
        # token's weight off the listed name's unpaired weight.
        loose = sum(1 for t in name.tokens if t.kind != Kind.NAME) * UNKNOWN_WEIGHT
        ids, reachable = bound.reachable(
            ids,
            covered,
            pairable,
            self.listed_bound,
            facts.records,
            birth_of_span,
            threshold,
            sum(weights) + free,
            sum(weights[1:-1]),
            loose,
            evidence.NAME_WEIGHT,
            others + best_birth,
            best_birth,
            lowest - 1e-6,
        )
        order = np.lexsort((ids, -reachable))
        return ids[order], reachable[order]

    def _birth_bounds(
        self, facts: NameFacts, year: int, lowest: float, others: float
    ) -> tuple[Floats, Floats]:
        """By birth span: the most the date can add for a traveller born in ``year``, and the
        coverage a name then needs. An entry born far from the traveller gets less (or
        nothing) from the date: it needs more of the name, known before its probes are paid
        for. Names share a few thousand (earliest, latest) birth-year spans: bounds per span,
        one look-up each, cached with the facts (travellers share birth years)."""
        key = (year, lowest, others, self.listed_bound)
        found = facts.by_birth.get(key)
        if found is None:
            gap = np.maximum(np.maximum(facts.span_low - year, year - facts.span_high), 0)
            birth_of_span = np.where(
                facts.span_low > 0, BIRTH_BOUND[np.minimum(gap, 12)], 0.0
            ).astype(np.float32)
            needed = needed_coverages(lowest, others + birth_of_span.astype(np.float64))
            if len(facts.by_birth) >= BIRTH_BOUNDS_KEPT:
                facts.by_birth.clear()
            found = facts.by_birth[key] = (birth_of_span, needed)
        return found

    def _score_candidates(
        self, name: QueryName, ids: IdArray, reachable: Floats, limit: int
    ) -> None:
        """Full scores, best bound first. The exhaustive reference scores every candidate. The
        search scores MAX_SCORED (or, asked for more results, ``limit``: a caller asking for
        up to a thousand results wants them found, and pays for it; at most
        MAX_SCORED_FOR_LIMIT), plus SCORED_PER_HIT more for each entry found at its
        threshold (at most EXTRA_PER_LIMIT x ``limit`` more: a crowd of near-ties is scored
        further), and stops early once ``limit`` entries are found whose final scores no
        unscored candidate can beat (candidates come best bound first)."""
        if self.exhaustive:
            for name_id in ids.tolist():
                self._score(name, name_id)
            return
        bounds = reachable.tolist()
        base = min(max(MAX_SCORED, limit), MAX_SCORED_FOR_LIMIT)
        budget = base
        for position, name_id in enumerate(ids.tolist()):
            if position >= budget:
                break
            if position and position % CHECK_EVERY == 0:
                finals = sorted(self._hits.values(), reverse=True)
                hits = len(finals)
                if hits >= limit and finals[limit - 1] >= bounds[position] + 1e-9:
                    break
                budget = base + min(SCORED_PER_HIT * hits, EXTRA_PER_LIMIT * limit)
                if position >= budget:
                    break
            self._score(name, name_id)

    def _upper(self, slot: int, name_score: float) -> float:
        """The most an entry's final score can be, from its name score (cheap: spares the
        evidence of entries that cannot reach a threshold). A matching document can lift it
        further: entries with documents are not bounded when the traveller gives one."""
        store = self.store
        if self.query.documents and slot in store.entry_documents:
            return 1.0
        upper = evidence.NAME_WEIGHT * name_score + self._others
        born = self.query.date_of_birth
        if born is not None:
            low, high = store.entry_year_low[slot], store.entry_year_high[slot]
            if low > 0:
                gap = max(low - born.year, born.year - high, 0)
                upper += float(BIRTH_BOUND[min(gap, 12)])
        return upper

    def _facts(self, slot: int) -> EntryFacts:
        store = self.store
        return EntryFacts(
            births=store.births(slot),
            nationalities=store.entry_nationalities[slot],
            gender=store.gender(slot),
            documents=store.entry_documents.get(slot, ()),
        )

    def _final(self, slot: int, name_id: int, name_score: float) -> float:
        """An entry's final score for its best name (cached: the same as `_results` gives)."""
        key = (slot, name_id)
        found = self._final_scores.get(key)
        if found is None:
            line = Evidence("name", "", round(evidence.NAME_WEIGHT * name_score, 6), "")
            found = combine(self.query, line, name_score, self._facts(slot))[0]
            self._final_scores[key] = found
        return found

    def _listed(self, name_id: int) -> list[ListToken]:
        """The listed name's scored tokens with their weights (cached by the preparer until
        the index changes: the same common names are candidates for many travellers)."""
        cached = self.preparer.listed.get(name_id)
        if cached is not None:
            return cached
        tids, kinds = self.store.tokens_of(name_id)
        token = self.preparer.list_token
        listed = [token(tid, kind) for tid, kind in zip(tids, kinds, strict=True) if kind != ROOT]
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
            self._hit(slot, name_id, match.score)

    def _hit(self, slot: int, name_id: int, name_score: float) -> None:
        """Files the entry's final score among the hits if it reaches its list's threshold
        (the evidence only for entries whose name score can get there)."""
        threshold = self.thresholds[self.store.entry_list[slot]]
        if self._upper(slot, name_score) >= threshold:
            score = self._final(slot, name_id, name_score)
            if score + 1e-9 >= threshold:
                self._hits[slot] = score
                return
        self._hits.pop(slot, None)

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
        ranked = sorted((-score, -self.best[slot][0], slot) for slot, score in self._hits.items())
        results = []
        # The explanation (the costly part) only for the results returned.
        for _, _, slot in ranked[:limit]:
            name_score, name_id, match, name, listed = self.best[slot]
            line = name_evidence(name, shown_query, listed, store.name_shown[name_id], match)
            score, lines = combine(self.query, line, name_score, self._facts(slot))
            results.append(
                MatchResult(
                    list_id=store.list_ids[store.entry_list[slot]],
                    entry_id=store.entry_id(slot),
                    score=score,
                    name=store.name_shown[name_id],
                    evidence=lines,
                )
            )
        return results
