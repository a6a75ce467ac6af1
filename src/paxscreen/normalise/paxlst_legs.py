"""PAXLST flight legs (Gr2 TDT + Gr3 LOC/DTM) into canonical FlightLegs."""

from __future__ import annotations

import re
from datetime import datetime

from paxscreen.edifact.errors import MessageStructureError
from paxscreen.edifact.messages.paxlst import LegGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import FlightLeg
from paxscreen.normalise.codes import airport, check_airport
from paxscreen.normalise.data_warnings import WarningLog
from paxscreen.normalise.dates import DateParseError, local_to_utc, parse_flight_time

# An airline designator (2 characters, at least one a letter, or a 3-letter ICAO code), then
# 1-5 digits and an optional operational suffix: UA0989, 9W123, AAL100, BA217A.
_FLIGHT_ID = re.compile(r"(?:([A-Z]{3}|[A-Z][A-Z0-9]|[0-9][A-Z]) ?)?(\d{1,5})([A-Z]?)")
_FLIGHT_NUMBER = re.compile(r"(\d{1,5})([A-Z]?)")

# LOC qualifiers of Gr3: 125 last departure before entry, 87 first arrival, 92 a leg of a
# multi-leg flight (in pairs: departure then arrival), 130 final destination, 188/172 master
# crew list filing and reporting locations (read elsewhere, if ever).
DEPARTURE, ARRIVAL, LEG_POINT, FINAL_DESTINATION = "125", "87", "92", "130"
_MASTER_CREW_LIST_PLACES = frozenset({"188", "172"})
_DEPARTURE_TIME, _ARRIVAL_TIME, _MASTER_CREW_LIST_TIME = "189", "232", "554"

UNUSABLE_LEG = "unusable_leg"
CARRIER_MISMATCH = "carrier_mismatch"
INVALID_FLIGHT_NUMBER = "invalid_flight_number"
UNKNOWN_QUALIFIER = "unknown_qualifier"
MISSING_VALUE = "missing_value"
MISSING_TIME = "missing_time"
INVALID_DATE = "invalid_date"
ARRIVAL_BEFORE_DEPARTURE = "arrival_before_departure"


def split_flight_id(ident: str, carrier: str = "") -> tuple[str, str] | None:
    """(carrier, flight number) from a TDT conveyance reference, with the number's leading
    zeros dropped: ``("UA0989", "UA")`` -> ``("UA", "989")``. ``carrier`` (TDT element 5) wins
    over the prefix when given. None when the reference is not a flight number at all."""
    ident = "".join(ident.split()).upper()
    if carrier and ident.startswith(carrier):
        number = _FLIGHT_NUMBER.fullmatch(ident[len(carrier) :])
        if number:
            return carrier, f"{int(number[1])}{number[2]}"
    match = _FLIGHT_ID.fullmatch(ident)
    if match is None:
        return None
    return carrier or match[1] or "", f"{int(match[2])}{match[3]}"


def read_legs(groups: list[LegGroup], log: WarningLog, header: Segment) -> tuple[FlightLeg, ...]:
    """Every usable leg, in message order, exactly one of them ``reported``: the first leg that
    runs LOC 125 -> LOC 87, or else the last leg. Raises MessageStructureError (located at
    ``header``, the UNH, when there is no TDT at all) when no leg is usable."""
    legs: list[FlightLeg] = []
    reported_index: int | None = None
    for group in groups:
        leg = _read_leg(group, log)
        if leg is None:
            continue
        qualifiers = {place.loc.value(0) for place in group.places}
        if reported_index is None and DEPARTURE in qualifiers and ARRIVAL in qualifiers:
            reported_index = len(legs)
        legs.append(leg)
    if not legs:
        where = groups[-1].tdt if groups else header
        raise MessageStructureError(
            "no usable flight leg in the message",
            segment=where.position,
            tag=where.tag,
            expected="TDT+20 with a flight identification",
        )
    if reported_index is None:
        reported_index = len(legs) - 1
    legs[reported_index] = legs[reported_index].model_copy(update={"reported": True})
    return tuple(legs)


def _read_leg(group: LegGroup, log: WarningLog) -> FlightLeg | None:
    tdt = group.tdt
    ident = tdt.value(1).strip()
    if not ident:
        log.add(UNUSABLE_LEG, "TDT without a flight identification; leg left out", tdt)
        return None
    carrier_element = tdt.value(4).strip().upper()
    split = split_flight_id(ident, carrier_element)
    if split is None:
        log.add(INVALID_FLIGHT_NUMBER, f"flight {ident!r} is not a flight number", tdt)
        carrier, number = carrier_element, "".join(ident.split()).upper()
    else:
        carrier, number = split
        prefix = split_flight_id(ident)
        if carrier_element and prefix and prefix[0] and prefix[0] != carrier_element:
            log.add(
                CARRIER_MISMATCH,
                f"flight {ident!r} but carrier {carrier_element!r}; carrier taken",
                tdt,
            )
    if not carrier:
        log.add(MISSING_VALUE, f"flight {ident!r} names no carrier", tdt)

    departure = arrival = final_destination = None
    departure_local = arrival_local = None
    departure_dtm = arrival_dtm = tdt  # where UTC-conversion warnings point
    for place in group.places:
        loc = place.loc
        qualifier = loc.value(0)
        code = loc.value(1).strip().upper() or None
        if qualifier == DEPARTURE:
            departure = _airport(code, loc, log)
        elif qualifier == ARRIVAL:
            arrival = _airport(code, loc, log)
        elif qualifier == LEG_POINT:
            if departure is None:
                departure = _airport(code, loc, log)
            elif arrival is None:
                arrival = _airport(code, loc, log)
            else:
                log.add(UNKNOWN_QUALIFIER, "third LOC+92 in one leg ignored", loc)
        elif qualifier == FINAL_DESTINATION:
            final_destination = _airport(code, loc, log)
        elif qualifier not in _MASTER_CREW_LIST_PLACES:
            log.add(UNKNOWN_QUALIFIER, f"LOC qualifier {qualifier!r} in a flight leg", loc)
        for dtm in place.dates:
            time_qualifier = dtm.value(0)
            if time_qualifier == _DEPARTURE_TIME:
                departure_local, departure_dtm = _flight_time(dtm, log), dtm
            elif time_qualifier == _ARRIVAL_TIME:
                arrival_local, arrival_dtm = _flight_time(dtm, log), dtm
            elif time_qualifier != _MASTER_CREW_LIST_TIME:
                log.add(UNKNOWN_QUALIFIER, f"DTM qualifier {time_qualifier!r} in a leg", dtm)
    if arrival is None and final_destination is not None:
        arrival, final_destination = final_destination, None
    if final_destination == arrival:
        final_destination = None
    if departure is None:
        log.add(MISSING_VALUE, f"flight {ident} has no departure airport (LOC 125/92)", tdt)
    if arrival is None:
        log.add(MISSING_VALUE, f"flight {ident} has no arrival airport (LOC 87/92)", tdt)

    departure_utc = _to_utc(departure_local, departure, departure_dtm, log)
    arrival_utc = _to_utc(arrival_local, arrival, arrival_dtm, log)
    if departure_utc and arrival_utc and arrival_utc < departure_utc:
        log.add(ARRIVAL_BEFORE_DEPARTURE, f"flight {ident} arrives before it departs", tdt)
    return FlightLeg(
        carrier=carrier,
        flight_number=number,
        departure_airport=departure,
        arrival_airport=arrival,
        departure_local=departure_local,
        departure_utc=departure_utc,
        arrival_local=arrival_local,
        arrival_utc=arrival_utc,
        final_destination=final_destination,
    )


def _airport(code: str | None, loc: Segment, log: WarningLog) -> str | None:
    if code is None:
        return None
    check = check_airport(code)
    if check.warning:
        log.add(check.warning, f"airport {code!r} is not a known IATA airport", loc)
    return check.value


def _flight_time(dtm: Segment, log: WarningLog) -> datetime | None:
    try:
        moment, has_time = parse_flight_time(dtm.value(0, 1), dtm.value(0, 2))
    except DateParseError as exc:
        log.add(INVALID_DATE, f"flight time: {exc}; left out", dtm)
        return None
    if not has_time:
        log.add(MISSING_TIME, "flight date without a time of day; read as 00:00", dtm)
    return moment


def _to_utc(
    local: datetime | None, code: str | None, dtm: Segment, log: WarningLog
) -> datetime | None:
    if local is None or code is None:
        return None
    known = airport(code)
    if known is None:
        return None  # already reported as unknown_airport; no zone, so no UTC
    utc, problem = local_to_utc(local, known.time_zone)
    if problem:
        log.add(problem, f"{local:%Y-%m-%d %H:%M} local at {code} ({known.time_zone})", dtm)
    return utc
