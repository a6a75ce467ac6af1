"""Synthetic PAXLST manifests for benchmarks: real-looking names, documents and references.

Names come from the yente US negatives in ../shared/corpus (real name tokens, no real people); a
small built-in list stands in when the corpus is absent. Seeded, so every run sees the same input.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.segments import Segment
from paxscreen.edifact.writer import serialize

ROOT = Path(__file__).resolve().parents[1]
NAMES_CSV = ROOT.parent / "shared" / "corpus" / "names" / "yente" / "cgb_negatives_us.csv"
FALLBACK = [("JOHN", "SMITH"), ("MARIA", "GARCIA"), ("WEI", "ZHANG"), ("AMINA", "O'NEIL")]
ROUTES = [("LH", "FRA", "IAD"), ("AF", "CDG", "JFK"), ("BA", "LHR", "ORD"), ("EK", "DXB", "IAD")]
COUNTRIES = ["USA", "DEU", "FRA", "GBR", "CAN", "IND", "BRA", "NGA", "JPN", "EGY"]


def load_names() -> list[tuple[str, str]]:
    if not NAMES_CSV.exists():
        return FALLBACK
    with NAMES_CSV.open(encoding="utf-8") as handle:
        rows = [(r["first_name"], r["last_name"]) for r in csv.DictReader(handle)]
    return [(g.upper(), s.upper()) for g, s in rows if g and s and g.isascii() and s.isascii()]


def _seg(tag: str, *elements: str | list[str]) -> Segment:
    return Segment(tag, [[e] if isinstance(e, str) else e for e in elements], 0)


def traveller_segments(
    rng: random.Random, names: list[tuple[str, str]], flight_day: date
) -> list[Segment]:
    given, surname = rng.choice(names)
    birth = flight_day - timedelta(days=rng.randint(365, 365 * 85))
    expiry = flight_day + timedelta(days=rng.randint(30, 3650))
    country = rng.choice(COUNTRIES)
    return [
        _seg("NAD", "FL", "", "", [surname, given]),
        _seg("ATT", "2", "", rng.choice("MF")),
        _seg("DTM", ["329", birth.strftime("%y%m%d")]),
        _seg("LOC", "178", "FRA"),
        _seg("LOC", "179", "IAD"),
        _seg("NAT", "2", country),
        _seg("RFF", ["AVF", f"{rng.randrange(36**6):06X}"]),
        _seg("RFF", ["SEA", f"{rng.randint(1, 60)}{rng.choice('ABCDEFGHJK')}"]),
        _seg("DOC", ["P", "110", "111"], f"{rng.randrange(10**9):09d}"),
        _seg("DTM", ["36", expiry.strftime("%y%m%d")]),
        _seg("LOC", "91", country),
    ]


def manifest(index: int, travellers: int, names: list[tuple[str, str]], seed: int = 7) -> bytes:
    """One PAXLST interchange for flight number ``index`` with ``travellers`` passengers."""
    rng = random.Random(seed * 1_000_003 + index)
    carrier, origin, destination = ROUTES[index % len(ROUTES)]
    day = date(2026, 12, 1) + timedelta(days=index // 1000)
    body = [
        _seg("BGM", "745"),
        _seg("NAD", "MS", "", "", "BENCH REPORTER"),
        _seg("TDT", "20", f"{carrier}{index % 10000:04d}", "", "", carrier),
        _seg("LOC", "125", origin),
        _seg("DTM", ["189", day.strftime("%y%m%d") + "1000", "201"]),
        _seg("LOC", "87", destination),
        _seg("DTM", ["232", day.strftime("%y%m%d") + "1400", "201"]),
    ]
    for _ in range(travellers):
        body += traveller_segments(rng, names, day)
    body.append(_seg("CNT", ["42", str(travellers)]))
    reference = f"{index:09d}"
    segments = [
        _seg("UNB", ["UNOA", "4"], f"{carrier}APIS", "BENCH", ["261129", "0900"], reference),
        _seg("UNH", "1", ["PAXLST", "D", "05B", "UN", "IATA"]),
        *body,
        _seg("UNT", str(len(body) + 2), "1"),
        _seg("UNZ", "1", reference),
    ]
    return serialize(segments, Delimiters(), una=True, line_breaks=True).encode()
