"""Risk assessment speed, one core: 100 active rules and the UN Consolidated List over
300-traveller flights with PNR data, rules and matching together.

Per traveller, timed: the watchlist search (the real matcher over the UN list, 2026 edition),
building the rule activation and evaluating the 100 rules of bench/rules_eval.py, and combining
the hits into the score (assessment/score.py). The travellers are rules_eval's synthetic
subjects (about 70 % with a PNR) carrying names from the yente benchmark: 90 % negatives, 10 %
noisy UN positives. Best of REPEATS flights. Database work is measured by the HTTP ingest
benchmark instead (`bench/run.py --only assessment` runs both).
"""

from __future__ import annotations

import random
import time

from bench.rules_eval import make_rules, make_subject
from bench.screening_accuracy import (
    NEGATIVE_FILES,
    UN_2026,
    UN_LIST_ID,
    YENTE,
    entry_uuid,
    read_rows,
)
from bench.screening_un_list import read_list
from paxscreen.assessment.score import SEVERITY_FACTORS, HitInput, band_of, combine, contribution
from paxscreen.rules.engine.evaluate import evaluate_rules
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD, Matcher

TRAVELLERS = 300
REPEATS = 5
SEED = 2396


def run(repeats: int = REPEATS, seed: int = SEED) -> float:
    rng = random.Random(seed)
    entries, _ = read_list(UN_2026)
    matcher = Matcher()
    matcher.build((UN_LIST_ID, entry_uuid(e.reference), e) for e in entries)
    rules = make_rules(rng)
    negatives = [r for name in NEGATIVE_FILES for r in read_rows(YENTE / name)]
    positives = read_rows(YENTE / "cgb_positives_un_treated.csv")
    names = [
        (rng.choice(positives) if rng.random() < 0.1 else rng.choice(negatives)).query()
        for _ in range(TRAVELLERS)
    ]
    subjects = [make_subject(rng) for _ in range(TRAVELLERS)]
    lists = {UN_LIST_ID: DEFAULT_THRESHOLD}
    for query in names[:50]:  # warm caches (transliteration tables) outside the timing
        matcher.search(query, lists=lists)
    best = float("inf")
    hits = bands = 0
    for _ in range(repeats):
        started = time.perf_counter()
        hits = bands = 0
        for query, subject in zip(names, subjects, strict=True):
            matches = matcher.search(query, lists=lists)
            fired = evaluate_rules(rules, subject.to_activation()).fired
            parts = [HitInput("watchlist", "open", m.score, "high") for m in matches]
            parts += [HitInput("rule", "open", 0.5, "medium") for _ in fired]
            values = [contribution(p).value for p in parts]
            bands += band_of(combine(values), len(values)) != "none"
            hits += len(parts)
        best = min(best, time.perf_counter() - started)
    rate = TRAVELLERS / best
    print(
        f"assessment: {len(rules)} rules + UN list ({len(entries)} entries), {TRAVELLERS} "
        f"travellers, one core: {rate:,.0f} travellers/s per core (flight {best * 1000:.0f} ms; "
        f"{hits} hits, {bands} travellers above band none; severity factors {SEVERITY_FACTORS})"
    )
    return rate


if __name__ == "__main__":
    run()
