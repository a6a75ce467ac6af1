"""Speed at scale: build a synthetic list (bench/screening_synth.py) with the UN list inside,
then time single travellers, 300-traveller flights, and compare the indexed search with the
exhaustive reference on a sample (candidate recall).

The list (default 1,000,000 entries, deterministic for a seed) is made of real name tokens,
never of random strings, so that token frequencies, scripts and look-alikes are those a real
list has:
- the 1,003 entries of the UN Consolidated List (2026-02-27) as they are;
- 70 % "population" persons recombined from the yente negative rows (100,000 real travellers'
  names in 9 scripts): a row is the template, the first name comes from another row of the
  same nationality, script and gender, the family name from another row of the same
  nationality and script, 40 % get a middle name the same way (drawing rows, not distinct
  tokens, keeps real frequencies: MICHAEL and 김 are as common as among the travellers);
- 30 % "UN-like" persons: a UN primary name of 2+ tokens with each token replaced by a UN
  token of the same position (first, middle, last), particles (AL-, BIN) kept: the hard
  Arabic, Afghan and Korean distractors that share tokens with really listed people;
- aliases: 35 % of entries get 1 to 3 (a spelling variant such as MOHAMMED / MUHAMMAD, the
  family name first, or the middle name dropped), and 8 % the name written in Arabic or
  Cyrillic script token by token through the Wikidata renderings;
- dates of birth at mixed precision (day, year, range, approximate, none), nationalities,
  gender and, for 20 %, a passport number.
Every entry is filed in the same list as the UN entries, so every search meets all of them.

- build: wall time of Matcher.build over the generated entries (entry generation included: it
  is a few microseconds an entry, what an importer would hand over anyway), and memory as the
  growth of the process's resident set while building (plus the matcher's own estimate);
- single traveller: each of 2,000 travellers (90 % yente negatives, 10 % noisy UN positives)
  timed alone after 500 warm-up searches; p50 and p99;
- flights: 10 flights of 300 travellers (same mix) screened back to back on one core;
- candidate recall: for 300 travellers (150 noisy positives, 150 negatives), the entries the
  exhaustive reference (Matcher.search_exhaustive) returns at or above the threshold, and the
  share of them the indexed search also returns; also the share of the 150 positives whose UN
  entry the indexed search finds among the million.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from bench.screening_accuracy import NEGATIVE_FILES, UN_LIST_ID, YENTE, read_rows, targets
from bench.screening_synth import Synthesiser
from paxscreen.normalise.canonical_watchlist import EntityType, ListEntry
from paxscreen.screening.matching import translit_corpus
from paxscreen.screening.matching.index import DEFAULT_THRESHOLD, Matcher
from paxscreen.screening.matching.model import ScreeningQuery
from paxscreen.screening.matching.tokens import token_info


def rss_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096


def run(size: int = 1_000_000, sample: int = 300, seed: int = 2396) -> None:
    started = time.perf_counter()
    token_info("warm", "Latin", "")  # rigour's name tagger and the Wikidata corpus load once
    translit_corpus.load()
    print(
        f"  one-time loads (rigour name tagger, Wikidata renderings): "
        f"{time.perf_counter() - started:.1f} s per process"
    )
    synth = Synthesiser(seed)
    rng = random.Random(seed)
    gc.collect()
    before = rss_bytes()
    matcher = Matcher()
    generating = 0.0

    def timed() -> Iterator[tuple[uuid.UUID, uuid.UUID, ListEntry]]:
        nonlocal generating
        items = synth.items(size)
        while True:
            started = time.perf_counter()
            item = next(items, None)
            generating += time.perf_counter() - started
            if item is None:
                return
            yield item

    started = time.perf_counter()
    matcher.build(timed())
    built = time.perf_counter() - started - generating
    gc.collect()
    gc.freeze()  # what each worker does once its index is loaded (LiveIndex.load)
    grown = rss_bytes() - before
    stats = matcher.stats()
    print(
        f"  build {size:,} entries: {built:.1f} s (plus {generating:.1f} s generating the "
        f"entries); memory +{grown / 2**20:,.0f} MiB resident (the matcher's own estimate "
        f"{stats.memory_bytes / 2**20:,.0f} MiB); {stats}"
    )
    lists = {UN_LIST_ID: DEFAULT_THRESHOLD}
    negatives = [row for name in NEGATIVE_FILES for row in read_rows(YENTE / name)]
    clean = read_rows(YENTE / "cgb_positives_un_untreated.csv")
    noisy = read_rows(YENTE / "cgb_positives_un_treated.csv")
    persons = [e for e in synth.un_entries if e.entity_type == EntityType.PERSON]
    wanted = targets(clean, persons)
    positives = [(row, want) for row, want in zip(noisy, wanted, strict=True) if want]

    def mix(count: int) -> list[ScreeningQuery]:
        chosen = rng.sample(negatives, count - count // 10)
        chosen += [row for row, _ in rng.sample(positives, count // 10)]
        rng.shuffle(chosen)
        return [row.query() for row in chosen]

    for query in mix(500):
        matcher.search(query, lists=lists)
    timings = []
    for query in mix(2_000):
        started = time.perf_counter()
        matcher.search(query, lists=lists)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p50, p99 = timings[len(timings) // 2], timings[int(len(timings) * 0.99)]
    print(
        f"  single traveller: p50 {p50 * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms, "
        f"mean {statistics.fmean(timings) * 1e3:.2f} ms (2,000 travellers)"
    )
    flights = [mix(300) for _ in range(10)]
    started = time.perf_counter()
    for flight in flights:
        for query in flight:
            matcher.search(query, lists=lists)
    elapsed = time.perf_counter() - started
    print(f"  flights: {3_000 / elapsed:,.0f} travellers/s on one core (10 x 300 travellers)")

    picked = rng.sample(positives, sample // 2)
    sampled = [row.query() for row, _ in picked]
    sampled += [row.query() for row in rng.sample(negatives, sample - sample // 2)]
    reference = found = 0
    started = time.perf_counter()
    for query in sampled:
        full = {r.entry_id for r in matcher.search_exhaustive(query, lists=lists, limit=1_000)}
        fast = {r.entry_id for r in matcher.search(query, lists=lists, limit=1_000)}
        reference += len(full)
        found += len(full & fast)
    exhaustive = time.perf_counter() - started
    hits = sum(
        1
        for (row, want) in picked
        if {r.entry_id for r in matcher.search(row.query(), lists=lists)} & want
    )
    print(
        f"  candidate recall {found / max(reference, 1):.4f} ({found} of {reference} results of "
        f"the exhaustive reference, {sample} travellers, {exhaustive:.0f} s); noisy positives "
        f"found among {size:,}: {hits / len(picked):.4f} ({hits}/{len(picked)})"
    )
