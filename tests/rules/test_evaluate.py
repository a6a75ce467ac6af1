"""Evaluation: the right answer per context area, and "no hit, with reason" on missing data."""

from __future__ import annotations

import cel
import pytest

from paxscreen.rules.engine.compiler import compile_rule
from paxscreen.rules.engine.context import RuleSubject
from paxscreen.rules.engine.evaluate import CompiledRule, RuleOutcome, evaluate_rules
from tests.rules.subjects import CASH_ONE_WAY_VIA_SYRIA, NO_PNR_CREW, ORDINARY, TRANSIT

CASES: list[tuple[str, RuleSubject, bool]] = [
    # traveller
    ("traveller.age_at_departure < 21", CASH_ONE_WAY_VIA_SYRIA, True),
    ("traveller.age_at_departure < 21", ORDINARY, False),
    (
        "traveller.age_at_departure - 18 < 5 && traveller.age_at_departure >= 18",
        CASH_ONE_WAY_VIA_SYRIA,
        True,
    ),
    ("traveller.age_at_departure / 10 == 5", ORDINARY, True),
    ('traveller.gender == "U"', NO_PNR_CREW, True),
    ('traveller.role == "crew"', ORDINARY, False),
    ('traveller.role == "transit"', TRANSIT, True),
    ("traveller.nationality == traveller.residence", ORDINARY, True),
    ('traveller.nationality in ["GBR", "IRL"]', CASH_ONE_WAY_VIA_SYRIA, True),
    # documents
    ("documents.exists(d, d.expires_days_after_travel < 0)", CASH_ONE_WAY_VIA_SYRIA, True),
    ("documents.exists(d, d.expires_days_after_travel < 0)", ORDINARY, False),
    (
        'documents.exists(d, d.type == "V" && d.issuing_state == "TUR")',
        CASH_ONE_WAY_VIA_SYRIA,
        True,
    ),
    ("size(documents) > 1", ORDINARY, False),
    ("documents.exists(d, d.issuing_state != traveller.nationality)", CASH_ONE_WAY_VIA_SYRIA, True),
    # flight and itinerary
    ('flight.origin == "IST" && flight.destination_country == "GBR"', CASH_ONE_WAY_VIA_SYRIA, True),
    ('flight.origin_country == "FRA"', NO_PNR_CREW, True),
    ('"SYR" in itinerary.countries', CASH_ONE_WAY_VIA_SYRIA, True),
    ('"SYR" in itinerary.countries', ORDINARY, False),
    ("itinerary.is_transit && itinerary.connections >= 1", TRANSIT, True),
    ("itinerary.max_dwell_hours > 24.0", CASH_ONE_WAY_VIA_SYRIA, True),
    ("itinerary.max_dwell_hours > 24.0", TRANSIT, False),
    ("itinerary.max_dwell_hours > 24", CASH_ONE_WAY_VIA_SYRIA, True),  # CEL compares int/double
    ('itinerary.countries.exists(c, c in ["SYR", "IRQ", "YEM"])', CASH_ONE_WAY_VIA_SYRIA, True),
    # booking
    (
        'booking.present && booking.payment_form == "CASH" && booking.one_way',
        CASH_ONE_WAY_VIA_SYRIA,
        True,
    ),
    ('booking.present && booking.payment_form == "CASH" && booking.one_way', ORDINARY, False),
    ('booking.present && booking.payment_form == "CASH" && booking.one_way', NO_PNR_CREW, False),
    (
        "booking.present && booking.lead_time_days <= 2 && booking.changes > 3",
        CASH_ONE_WAY_VIA_SYRIA,
        True,
    ),
    ("booking.present && booking.frequent_flyer && booking.co_travellers == 2", ORDINARY, True),
    ("booking.present && booking.bags == 0", CASH_ONE_WAY_VIA_SYRIA, True),
    ('has(booking.agency) && booking.agency.startsWith("IST")', CASH_ONE_WAY_VIA_SYRIA, True),
    ("has(booking.agency)", ORDINARY, False),  # direct booking: agency unknown
    ("!booking.present", NO_PNR_CREW, True),
]


@pytest.mark.parametrize(("expression", "subject", "expected"), CASES)
def test_rules_decide_each_context_area(
    expression: str, subject: RuleSubject, expected: bool
) -> None:
    rule = compile_rule(expression)
    outcome = rule.outcome(subject.to_activation())
    assert outcome == RuleOutcome(expected)
    assert rule.evaluate(subject.to_activation()) is expected


def test_booking_field_without_pnr_is_no_hit_with_reason() -> None:
    rule = compile_rule('booking.payment_form == "CASH"')
    outcome = rule.outcome(NO_PNR_CREW.to_activation())
    assert not outcome.hit
    assert outcome.reason == "field not available for this traveller: payment_form"


def test_unknown_age_is_no_hit_with_reason() -> None:
    outcome = compile_rule("traveller.age_at_departure < 25").outcome(NO_PNR_CREW.to_activation())
    assert outcome == RuleOutcome(False, "field not available for this traveller: age_at_departure")


def test_run_time_errors_are_no_hit_with_reason() -> None:
    rule = compile_rule("100 / (booking.bags) > 1")
    outcome = rule.outcome(CASH_ONE_WAY_VIA_SYRIA.to_activation())  # no bags: division by zero
    assert not outcome.hit
    assert outcome.reason is not None
    assert "division by zero" in outcome.reason
    index = compile_rule('documents[5].type == "P"').outcome(ORDINARY.to_activation())
    assert not index.hit
    assert index.reason is not None


def test_non_bool_result_at_run_time_is_no_hit() -> None:
    # The checker cannot type a mixed list; a non-bool result must still not fire.
    rule = compile_rule("[1, 'a'][0] == 1 ? [1, 'x'][0] : [true, 1][0]")
    outcome = rule.outcome(ORDINARY.to_activation())
    assert outcome == RuleOutcome(False, "rule yielded int, not bool")


def test_rule_accepts_a_prepared_cel_context() -> None:
    rule = compile_rule('traveller.role == "passenger"')
    assert rule.evaluate(cel.Context(variables=ORDINARY.to_activation()))


def test_evaluate_rules_reports_fired_and_undecided() -> None:
    rules: list[tuple[str, CompiledRule]] = [
        ("cash-one-way", compile_rule('booking.present && booking.payment_form == "CASH"')),
        ("syria-route", compile_rule('"SYR" in itinerary.countries')),
        ("young", compile_rule("traveller.age_at_departure < 25")),
        ("crew", compile_rule('traveller.role == "crew"')),
        ("unguarded-cash", compile_rule('booking.payment_form == "CASH"')),
    ]
    syria = evaluate_rules(rules, CASH_ONE_WAY_VIA_SYRIA.to_activation())
    assert syria.fired == ("cash-one-way", "syria-route", "young", "unguarded-cash")
    assert syria.undecided == {}

    crew = evaluate_rules(rules, NO_PNR_CREW.to_activation())
    assert crew.fired == ("crew",)
    assert set(crew.undecided) == {"young", "unguarded-cash"}
