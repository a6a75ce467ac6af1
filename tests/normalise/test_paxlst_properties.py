"""Generated travellers, written as PAXLST and read back, keep their values."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.edifact.segments import Segment
from paxscreen.edifact.writer import serialize
from paxscreen.normalise.canonical import Manifest, TravelDocument, TravellerRole
from paxscreen.normalise.dates import format_dtm
from tests.normalise.edifact_input import manifest, segment

ROLES = {
    "FL": TravellerRole.PASSENGER,
    "FM": TravellerRole.CREW,
    "DDU": TravellerRole.TRANSIT_PASSENGER,
    "DDT": TravellerRole.TRANSIT_CREW,
}
COUNTRIES = ["USA", "GBR", "DEU", "FRA", "CAN", "XXA", "GBD", "D", "EUE"]
# Names may hold any service character: the writer releases them and the reader restores them.
NAME_CHARACTERS = string.ascii_letters + " '-?+:"


@dataclass(frozen=True)
class GeneratedDocument:
    type: str | None
    number: str
    expiry: date | None
    issuing_state: str


@dataclass(frozen=True)
class GeneratedTraveller:
    qualifier: str
    surname: str
    given: tuple[str, ...]
    gender: str
    birth: date
    nationality: str
    reservation: str
    documents: tuple[GeneratedDocument, ...]


def clean(text: str) -> str:
    return " ".join(text.split()).upper()


names = st.text(NAME_CHARACTERS, min_size=1, max_size=16).filter(lambda n: clean(n) != "")
# Format 201 flight times are 20yy by design.
flight_dates = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


@st.composite
def travellers(draw: st.DrawFn, flight: date) -> GeneratedTraveller:
    documents = draw(
        st.lists(
            st.builds(
                GeneratedDocument,
                type=st.sampled_from(["P", "V", "I", None]),
                number=st.text(string.ascii_uppercase + string.digits, min_size=5, max_size=9),
                expiry=st.one_of(
                    st.none(),
                    st.integers(-69 * 365, 29 * 365).map(lambda d: flight + timedelta(days=d)),
                ),
                issuing_state=st.sampled_from(COUNTRIES),
            ),
            max_size=2,
        )
    )
    return GeneratedTraveller(
        qualifier=draw(st.sampled_from(sorted(ROLES))),
        surname=draw(names),
        given=tuple(draw(st.lists(names, max_size=2))),
        gender=draw(st.sampled_from("MFUX")),
        birth=flight - timedelta(days=draw(st.integers(0, 99 * 365))),
        nationality=draw(st.sampled_from(COUNTRIES)),
        reservation=draw(st.text(string.ascii_uppercase + string.digits, min_size=6, max_size=6)),
        documents=tuple(documents),
    )


def paxlst_text(departure: datetime, people: list[GeneratedTraveller]) -> str:
    body: list[Segment] = [
        segment("UNB", ["UNOA", "4"], "AIR", "GOV", ["170101", "0000"], "1"),
        segment("UNH", "1", ["PAXLST", "D", "05B", "UN", "IATA"]),
        segment("BGM", "745"),
        segment("TDT", "20", "LH0400", "", "", "LH"),
        segment("LOC", "125", "FRA"),
        segment("DTM", ["189", format_dtm(departure, "201"), "201"]),
        segment("LOC", "87", "JFK"),
    ]
    for person in people:
        body += [
            segment("NAD", person.qualifier, "", "", [person.surname, *person.given]),
            segment("ATT", "2", "", person.gender),
            segment("DTM", ["329", format_dtm(person.birth, "101")]),
            segment("NAT", "2", person.nationality),
            segment("RFF", ["AVF", person.reservation]),
        ]
        for doc in person.documents:
            body.append(segment("DOC", doc.type or "", doc.number))
            if doc.expiry is not None:
                body.append(segment("DTM", ["36", format_dtm(doc.expiry, "101"), "101"]))
            body.append(segment("LOC", "91", doc.issuing_state))
    body += [
        segment("UNT", str(len(body)), "1"),
        segment("UNZ", "1", "1"),
    ]
    return serialize(body, line_breaks=True)


@st.composite
def messages(draw: st.DrawFn) -> tuple[datetime, list[GeneratedTraveller]]:
    departure = draw(flight_dates).replace(second=0, microsecond=0)
    people = draw(st.lists(travellers(departure.date()), min_size=1, max_size=5))
    return departure, people


@settings(deadline=None, max_examples=60)
@given(messages())
def test_generated_travellers_round_trip_through_paxlst(
    generated: tuple[datetime, list[GeneratedTraveller]],
) -> None:
    departure, people = generated
    result: Manifest = manifest(paxlst_text(departure, people))

    assert result.flight.departure_local == departure
    utc = result.flight.departure_utc
    assert utc is not None
    assert utc.utcoffset() == timedelta(0)
    if not any(w.code == "nonexistent_local_time" for w in result.warnings):
        assert utc.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None) == departure
    assert len(result.travellers) == len(people)
    for person, traveller in zip(people, result.travellers, strict=True):
        assert traveller.role is ROLES[person.qualifier]
        assert traveller.surname == clean(person.surname)
        assert traveller.given_names == " ".join(clean(g) for g in person.given)
        assert traveller.gender == person.gender
        assert traveller.date_of_birth == person.birth
        assert traveller.nationality == person.nationality
        assert traveller.reservation_ref == person.reservation
        assert [d.model_dump(exclude={"segment"}) for d in traveller.documents] == [
            TravelDocument(
                type=doc.type,
                number=doc.number,
                expiry=doc.expiry,
                issuing_state=doc.issuing_state,
            ).model_dump(exclude={"segment"})
            for doc in person.documents
        ]
    unexpected = {"unexpected_segment", "invalid_date", "unknown_country", "unknown_gender"}
    assert not [w for w in result.warnings if w.code in unexpected]
    assert Manifest.model_validate(result.model_dump()) == result
