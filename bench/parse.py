"""PAXLST parse + normalise throughput, beside pydifact's bare tokenizer on the same input."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.synth import load_names, manifest
from paxscreen.edifact.envelope import read_body
from paxscreen.normalise.body import normalise_body

GTAS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gtas"


@dataclass
class Input:
    name: str
    data: bytes
    travellers: int
    segments: int


def inputs(synthetic: int, travellers: int) -> list[Input]:
    names = load_names()
    bodies = [(f"synthetic-{i}", manifest(i, travellers, names)) for i in range(synthetic)]
    bodies += [(p.name, p.read_bytes()) for p in sorted(GTAS.glob("*Passenger_List.txt"))]
    found = []
    for name, data in bodies:
        parsed = normalise_body(data)
        count = sum(len(m.travellers) for m in parsed.manifests)
        segments = sum(
            len(m.segments) + 2 for i in read_body(data).interchanges for m in i.messages
        )
        found.append(Input(name, data, count, segments))
    return found


def _pydifact(data: bytes) -> int:
    from pydifact.parser import Parser

    return sum(1 for _ in Parser().parse(data.decode("utf-8", "replace")))


def _ours_tokenize(data: bytes) -> int:
    return sum(len(m.segments) for i in read_body(data).interchanges for m in i.messages)


def _ours_full(data: bytes) -> int:
    return sum(len(m.travellers) for m in normalise_body(data).manifests)


def _rates(
    workloads: dict[str, Callable[[bytes], int]], corpus: list[Input], seconds: float
) -> dict[str, float]:
    """Travellers per second of CPU time on one core for each workload.

    The workloads take turns, one round of the whole corpus each, for about ``seconds`` of CPU
    per workload (at least three rounds), so that all of them meet the same moments of a shared
    machine; the fastest round of each counts, as in timeit, because slower rounds measure the
    neighbours too. Ratios between workloads are the figures to compare.
    """
    travellers = sum(item.travellers for item in corpus)
    best = dict.fromkeys(workloads, float("inf"))
    spent = dict.fromkeys(workloads, 0.0)
    rounds = 0
    while rounds < 3 or min(spent.values()) < seconds:
        for label, work in workloads.items():
            started = time.process_time()
            for item in corpus:
                work(item.data)
            elapsed = time.process_time() - started
            best[label] = min(best[label], elapsed)
            spent[label] += elapsed
        rounds += 1
    return {label: travellers / elapsed for label, elapsed in best.items()}


def run(synthetic: int = 20, travellers: int = 300, seconds: float = 5.0) -> dict[str, float]:
    warnings.simplefilter("ignore")  # pydifact warns about every directory it has no XML for
    corpus = inputs(synthetic, travellers)
    total_travellers = sum(i.travellers for i in corpus)
    total_segments = sum(i.segments for i in corpus)
    print(
        f"input: {len(corpus)} manifests ({synthetic} synthetic x {travellers} travellers + "
        f"{len(corpus) - synthetic} GTAS demo passenger lists), {total_travellers} travellers, "
        f"{total_segments} segments ({total_segments / total_travellers:.1f} per traveller)"
    )
    results = _rates(
        {
            "pydifact tokenizer only": _pydifact,
            "paxscreen tokenizer + envelope": _ours_tokenize,
            "paxscreen parse + normalise": _ours_full,
        },
        corpus,
        seconds,
    )
    per_traveller = total_segments / total_travellers
    print(f"{'':34} {'travellers/s/core':>18} {'us/segment':>11} {'vs pydifact':>11}")
    base = results["pydifact tokenizer only"]
    for label, rate in results.items():
        print(f"{label:34} {rate:18,.0f} {1e6 / (rate * per_traveller):11.2f} {rate / base:10.1f}x")
    return results
