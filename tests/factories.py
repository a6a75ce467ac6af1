"""Build PAXLST interchanges for tests: readable defaults, every part overridable."""

from __future__ import annotations

from dataclasses import dataclass, field

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.segments import Segment
from paxscreen.edifact.writer import serialize


@dataclass
class Pax:
    surname: str = "DOE"
    given: str = "JOHN"
    middle: str = ""
    role: str = "FL"  # FL passenger, FM crew, DDU/DDT in transit
    gender: str = "M"
    dob: str = "800115"
    nationality: str = "USA"
    residence: str | None = None
    embark: str | None = "FRA"
    debark: str | None = "JFK"
    avf: str | None = None
    abo: str | None = None
    seat: str | None = None
    documents: list[tuple[str, str, str | None, str | None]] = field(
        default_factory=lambda: [("P", "X1234567", "301231", "USA")]
    )  # (type, number, expiry YYMMDD, issuing state)


@dataclass
class Flight:
    carrier: str = "LH"
    number: str = "0400"
    origin: str = "FRA"
    destination: str = "JFK"
    departure: str = "2611301000"  # YYMMDDHHMM local
    arrival: str = "2611301300"


def _segment(tag: str, *elements: str | list[str]) -> Segment:
    return Segment(tag, [[e] if isinstance(e, str) else list(e) for e in elements], 0)


def person_segments(pax: Pax) -> list[Segment]:
    name = [pax.surname, pax.given] + ([pax.middle] if pax.middle else [])
    segments = [
        _segment("NAD", pax.role, "", "", name),
        _segment("ATT", "2", "", pax.gender),
        _segment("DTM", ["329", pax.dob]),
    ]
    if pax.residence:
        segments.append(_segment("LOC", "174", pax.residence))
    if pax.embark:
        segments.append(_segment("LOC", "178", pax.embark))
    if pax.debark:
        segments.append(_segment("LOC", "179", pax.debark))
    segments.append(_segment("NAT", "2", pax.nationality))
    for qualifier, value in (("AVF", pax.avf), ("ABO", pax.abo), ("SEA", pax.seat)):
        if value:
            segments.append(_segment("RFF", [qualifier, value]))
    for doc_type, number, expiry, state in pax.documents:
        segments.append(_segment("DOC", [doc_type, "110", "111"], number))
        if expiry:
            segments.append(_segment("DTM", ["36", expiry]))
        if state:
            segments.append(_segment("LOC", "91", state))
    return segments


def paxlst(
    travellers: list[Pax] | None = None,
    *,
    flight: Flight | None = None,
    document: tuple[str, ...] = ("745",),
    sender: str = "LHAPIS",
    interchange_ref: str = "000000001",
    message_ref: str = "MSG1",
    common_access_ref: str = "",
    part: tuple[int, str] | None = None,
    count: int | None = None,
    delimiters: Delimiters | None = None,
) -> bytes:
    """One interchange holding one PAXLST message."""
    travellers = [Pax()] if travellers is None else travellers
    flight = flight or Flight()
    unh: list[str | list[str]] = [message_ref, ["PAXLST", "D", "05B", "UN", "IATA"]]
    if common_access_ref or part:
        unh.append(common_access_ref)
    if part:
        unh.append([f"{part[0]:02d}", part[1]])
    body = [
        _segment("BGM", *document),
        _segment("NAD", "MS", "", "", "TEST REPORTING PARTY"),
        _segment("TDT", "20", f"{flight.carrier}{flight.number}", "", "", flight.carrier),
        _segment("LOC", "125", flight.origin),
        _segment("DTM", ["189", flight.departure, "201"]),
        _segment("LOC", "87", flight.destination),
        _segment("DTM", ["232", flight.arrival, "201"]),
    ]
    for pax in travellers:
        body += person_segments(pax)
    crew = document[0] == "250"
    body.append(
        _segment("CNT", ["41" if crew else "42", str(len(travellers) if count is None else count)])
    )
    segments = [
        _segment("UNB", ["UNOA", "4"], sender, "USADHS", ["261129", "0900"], interchange_ref),
        _segment("UNH", *unh),
        *body,
        _segment("UNT", str(len(body) + 2), message_ref),
        _segment("UNZ", "1", interchange_ref),
    ]
    return serialize(segments, delimiters or Delimiters(), una=True).encode()
