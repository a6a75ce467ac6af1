"""compile_rule refuses, with a position, what is not a valid rule over the allowed context."""

from __future__ import annotations

import pytest

from paxscreen.rules.engine.compiler import MAX_EXPRESSION_CHARS, MAX_NESTING, compile_rule
from paxscreen.rules.engine.errors import RuleCompileError


def _refusal(expression: str) -> RuleCompileError:
    with pytest.raises(RuleCompileError) as info:
        compile_rule(expression)
    return info.value


@pytest.mark.parametrize(
    ("expression", "line", "column"),
    [
        ("traveller.age_at_departure > ", 1, 30),
        ("booking.present &&& booking.one_way", 1, 19),
        ('traveller.nationality == "SYR', 1, 26),
        ("booking.present &&\n  * booking.one_way", 2, 3),
        ("", 1, 1),
        ("(traveller.role == 'crew'", 1, 26),
    ],
)
def test_syntax_errors_carry_line_and_column(expression: str, line: int, column: int) -> None:
    error = _refusal(expression)
    assert error.kind == "syntax"
    assert (error.line, error.column) == (line, column)
    assert error.message


def test_syntax_error_position_is_not_fooled_by_error_text_in_a_literal() -> None:
    error = _refusal('traveller.role == "ERROR: <input>:9:9: x" &&')
    assert (error.line, error.column) == (1, 45)


def test_columns_count_characters_not_bytes() -> None:
    error = _refusal('traveller.nationality == "Ü" && é')
    assert (error.line, error.column) == (1, 33)


@pytest.mark.parametrize(
    ("expression", "path", "column"),
    [
        ('traveller.religion == "X"', "traveller.religion", 11),
        ('traveller.meal == "HALAL"', "traveller.meal", 11),
        ('booking.present && booking.meal_preference == "KSML"', "booking.meal_preference", 28),
        ("documents.exists(d, d.health_status == 1)", "documents[].health_status", 23),
        ('ethnicity == "X"', "ethnicity", 1),
        ("has(traveller.sexual_orientation)", "traveller.sexual_orientation", 15),
    ],
)
def test_sensitive_fields_are_refused_explicitly(expression: str, path: str, column: int) -> None:
    error = _refusal(expression)
    assert error.kind == "sensitive_field"
    assert error.message == (
        f"{path} is not an allowed field: sensitive data is not in the rule context"
    )
    assert (error.line, error.column) == (1, column)


def test_sensitive_field_on_a_later_line() -> None:
    error = _refusal('booking.present\n  && traveller.religion == "X"')
    assert (error.line, error.column, error.kind) == (2, 16, "sensitive_field")


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ('traveller.nationalty == "SYR"', "traveller.nationalty is not an allowed field"),
        ('passenger.nationality == "SYR"', "passenger is not an allowed field"),
        ("booking.price > 1000", "booking.price is not an allowed field"),
        ('documents[0].number == "X1"', "documents[].number is not an allowed field"),
        ("flight.origin.code == 1", "cannot read field 'code'"),
    ],
)
def test_unknown_fields_are_refused(expression: str, fragment: str) -> None:
    error = _refusal(expression)
    assert error.kind == "unknown_field"
    assert fragment in error.message


def test_unknown_field_suggests_the_near_name() -> None:
    assert "did you mean 'nationality'" in _refusal('traveller.nationalty == "X"').message


def test_macro_variable_is_checked_against_the_element_schema() -> None:
    compile_rule('documents.exists(d, d.type == "P" && d.issuing_state == "SYR")')
    assert _refusal("documents.exists(d, d.colour == 1)").kind == "unknown_field"
    assert _refusal("itinerary.countries.exists(c, c.name == 1)").kind == "unknown_field"
    # the bound name does not leak out of the macro
    assert _refusal('documents.exists(d, true) && d.type == "P"').kind == "unknown_field"


def test_macro_variable_may_not_shadow_the_context() -> None:
    assert _refusal("documents.exists(traveller, true)").kind == "unsupported"


@pytest.mark.parametrize(
    "expression",
    [
        "traveller.age_at_departure + 1",
        'traveller.nationality + "X"',
        "itinerary.countries",
        "true ? 1 : 2",
        "itinerary.countries.filter(c, c == 'SYR')",
        "traveller",
    ],
)
def test_non_bool_expressions_are_refused(expression: str) -> None:
    error = _refusal(expression)
    assert error.kind == "type"
    assert "must yield a bool" in error.message


@pytest.mark.parametrize(
    ("expression", "column"),
    [
        ("traveller.age_at_departure + 0.5 > 30.0", 28),
        ("traveller.age_at_departure && true", 28),
        ('"SYR" in traveller.nationality', 7),
        ("!traveller.age_at_departure", 1),
    ],
)
def test_type_errors_the_checker_can_see_are_refused(expression: str, column: int) -> None:
    error = _refusal(expression)
    assert (error.kind, error.column) == ("type", column)


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        ('evil(traveller.nationality) == "X"', "unknown_function"),
        ("traveller.nationality.sha256() == 1", "unknown_function"),
        ('{"a": 1}.a == 1', "unsupported"),
        ("Foo{a: 1} == 1", "unsupported"),
        ('.traveller.role == "crew"', "unsupported"),
    ],
)
def test_unsupported_constructs_are_refused(expression: str, kind: str) -> None:
    assert _refusal(expression).kind == kind


def test_over_long_expression_is_refused_at_the_limit() -> None:
    expression = " || ".join(["traveller.age_at_departure > 1"] * 200)
    assert len(expression) > MAX_EXPRESSION_CHARS
    error = _refusal(expression)
    assert error.kind == "too_long"
    assert (error.line, error.column) == (1, MAX_EXPRESSION_CHARS + 1)


def test_deep_nesting_is_refused_not_crashed() -> None:
    depth = MAX_NESTING + 5
    assert _refusal("(" * depth + "true" + ")" * depth).kind == "unsupported"
    assert _refusal("(" * 120 + "true" + ")" * 120).kind == "syntax"  # CEL's own limit


def test_long_flat_chains_compile() -> None:
    compile_rule("!" * 2_000 + "booking.present")
    compile_rule("1" + " + 1" * 900 + " > 0")
    compile_rule("traveller.role == 'crew'" + " || traveller.role == 'crew'" * 100)


def test_compiled_rule_records_the_fields_it_reads() -> None:
    rule = compile_rule(
        'booking.present && booking.payment_form == "CASH" && '
        'documents.exists(d, d.issuing_state == "SYR")'
    )
    assert rule.fields == (
        "booking",
        "booking.payment_form",
        "booking.present",
        "documents",
        "documents[].issuing_state",
    )


@pytest.mark.parametrize(
    "expression",
    [
        "traveller.age_at_departure >= 18 && traveller.age_at_departure - 18 < 5",
        'traveller.gender == "F" && traveller.role in ["passenger", "transit"]',
        'traveller.nationality != traveller.residence && traveller.residence == "SYR"',
        "documents.all(d, d.expires_days_after_travel > 180)",
        'documents.exists_one(d, d.type == "P")',
        "size(documents) == 0 || documents[0].expires_days_after_travel < 0",
        'flight.origin == "IST" && flight.destination_country == "GBR"',
        '"SYR" in itinerary.countries && !itinerary.is_transit',
        "itinerary.connections >= 2 && itinerary.max_dwell_hours > 24.0",
        "itinerary.countries.map(c, c == 'SYR' ? 1 : 0).exists(n, n == 1)",
        "itinerary.countries.filter(c, c.startsWith('S')).size() > 0",
        'booking.present && booking.payment_form == "CASH" && booking.one_way',
        'booking.present && has(booking.agency) && booking.agency.matches("^IST")',
        "booking.present && booking.lead_time_days <= 2 && booking.bags == 0",
        "booking.present && !booking.frequent_flyer && booking.changes > 3",
        "booking.present && booking.co_travellers == 0 && double(booking.bags) < 0.5",
        "// comment\ntraveller.role == 'crew' // trailing",
        'traveller.nationality == r"SYR" || traveller.nationality == """IRQ"""',
    ],
)
def test_valid_rules_compile(expression: str) -> None:
    assert compile_rule(expression).expression == expression
