"""Evidence beyond the name: date of birth at the list's precision, travel documents,
nationality and gender. Each comparison gives one Evidence line whose weight is what it adds to
(or takes from) the score, so that a result's score is the sum of its lines.

Weights (all in score units; the name contributes at most NAME_WEIGHT = 0.84):
- date of birth: +0.12 for the same day down to -0.12 for a date more than ten years away.
  How much a listed date proves depends on its precision: a year alone or a range proves less
  than a day, and an "approximately" date is not contradicted by a year or two.
- nationality +0.03 / -0.03 and gender +0.01 / -0.05: soft, lists and travellers disagree on
  both (dual nationals, transcription of gender codes).
- a document number with the same issuing state is near-decisive: the score becomes at least
  0.93 (+0.07 x name score), whatever the name; a number without a state to compare proves a
  little less, one from another state much less (numbers are unique only per issuer).
NAME_WEIGHT + the best date, nationality and gender add up to exactly 1.0: only a perfect name
with every field corroborated reaches the top.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from paxscreen.screening.matching.model import Evidence, PartialDate, QueryDocument

NAME_WEIGHT = 0.84
DOB_SAME_DAY = 0.12
DOB_DAY_MONTH_SWAP = 0.08
DOB_SAME_MONTH = 0.10  # list gives a month, or a day of which the traveller gives the month
DOB_DAY_DIFFERS = 0.03  # same year and month, another day: a typo more often than not
DOB_SAME_YEAR = 0.06  # only the year can be compared
DOB_LISTED_YEAR = 0.07  # the list gives only the year, and it agrees
DOB_IN_RANGE = 0.06
DOB_WIDE_RANGE = 0.04  # a range of more than three years proves less
DOB_APPROXIMATE = 0.06  # within a year of an "approximately" date
DOB_NEAR_APPROXIMATE = 0.02  # two or three years from it
APPROXIMATE_SLACK = 1
NATIONALITY_MATCH = 0.03
NATIONALITY_MISMATCH = -0.03
GENDER_MATCH = 0.01
GENDER_MISMATCH = -0.05
DOC_SAME_STATE = 0.93  # document number and issuing state agree
DOC_STATE_UNKNOWN = 0.85  # number agrees, one side lacks the state
DOC_OTHER_STATE = 0.70  # number agrees, issued by another state
MIN_DOCUMENT_LENGTH = 5  # shorter "numbers" (1, NA, 123) are not identifiers

# The most the other fields can add: NAME_WEIGHT + MAX_BONUS = 1.0 (tested).
MAX_BONUS = DOB_SAME_DAY + NATIONALITY_MATCH + GENDER_MATCH


def best_birth_weight(years_apart: int) -> float:
    """The most a date of birth can add when the traveller's birth year is this far outside
    the span of the entry's listed years, whatever their precision (for candidate bounds)."""
    if years_apart <= 0:
        return DOB_SAME_DAY
    if years_apart <= APPROXIMATE_SLACK:
        return DOB_APPROXIMATE
    if years_apart <= 3:
        return DOB_NEAR_APPROXIMATE
    return year_gap_penalty(years_apart - APPROXIMATE_SLACK)


_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def year_gap_penalty(years: int) -> float:
    """A date of birth this many years off the listed one (which was precise enough to
    compare) counts against the match, more the further it is."""
    if years <= 1:
        return -0.04
    if years <= 3:
        return -0.07
    if years <= 10:
        return -0.10
    return -0.12


@dataclass(frozen=True, slots=True)
class ListedBirth:
    precision: str  # day, month, year, range, approximate
    earliest: date
    latest: date


def _describe(listed: ListedBirth) -> str:
    if listed.precision == "day":
        return listed.earliest.isoformat()
    if listed.precision == "month":
        return listed.earliest.isoformat()[:7]
    if listed.precision == "range":
        return f"{listed.earliest.year}-{listed.latest.year}"
    if listed.precision == "approximate":
        exact = listed.earliest == listed.latest
        return f"approximately {listed.earliest.isoformat() if exact else listed.earliest.year}"
    return str(listed.earliest.year)


def _years_outside(year: int, first: int, last: int) -> int:
    return first - year if year < first else (year - last if year > last else 0)


def _compare_birth(query: PartialDate, listed: ListedBirth) -> tuple[str, float, str]:
    """(outcome, weight, how) for one listed date of birth."""
    first, last = listed.earliest.year, listed.latest.year
    gap = _years_outside(query.year, first, last)
    if listed.precision == "approximate":
        if gap <= APPROXIMATE_SLACK:
            return "match", DOB_APPROXIMATE, "within a year of an approximate date"
        if gap <= 3:
            return "partial", DOB_NEAR_APPROXIMATE, f"{gap} years from an approximate date"
        return "mismatch", year_gap_penalty(gap - APPROXIMATE_SLACK), f"{gap} years off"
    if listed.precision == "range":
        if gap == 0:
            wide = last - first > 3
            return "match", DOB_WIDE_RANGE if wide else DOB_IN_RANGE, "within the listed range"
        return "mismatch", year_gap_penalty(gap), f"{gap} years outside the listed range"
    if gap:
        return "mismatch", year_gap_penalty(gap), f"{gap} years off"
    if listed.precision == "year":
        return "match", DOB_LISTED_YEAR, "same year (the list gives only the year)"
    if query.month is None:
        return "partial", DOB_SAME_YEAR, "same year (the traveller's date gives only the year)"
    if listed.precision == "month" or query.day is None:
        if query.month == listed.earliest.month:
            return "match", DOB_SAME_MONTH, "same year and month"
        return "partial", 0.0, "same year, another month"
    day = listed.earliest
    if query.month == day.month and query.day == day.day:
        return "match", DOB_SAME_DAY, "same date"
    if query.month == day.day and query.day == day.month:
        return "partial", DOB_DAY_MONTH_SWAP, "day and month swapped"
    if query.month == day.month:
        return "partial", DOB_DAY_DIFFERS, "same year and month, another day"
    return "partial", 0.0, "same year, another date"


def date_of_birth(query: PartialDate | None, listed: Sequence[ListedBirth]) -> Evidence:
    if query is None or not listed:
        side = "traveller" if query is None else "list entry"
        return Evidence("date_of_birth", "unknown", 0.0, f"no date of birth on the {side}")
    shown = "-".join(
        f"{part:02d}" for part in (query.year, query.month, query.day) if part is not None
    )
    best: tuple[float, str, str, ListedBirth] | None = None
    for item in listed:
        outcome, weight, how = _compare_birth(query, item)
        if best is None or weight > best[0]:
            best = (weight, outcome, how, item)
    assert best is not None
    weight, outcome, how, item = best
    return Evidence("date_of_birth", outcome, weight, how, shown, _describe(item))


def nationality(query: str | None, listed: Sequence[str]) -> Evidence:
    if not query or not listed:
        return Evidence("nationality", "unknown", 0.0, "not given on both sides", query)
    shown = ", ".join(listed)
    if query.upper() in listed:
        return Evidence(
            "nationality", "match", NATIONALITY_MATCH, "listed nationality", query, shown
        )
    return Evidence(
        "nationality", "mismatch", NATIONALITY_MISMATCH, "not a listed nationality", query, shown
    )


def gender(query: str | None, listed: str | None) -> Evidence:
    known = {"M", "F"}
    q, li = (query or "").upper(), (listed or "").upper()
    if q not in known or li not in known:
        return Evidence("gender", "unknown", 0.0, "not given on both sides", query, listed)
    if q == li:
        return Evidence("gender", "match", GENDER_MATCH, "same gender", query, listed)
    return Evidence("gender", "mismatch", GENDER_MISMATCH, "different gender", query, listed)


def document_number(number: str) -> str:
    """Upper-case letters and digits only: "OB 0243318" and "ob-0243318" are one number."""
    return _NOT_ALNUM.sub("", number.upper())


@dataclass(frozen=True, slots=True)
class ListedDocument:
    number: str  # normalised
    issuing_state: str | None
    type: str | None
    shown: str  # as listed


def document(
    query: Sequence[QueryDocument], listed: Sequence[ListedDocument], name_score: float
) -> tuple[Evidence, float]:
    """The document line and the score floor it sets (0 when no document agrees)."""
    best: tuple[float, str, str, QueryDocument, ListedDocument] | None = None
    for qdoc in query:
        number = document_number(qdoc.number)
        if len(number) < MIN_DOCUMENT_LENGTH:
            continue
        for ldoc in listed:
            if ldoc.number != number:
                continue
            if qdoc.issuing_state and ldoc.issuing_state:
                same = qdoc.issuing_state.upper() == ldoc.issuing_state.upper()
                base = DOC_SAME_STATE if same else DOC_OTHER_STATE
                how = "same number and issuing state" if same else "same number, another issuer"
            else:
                base, how = DOC_STATE_UNKNOWN, "same number (issuing state not on both sides)"
            floor = base + (1.0 - base) * name_score
            if best is None or floor > best[0]:
                best = (floor, "match" if base == DOC_SAME_STATE else "partial", how, qdoc, ldoc)
    if best is None:
        outcome = "mismatch" if query and listed else "unknown"
        detail = (
            "no number in common (people hold several documents: no penalty)"
            if outcome == "mismatch"
            else "not given on both sides"
        )
        return Evidence("document", outcome, 0.0, detail), 0.0
    floor, outcome, how, qdoc, ldoc = best
    state = f" ({ldoc.issuing_state})" if ldoc.issuing_state else ""
    evidence = Evidence("document", outcome, 0.0, how, qdoc.number, ldoc.shown + state)
    return evidence, floor
