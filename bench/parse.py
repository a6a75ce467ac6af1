"""Parse + normalise throughput (PAXLST, PNRGOV), beside pydifact's bare tokenizer on the same
input, in one run."""

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


def paxlst_inputs(synthetic: int, travellers: int) -> list[tuple[str, bytes]]:
    names = load_names()
    bodies = [(f"synthetic-{i}", manifest(i, travellers, names)) for i in range(synthetic)]
    return bodies + [(p.name, p.read_bytes()) for p in sorted(GTAS.glob("*Passenger_List.txt"))]


def pnrgov_inputs() -> list[tuple[str, bytes]]:
    """The forty synthetic 264-PNR pushes of the GTAS corpus."""
    return [(p.name, p.read_bytes()) for p in sorted(GTAS.glob("SyntheticPNRMessages_*_PNR.txt"))]


def _measured(bodies: list[tuple[str, bytes]]) -> list[Input]:
    found = []
    for name, data in bodies:
        count = travellers_in(data)
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


def travellers_in(data: bytes) -> int:
    parsed = normalise_body(data)
    return sum(len(m.travellers) for m in parsed.manifests) + sum(
        len(b.travellers) for p in parsed.pushes for b in p.bookings
    )


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
    """PAXLST: synthetic 300-traveller manifests and the GTAS demo passenger lists."""
    corpus = _measured(paxlst_inputs(synthetic, travellers))
    return _report(
        corpus, f"{synthetic} synthetic x {travellers} travellers + GTAS demo lists", seconds
    )


def run_pnrgov(seconds: float = 5.0) -> dict[str, float]:
    """PNRGOV: the synthetic 264-PNR pushes that pydifact can read too (same input for both)."""
    warnings.simplefilter("ignore")
    bodies = []
    for name, data in pnrgov_inputs():
        try:
            _pydifact(data)
        except Exception as exc:  # pydifact refuses the junk "Error 2042" line of one push
            print(f"left out {name}: pydifact cannot read it ({type(exc).__name__})")
            continue
        bodies.append((name, data))
    if not bodies:
        print(f"skipped: no synthetic PNRGOV pushes in {GTAS}")
        return {}
    return _report(_measured(bodies), "GTAS synthetic 264-PNR pushes", seconds)


def _report(corpus: list[Input], what: str, seconds: float) -> dict[str, float]:
    warnings.simplefilter("ignore")  # pydifact warns about every directory it has no XML for
    total_travellers = sum(i.travellers for i in corpus)
    total_segments = sum(i.segments for i in corpus)
    print(
        f"input: {len(corpus)} messages ({what}), {total_travellers} travellers, "
        f"{total_segments} segments ({total_segments / total_travellers:.1f} per traveller)"
    )
    results = _rates(
        {
            "pydifact tokenizer only": _pydifact,
            "paxscreen tokenizer + envelope": _ours_tokenize,
            "paxscreen parse + normalise": travellers_in,
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
