"""paxscreen benchmarks, one command: `python3 tasks.py bench` (see --help).

Prints parse + normalise throughput beside pydifact's tokenizer, HTTP ingest throughput into
PostgreSQL (and SQLite with --sqlite), and watchlist screening: accuracy on the yente benchmark
against the UN list beside a rapidfuzz baseline (bench/screening_accuracy.py), then speed and
candidate recall on a synthetic list of --screening-size entries (bench/screening_scale.py).
Figures are per this machine and run: compare ratios.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import ingest_http, parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only",
        choices=["parse", "ingest", "pnr-parse", "pnr-ingest", "screening", "assessment"],
        help="run one benchmark",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "PAXSCREEN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="PostgreSQL server to create a scratch database on",
    )
    parser.add_argument("--sqlite", action="store_true", help="also measure ingest into SQLite")
    parser.add_argument("--manifests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds per parse run")
    parser.add_argument(
        "--screening-size",
        type=int,
        default=1_000_000,
        help="entries in the synthetic watchlist of the screening scale benchmark",
    )
    args = parser.parse_args()
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs"
    print(f"machine: {machine}, Python {platform.python_version()}")
    if args.only in (None, "parse"):
        print("\n== PAXLST parse + normalise (one core)")
        parse.run(seconds=args.seconds)
    if args.only in (None, "pnr-parse"):
        print("\n== PNRGOV parse + normalise (one core)")
        parse.run_pnrgov(seconds=args.seconds)
    if args.only in (None, "ingest"):
        print("\n== HTTP ingest")
        with tempfile.TemporaryDirectory() as folder:
            ingest_http.run(
                args.postgres,
                manifests=args.manifests,
                workers=args.workers,
                concurrency=args.concurrency,
                folder=folder,
            )
            if args.sqlite:
                ingest_http.run(
                    None,
                    manifests=args.manifests,
                    workers=1,
                    concurrency=args.concurrency,
                    folder=folder,
                )
    if args.only in (None, "pnr-ingest"):
        print("\n== HTTP ingest of PNR pushes")
        pushes = [(body, parse.travellers_in(body)) for _, body in parse.pnrgov_inputs()]
        with tempfile.TemporaryDirectory() as folder:
            ingest_http.run_pnrgov(
                args.postgres,
                pushes,
                workers=args.workers,
                concurrency=args.concurrency,
                folder=folder,
            )
    if args.only in (None, "screening"):
        # Imported here: the screening benches load rigour and the Wikidata corpus.
        from bench import screening_accuracy, screening_scale

        print("\n== Screening accuracy (yente benchmark vs the UN list, with baseline)")
        screening_accuracy.run()
        print(f"\n== Screening at scale ({args.screening_size:,} listed entries, one core)")
        screening_scale.run(size=args.screening_size)

    if args.only in (None, "assessment"):
        import random

        from bench import assessment, rules_eval

        print("\n== Risk assessment: 100 rules and the UN list, one core")
        assessment.run()
        print("\n== HTTP ingest of PNR pushes with 100 active rules")
        rules = [rule.expression for _, rule in rules_eval.make_rules(random.Random(2396))]
        pushes = [(body, parse.travellers_in(body)) for _, body in parse.pnrgov_inputs()]
        with tempfile.TemporaryDirectory() as folder:
            ingest_http.run_pnrgov(
                args.postgres,
                pushes,
                workers=args.workers,
                concurrency=args.concurrency,
                folder=folder,
                rules=rules,
            )


if __name__ == "__main__":
    main()
