"""From a scored name to a MatchResult: the other fields' evidence, the final score (the sum of
the evidence weights) and an explanation an analyst can read."""

from __future__ import annotations

from dataclasses import dataclass

from paxscreen.screening.matching import evidence
from paxscreen.screening.matching.model import Evidence, ScreeningQuery
from paxscreen.screening.matching.scoring import ListToken, NameMatch, QueryName

FULL_NAME_MATCH = 0.95  # name scores from here are reported as "match", below as "partial"


@dataclass(frozen=True, slots=True)
class EntryFacts:
    births: list[evidence.ListedBirth]
    nationalities: tuple[str, ...]
    gender: str | None
    documents: tuple[evidence.ListedDocument, ...]


def _token(text: str) -> str:
    return text.upper()


def explain_name(query: QueryName, listed: list[ListToken], match: NameMatch) -> str:
    """E.g. "ABDULHAI = ABDULHAI (w 1.00); SALIK ~ SALEK 0.83 (w 0.95); list only: MOHAMMAD
    (middle name, small cost)"."""
    parts = []
    for pair in match.pairs:
        left = " ".join(query.tokens[i].shown.upper() for i in pair.query)
        right = " ".join(_token(listed[j].info.text) for j in pair.listed)
        how = "=" if pair.sim >= 1.0 else "~"
        sim = "" if pair.sim >= 1.0 else f" {pair.sim:.2f}"
        joined = " (joined)" if len(pair.query) > 1 or len(pair.listed) > 1 else ""
        parts.append(f"{left} {how} {right}{sim}{joined} (weight {pair.weight:.2f})")
    if match.query_extra:
        extra = ", ".join(query.tokens[i].shown.upper() for i in match.query_extra)
        parts.append(f"traveller only: {extra}")
    if match.list_extra:
        extra = ", ".join(_token(listed[j].info.text) for j in match.list_extra)
        parts.append(f"list only: {extra}")
    if match.conflict:
        parts.append("both sides keep unmatched names: contradiction")
    if match.swapped:
        parts.append("father and son in the opposite order (nasab swap)")
    if match.weak:
        parts.append("weak alias")
    return "; ".join(parts) or "no name token in common"


def name_evidence(
    query: QueryName, shown_query: str, listed: list[ListToken], shown: str, match: NameMatch
) -> Evidence:
    outcome = "match" if match.score >= FULL_NAME_MATCH else "partial"
    if match.swapped or match.score < 0.5:
        outcome = "mismatch"
    return Evidence(
        "name",
        outcome,
        round(evidence.NAME_WEIGHT * match.score, 6),
        f"name score {match.score:.3f}: " + explain_name(query, listed, match),
        shown_query,
        shown,
    )


def combine(
    query: ScreeningQuery, name: Evidence, name_score: float, facts: EntryFacts
) -> tuple[float, tuple[Evidence, ...]]:
    """Final score and its evidence lines; the score is the sum of the lines' weights."""
    lines = [
        name,
        evidence.date_of_birth(query.date_of_birth, facts.births),
        evidence.nationality(query.nationality, facts.nationalities),
        evidence.gender(query.gender, facts.gender),
    ]
    total = sum(line.weight for line in lines)
    if query.documents or facts.documents:
        line, floor = evidence.document(query.documents, facts.documents, name_score)
        lift = max(0.0, floor - total)
        lines.append(
            Evidence(
                line.field,
                line.outcome,
                round(lift, 6),
                line.detail,
                line.query_value,
                line.list_value,
            )
        )
        total += lift
    if total < 0.0:
        lines.append(Evidence("score", "floor", -total, "scores do not go below 0"))
        total = 0.0
    return min(1.0, total), tuple(lines)
