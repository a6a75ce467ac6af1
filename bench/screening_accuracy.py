"""Accuracy of the matcher on the yente screening benchmark (names/yente in the shared corpus)
against the UN Consolidated List, 2026-02-27 edition, beside a plain rapidfuzz baseline.

How a positive row is matched back to the UN entry it was derived from: the clean row's
full_name, folded (ASCII, lower case, letters and digits), equals the folded primary name or an
alias of a person entry; where several entries qualify, those with a listed birth year equal to
the row's are kept; where several still qualify (the same person listed twice, under two
regimes), finding any of them counts. The noisy file is the clean file row for row (same order,
same places of birth), so noisy row i targets clean row i's entries. Rows whose name is in no
entry of the 2026 edition (persons delisted since the benchmark was made) are counted apart:
recall is reported over the rows that have an entry, and over all 683.

Negatives are flagged when any entry reaches the threshold.
"""

from __future__ import annotations

import csv
import os
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bench.screening_un_list import country_alpha3, read_list
from paxscreen.normalise.canonical_watchlist import EntityType, ListEntry
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD, Matcher
from paxscreen.screening.matching.model import PartialDate, ScreeningQuery
from paxscreen.screening.matching.text import fold_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PAXSCREEN_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
YENTE = CORPUS / "names" / "yente"
UN_2026 = CORPUS / "lists" / "un_consolidated_2026-02-27.xml"
UN_LIST_ID = uuid.uuid5(uuid.NAMESPACE_URL, "un-consolidated-2026-02-27")
NEGATIVE_FILES = ("cgb_negatives_global.csv", "cgb_negatives_us.csv")


def entry_uuid(reference: str) -> uuid.UUID:
    return uuid.uuid5(UN_LIST_ID, reference)


def folded_name(text: str) -> str:
    return " ".join(fold_text(w) for w in re.split(r"[\s,\-]+", text) if fold_text(w))


@dataclass(frozen=True)
class Row:
    full_name: str
    first: str
    middle: str
    last: str
    gender: str
    birth: str
    nationality: str

    def query(self) -> ScreeningQuery:
        born = None
        if re.fullmatch(r"\d{4}", self.birth):
            born = PartialDate(int(self.birth))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.birth):
            y, m, d = (int(p) for p in self.birth.split("-"))
            born = PartialDate(y, m, d)
        given = " ".join(p for p in (self.first, self.middle) if p)
        nationality = country_alpha3(self.nationality) if self.nationality else None
        return ScreeningQuery(
            full_name=None if self.last else self.full_name,
            surname=self.last or None,
            given_names=given or None if self.last else None,
            date_of_birth=born,
            gender={"male": "M", "female": "F"}.get(self.gender.lower()),
            nationality=nationality,
        )


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(
                r["full_name"],
                r["first_name"],
                r["middle_name"],
                r["last_name"],
                r["gender"],
                r["date_of_birth"],
                r["nationality"],
            )
            for r in csv.DictReader(handle)
        ]


def targets(rows: list[Row], entries: list[ListEntry]) -> list[set[uuid.UUID]]:
    """The UN entries each clean positive row was derived from (see module doc)."""
    by_name: dict[str, set[int]] = {}
    for i, entry in enumerate(entries):
        for name in entry.names:
            by_name.setdefault(folded_name(name.full), set()).add(i)
    out = []
    for row in rows:
        found = by_name.get(folded_name(row.full_name), set())
        if len(found) > 1 and row.birth:
            year = int(row.birth[:4])
            same = {
                i
                for i in found
                if any(b.earliest.year <= year <= b.latest.year for b in entries[i].dates_of_birth)
            }
            found = same or found
        out.append({entry_uuid(entries[i].reference) for i in found})
    return out


def screened(matcher: Matcher, rows: list[Row], threshold: float) -> Iterator[set[uuid.UUID]]:
    lists = {UN_LIST_ID: threshold}
    for row in rows:
        yield {r.entry_id for r in matcher.search(row.query(), lists=lists, limit=10)}


@dataclass
class Outcome:
    found: int
    of: int
    of_all: int

    def text(self) -> str:
        return (
            f"{self.found / self.of:.4f} ({self.found}/{self.of} with an entry in the 2026 list;"
            f" {self.found / self.of_all:.4f} of all {self.of_all})"
        )


def recall(hits: list[set[uuid.UUID]], wanted: list[set[uuid.UUID]]) -> Outcome:
    found = sum(1 for h, w in zip(hits, wanted, strict=True) if w and h & w)
    return Outcome(found, sum(1 for w in wanted if w), len(wanted))


def baseline(
    entries: list[ListEntry],
    clean: list[Row],
    noisy: list[Row],
    negatives: list[Row],
    wanted: list[set[uuid.UUID]],
    our_flag_rate: float,
) -> None:
    """rapidfuzz token_sort_ratio of the whole name against every listed name (token_sort_ratio
    is ratio over the sorted tokens: sorted once here, then scored in bulk with cdist)."""

    def sort_tokens(text: str) -> str:
        return " ".join(sorted(folded_name(text).split()))

    names, owner = [], []
    for entry in entries:
        for name in entry.names:
            names.append(sort_tokens(name.full))
            owner.append(entry_uuid(entry.reference))
    owners = np.array([str(o) for o in owner])

    def best_for(rows: list[Row]) -> np.ndarray:
        queries = [sort_tokens(r.full_name) for r in rows]
        return process.cdist(queries, names, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)

    negative_best = np.concatenate(
        [best_for(negatives[i : i + 20_000]).max(axis=1) for i in range(0, len(negatives), 20_000)]
    )

    def target_best(rows: list[Row]) -> np.ndarray:
        scores = best_for(rows)
        out = np.zeros(len(rows))
        for i, want in enumerate(wanted):
            mask = np.isin(owners, [str(w) for w in want])
            out[i] = scores[i][mask].max() if mask.any() else -1
        return out

    clean_best, noisy_best = target_best(clean), target_best(noisy)
    have = np.array([bool(w) for w in wanted])

    def at(cutoff: float) -> tuple[float, float, float]:
        return (
            float((clean_best[have] >= cutoff).mean()),
            float((noisy_best[have] >= cutoff).mean()),
            float((negative_best >= cutoff).mean()),
        )

    cutoffs = np.arange(50, 101)
    f1s = []
    for cutoff in cutoffs:
        _, noisy_recall, flag = at(float(cutoff))
        tp = noisy_recall * have.sum()
        fp = flag * len(negatives)
        precision = tp / (tp + fp) if tp + fp else 0.0
        f1s.append(2 * precision * noisy_recall / (precision + noisy_recall) if tp else 0.0)
    best = float(cutoffs[int(np.argmax(f1s))])
    c, n, f = at(best)
    print(
        f"  baseline token_sort_ratio, best-F1 cutoff {best:.0f}: clean recall {c:.4f}, "
        f"noisy recall {n:.4f}, negatives flagged {f:.4%}"
    )
    same = next((float(k) for k in cutoffs if at(float(k))[2] <= our_flag_rate), 100.0)
    c, n, f = at(same)
    print(
        f"  baseline token_sort_ratio at cutoff {same:.0f} (first with a flag rate <= ours): "
        f"clean recall {c:.4f}, noisy recall {n:.4f}, negatives flagged {f:.4%}"
    )


def run(threshold: float = DEFAULT_THRESHOLD, with_baseline: bool = True) -> Matcher:
    entries, reader = read_list(UN_2026)
    print(f"  list: {UN_2026.name} read by {reader}: {len(entries)} entries")
    persons = [e for e in entries if e.entity_type == EntityType.PERSON]
    matcher = Matcher()
    started = time.perf_counter()
    matcher.build((UN_LIST_ID, entry_uuid(e.reference), e) for e in entries)
    print(f"  index built in {time.perf_counter() - started:.2f} s: {matcher.stats()}")
    clean = read_rows(YENTE / "cgb_positives_un_untreated.csv")
    noisy = read_rows(YENTE / "cgb_positives_un_treated.csv")
    negatives = [row for name in NEGATIVE_FILES for row in read_rows(YENTE / name)]
    wanted = targets(clean, persons)
    started = time.perf_counter()
    clean_recall = recall(list(screened(matcher, clean, threshold)), wanted)
    noisy_hits = list(screened(matcher, noisy, threshold))
    noisy_recall = recall(noisy_hits, wanted)
    flagged = sum(1 for hits in screened(matcher, negatives, threshold) if hits)
    elapsed = time.perf_counter() - started
    queries = len(clean) + len(noisy) + len(negatives)
    flag_rate = flagged / len(negatives)
    print(f"  threshold {threshold:.2f} ({queries} queries, {queries / elapsed:.0f} per second)")
    print(f"  clean recall {clean_recall.text()}")
    print(f"  noisy recall {noisy_recall.text()}")
    print(f"  negatives flagged {flag_rate:.4%} ({flagged} of {len(negatives)})")
    missed = [
        (row.full_name, row.birth)
        for row, hits, want in zip(noisy, noisy_hits, wanted, strict=True)
        if want and not hits & want
    ]
    print(f"  noisy positives missed: {missed}")
    if with_baseline:
        baseline(persons, clean, noisy, negatives, wanted, flag_rate)
    return matcher
