from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.review.states import (
    HitStatus,
    ReasonRequired,
    TransitionRefused,
    check_transition,
)

S = HitStatus


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.OPEN, S.CONFIRMED),
        (S.OPEN, S.DISMISSED),
        (S.DISMISSED, S.CONFIRMED),
        (S.CONFIRMED, S.DISMISSED),
        (S.CONFIRMED, S.IN_REVIEW),
        (S.OPEN, S.OPEN),
    ],
)
def test_senseless_moves_are_refused(current: HitStatus, target: HitStatus) -> None:
    with pytest.raises(TransitionRefused):
        check_transition(current, target, "a reason")


@pytest.mark.parametrize(
    ("current", "target"),
    [(S.IN_REVIEW, S.DISMISSED), (S.IN_REVIEW, S.ESCALATED), (S.DISMISSED, S.OPEN)],
)
def test_dismissing_escalating_and_reopening_need_a_reason(
    current: HitStatus, target: HitStatus
) -> None:
    with pytest.raises(ReasonRequired):
        check_transition(current, target, " ")
    check_transition(current, target, "why")


def test_confirming_after_review_needs_no_reason() -> None:
    check_transition(S.IN_REVIEW, S.CONFIRMED, "")


@given(st.lists(st.sampled_from(list(HitStatus)), max_size=30))
def test_every_decision_follows_a_review(targets: list[HitStatus]) -> None:
    """Whatever a user tries, a hit reaches confirmed or dismissed only from in_review or
    escalated, and leaves a decision only by reopening."""
    current, path = S.OPEN, [S.OPEN]
    for target in targets:
        try:
            check_transition(current, target, "reason")
        except TransitionRefused:
            continue
        current = target
        path.append(current)
    for before, after in itertools.pairwise(path):
        if after in (S.CONFIRMED, S.DISMISSED):
            assert before in (S.IN_REVIEW, S.ESCALATED)
        if before in (S.CONFIRMED, S.DISMISSED):
            assert after == S.OPEN
