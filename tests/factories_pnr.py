"""Build PNRGOV EDIFACT pushes for tests: readable defaults, every part overridable."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PnrPax:
    surname: str = "DOE"
    given: str = "JOHN"
    ref: str = "1"
    docs: str | None = "/P/USA/X1234567/USA/15JAN80/M/31DEC30/DOE/JOHN"  # SSR DOCS free text
    ssrs: list[str] = field(default_factory=list)  # SSR codes for this traveller (KSML, WCHR ...)


@dataclass
class Pnr:
    locator: str = "ABC123"
    travellers: list[PnrPax] = field(default_factory=lambda: [PnrPax()])
    card: str = "XXXXXXXXXXXX1111"
    osi: list[str] = field(default_factory=list)  # IFT OSI free texts
    seat: str | None = None  # SSR SEAT for the first traveller on the pushed leg
    created: str = "011126:1200"  # DAT 700, DDMMYY:HHMM
    cancelled: bool = False  # an empty ORG in the PNR: how an update push says it is gone


@dataclass
class PushFlight:
    carrier: str = "LH"
    number: str = "400"
    origin: str = "FRA"
    destination: str = "JFK"
    day: str = "301126"  # DDMMYY
    departure: str = "1000"
    arrival: str = "1300"


def _booking(pnr: Pnr, flight: PushFlight) -> list[str]:
    segments = [
        "SRC",
        f"RCI+{flight.carrier}:{pnr.locator}",
        f"DAT+700:{pnr.created}",
        "ORG" if pnr.cancelled else f"ORG+{flight.carrier}:FRA+12345678:LON+++A+DE:EUR",
    ]
    segments += [f"IFT+4:28::{flight.carrier}+{text}" for text in pnr.osi]
    for pax in pnr.travellers:
        segments.append(f"TIF+{pax.surname}+{pax.given}:A:{pax.ref}")
        if pax.docs:
            segments.append(f"SSR+DOCS:HK::{flight.carrier}:::::{pax.docs}")
        segments += [f"SSR+{code}:HK:1:{flight.carrier}" for code in pax.ssrs]
        segments.append(f"FOP+CC::100.00:VI:{pnr.card}:1228")
    segments += [
        f"TVL+{flight.day}:{flight.departure}::{flight.arrival}+{flight.origin}"
        f"+{flight.destination}+{flight.carrier}+{flight.number}:Y",
        f"RPI+{len(pnr.travellers)}+HK",
    ]
    if pnr.seat:
        segments.append(
            f"SSR+SEAT:HK:1:{flight.carrier}:::{flight.origin}:{flight.destination}+{pnr.seat}::1"
        )
    return segments


def pnrgov(
    bookings: list[Pnr] | None = None,
    *,
    flight: PushFlight | None = None,
    kind: str = "22",
    declared: int | None = None,
    sender: str = "LH",
    interchange_ref: str = "1",
) -> bytes:
    """One interchange holding one PNRGOV 13.1 message (MSG 22 full push by default)."""
    bookings = [Pnr()] if bookings is None else bookings
    flight = flight or PushFlight()
    body = [
        f"MSG+:{kind}",
        f"ORG+{flight.carrier}:FRA+12345678",
        f"TVL+{flight.day}:{flight.departure}:{flight.day}:{flight.arrival}+{flight.origin}"
        f"+{flight.destination}+{flight.carrier}+{flight.number}",
        f"EQN+{len(bookings) if declared is None else declared}",
    ]
    for pnr in bookings:
        body += _booking(pnr, flight)
    segments = [
        f"UNB+IATA:1+{sender}++261129:0900+{interchange_ref}",
        f"UNH+1+PNRGOV:13:1:IA+{flight.carrier}{flight.number}/{flight.day}",
        *body,
        f"UNT+{len(body) + 2}+1",
        f"UNZ+1+{interchange_ref}",
    ]
    return ("UNA:+.?*'" + "'\n".join(segments) + "'\n").encode()
