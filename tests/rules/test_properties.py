"""Properties: any text compiles or is refused cleanly; rule combinators behave as logic."""

from __future__ import annotations

import cel
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paxscreen.rules.engine.compiler import compile_rule
from paxscreen.rules.engine.context import (
    RuleSubject,
    SubjectBooking,
    SubjectDocument,
    SubjectFlight,
    SubjectItinerary,
    SubjectTraveller,
)
from paxscreen.rules.engine.errors import RuleCompileError
from paxscreen.rules.engine.evaluate import CompiledRule

COUNTRIES = ["DEU", "FRA", "GBR", "SYR", "TUR", "USA", "IRQ"]
ATOMS = [
    "traveller.age_at_departure < 25",
    'traveller.gender == "F"',
    'traveller.role == "crew"',
    'traveller.nationality == "SYR"',
    "documents.exists(d, d.expires_days_after_travel < 30)",
    "size(documents) == 0",
    '"SYR" in itinerary.countries',
    "itinerary.is_transit",
    "itinerary.max_dwell_hours > 12.0",
    'flight.origin_country == "TUR"',
    "booking.present",
    'booking.payment_form == "CASH"',  # unguarded: undecided without a PNR
    "booking.one_way",
    "booking.lead_time_days < 3",
]
# Fragments that make random text more likely to reach the checker than pure noise would.
FRAGMENTS = [
    *ATOMS,
    "traveller",
    "booking",
    "documents",
    ".religion",
    ".meal",
    ".exists(",
    ".map(",
    "has(",
    "size(",
    "d",
    "x",
    ", ",
    "&&",
    "||",
    "!",
    "-",
    "+",
    " ? ",
    " : ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "'''",
    'r"',
    "b'",
    "\\",
    "1",
    "2.5",
    "3u",
    "0x1F",
    ".",
    " in ",
    "==",
    "<",
    "\n",
    "// c\n",
    "true",
    "null",
    "é",
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_compiles_or_raises_rule_compile_error(text: str) -> None:
    result = _compile_or_refusal(text)
    if isinstance(result, RuleCompileError):
        assert result.line >= 1
        assert result.column >= 1


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_cel_like_text_compiles_or_raises_rule_compile_error(text: str) -> None:
    result = _compile_or_refusal(text)
    if isinstance(result, RuleCompileError):
        assert result.line >= 1
        assert result.column >= 1
    else:  # whatever compiled must evaluate without raising, to a plain bool
        assert isinstance(result.evaluate(_example_subject().to_activation()), bool)


def _compile_or_refusal(text: str) -> CompiledRule | RuleCompileError:
    """The compiled rule or the refusal; any other exception propagates and fails the test."""
    try:
        return compile_rule(text)
    except RuleCompileError as error:
        return error


def _example_subject() -> RuleSubject:
    return RuleSubject(
        traveller=SubjectTraveller(gender="F", role="passenger", age_at_departure=30),
        flight=SubjectFlight("IST", "LHR", "TUR", "GBR"),
        itinerary=SubjectItinerary(("TUR", "GBR")),
    )


@st.composite
def subjects(draw: st.DrawFn) -> RuleSubject:
    has_pnr = draw(st.booleans())
    booking = (
        SubjectBooking(
            lead_time_days=draw(st.integers(0, 365)),
            payment_form=draw(st.sampled_from(["CASH", "CC", "OTHER"])),
            one_way=draw(st.booleans()),
            agency=draw(st.none() | st.sampled_from(["ISTX01", "FRAL121AB"])),
            co_travellers=draw(st.integers(0, 8)),
            bags=draw(st.integers(0, 4)),
            frequent_flyer=draw(st.booleans()),
            changes=draw(st.integers(0, 6)),
        )
        if has_pnr
        else None
    )
    documents = tuple(
        SubjectDocument(
            draw(st.sampled_from(["P", "I", "V"])),
            draw(st.sampled_from(COUNTRIES)),
            draw(st.none() | st.integers(-100, 4000)),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    return RuleSubject(
        traveller=SubjectTraveller(
            gender=draw(st.sampled_from(["M", "F", "U"])),
            role=draw(st.sampled_from(["passenger", "crew", "transit"])),
            age_at_departure=draw(st.none() | st.integers(0, 100)),
            nationality=draw(st.none() | st.sampled_from(COUNTRIES)),
            residence=draw(st.none() | st.sampled_from(COUNTRIES)),
        ),
        documents=documents,
        flight=SubjectFlight("IST", "LHR", draw(st.sampled_from(COUNTRIES)), "GBR"),
        itinerary=SubjectItinerary(
            tuple(draw(st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=5))),
            is_transit=draw(st.booleans()),
            connections=draw(st.integers(0, 3)),
            max_dwell_hours=draw(st.floats(0, 72, allow_nan=False)),
        ),
        booking=booking,
    )


@settings(max_examples=300)
@given(st.sampled_from(ATOMS), st.sampled_from(ATOMS), subjects())
def test_and_fires_iff_both_fire(x: str, y: str, subject: RuleSubject) -> None:
    activation = subject.to_activation()
    both = compile_rule(f"({x}) && ({y})").evaluate(activation)
    assert both == (compile_rule(x).evaluate(activation) and compile_rule(y).evaluate(activation))


@settings(max_examples=300)
@given(st.sampled_from(ATOMS), st.sampled_from(ATOMS), subjects())
def test_or_fires_iff_either_fires(x: str, y: str, subject: RuleSubject) -> None:
    activation = subject.to_activation()
    either = compile_rule(f"({x}) || ({y})").evaluate(activation)
    assert either == (compile_rule(x).evaluate(activation) or compile_rule(y).evaluate(activation))


@settings(max_examples=200)
@given(st.sampled_from(ATOMS), subjects())
def test_evaluation_agrees_with_the_cel_package(x: str, subject: RuleSubject) -> None:
    activation = subject.to_activation()
    try:
        expected = cel.evaluate(x, activation) is True
    except Exception:  # an error in CEL is "no hit" for the engine
        expected = False
    assert compile_rule(x).evaluate(activation) is expected
