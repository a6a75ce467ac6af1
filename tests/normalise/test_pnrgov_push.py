"""PNRGOV into PnrPush: push-level behaviour (full or update push, cancellations, the flight
pushed, the PNR count) on small hand-written pushes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from paxscreen.edifact.errors import MessageStructureError
from paxscreen.normalise.canonical_pnr import PnrPush, PushKind, TravellerType
from tests.normalise.pnrgov_input import codes, pnrgov, push


def update_push(body: str) -> PnrPush:
    return push(pnrgov(body, msg="MSG+:141'"))


def test_update_push_with_an_empty_org_cancels_the_booking() -> None:
    result = update_push(
        "SRC'RCI+BA:GONE1'ORG'TIF+X+Y:A:1'"
        "SRC'RCI+BA:KEPT2'ORG+BA:LON'TIF+Z+W:A:1'TVL+210417:0940+LHR+IAD+BA+217'"
    )

    assert result.kind is PushKind.UPDATE
    assert [(b.locator, b.cancelled, b.agency is None) for b in result.bookings] == [
        ("GONE1", True, True),
        ("KEPT2", False, False),
    ]
    assert len(result.bookings[0].travellers) == 1  # the PNR's travellers are still reported


def test_an_empty_org_in_a_full_push_cancels_nothing() -> None:
    result = push(pnrgov("SRC'RCI+BA:A1'ORG+:+:++++:+'TIF+X+Y:A:1'"))

    assert (result.bookings[0].cancelled, result.bookings[0].agency) == (False, None)


def test_missing_msg_reads_as_full_push_with_a_warning() -> None:
    result = push(pnrgov("SRC'RCI+BA:A1'TIF+X+Y:A:1'", msg=None, org=None))

    assert result.kind is PushKind.FULL
    assert result.sender is None
    assert codes(result) == ["missing_message_function"]
    assert (result.warnings[0].segment, result.warnings[0].tag) == (2, "UNH")


def test_unknown_message_function() -> None:
    result = push(pnrgov("SRC'RCI+BA:A1'TIF+X+Y:A:1'", msg="MSG+:99'"))

    assert result.kind is PushKind.FULL
    assert codes(result) == ["unknown_code"]


def test_every_tif_is_a_traveller_with_or_without_docs() -> None:
    result = push(pnrgov("SRC'RCI+BA:A1'TIF+ACME TEAM:G'TIF+TBA+C:A:2'TIF+TBA+D:A:3'", eqn=None))

    assert [(t.surname, t.given_names, t.type) for t in result.bookings[0].travellers] == [
        ("ACME TEAM", "", TravellerType.GROUP),
        ("TBA", "C", TravellerType.ADULT),
        ("TBA", "D", TravellerType.ADULT),
    ]


def test_booking_count_checked_against_eqn_unless_the_push_has_parts() -> None:
    body = "SRC'RCI+BA:A1'TIF+X+Y:A:1'"
    single = push(pnrgov(body, eqn="EQN+3'"))
    part = push(pnrgov(body, eqn="EQN+3'", unh_extra="+01:C"))

    assert [(w.code, w.segment, w.tag) for w in single.warnings] == [("count_mismatch", 6, "EQN")]
    assert "3 PNRs declared (EQN), 1 present" in single.warnings[0].detail
    assert (part.declared_bookings, codes(part)) == (3, [])


def bookings_on(flight: str, count: int) -> str:
    return "".join(f"SRC'RCI+BA:PNR{i}'TIF+X{i}+Y:A:1'{flight}" for i in range(count))


def test_header_flight_in_no_booking_gives_way_to_the_common_flight() -> None:
    # As the synthetic pushes: header copied from the guide, PNRs on the real flight.
    legs = "TVL+200417:2200::0630+IAD+LHR+BA+216'TVL+210417:0940::1245+LHR+IAD+BA+217'"
    result = push(
        pnrgov(
            "SRC'RCI+BA:P1'TIF+A+B:A:1'TVL+210417:0940::1245+LHR+IAD+BA+217:B'"
            + bookings_on(legs, 2),
            flight="TVL+121210:0915+LHR+JFK+DL+324'",
            eqn="EQN+3'",
        )
    )

    assert (result.flight.carrier, result.flight.flight_number) == ("BA", "217")
    assert result.flight.departure_utc == datetime(2017, 4, 21, 8, 40, tzinfo=UTC)
    (warning,) = result.warnings
    assert (warning.code, warning.segment, warning.tag) == ("header_flight_mismatch", 5, "TVL")
    assert "DL324 LHR-JFK is in no booking; BA217 LHR-IAD, common to all 3" in warning.detail


def test_header_flight_kept_when_no_single_flight_is_common() -> None:
    legs = "TVL+200417:2200::0630+IAD+LHR+BA+216'TVL+210417:0940::1245+LHR+IAD+BA+217'"
    result = push(pnrgov(bookings_on(legs, 2), flight="TVL+121210:0915+LHR+JFK+DL+324'", eqn=None))

    assert (result.flight.carrier, result.flight.flight_number) == ("DL", "324")
    assert codes(result) == ["header_flight_not_in_bookings"]


def test_header_flight_found_as_a_codeshare_operating_flight_is_kept() -> None:
    result = push(
        pnrgov(
            "SRC'RCI+BA:A1'TIF+X+Y:A:1'TVL+210417:0940::1245+LHR+IAD+AA:BA+6133:Y'TVL+++++217:Y'"
        )
    )

    assert (result.flight.carrier, result.flight.flight_number, codes(result)) == ("BA", "217", [])


def test_no_flight_anywhere_is_a_located_error() -> None:
    with pytest.raises(MessageStructureError) as raised:
        push(pnrgov("SRC'RCI+BA:A1'TIF+X+Y:A:1'", flight=None))

    assert (raised.value.segment, raised.value.tag) == (2, "UNH")


def test_repeated_segments_warn_at_each_place() -> None:
    # The second PNR repeats the first's flight verbatim: read once, warned at both places.
    leg = "TVL+210417:0940::1245+LHR+XXQ+BA+217'"
    result = push(
        pnrgov(f"SRC'RCI+BA:A1'TIF+A+B:A:1'{leg}SRC'RCI+BA:A2'TIF+C+D:A:1'{leg}", eqn=None)
    )

    assert [(w.code, w.segment) for w in result.warnings] == [
        ("unknown_airport", 9),  # UNB, UNH, MSG, ORG, TVL (header), SRC, RCI, TIF, TVL
        ("unknown_airport", 13),
    ]
    assert [b.itinerary[0].arrival_airport for b in result.bookings] == ["XXQ", "XXQ"]


def test_two_digit_years_read_against_the_bookings_when_the_header_flight_is_in_none() -> None:
    # Header dated 2010 and in no booking: a child born in 2012 must not be read as born 1912.
    docs = "SSR+DOCS:HK:1:BA:::::/P/GBR/1/GBR/05JUL12/M/01JAN25/X/Y'"
    legs = "TVL+200417:2200::0630+IAD+LHR+BA+216'TVL+210417:0940::1245+LHR+IAD+BA+217'"
    result = push(
        pnrgov(f"SRC'RCI+BA:A1'TIF+X+Y:C:1'{docs}{legs}", flight="TVL+121210:0915+LHR+JFK+DL+324'")
    )

    assert codes(result) == ["header_flight_not_in_bookings"]
    (document,) = result.bookings[0].travellers[0].documents
    assert document.date_of_birth == date(2012, 7, 5)
