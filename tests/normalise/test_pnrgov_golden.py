"""PNRGOV into PnrPush, value by value, on small hand-written pushes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from paxscreen.normalise.canonical_pnr import (
    Booking,
    PnrPush,
    PnrTraveller,
    PushKind,
    SensitiveCategory,
    TravellerType,
)
from paxscreen.normalise.privacy import PrivacyPolicy
from tests.normalise.pnrgov_input import codes, pnrgov, push

CARD = "4111111111111111"  # a test card number that passes the Luhn check
FIRST_PNR = (
    "SRC'"
    "RCI+BA:ABC123::150417:1030+1A:XYZ987'"
    "DAT+700:150417:1030+710:200417:0815'"
    "ORG+1A:MUC+12345678:111111+LON++A+GB:GBP+0001AASU'"
    "ADD++702:45 HIGH STREET:SLOUGH:BERKSHIRE::GB:SL1 1AA:00441753637285'"
    "IFT+4:28::BA+CTCE MOLLY..LOBB//GMAIL.COM'"
    "IFT+4:28::BA+THIS PASSENGER IS A VIP'"
    "SSR+KSML:HK:1:BA+::1'"
    "TIF+LOBB+MOLLYMRS:A:1:1'"
    "FTI+BA:12345678:::GOLD'"
    "REF+:PAX001'"
    "FAR+A+++++YLOW'"
    "SSR+DOCS:HK:1:BA:::::/P/GBR/796428965/GBR/13AUG54/F/26APR25/LOBB/MOLLY/ZARA'"
    "SSR+DOCS:HK:1:BA:::::/P/GBR/512731999/GBR/20SEP16/FI/25OCT21/LOBB/SOPHY'"
    "SSR+CTCM:HK:1:BA:::::447700900123'"
    "SSR+WCHR:HK:1:BA'"
    "SSR+PETC:HK:1:BA:::::CAT IN CABIN'"
    "SSR+FQTV:HK:1:BA:::::BA87654321'"
    "SSR+INFT:HK:1:BA:::::LOBB/SOPHY 20SEP16'"
    "TKT+1252345678901:T:1'"
    "MON+B:500.00:GBP+T:560.00:GBP'"
    "PTK+NR++150417:1010+BA+125+LON'"
    "DAT+710:150417'"
    f"FOP+CC::560.00:VI:{CARD}:0925'"
    "IFT+4:43+MOLLY LOBB'"
    "ADD++700:45 HIGH STREET:SLOUGH:::GB:SL1 1AA'"
    "TIF+LOBB+SOPHY:IN:2'"
    "TIF+JONES+WILLIAM:C:3'"
    "TVL+210417:0940::1245+LHR+IAD+BA+0217:Y'"
    "RPI+3+HK'"
    "APD+777'"
    "SSR+SEAT:HK:2:BA:::LHR:IAD+15A::1+15B::3'"
    "DAT+2:210417:0715'"
    "ORG+BA:LHR'"
    "TRI++101:::1'"
    "TIF+LOBB+MOLLYMRS:A:1'"
    "SSD+015A++++Y'"
    "TBD++2:32:700++HP+BA:0125123456:2:IAD'"
    "TRI++102:::9'"
    "TIF+JONES+WILLIAM:C:3'"
    "SSD+15B++++Y'"
    "TVL+250417:1800:260417:0640+IAD+LHR+AA:BA+6133:Y'"
    "TVL+++++216:Y'"
    "RPI+3+HK'"
    "ABI+4+05FD28:GS+LON++BA'"
    "DAT+T:150417:1030'"
    "SAC+++A'"
    "TIF+LOBB+MOLLYMRS:A:1'"
    "SAC+++X'"
    "IFT+4:19+MEAL KOSHER REQUESTED'"
    f"LTS+0/O/FP CC VI{CARD}/0925'"
)
SECOND_PNR = (
    "SRC'"
    "RCI+BA:DEF456'"
    "ORG+BA:LON'"
    "TIF+DORON+NINA MS:A:1'"
    "SSR+DOCS:HK:1:BA::::://///05FEB53/F//DORON/NINA'"
    "IFT+4:28+BA OSI MEET AT GATE'"
    "TVL+210417:0940::1245+LHR+IAD+BA+217:Y'"
    "RPI+1+HK'"
)
FULL_PUSH = pnrgov(FIRST_PNR + SECOND_PNR, eqn="EQN+2'")


@pytest.fixture(scope="module")
def full() -> PnrPush:
    return push(FULL_PUSH)


@pytest.fixture(scope="module")
def molly(full: PnrPush) -> PnrTraveller:
    return full.bookings[0].travellers[0]


def test_push_header(full: PnrPush) -> None:
    assert (full.format, full.directory, full.kind) == ("EDIFACT", "13.1", PushKind.FULL)
    assert full.sender is not None
    assert (full.sender.airline, full.sender.location) == ("BA", "LON")
    assert full.declared_bookings == 2
    flight = full.flight
    assert (flight.carrier, flight.flight_number, flight.reported) == ("BA", "217", True)
    assert (flight.departure_airport, flight.arrival_airport) == ("LHR", "IAD")
    assert flight.departure_local == datetime(2017, 4, 21, 9, 40)
    assert flight.departure_utc == datetime(2017, 4, 21, 8, 40, tzinfo=UTC)  # BST
    assert flight.arrival_utc == datetime(2017, 4, 21, 16, 45, tzinfo=UTC)  # EDT
    assert (full.source.sender, full.source.message_ref) == ("BA", "1")


def test_booking_locators_dates_agency_and_address(full: PnrPush) -> None:
    booking = full.bookings[0]

    assert booking.locator == "ABC123"
    assert [(r.system, r.locator, r.created) for r in booking.locators] == [
        ("BA", "ABC123", datetime(2017, 4, 15, 10, 30, tzinfo=UTC)),
        ("1A", "XYZ987", None),
    ]
    assert booking.created == datetime(2017, 4, 15, 10, 30, tzinfo=UTC)
    assert booking.modified == datetime(2017, 4, 20, 8, 15, tzinfo=UTC)
    agency = booking.agency
    assert agency is not None
    assert (agency.airline, agency.location, agency.iata_number) == ("1A", "MUC", "12345678")
    assert (agency.agent, agency.originator_type, agency.country) == ("0001AASU", "A", "GBR")
    (address,) = booking.addresses
    assert (address.purpose, address.street, address.city) == ("702", "45 HIGH STREET", "SLOUGH")
    assert (address.region, address.postal_code, address.country) == ("BERKSHIRE", "SL1 1AA", "GBR")
    assert address.phone == "00441753637285"
    assert booking.segment == 7  # UNB, UNH, MSG, ORG, TVL, EQN, then SRC


def test_travellers_names_titles_types_and_references(full: PnrPush) -> None:
    first, second = full.bookings
    assert [
        (t.surname, t.given_names, t.title, t.type, t.reference, t.infant_of)
        for t in first.travellers
    ] == [
        ("LOBB", "MOLLY", "MRS", TravellerType.ADULT, "1", None),
        ("LOBB", "SOPHY", None, TravellerType.INFANT, "2", "1"),
        ("JONES", "WILLIAM", None, TravellerType.CHILD, "3", None),
    ]
    (nina,) = second.travellers
    assert (nina.surname, nina.given_names, nina.title) == ("DORON", "NINA", "MS")


def test_documents_from_docs_and_the_infant_document_moved_to_the_infant(
    full: PnrPush, molly: PnrTraveller
) -> None:
    (passport,) = molly.documents
    assert (passport.type, passport.number, passport.issuing_state) == ("P", "796428965", "GBR")
    assert (passport.date_of_birth, passport.expiry) == (date(1954, 8, 13), date(2025, 4, 26))
    assert (passport.surname, passport.given_names, passport.gender) == ("LOBB", "MOLLY ZARA", "F")
    (infant_passport,) = full.bookings[0].travellers[1].documents
    assert (infant_passport.number, infant_passport.gender, infant_passport.infant) == (
        "512731999",
        "FI",
        True,
    )
    assert infant_passport.date_of_birth == date(2016, 9, 20)
    (partial,) = full.bookings[1].travellers[0].documents
    assert (partial.number, partial.date_of_birth, partial.gender) == (None, date(1953, 2, 5), "F")


def test_contacts_decoded(full: PnrPush, molly: PnrTraveller) -> None:
    booking = full.bookings[0]
    assert [(c.kind, c.value) for c in booking.contacts] == [
        ("phone", "00441753637285"),  # ADD
        ("email", "MOLLY_LOBB@GMAIL.COM"),  # IFT OSI CTCE, AIRIMP-encoded
    ]
    assert [(c.kind, c.value) for c in molly.contacts] == [("phone", "447700900123")]  # CTCM


def test_frequent_flyers_fare_and_passenger_reference(molly: PnrTraveller) -> None:
    assert [(f.airline, f.number, f.tier) for f in molly.frequent_flyers] == [
        ("BA", "12345678", "GOLD"),  # FTI
        ("BA", "87654321", None),  # SSR FQTV
    ]
    assert molly.passenger_ref == "PAX001"
    assert molly.fare is not None
    assert (molly.fare.passenger_type, molly.fare.fare_basis) == ("A", "YLOW")


def test_a_frequent_flyer_number_sent_twice_is_kept_once() -> None:
    result = push(
        pnrgov("SRC'RCI+BA:A1'TIF+X+Y:A:1'FTI+BA:123456:::GOLD'SSR+FQTV:HK:1:BA:::::BA123456'")
    )

    (flyer,) = result.bookings[0].travellers[0].frequent_flyers
    assert (flyer.airline, flyer.number, flyer.tier) == ("BA", "123456", "GOLD")


def test_ticket(molly: PnrTraveller) -> None:
    (ticket,) = molly.tickets
    assert (ticket.number, ticket.type, ticket.coupons) == ("1252345678901", "T", 1)
    assert (ticket.base_amount, ticket.total_amount, ticket.currency) == ("500.00", "560.00", "GBP")
    assert (ticket.refundable, ticket.validating_carrier, ticket.sales_location) == (
        False,
        "BA",
        "LON",
    )
    assert ticket.issue_date == date(2017, 4, 15)


def test_card_keeps_type_last_four_and_expiry_only(full: PnrPush) -> None:
    (payment,) = full.bookings[0].payments
    assert (payment.type, payment.amount) == ("CC", "560.00")
    assert (payment.card_type, payment.card_last4, payment.card_expiry) == ("VI", "1111", "0925")
    assert payment.holder_name == "MOLLY LOBB"
    assert payment.billing_address is not None
    assert (payment.billing_address.street, payment.billing_address.country) == (
        "45 HIGH STREET",
        "GBR",
    )


def test_an_unmasked_card_number_appears_nowhere_in_the_push(full: PnrPush) -> None:
    # Sent in full in the FOP and again in a history line.
    assert CARD in FULL_PUSH
    dumped = full.model_dump_json()
    assert CARD not in dumped
    assert CARD[:12] not in dumped
    assert "VIXXXXXXXXXXXX1111" in dumped  # the history line, masked


def test_a_non_luhn_unmasked_card_is_scrubbed_from_texts_too() -> None:
    number = "5555123412341230"  # fails the Luhn check: only the FOP says it is a card
    result = push(
        pnrgov(
            "SRC'RCI+BA:A1'TIF+X+Y:A:1'"
            f"TKT+1:T'FOP+CC:::CA:{number}:0925'TVL+210417:0940+LHR+IAD+BA+217'"
            f"LTS+0/FP CC CA{number}'"
        )
    )

    assert number not in result.model_dump_json()
    assert result.bookings[0].payments[0].card_last4 == "1230"


def test_itinerary_with_status_equipment_and_codeshare(full: PnrPush) -> None:
    outbound, back = full.bookings[0].itinerary
    assert (outbound.carrier, outbound.flight_number, outbound.booking_class) == ("BA", "217", "Y")
    assert (outbound.status, outbound.seats_booked, outbound.equipment) == ("HK", 3, "777")
    assert (outbound.operating_carrier, outbound.operating_flight_number) == (None, None)
    # Sold as AA 6133, flown as BA 216 (the second TVL carries the operating flight).
    assert (back.carrier, back.flight_number) == ("AA", "6133")
    assert (back.operating_carrier, back.operating_flight_number) == ("BA", "216")
    assert (back.departure_airport, back.arrival_airport) == ("IAD", "LHR")
    assert back.departure_utc == datetime(2017, 4, 25, 22, 0, tzinfo=UTC)
    assert back.arrival_local == datetime(2017, 4, 26, 6, 40)


def test_check_in_seat_bags_and_boarding_number(full: PnrPush, molly: PnrTraveller) -> None:
    (check_in,) = molly.check_ins
    assert check_in.leg == "LHR-IAD BA217"
    assert check_in.checked_in_at == datetime(2017, 4, 21, 7, 15, tzinfo=UTC)
    assert (check_in.agent, check_in.boarding_number) == ("BA LHR", "101")
    assert (check_in.seat, check_in.cabin) == ("15A", "Y")
    assert (check_in.bag_count, check_in.bag_weight, check_in.bag_weight_unit) == (2, 32.0, "KG")
    assert check_in.bag_tags == ("BA0125123456", "BA0125123457")  # 2 in sequence
    assert check_in.head_of_pool is True
    # Found by the TIF name although its TRI names reference 9.
    (william_check_in,) = full.bookings[0].travellers[2].check_ins
    assert (william_check_in.boarding_number, william_check_in.seat) == ("102", "15B")


def test_reserved_seats_from_ssr_seat(full: PnrPush, molly: PnrTraveller) -> None:
    assert [(s.leg, s.seat, s.status) for s in molly.seats] == [("LHR-IAD BA217", "15A", "HK")]
    assert [s.seat for s in full.bookings[0].travellers[2].seats] == ["15B"]


def test_sensitive_ssrs_are_dropped_and_counted_and_others_kept(
    full: PnrPush, molly: PnrTraveller
) -> None:
    # KSML (kosher meal), WCHR (wheelchair), and the history text "MEAL KOSHER REQUESTED".
    assert full.dropped_sensitive == {SensitiveCategory.RELIGION: 2, SensitiveCategory.HEALTH: 1}
    assert [(s.code, s.text) for s in molly.services] == [("PETC", "CAT IN CABIN")]
    dumped = full.model_dump_json()
    for word in ("KSML", "WCHR", "KOSHER"):
        assert word not in dumped
    assert all("KOSHER" not in w.detail for w in full.warnings)


def test_general_remarks_dropped_by_default(full: PnrPush) -> None:
    # "THIS PASSENGER IS A VIP" (booking) and "BA OSI MEET AT GATE" (traveller).
    assert full.dropped_other == {"general_remarks": 2}
    assert all(not b.remarks and all(not t.remarks for t in b.travellers) for b in full.bookings)


def test_general_remarks_kept_when_the_policy_says_so() -> None:
    result = push(FULL_PUSH, PrivacyPolicy(keep_general_remarks=True))

    assert [(r.kind, r.text) for r in result.bookings[0].remarks] == [
        ("OSI", "THIS PASSENGER IS A VIP")
    ]
    assert [(r.kind, r.text) for r in result.bookings[1].travellers[0].remarks] == [
        ("OSI", "BA OSI MEET AT GATE")
    ]
    assert result.dropped_other == {}


def test_unaccompanied_minor_remark_kept_by_default() -> None:
    result = push(pnrgov("SRC'RCI+BA:A1'TIF+X+Y:C:1'IFT+4:28::BA+UMNR TRAVELLING ALONE AGE 9'"))

    (remark,) = result.bookings[0].travellers[0].remarks
    assert remark.text == "UMNR TRAVELLING ALONE AGE 9"


def test_history_and_long_texts(full: PnrPush) -> None:
    history = full.bookings[0].history
    at = datetime(2017, 4, 15, 10, 30, tzinfo=UTC)
    assert [(h.at, h.by, h.action, h.item, h.text) for h in history] == [
        (at, "BA LON 05FD28 GS", "A", "TIF", "LOBB+MOLLYMRS:A:1"),
        # The SAC+++X item's only text was sensitive: dropped, so no entry.
        (None, None, None, "LTS", "0/O/FP CC VIXXXXXXXXXXXX1111/0925"),
    ]


def test_no_warnings_on_the_clean_push(full: PnrPush) -> None:
    assert codes(full) == []


def test_shifted_and_wrapped_docs_are_read_and_reported() -> None:
    result = push(
        pnrgov(
            "SRC'RCI+BA:A1'TIF+TESTSURNAMETHREE+TESTNAMETHREE MR:A:1'"
            "SSR+DOCS:HK:1:AM::::://P/CO/AO589000/CO/14OCT94/M/08MAY23/"
            "TESTSURNA METHREE/TESTNAMETHREE'"
        )
    )

    (document,) = result.bookings[0].travellers[0].documents
    assert (document.surname, document.given_names) == ("TESTSURNAMETHREE", "TESTNAMETHREE")
    assert (document.issuing_state, document.nationality) == ("COL", "COL")
    assert (document.date_of_birth, document.expiry) == (date(1994, 10, 14), date(2023, 5, 8))
    assert codes(result) == ["shifted_document", "country_alpha2", "country_alpha2", "wrapped_name"]
    assert {w.segment for w in result.warnings} == {10}  # UNB, UNH, MSG, ORG, TVL, EQN, ...


def test_every_push_survives_validation_of_its_dump(full: PnrPush) -> None:
    assert PnrPush.model_validate(full.model_dump()) == full
    assert Booking.model_validate(full.bookings[0].model_dump()) == full.bookings[0]
