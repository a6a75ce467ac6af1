"""Generated passengers, written as PNRGOV XML (any namespace style, documents structured or as
AIRIMP text) and read back, keep their names and documents."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.normalise.airimp import split_title
from paxscreen.normalise.canonical_pnr import PnrDocument
from paxscreen.normalise.pnrgov_xml import normalise_pnrgov_xml
from paxscreen.normalise.privacy import PrivacyPolicy

IATA = "http://www.iata.org/IATA/2007/00"
FLIGHT_DAY = date(2024, 5, 1)
COUNTRIES = ["USA", "GBR", "DEU", "FRA", "IRL", "POL", "XXA", "D"]
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# Markup characters exercise escaping; "/" is the AIRIMP separator, so names never carry it.
NAME_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÄÖÜÉÑØŁßçã '-.&<>\""


def clean(text: str) -> str:
    return " ".join(text.split()).upper()


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    gender: str
    birth: date
    nationality: str
    document_type: str
    number: str
    expiry: date
    as_text: bool  # SSR DOCS AIRIMP text under the Flight, else a structured DOC_SSR/DOCS


names = st.text(NAME_CHARACTERS, min_size=1, max_size=20).filter(lambda n: clean(n) != "")
# Two-digit AIRIMP years: births within the last 99 years, expiries within the window the
# EXPIRY rule reads (70 years back, 30 ahead).
births = st.dates(min_value=FLIGHT_DAY - timedelta(days=99 * 365), max_value=FLIGHT_DAY)
expiries = st.dates(min_value=FLIGHT_DAY - timedelta(days=3650), max_value=date(2050, 12, 31))


def airimp_title_glued(person: Person) -> bool:
    """AIRIMP glues titles onto given names, so a DOCS text given name ending like one
    ("WILLIAMS", "SAMRS") is read as name + title; such names are generated structured only."""
    return person.as_text and split_title(clean(person.given))[1] is not None


people = st.builds(
    Person,
    surname=names,
    given=names,
    gender=st.sampled_from(["M", "F", "X", "U"]),
    birth=births,
    nationality=st.sampled_from(COUNTRIES),
    document_type=st.sampled_from(["P", "I", "C", "A", "IP"]),
    number=st.text("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=5, max_size=12),
    expiry=expiries,
    as_text=st.booleans(),
).filter(lambda person: not airimp_title_glued(person))


def airimp(day: date) -> str:
    return f"{day.day:02d}{MONTHS[day.month - 1]}{day.year % 100:02d}"


def write_push(travellers: list[Person], style: str) -> bytes:
    """A push in ``style``: "default" (xmlns=IATA), "prefixed" (iata:) or "none"."""
    ns = f"{{{IATA}}}" if style == "prefixed" else ""
    ET.register_namespace("iata", IATA)

    def sub(parent: ET.Element, name: str, **attributes: str) -> ET.Element:
        return ET.SubElement(parent, ns + name, attributes)

    root = ET.Element(ns + "IATA_PNRGOV_NotifRQ", {"Version": "13.1", "MessageFunction": "22"})
    if style == "default":
        root.set("xmlns", IATA)  # unqualified names under a default namespace declaration
    leg = sub(root, "FlightLeg", CarrierCode="LH", FlightNumber="400")
    leg.set("DepartureDateTime", f"{FLIGHT_DAY.isoformat()}T13:30:00")
    sub(leg, "DepartureAirport", LocationCode="FRA")
    sub(leg, "ArrivalAirport", LocationCode="JFK")
    pnr = sub(sub(root, "PNRs"), "PNR")
    sub(pnr, "BookingRefID", ID="GEN001")
    flight = sub(pnr, "Flight", FlightNumber="400")
    for index, person in enumerate(travellers, start=1):
        passenger = sub(pnr, "Passenger", RPH=str(index))
        sub(passenger, "GivenName").text = person.given
        sub(passenger, "Surname").text = person.surname
        if person.as_text:
            ssr = sub(flight, "SSR", SSRCode="DOCS", Status="HK", RPH=str(index))
            fields = [person.document_type, person.nationality, person.number, person.nationality]
            fields += [airimp(person.birth), person.gender, airimp(person.expiry)]
            sub(ssr, "Text").text = "/" + "/".join([*fields, person.surname, person.given])
        else:
            doc_ssr = sub(passenger, "DOC_SSR", SSRCode="DOCS", Status="HK")
            sub(
                doc_ssr,
                "DOCS",
                DocType=person.document_type,
                DocID=person.number,
                DocIssueCountry=person.nationality,
                PaxNationality=person.nationality,
                DateOfBirth=person.birth.isoformat(),
                Gender=person.gender,
                ExpiryDate=person.expiry.isoformat(),
                Surname=person.surname,
                FirstGivenName=person.given,
            )
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written


@settings(max_examples=60, deadline=None)
@given(
    travellers=st.lists(people, min_size=1, max_size=6),
    style=st.sampled_from(["default", "prefixed", "none"]),
)
def test_generated_passengers_come_back_with_their_names_and_documents(
    travellers: list[Person], style: str
) -> None:
    (result,) = normalise_pnrgov_xml(write_push(travellers, style), PrivacyPolicy())
    (booking,) = result.bookings
    assert len(booking.travellers) == len(travellers)
    for person, traveller in zip(travellers, booking.travellers, strict=True):
        assert (traveller.surname, traveller.given_names) == (
            clean(person.surname),
            clean(person.given),
        )
        country = person.nationality  # alpha-3 and ICAO codes ("D", "XXA") are kept as sent
        assert traveller.documents == (
            PnrDocument(
                ssr="DOCS",
                type=person.document_type,
                number=person.number,
                issuing_state=country,
                nationality=country,
                date_of_birth=person.birth,
                gender=person.gender,
                expiry=person.expiry,
                surname=clean(person.surname),
                given_names=clean(person.given),
            ),
        )
