"""Hand-written PNRGOV XML pushes (tests/data/pnrgov_xml) and exactly what they normalise to."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from paxscreen.normalise.canonical import FlightLeg, MessageSource
from paxscreen.normalise.canonical_pnr import (
    Agency,
    BillingAddress,
    Booking,
    CheckIn,
    FrequentFlyer,
    ItineraryLeg,
    Payment,
    PnrAddress,
    PnrContact,
    PnrDocument,
    PnrPush,
    PnrTraveller,
    PushKind,
    RecordLocator,
    Remark,
    SensitiveCategory,
    SpecialService,
    Ticket,
    TravellerType,
)
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy

DATA = Path(__file__).parent.parent / "data" / "pnrgov_xml"


def push(name: str) -> PnrPush:
    pushes = normalise_pnrgov_xml((DATA / name).read_bytes(), PrivacyPolicy())
    assert len(pushes) == 1
    return pushes[0]


def warning_codes(result: PnrPush) -> list[tuple[str, str | None, int | None]]:
    return [(w.code, w.tag, w.segment) for w in result.warnings]


@pytest.fixture(scope="module")
def full() -> PnrPush:
    return push("full_push.xml")


@pytest.fixture(scope="module")
def obrien(full: PnrPush) -> Booking:
    return full.bookings[0]


def test_full_push_header_flight_and_source(full: PnrPush) -> None:
    assert (full.format, full.directory, full.kind) == ("XML", "13.1", PushKind.FULL)
    assert full.sender == Agency(airline="LH")
    assert full.declared_bookings == 2
    assert full.flight == FlightLeg(
        carrier="LH",
        flight_number="400",  # "0400" without its leading zero
        departure_airport="FRA",
        arrival_airport="JFK",
        departure_local=datetime(2024, 5, 1, 13, 30),
        departure_utc=datetime(2024, 5, 1, 11, 30, tzinfo=UTC),  # CEST
        arrival_local=datetime(2024, 5, 1, 15, 55),
        arrival_utc=datetime(2024, 5, 1, 19, 55, tzinfo=UTC),  # EDT
        reported=True,
    )
    assert full.source == MessageSource(
        sender="LH", recipient="", interchange_ref="TX-7781", message_ref="LH400-20240501-01"
    )


def test_full_push_warnings_are_located_by_line(full: PnrPush) -> None:
    assert warning_codes(full) == [
        ("country_alpha2", "ContactInfo", 23),
        ("country_alpha2", "BillingAddress", 48),
        ("missing_locator", "PNR", 111),
        ("count_mismatch", "PNR", 111),
    ]


def test_booking_locators_dates_agency_and_contacts(obrien: Booking) -> None:
    assert obrien.locators == (
        RecordLocator(system="1A", locator="ABC123"),  # upper-cased
        RecordLocator(system="LH", locator="XYZ789", kind="O"),
    )
    assert obrien.locator == "ABC123"
    assert obrien.created == datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
    assert obrien.modified == datetime(2024, 4, 30, 18, 0, tzinfo=UTC)  # no offset: UTC
    assert obrien.agency == Agency(
        airline="LH",
        location="MUC",
        iata_number="23456789",
        agent="A1B2",
        originator_type="5",
        country="DE",
        currency="EUR",
    )
    assert obrien.contacts == (
        PnrContact(kind="phone", value="+49 89 1234567"),
        PnrContact(kind="email", value="booker@example.com"),
    )
    assert obrien.addresses == (
        PnrAddress(
            street="Hauptstrasse 1", city="Munich", region="BY", postal_code="80331", country="DEU"
        ),
    )
    assert obrien.excess_baggage is not None
    assert "UnitOfMeasureQuantity=2" in obrien.excess_baggage
    assert obrien.segment == 14  # the PNR's line


def test_traveller_names_references_loyalty_fare_and_tickets(obrien: Booking) -> None:
    mary, liam = obrien.travellers
    assert (mary.surname, mary.given_names, mary.title) == ("O'BRIEN", "MARY ANN", "MRS")
    assert (mary.reference, mary.passenger_ref, mary.type) == ("1", "PAX0001", TravellerType.ADULT)
    assert (liam.surname, liam.given_names, liam.type) == ("O'BRIEN", "LIAM", TravellerType.CHILD)
    assert mary.frequent_flyers == (FrequentFlyer(airline="LH", number="992003456789", tier="SEN"),)
    assert mary.fare is not None
    assert (mary.fare.passenger_type, mary.fare.fare_basis) == ("ADT", "YFLEX")
    assert mary.tickets == (
        Ticket(
            number="2201234567890",
            type="T",
            issue_date=date(2024, 3, 1),
            total_amount="1234.56",
            currency="EUR",
            sales_location="MUC",
            refundable=True,
        ),
    )


def test_documents_structured_and_airimp_text_linked_by_rph(obrien: Booking) -> None:
    mary, liam = obrien.travellers
    assert mary.documents == (
        PnrDocument(
            ssr="DOCS",
            type="P",
            number="C01X00T47",
            issuing_state="IRL",
            nationality="IRL",
            date_of_birth=date(1980, 12, 24),
            gender="F",
            expiry=date(2030, 6, 30),
            surname="OBRIEN",
            given_names="MARY ANN",
        ),
    )
    # From the Flight's SSR DOCS text, RPH 2; two-digit years read against the flight date.
    assert liam.documents == (
        PnrDocument(
            ssr="DOCS",
            type="P",
            number="P1234567",
            issuing_state="IRL",
            nationality="IRL",
            date_of_birth=date(2015, 6, 15),
            gender="M",
            expiry=date(2029, 6, 15),
            surname="OBRIEN",
            given_names="LIAM",
        ),
    )
    assert mary.addresses == (
        PnrAddress(
            purpose="D",
            street="1 Park Ave",
            city="New York",
            region="NY",
            postal_code="10016",
            country="USA",
        ),
    )
    assert mary.contacts == (PnrContact(kind="phone", value="4915112345678"),)  # SSR CTCM


def test_services_and_remarks_after_the_privacy_filter(full: PnrPush, obrien: Booking) -> None:
    mary, liam = obrien.travellers
    assert mary.services == (
        SpecialService(code="SEAT", status="HK", airline="LH", text="24A", leg="FRA:JFK"),
    )
    assert liam.services == (SpecialService(code="UMNR", status="HK", airline="LH", text="UM10"),)
    assert liam.remarks == (Remark(kind="OSI", text="UNACCOMPANIED MINOR MET BY MOTHER AT JFK"),)
    assert obrien.remarks == ()
    # KSML and the "MUSLIM" remark (religion), WCHR (health); the agent OSI is not Annex I.
    assert full.dropped_sensitive == {SensitiveCategory.RELIGION: 2, SensitiveCategory.HEALTH: 1}
    assert full.dropped_other == {"general_remarks": 1}


def test_itinerary_with_marketing_and_operating_carriers(obrien: Booking) -> None:
    frankfurt, connection = obrien.itinerary
    assert frankfurt == ItineraryLeg(
        carrier="LH",
        flight_number="400",
        operating_carrier="LH",
        operating_flight_number="400",
        departure_airport="FRA",
        arrival_airport="JFK",
        departure_local=datetime(2024, 5, 1, 13, 30),
        departure_utc=datetime(2024, 5, 1, 11, 30, tzinfo=UTC),
        arrival_local=datetime(2024, 5, 1, 15, 55),
        arrival_utc=datetime(2024, 5, 1, 19, 55, tzinfo=UTC),
        booking_class="Y",
        status="HK",
        seats_booked=2,
        equipment="748",
    )
    # Code share: sold as LH7606, flown as UA1234; the arrival is sent as a time of day only.
    assert (connection.carrier, connection.flight_number) == ("LH", "7606")
    assert (connection.operating_carrier, connection.operating_flight_number) == ("UA", "1234")
    assert connection.arrival_local == datetime(2024, 5, 1, 19, 25)
    assert connection.arrival_utc == datetime(2024, 5, 1, 23, 25, tzinfo=UTC)


def test_check_ins_by_rph_and_by_name(obrien: Booking) -> None:
    mary, liam = obrien.travellers
    assert mary.check_ins == (
        CheckIn(
            leg="FRA-JFK LH400",
            checked_in_at=datetime(2024, 5, 1, 8, 5, tzinfo=UTC),  # 10:05 local at FRA
            agent="FRACKI01",
            boarding_number="045",
            seat="24A",  # "024A" as the DCS sends it
            cabin="Y",
            bag_count=2,
            bag_weight=37.5,
            bag_weight_unit="KG",
            bag_tags=("LH0220123456", "LH0220123457"),
            head_of_pool=True,
        ),
    )
    (liam_check_in,) = liam.check_ins  # no RPH: matched by the names under BoardingNumber
    assert (liam_check_in.boarding_number, liam_check_in.seat) == ("046", "24B")
    assert liam_check_in.bag_tags == ()


def test_payment_card_kept_masked_with_billing_address(obrien: Booking) -> None:
    assert obrien.payments == (
        Payment(
            type="CC",
            amount="1234.56",
            card_type="VI",
            card_last4="1111",
            card_expiry="0527",
            holder_name="MARY OBRIEN",
            billing_address=BillingAddress(
                street="Hauptstrasse 1", city="Munich", postal_code="80331", country="DEU"
            ),
        ),
    )


def test_booking_without_locator_and_passenger_without_documents_are_kept(
    full: PnrPush,
) -> None:
    chen = full.bookings[1]
    assert chen.locators == ()
    assert chen.created == datetime(2024, 4, 2, 9, 0, tzinfo=UTC)  # +02:00 converted
    assert chen.travellers == (PnrTraveller(reference="1", surname="CHEN", given_names="WEI"),)
    assert chen.payments == (Payment(type="CA", amount="600.00"),)


def test_update_push_in_a_prefixed_namespace() -> None:
    result = push("update_push_prefixed.xml")
    assert (result.kind, result.directory) == (PushKind.UPDATE, "16.1")
    assert (result.flight.carrier, result.flight.flight_number) == ("BA", "117")
    # The departure carries an offset: that wins over the airport's zone.
    assert result.flight.departure_utc == datetime(2024, 6, 5, 7, 25, tzinfo=UTC)
    assert result.flight.arrival_utc == datetime(2024, 6, 5, 15, 10, tzinfo=UTC)
    assert (result.source.part_number, result.source.part_flag) == (3, "F")
    cancelled, changed = result.bookings
    assert (cancelled.locator, cancelled.cancelled, cancelled.travellers) == ("CANX01", True, ())
    assert (changed.locator, changed.cancelled) == ("UPD002", False)
    (silva,) = changed.travellers
    assert silva.contacts == (PnrContact(kind="email", value="ana.silva@example.org"),)
    assert silva.frequent_flyers == (FrequentFlyer(airline="BA", number="12345678"),)
    passport, visa = silva.documents
    assert passport == PnrDocument(
        ssr="DOCS",
        type="P",
        number="CA1234567",
        issuing_state="PRT",
        nationality="PRT",
        date_of_birth=date(1991, 3, 3),  # AIRIMP dates in attributes: 03MAR91, 02FEB31
        gender="F",
        expiry=date(2031, 2, 2),
        surname="SILVA",
        given_names="ANA",
    )
    assert visa == PnrDocument(
        ssr="DOCO",
        type="V",
        number="V7654321",
        place_of_birth="LISBON",
        place_of_issue="LISBON",
        issue_date=date(2023, 11, 20),
        applicable_country="USA",
    )
    assert warning_codes(result) == [
        ("missing_value", "CustLoyalty", 23),  # no MembershipID
        ("country_alpha2", "DOCO", 30),
    ]


def test_mixed_namespaces_airimp_documents_and_unmatched_items() -> None:
    result = push("mixed_namespaces.xml")
    assert result.kind is PushKind.FULL
    (booking,) = result.bookings
    assert [locator.locator for locator in booking.locators] == ["Q3BQ9K", "RQAX7T"]
    zofia, piotr, jan = booking.travellers
    assert [t.given_names for t in booking.travellers] == ["ZOFIA", "PIOTR", "JAN"]
    assert zofia.contacts == (PnrContact(kind="email", value="ZNOWAK@EXAMPLE.PL"),)
    assert [d.number for d in zofia.documents] == [None, "EA5345321"]
    (piotr_passport,) = piotr.documents  # "HK1/" before the fields; a second given name
    assert (piotr_passport.number, piotr_passport.given_names) == ("ZC9038024", "PIOTR ADAM")
    assert piotr_passport.date_of_birth == date(2022, 12, 30)
    assert piotr.type is TravellerType.CHILD  # from SSR CHLD
    assert [(c.boarding_number, c.seat, c.cabin) for c in piotr.check_ins] == [
        ("LHR-032", "6F", "M")
    ]
    assert jan.documents == ()  # a passenger without DOCS is still a traveller
    assert warning_codes(result) == [
        ("push_kind_not_stated", "IATA_PNRGOV_NotifRQ", 5),
        ("shifted_document", "SSR", 48),  # "HK1/" before the document type
        ("shifted_document", "SSR", 48),
        ("unlinked_item", "SSR", 56),  # DOCS for RPH 99999999
        ("unmatched_check_in", "BoardingNumber", 68),
    ]
    assert "KOWALSKI" not in result.model_dump_json()  # the unlinked DOCS is not kept
