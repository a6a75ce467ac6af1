"""The review state machine of a hit. Pure.

    open -> in_review -> confirmed | dismissed | escalated
    escalated -> in_review | confirmed | dismissed
    confirmed | dismissed -> open          (reopening, with a reason)

A hit is never decided by the software: only these transitions, made by a person, change it.
Dismissing and reopening need a reason; a decision taken straight from ``open`` is refused, so
that every decision follows a review.
"""

from __future__ import annotations

from enum import StrEnum


class HitStatus(StrEnum):
    OPEN = "open"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


ALLOWED: dict[HitStatus, frozenset[HitStatus]] = {
    HitStatus.OPEN: frozenset({HitStatus.IN_REVIEW}),
    HitStatus.IN_REVIEW: frozenset(
        {HitStatus.CONFIRMED, HitStatus.DISMISSED, HitStatus.ESCALATED, HitStatus.OPEN}
    ),
    HitStatus.ESCALATED: frozenset({HitStatus.IN_REVIEW, HitStatus.CONFIRMED, HitStatus.DISMISSED}),
    HitStatus.CONFIRMED: frozenset({HitStatus.OPEN}),
    HitStatus.DISMISSED: frozenset({HitStatus.OPEN}),
}
DECIDED = frozenset({HitStatus.CONFIRMED, HitStatus.DISMISSED})
NEEDS_REASON = frozenset({HitStatus.DISMISSED, HitStatus.ESCALATED})


class TransitionRefused(Exception):
    """A transition that makes no sense from the hit's status (HTTP 409)."""


class ReasonRequired(Exception):
    """A transition that must say why (HTTP 422)."""


def check_transition(current: HitStatus, target: HitStatus, reason: str) -> None:
    """Raises unless a person may move a hit from ``current`` to ``target`` with ``reason``."""
    if target not in ALLOWED[current]:
        allowed = ", ".join(sorted(ALLOWED[current])) or "none"
        hint = " (reopen it first)" if current in DECIDED else ""
        raise TransitionRefused(
            f"a hit that is {current} cannot become {target}{hint}; allowed: {allowed}"
        )
    reopening = current in DECIDED and target == HitStatus.OPEN
    if (target in NEEDS_REASON or reopening) and not reason.strip():
        raise ReasonRequired(f"moving a hit from {current} to {target} needs a reason")
