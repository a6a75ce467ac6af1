"""Rule evaluation speed: 100 active CEL rules over a 300-traveller flight, on one core.

The rules are realistic targeting criteria built from templates (route, payment, booking
behaviour, documents, dwell times; with and without `booking.present` guards, so that some
are undecided on travellers without a PNR). The travellers are synthetic: about 70 % with a
PNR, a mix of roles, routes, documents and booking patterns, fixed seed.

Timed: building each traveller's activation (RuleSubject.to_activation) and evaluating all
100 rules on it (evaluate_rules), for the whole flight, best of REPEATS runs. Printed:
evaluations per second and travellers per second per core.

    .venv/bin/python -m bench.rules_eval
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from paxscreen.rules.engine.compiler import compile_rule
from paxscreen.rules.engine.context import (
    PaymentForm,
    Role,
    RuleSubject,
    SubjectBooking,
    SubjectDocument,
    SubjectFlight,
    SubjectItinerary,
    SubjectTraveller,
)
from paxscreen.rules.engine.evaluate import CompiledRule, evaluate_rules

RULES = 100
TRAVELLERS = 300
REPEATS = 5
SEED = 20240601

COUNTRIES = ["DEU", "FRA", "GBR", "TUR", "SYR", "IRQ", "LBN", "JOR", "ARE", "QAT", "USA", "NLD"]
ROLES: list[Role] = ["passenger", "crew", "transit"]
PAYMENT_FORMS: list[PaymentForm] = ["CC", "CASH", "OTHER"]
HIGH_RISK = ["SYR", "IRQ", "YEM", "LBY", "SOM", "AFG"]
AIRPORTS = ["IST", "DXB", "DOH", "AMM", "BEY", "FRA", "CDG", "AMS"]

TEMPLATES = [
    'booking.present && booking.payment_form == "CASH" && booking.one_way',
    'booking.present && booking.payment_form == "{pay}" && booking.lead_time_days <= {days}',
    '"{risk}" in itinerary.countries && itinerary.max_dwell_hours > {hours}.0',
    'itinerary.countries.exists(c, c in ["{risk}", "{risk2}"]) && booking.present '
    "&& booking.one_way",
    "booking.present && booking.changes >= {changes} && booking.lead_time_days < {days}",
    "booking.present && booking.bags == 0 && booking.co_travellers == 0 && !booking.frequent_flyer",
    "documents.exists(d, d.expires_days_after_travel < {expiry})",
    'documents.exists(d, d.issuing_state != traveller.nationality && d.type == "P")',
    'flight.origin == "{airport}" && itinerary.connections >= {connections} '
    "&& itinerary.max_dwell_hours > {hours}.0",
    'traveller.role == "crew" && documents.exists(d, d.expires_days_after_travel < 0)',
    'itinerary.is_transit && "{risk}" in itinerary.countries',
    'has(booking.agency) && booking.agency.startsWith("{agency}") '
    '&& booking.payment_form == "CASH"',
    "traveller.age_at_departure >= 18 && traveller.age_at_departure - 18 < {years} "
    '&& "{risk}" in itinerary.countries && booking.present && booking.one_way',
    'booking.payment_form == "{pay}" && booking.one_way',  # unguarded: undecided without PNR
    'flight.origin_country == "{country}" && traveller.residence != "{country}" '
    "&& itinerary.max_dwell_hours > {hours}.0",
    "size(documents) == 0 || documents.all(d, d.expires_days_after_travel < {expiry})",
]


def make_rules(rng: random.Random, count: int = RULES) -> list[tuple[str, CompiledRule]]:
    rules: list[tuple[str, CompiledRule]] = []
    for number in range(count):
        template = TEMPLATES[number % len(TEMPLATES)]
        risk, risk2 = rng.sample(HIGH_RISK, 2)
        expression = template.format(
            pay=rng.choice(["CASH", "OTHER"]),
            days=rng.randint(1, 7),
            risk=risk,
            risk2=risk2,
            hours=rng.randint(12, 72),
            changes=rng.randint(2, 5),
            expiry=rng.choice([0, 30, 90, 180]),
            airport=rng.choice(AIRPORTS),
            connections=rng.randint(1, 2),
            agency=rng.choice(["IST", "BEY", "AMM"]),
            years=rng.randint(3, 8),
            country=rng.choice(["TUR", "LBN", "JOR"]),
        )
        rules.append((f"R{number:03d}", compile_rule(expression)))
    return rules


def make_subject(rng: random.Random) -> RuleSubject:
    route = [rng.choice(COUNTRIES) for _ in range(rng.choice([0, 0, 1, 2]))]
    if rng.random() < 0.05:
        route.append(rng.choice(HIGH_RISK))
    countries = ("TUR", *route, "GBR")
    role = rng.choices(ROLES, weights=[90, 4, 6])[0]
    nationality = rng.choice(COUNTRIES)
    documents = tuple(
        SubjectDocument(
            "P" if index == 0 else rng.choice(["V", "I"]),
            nationality if rng.random() < 0.9 else rng.choice(COUNTRIES),
            rng.choice([None, rng.randint(-30, 3650)]),
        )
        for index in range(rng.choice([1, 1, 1, 2]))
    )
    booking = None
    if role != "crew" and rng.random() < 0.75:
        booking = SubjectBooking(
            lead_time_days=rng.randint(0, 180),
            payment_form=rng.choices(PAYMENT_FORMS, weights=[85, 5, 10])[0],
            one_way=rng.random() < 0.3,
            agency=rng.choice([None, "ISTX01", "BEYA22", "FRAL121AB", "LON9Q"]),
            co_travellers=rng.choice([0, 0, 1, 2, 3]),
            bags=rng.choice([0, 1, 1, 2]),
            frequent_flyer=rng.random() < 0.2,
            changes=rng.choice([0, 0, 0, 1, 2, 4]),
        )
    return RuleSubject(
        traveller=SubjectTraveller(
            gender=rng.choice(["M", "F", "U"]),
            role=role,
            age_at_departure=rng.choice([None, rng.randint(0, 90)]),
            nationality=nationality,
            residence=rng.choice([None, nationality, rng.choice(COUNTRIES)]),
        ),
        documents=documents,
        flight=SubjectFlight("IST", "LHR", "TUR", "GBR"),
        itinerary=SubjectItinerary(
            countries,
            is_transit=role == "transit",
            connections=len(countries) - 2,
            max_dwell_hours=round(rng.uniform(1, 48), 1) if len(countries) > 2 else 0.0,
        ),
        booking=booking,
    )


@dataclass(frozen=True)
class BenchResult:
    rules: int
    travellers: int
    seconds: float  # best flight
    hits: int
    undecided: int
    compile_seconds: float

    @property
    def evaluations_per_second(self) -> float:
        return self.rules * self.travellers / self.seconds

    @property
    def travellers_per_second(self) -> float:
        return self.travellers / self.seconds

    def line(self) -> str:
        return (
            f"rules_eval: {self.rules} rules x {self.travellers} travellers, one core: "
            f"{self.evaluations_per_second:,.0f} evaluations/s, "
            f"{self.travellers_per_second:,.0f} travellers/s per core "
            f"(flight {self.seconds * 1000:.1f} ms; {self.hits} hits, "
            f"{self.undecided} undecided; compiling {self.rules} rules "
            f"{self.compile_seconds * 1000:.1f} ms)"
        )


def run(repeats: int = REPEATS, seed: int = SEED) -> BenchResult:
    rng = random.Random(seed)
    start = time.perf_counter()
    rules = make_rules(rng)
    compile_seconds = time.perf_counter() - start
    subjects = [make_subject(rng) for _ in range(TRAVELLERS)]
    best = float("inf")
    hits = undecided = 0
    for _ in range(repeats):
        hits = undecided = 0
        start = time.perf_counter()
        for subject in subjects:
            result = evaluate_rules(rules, subject.to_activation())
            hits += len(result.fired)
            undecided += len(result.undecided)
        best = min(best, time.perf_counter() - start)
    return BenchResult(len(rules), len(subjects), best, hits, undecided, compile_seconds)


if __name__ == "__main__":
    print(run().line())
