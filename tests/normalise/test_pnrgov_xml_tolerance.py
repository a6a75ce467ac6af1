"""What senders get wrong or leave out is tolerated: a warning, never a crash, and never a
booking or passenger dropped."""

from __future__ import annotations

from datetime import UTC, datetime

from paxscreen.normalise.canonical_pnr import PnrPush, PushKind, TravellerType
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy

IATA = "http://www.iata.org/IATA/2007/00"
FLIGHT_LEG = """<FlightLeg CarrierCode="LH" FlightNumber="400"
    DepartureDateTime="2024-05-01T13:30:00" ArrivalDateTime="2024-05-01T15:55:00">
  <DepartureAirport LocationCode="FRA"/><ArrivalAirport LocationCode="JFK"/>
</FlightLeg>"""


def notif(content: str, attributes: str = 'MessageFunction="22" Version="13.1"') -> str:
    return f'<IATA_PNRGOV_NotifRQ xmlns="{IATA}" {attributes}>{content}</IATA_PNRGOV_NotifRQ>'


def read(body: str | bytes) -> list[PnrPush]:
    data = body.encode() if isinstance(body, str) else body
    return normalise_pnrgov_xml(data, PrivacyPolicy())


def read_one(content: str, attributes: str = 'MessageFunction="22" Version="13.1"') -> PnrPush:
    (result,) = read(notif(content, attributes))
    return result


def codes(result: PnrPush) -> list[str]:
    return [warning.code for warning in result.warnings]


def test_a_push_without_pnrs_is_an_empty_push() -> None:
    result = read_one(FLIGHT_LEG)
    assert (result.bookings, result.declared_bookings, codes(result)) == ((), None, [])


def test_a_nameless_passenger_is_kept_and_warned_about() -> None:
    result = read_one(
        FLIGHT_LEG + '<PNRs><PNR><BookingRefID ID="A1"/><Passenger RPH="7"/></PNR></PNRs>'
    )
    (traveller,) = result.bookings[0].travellers
    assert (traveller.reference, traveller.surname, traveller.given_names) == ("7", "", "")
    assert codes(result) == ["missing_value"]


def test_every_passenger_of_every_pnr_is_kept() -> None:
    pnrs = "".join(
        f'<PNR><BookingRefID ID="L{i}"/>'
        + "".join(f"<Passenger><Surname>P{i}X{j}</Surname></Passenger>" for j in range(i))
        + "</PNR>"
        for i in range(1, 6)
    )
    result = read_one(FLIGHT_LEG + f'<PNRs NumberOfPnrs="5">{pnrs}</PNRs>')
    assert [len(b.travellers) for b in result.bookings] == [1, 2, 3, 4, 5]
    assert result.bookings[4].travellers[4].surname == "P5X4"


def test_bad_dates_and_codes_are_warned_and_left_out() -> None:
    result = read_one(
        """<FlightLeg CarrierCode="LH" FlightNumber="400" DepartureDateTime="2024-13-01T10:00:00"
            ArrivalDateTime="2024-05-01">
          <DepartureAirport LocationCode="QQQ"/><ArrivalAirport LocationCode="JFK"/>
        </FlightLeg>
        <PNRs><PNR PNR_CreationDate="yesterday"><BookingRefID ID="A1"/>
          <Passenger RPH="1"><Surname>Doe</Surname>
            <DOC_SSR SSRCode="DOCS"><DOCS DocType="Q" DocID="X1" DateOfBirth="31FEB90"
                PaxNationality="ZZZ" Gender="W"/></DOC_SSR>
          </Passenger>
        </PNR></PNRs>"""
    )
    flight = result.flight
    assert (flight.departure_airport, flight.departure_local, flight.departure_utc) == (
        "QQQ",
        None,
        None,
    )
    assert flight.arrival_local == datetime(2024, 5, 1)
    booking = result.bookings[0]
    assert booking.created is None
    (document,) = booking.travellers[0].documents
    assert (document.number, document.date_of_birth, document.nationality) == ("X1", None, "ZZZ")
    assert (document.type, document.gender) == ("Q", "W")
    assert codes(result) == [
        "unknown_airport",
        "invalid_date",  # month 13
        "missing_time",  # arrival without a time of day
        "invalid_date",  # 31FEB90
        "unknown_country",
        "unknown_document_type",
        "unknown_gender",
        "invalid_date",  # PNR_CreationDate
    ]


def test_push_kind_not_stated_or_unknown_reads_as_full_with_a_warning() -> None:
    for attributes in ('Version="13.1"', 'Version="13.1" PushType="Sometimes"'):
        result = read_one(FLIGHT_LEG, attributes)
        assert result.kind is PushKind.FULL
        assert codes(result) == ["push_kind_not_stated"]
    assert read_one(FLIGHT_LEG, 'Version="13.1" PushType="Update"').kind is PushKind.UPDATE


def test_an_empty_pnr_is_cancelled_in_an_update_and_kept_in_a_full_push() -> None:
    content = FLIGHT_LEG + '<PNRs><PNR><BookingRefID ID="GONE01"/></PNR></PNRs>'
    update = read_one(content, 'Version="13.1" MessageFunction="141"')
    assert update.bookings[0].cancelled is True
    full = read_one(content)
    assert (full.bookings[0].cancelled, codes(full)) == (False, ["empty_booking"])


def test_unread_elements_are_listed_by_name_only() -> None:
    result = read_one(
        FLIGHT_LEG
        + """<Surprise>SECRET CONTENT</Surprise><PNRs><PNR><BookingRefID ID="A1"/>
          <LoyaltyDetails>MORE</LoyaltyDetails>
          <Passenger><Surname>Doe</Surname><Hobby>CHESS</Hobby></Passenger></PNR></PNRs>"""
    )
    (warning,) = result.warnings
    assert warning.code == "unread_elements"
    assert warning.detail.endswith("Hobby, LoyaltyDetails, Surprise")
    assert "SECRET" not in result.model_dump_json()


def test_flight_leg_carrier_falls_back_to_number_prefix_or_originator() -> None:
    prefixed = read_one(
        FLIGHT_LEG.replace('CarrierCode="LH" FlightNumber="400"', 'FlightNumber="LH0400A"')
    )
    assert (prefixed.flight.carrier, prefixed.flight.flight_number) == ("LH", "400A")
    originator = read_one(
        '<Originator AirlineCode="OS"/>' + FLIGHT_LEG.replace('CarrierCode="LH" ', "")
    )
    assert (originator.flight.carrier, originator.flight.flight_number) == ("OS", "400")


def test_second_flight_leg_and_extra_pnrs_are_warned_about() -> None:
    result = read_one(
        FLIGHT_LEG
        + FLIGHT_LEG.replace("400", "401")
        + '<PNRs NumberOfPnrs="1"><PNR><BookingRefID ID="A"/></PNR>'
        + '<PNR><BookingRefID ID="B"/></PNR></PNRs>'
    )
    assert result.flight.flight_number == "400"
    assert len(result.bookings) == 2
    assert codes(result) == ["extra_flight_leg", "empty_booking", "empty_booking", "count_mismatch"]


def test_pushes_in_a_soap_body_or_a_wrapper_are_each_read() -> None:
    one, two = notif(FLIGHT_LEG), notif(FLIGHT_LEG.replace("400", "402"))
    soap = f"""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
      <soap:Header/><soap:Body>{one}</soap:Body></soap:Envelope>"""
    assert [p.flight.flight_number for p in read(soap)] == ["400"]
    batch = read(f"<Batch>{one}{two}</Batch>")
    assert [(p.flight.flight_number, p.source.message_ref) for p in batch] == [
        ("400", "1"),
        ("402", "2"),
    ]


def test_a_declared_encoding_is_honoured() -> None:
    body = notif(
        FLIGHT_LEG + "<PNRs><PNR><Passenger><Surname>Müller</Surname>"
        "<GivenName>José</GivenName></Passenger></PNR></PNRs>"
    )
    latin1 = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + body).encode("latin-1")
    (result,) = read(latin1)
    traveller = result.bookings[0].travellers[0]
    assert (traveller.surname, traveller.given_names) == ("MÜLLER", "JOSÉ")


def test_non_air_segments_and_passenger_types() -> None:
    result = read_one(
        FLIGHT_LEG
        + """<PNRs><PNR><BookingRefID ID="A1"/>
          <Passenger PassengerTypeCode="INF"><Surname>Doe</Surname></Passenger>
          <Passenger PassengerTypeCode="ZZZ"><Surname>Roe</Surname></Passenger>
          <HotelInfo HotelName="HARBOUR INN" Status="HK"/>
        </PNR></PNRs>"""
    )
    booking = result.bookings[0]
    assert [t.type for t in booking.travellers] == [TravellerType.INFANT, TravellerType.OTHER]
    (hotel,) = booking.itinerary
    assert (hotel.non_air, hotel.description, hotel.status) == (True, "hotel HARBOUR INN", "HK")


def test_check_in_time_with_an_offset_is_taken_as_given() -> None:
    result = read_one(
        FLIGHT_LEG
        + """<PNRs><PNR><Passenger RPH="1"><Surname>Doe</Surname></Passenger>
          <Flight FlightNumber="400" DepartureDateTime="2024-05-01T13:30:00">
            <DepartureAirport LocationCode="FRA"/><ArrivalAirport LocationCode="JFK"/>
            <MarketingAirline Code="LH"/>
            <CheckInInfo Time="2024-05-01T09:00:00Z"><BoardingNumber Number="1"/></CheckInInfo>
          </Flight></PNR></PNRs>"""
    )
    (check_in,) = result.bookings[0].travellers[0].check_ins  # the PNR's only traveller
    assert check_in.checked_in_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def test_sender_values_quoted_in_warnings_are_capped() -> None:
    result = read_one(
        FLIGHT_LEG.replace(
            'DepartureDateTime="2024-05-01T13:30:00"', 'DepartureDateTime="' + "9" * 50_000 + '"'
        )
    )
    (warning,) = result.warnings
    assert warning.code == "invalid_date"
    assert len(warning.detail) <= 300
