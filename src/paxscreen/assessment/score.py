"""The risk score: every open, reviewed or confirmed hit of a traveller combined into one number
in [0, 1] and a band. Pure; the formula is documented in the README and named in every result.

Each hit contributes a value in [0, 1]:

    watchlist hit:  match score  x  severity factor of the list
    rule hit:       rule weight  x  severity factor of the rule version

with severity factors low 0.25, medium 0.5, high 0.75, critical 1.0. Contributions combine as
independent pieces of evidence (a "noisy or"):

    score = 1 - (1 - v1) x (1 - v2) x ...

so the score never passes 1, one strong hit counts for more than several weak ones, and each
extra hit only adds. Bands: none (no contributing hit), low (< 0.35), medium (< 0.65), high.
A dismissed hit contributes nothing; it is listed with the reason it was left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

FORMULA = "noisy-or/1"
SEVERITY_FACTORS = {"low": 0.25, "medium": 0.5, "high": 0.75, "critical": 1.0}
LOW_BELOW, MEDIUM_BELOW = 0.35, 0.65
Band = Literal["none", "low", "medium", "high"]


@dataclass(frozen=True, slots=True)
class HitInput:
    source: str  # watchlist or rule
    status: str
    strength: float  # the match score (watchlist) or the rule weight (rule)
    severity: str


@dataclass(frozen=True, slots=True)
class Contribution:
    value: float
    counted: bool
    how: str


def contribution(hit: HitInput) -> Contribution:
    factor = SEVERITY_FACTORS.get(hit.severity, SEVERITY_FACTORS["medium"])
    strength = min(1.0, max(0.0, hit.strength))
    value = round(strength * factor, 4)
    what = "match score" if hit.source == "watchlist" else "rule weight"
    how = f"{what} {strength:.2f} x {hit.severity} severity {factor:.2f} = {value:.4f}"
    if hit.status == "dismissed":
        return Contribution(0.0, False, f"dismissed by review, not counted ({how})")
    return Contribution(value, True, how)


def combine(values: Iterable[float]) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - min(1.0, max(0.0, value))
    return round(1.0 - remaining, 4)


def band_of(score: float, contributing: int) -> Band:
    if contributing == 0:
        return "none"
    if score < LOW_BELOW:
        return "low"
    return "medium" if score < MEDIUM_BELOW else "high"
