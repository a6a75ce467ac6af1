"""Small hand-written PAXLST messages and exactly what they normalise to.

Segment numbers in the comments are the positions the reader gives (UNA not counted).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from paxscreen.normalise.canonical import (
    Address,
    Bags,
    Contact,
    FlightLeg,
    ManifestAction,
    ManifestKind,
    MessageSource,
    ReportingParty,
    TravelDocument,
    TravellerRole,
)
from tests.normalise.edifact_input import manifest, minimal_paxlst, warning_places

PASSENGER_LIST = """UNA:+.? '
UNB+UNOA:4+AIR1:ZZ+DHS:ZZ+170127:1200+000000001++APIS'
UNG+PAXLST+AIR1+DHS+170127:1200+1+UN+D:05B'
UNH+PAX001+PAXLST:D:05B:UN:IATA+UA0989/170127+01:F'
BGM+745'
RFF+TN:TX12345:::1'
NAD+MS+++JOHN  SMITH'
COM+703-555-1212:TE+703-555-4545:FX+OPS.DESK(AT)AIR1.EXAMPLE:EM'
TDT+20+UA0989+++UA'
LOC+125+FRA'
DTM+189:1701271725:201'
LOC+87+IAD'
DTM+232:1701272010:201'
NAD+FL+++o?'brien:  mary  ann:jo+12 MAIN ST:APT 4+HARTFORD+:::CT+06103+USA'
ATT+2++F'
DTM+329:171201'
MEA+CT++2'
MEA+WT++KGM:23.5'
FTX+BAG+++UA123456:3'
LOC+22+IAD'
LOC+174+USA'
LOC+178+FRA'
LOC+179+IAD'
LOC+180+:::Hartford  USA'
COM+860-555-0100:TE'
NAT+2+USA'
RFF+AVF:ABC123'
RFF+ABO:PAX0001'
RFF+SEA:23C'
RFF+AEA:1234567890ABC'
DOC+P:110:111+ab 123456'
DTM+36:270630'
DTM+182:170105'
LOC+91+USA'
DOC+V+V998877'
DTM+36:180101'
LOC+91+USA'
NAD+FL+++CLARK:MICHAEL'
ATT+2++Q'
DTM+329:160229'
LOC+178+XQZ'
NAT+2+DE'
DOC+P+C01X00T47'
DTM+36:210229'
LOC+91+D'
DOC+QQ+AB123456'
LOC+91+USA'
CNT+42:3'
UNT+46+PAX001'
UNE+1+1'
UNZ+1+000000001'
"""


def test_passenger_list_header_leg_and_source() -> None:
    result = manifest(PASSENGER_LIST)

    assert (result.directory, result.document_code, result.document_subtype) == (
        "D05B",
        "745",
        None,
    )
    assert (result.kind, result.action) == (ManifestKind.PASSENGER_LIST, ManifestAction.REPORT)
    assert result.transaction_ref == "TX12345"
    assert result.reporting_party == ReportingParty(
        name="JOHN SMITH",
        contacts=(
            Contact(kind="TE", value="703-555-1212"),
            Contact(kind="FX", value="703-555-4545"),
            Contact(kind="EM", value="OPS.DESK(AT)AIR1.EXAMPLE"),
        ),
    )
    assert result.legs == (
        FlightLeg(
            carrier="UA",
            flight_number="989",
            departure_airport="FRA",
            arrival_airport="IAD",
            departure_local=datetime(2017, 1, 27, 17, 25),
            departure_utc=datetime(2017, 1, 27, 16, 25, tzinfo=UTC),  # CET, UTC+1
            arrival_local=datetime(2017, 1, 27, 20, 10),
            arrival_utc=datetime(2017, 1, 28, 1, 10, tzinfo=UTC),  # EST, UTC-5
            reported=True,
        ),
    )
    assert result.flight.departure_utc is not None
    assert result.flight.departure_utc.utcoffset() is not None  # aware, not naive
    assert result.declared_passengers == 3
    assert result.declared_crew is None
    assert result.source == MessageSource(
        sender="AIR1",
        recipient="DHS",
        interchange_ref="000000001",
        message_ref="PAX001",
        common_access_ref="UA0989/170127",
        part_number=1,
        part_flag="F",
    )


def test_passenger_with_every_item() -> None:
    obrien = manifest(PASSENGER_LIST).travellers[0]

    assert obrien.role is TravellerRole.PASSENGER
    assert (obrien.surname, obrien.given_names) == ("O'BRIEN", "MARY ANN JO")
    assert obrien.gender == "F"
    # 171201 with a 2017-01-27 flight: 2017-12-01 would be after the flight, so 1917.
    assert obrien.date_of_birth == date(1917, 12, 1)
    assert (obrien.nationality, obrien.residence_country) == ("USA", "USA")
    assert (obrien.embarkation, obrien.debarkation, obrien.clearance) == ("FRA", "IAD", "IAD")
    assert obrien.place_of_birth == "Hartford USA"
    assert obrien.address == Address(
        street="12 MAIN ST APT 4", city="HARTFORD", region="CT", postal_code="06103", country="USA"
    )
    assert obrien.contacts == (Contact(kind="TE", value="860-555-0100"),)
    assert (obrien.reservation_ref, obrien.passenger_ref, obrien.seat) == (
        "ABC123",
        "PAX0001",
        "23C",
    )
    assert obrien.other_refs == {"AEA": "1234567890ABC"}
    assert obrien.bags == Bags(
        count=2, weight=23.5, weight_unit="KGM", tags=("UA123456", "UA123457", "UA123458")
    )
    assert obrien.documents == (
        TravelDocument(
            type="P",
            number="AB123456",
            expiry=date(2027, 6, 30),
            issue_date=date(2017, 1, 5),
            issuing_state="USA",
            segment=30,
        ),
        TravelDocument(
            type="V", number="V998877", expiry=date(2018, 1, 1), issuing_state="USA", segment=34
        ),
    )
    assert obrien.segment == 13


def test_unknown_and_unparseable_values_are_kept_or_left_out_with_warnings() -> None:
    result = manifest(PASSENGER_LIST)
    clark = result.travellers[1]

    assert clark.gender == "Q"  # kept as sent
    assert clark.date_of_birth == date(2016, 2, 29)
    assert clark.embarkation == "XQZ"  # kept as sent
    assert clark.nationality == "DEU"  # alpha-2 DE mapped
    passport, other = clark.documents
    assert (passport.number, passport.expiry, passport.issuing_state) == ("C01X00T47", None, "D")
    assert (other.type, other.number, other.issuing_state) == ("QQ", "AB123456", "USA")
    assert warning_places(result) == [
        ("unknown_gender", 38, "ATT"),
        ("unknown_airport", 40, "LOC"),
        ("country_alpha2", 41, "NAT"),
        ("invalid_date", 43, "DTM"),  # 29 Feb 2021 does not exist
        ("missing_value", 42, "DOC"),  # so the passport has no expiry
        ("unknown_document_type", 45, "DOC"),
        ("duplicate_document", 45, "DOC"),  # AB123456/USA, first at segment 30
        ("count_mismatch", 47, "CNT"),  # 3 declared, 2 present
    ]
    assert "segments 30, 45" in result.warnings[6].detail


CREW_LIST = """UNB+UNOA:4+CREWCO+USCSAPIS+211106:2300+2'
UNH+C1+PAXLST:D:02B:UN:IATA'
BGM+250+CC'
NAD+MS+++CREW SCHEDULING'
TDT+20+AA0100'
LOC+125+JFK'
DTM+189:2111070130:201'
LOC+87+LHR'
DTM+232:2111071330:201'
NAD+FM+++pilot:anna'
ATT+2++F'
DTM+329:700101'
NAT+2+GBR'
DOC+P+111'
DTM+36:300101'
LOC+91+GBR'
NAD+DDT+++DEADHEAD:BOB'
ATT+2++M'
DTM+329:650505'
NAT+2+USA'
DOC+P+222'
DTM+36:290101'
LOC+91+USA'
NAD+DDU+++TRANSIT:CAROL'
ATT+2++F'
DTM+329:900909'
NAT+2+CAN'
DOC+P+333'
DTM+36:280101'
LOC+91+CAN'
CNT+41+2'
UNT+31+C1'
UNZ+1+2'
"""


def test_crew_list_roles_malformed_count_and_ambiguous_local_time() -> None:
    result = manifest(CREW_LIST)

    assert (result.kind, result.action) == (ManifestKind.CREW_LIST, ManifestAction.CHANGE)
    assert [(t.role, t.surname) for t in result.travellers] == [
        (TravellerRole.CREW, "PILOT"),
        (TravellerRole.TRANSIT_CREW, "DEADHEAD"),
        (TravellerRole.TRANSIT_PASSENGER, "TRANSIT"),
    ]
    leg = result.flight
    assert (leg.carrier, leg.flight_number) == ("AA", "100")  # carrier from the flight prefix
    # 01:30 on 7 Nov 2021 happened twice in New York; the first (EDT, UTC-4) is taken.
    assert leg.departure_local == datetime(2021, 11, 7, 1, 30)
    assert leg.departure_utc == datetime(2021, 11, 7, 5, 30, tzinfo=UTC)
    assert leg.arrival_utc == datetime(2021, 11, 7, 13, 30, tzinfo=UTC)  # GMT
    assert result.declared_crew == 2  # CNT+41+2 read as 41:2, matching FM + DDT
    assert warning_places(result) == [
        ("ambiguous_local_time", 7, "DTM"),
        ("malformed_segment", 31, "CNT"),
    ]


def test_count_qualifier_that_contradicts_the_list_type() -> None:
    result = manifest(
        minimal_paxlst(
            "BGM+745", body="NAD+FL+++A:B'ATT+2++M'DTM+329:800101'NAT+2+USA'", cnt="CNT+41:1'"
        )
    )
    assert result.declared_crew == 1
    assert result.declared_passengers is None
    assert warning_places(result)[-2:] == [
        ("count_qualifier_mismatch", 12, "CNT"),
        ("count_mismatch", 12, "CNT"),  # 1 crew declared, none present
    ]


def test_missing_core_data_is_warned_for_lists_but_not_for_status_messages() -> None:
    body = "NAD+FL+++LONELY'DOC+P'"
    listed = manifest(minimal_paxlst("BGM+745", body=body, cnt="CNT+42:1'"))
    assert [(code, segment) for code, segment, _ in warning_places(listed)] == [
        ("missing_value", 9),  # document without a number, not kept
        ("missing_value", 8),  # date of birth
        ("missing_value", 8),  # gender
        ("missing_value", 8),  # nationality
        ("missing_document", 8),
    ]
    assert listed.travellers[0].documents == ()
    status = manifest(minimal_paxlst("BGM+266+CLOB", body=body))
    assert [code for code, _, _ in warning_places(status)] == ["missing_value"]


def test_without_flight_times_two_digit_years_use_the_interchange_date() -> None:
    text = (
        "UNB+UNOA:4+A+B+170127:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "TDT+20+UA1'LOC+125+FRA'LOC+87+IAD'NAD+FL+++A'DTM+329:171201'UNT+9+1'UNZ+1+1'"
    )
    assert manifest(text).travellers[0].date_of_birth == date(1917, 12, 1)
