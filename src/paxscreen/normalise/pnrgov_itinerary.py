"""PNRGOV flights: the pushed flight (level-0 TVL), itinerary segments (GR.5 TVL with TRA, RPI,
APD), non-air segments (GR.9), and check-in (GR.6 DAT/ORG, GR.7 TRI/TIF/SSD/TBD).

TVL: ``dep date:dep time:arr date:arr time + board + off + marketing:operating carrier +
flight:booking class``, local times. A codeshare sends a second TVL with only the operating
flight number (``TVL+++++303:Y``); TRA names the operating flight too. Common sender slips are
tolerated: the arrival time in the arrival-date place (``TVL+280918:1220:1505``) and an empty
arrival date (the departure date is taken, a day later when the flight would land before it
left).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from paxscreen.edifact.messages.pnrgov import BoardingGroup, CheckInGroup, LegGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.airimp import normalise_seat
from paxscreen.normalise.canonical_pnr import ItineraryLeg
from paxscreen.normalise.dates import DateParseError
from paxscreen.normalise.paxlst_legs import split_flight_id
from paxscreen.normalise.pnrgov_context import PushContext, segment_ids
from paxscreen.normalise.pnrgov_values import parse_date_time, parse_utc, utc_at

INVALID_DATE = "invalid_date"
INVALID_VALUE = "invalid_value"
INVALID_FLIGHT_NUMBER = "invalid_flight_number"
UNKNOWN_CODE = "unknown_code"
MAX_SEQUENTIAL_BAG_TAGS = 99  # as for PAXLST FTX+BAG: a larger run is taken as an error
WEIGHT_UNITS = {"700": "KG", "701": "LB", "702": None}  # 702: no unit
SURFACE_SEGMENTS = frozenset({"ARNK", "OPEN"})  # itinerary gaps, not flights


def _value(elements: list[list[str]], element: int, component: int = 0) -> str:
    if element < len(elements):
        components = elements[element]
        if component < len(components):
            return components[component].strip().upper()
    return ""


def read_tvl(tvl: Segment, context: PushContext) -> dict[str, Any]:
    """A TVL as ItineraryLeg fields (carrier, flight, airports, local and UTC times, class)."""
    elements = tvl.elements
    leg: dict[str, Any] = {}
    number_text = _value(elements, 4)
    marketing = _value(elements, 3)
    if number_text in SURFACE_SEGMENTS:
        leg["description"] = number_text
    elif number_text or marketing:
        leg["carrier"], leg["flight_number"] = _flight(marketing, number_text, tvl, context)
    operating = _value(elements, 3, 1)
    if operating:
        leg["operating_carrier"] = operating
    booking_class = _value(elements, 4, 1)
    if booking_class:
        leg["booking_class"] = booking_class
    departure = context.airport(_value(elements, 1), tvl, "departure airport")
    arrival = context.airport(_value(elements, 2), tvl, "arrival airport")
    leg["departure_airport"], leg["arrival_airport"] = departure, arrival
    _times(elements[0] if elements else [], departure, arrival, leg, tvl, context)
    return leg


def _flight(carrier: str, number: str, tvl: Segment, context: PushContext) -> tuple[str, str]:
    split = split_flight_id(number, carrier) if number else None
    if split is None:
        if number:
            context.warn(INVALID_FLIGHT_NUMBER, f"flight {number!r} is not a flight number", tvl)
        return carrier, number
    return split[0] or carrier, split[1]


def _times(
    parts: list[str],
    departure: str | None,
    arrival: str | None,
    leg: dict[str, Any],
    tvl: Segment,
    context: PushContext,
) -> None:
    parts = [part.strip() for part in parts[:4]] + [""] * (4 - len(parts[:4]))
    dep_date, dep_time, arr_date, arr_time = parts
    if len(arr_date) == 4 and not arr_time:  # TVL+280918:1220:1505: a time in the date place
        arr_date, arr_time = "", arr_date
    if not dep_date:
        return
    try:
        departure_local = parse_date_time(dep_date, dep_time)
        arrival_local = parse_date_time(arr_date or dep_date, arr_time) if arr_time else None
    except DateParseError as exc:
        context.warn(INVALID_DATE, f"flight time: {exc}; left out", tvl)
        return
    leg["departure_local"] = departure_local
    departure_utc = _utc(departure_local, departure, tvl, context)
    leg["departure_utc"] = departure_utc
    if arrival_local is None:
        return
    arrival_utc = _utc(arrival_local, arrival, tvl, context)
    if not arr_date and arrival_utc and departure_utc and arrival_utc < departure_utc:
        arrival_local += timedelta(days=1)  # overnight flight sent without an arrival date
        arrival_utc = _utc(arrival_local, arrival, tvl, context)
    leg["arrival_local"], leg["arrival_utc"] = arrival_local, arrival_utc


def _utc(local: datetime, code: str | None, tvl: Segment, context: PushContext) -> datetime | None:
    if code is None:
        return None
    utc, problem = utc_at(local, code)
    if problem:
        context.warn(problem, f"{local:%Y-%m-%d %H:%M} local at {code}", tvl)
    return utc


def read_leg(group: LegGroup, context: PushContext) -> tuple[ItineraryLeg, str]:
    """A GR.5 itinerary segment with its codeshare, status and equipment, and the name check-ins
    and seats give it (SSR, RCI, IFT and check-ins are the booking's to read). Memoised: every
    PNR on the pushed flight repeats its TVL."""
    segments = [group.tvl, *([group.operating] if group.operating else [])]
    segments.extend(s for s in group.segments if s.tag in _LEG_DETAILS)
    key = ("leg", segment_ids(segments))
    return context.memo(key, segments, lambda: _read_leg(group, context))


_LEG_DETAILS = frozenset({"RPI", "APD", "TRA"})


def _read_leg(group: LegGroup, context: PushContext) -> tuple[ItineraryLeg, str]:
    leg = read_tvl(group.tvl, context)
    if group.operating is not None:
        elements = group.operating.elements
        carrier = leg.get("operating_carrier") or leg.get("carrier") or ""
        operating = split_flight_id(_value(elements, 4), carrier)
        leg["operating_flight_number"] = operating[1] if operating else _value(elements, 4)
        if "operating_carrier" not in leg and carrier:
            leg["operating_carrier"] = carrier
    for segment in group.segments:
        tag, elements = segment.tag, segment.elements
        if tag == "RPI":
            _status(elements, leg, segment, context)
        elif tag == "APD":
            leg["equipment"] = _value(elements, 0) or None
        elif tag == "TRA" and "operating_flight_number" not in leg:
            carrier = _value(elements, 0)
            operating = split_flight_id(_value(elements, 1), carrier)
            if operating is not None:
                leg["operating_carrier"], leg["operating_flight_number"] = operating
    return ItineraryLeg.model_validate(leg), leg_name(leg)


def _status(
    elements: list[list[str]], leg: dict[str, Any], rpi: Segment, context: PushContext
) -> None:
    quantity, status = _value(elements, 0), _value(elements, 1)
    if quantity.isdigit():
        leg["seats_booked"] = int(quantity)
    elif quantity:
        context.warn(INVALID_VALUE, f"RPI quantity {quantity!r} is not a number", rpi)
    if status:
        leg["status"] = status


def read_non_air(tvl: Segment, context: PushContext) -> ItineraryLeg:
    """A GR.9 TVL (``TVL+100910:1600:120910+MCI:HYATT REGENCY CROWN++HY+918W2:ROH``) as a
    non-air ItineraryLeg: place, dates, and a description from the name, vendor and product."""
    elements = tvl.elements
    leg: dict[str, Any] = {"non_air": True}
    place = _value(elements, 1)
    leg["departure_airport"] = place or None
    words = [_value(elements, 1, 1), _value(elements, 3), *[p.strip() for p in _parts(tvl, 4)]]
    leg["description"] = " ".join(word for word in words if word) or None
    dates = _parts(tvl, 0)
    try:
        if dates and dates[0].strip():
            leg["departure_local"] = parse_date_time(dates[0], _at(dates, 1))
        if len(dates) > 2 and dates[2].strip():
            leg["arrival_local"] = parse_date_time(dates[2], _at(dates, 3))
    except DateParseError as exc:
        context.warn(INVALID_DATE, f"non-air segment date: {exc}; left out", tvl)
    return ItineraryLeg.model_validate(leg)


def _parts(segment: Segment, element: int) -> list[str]:
    return segment.elements[element] if element < len(segment.elements) else []


def _at(parts: list[str], index: int) -> str:
    return parts[index] if index < len(parts) else ""


def leg_name(leg: dict[str, Any]) -> str:
    """How a check-in names its leg: ``FRA-IAD UA988``."""
    route = f"{leg.get('departure_airport') or '?'}-{leg.get('arrival_airport') or '?'}"
    flight = f"{leg.get('carrier') or ''}{leg.get('flight_number') or ''}"
    return f"{route} {flight}" if flight else route


class Boarding:
    """One GR.7 group read: the CheckIn fields, and who it is about (``names``)."""

    __slots__ = ("check_in", "segment", "tif", "tri_reference")

    def __init__(self, segment: Segment, check_in: dict[str, Any]) -> None:
        self.segment = segment
        self.check_in = check_in
        self.tif: Segment | None = None  # the first TIF
        self.tri_reference = ""

    def names(self) -> tuple[str, str, list[str]]:
        """Surname and given names of the TIF ("" without one) and the references to match:
        the TIF's, then the TRI's. Read on demand: a TIF repeated verbatim from GR.2 finds its
        traveller by its element list alone (``Travellers.check_in``)."""
        references = [self.tri_reference] if self.tri_reference else []
        if self.tif is None:
            return "", "", references
        elements = self.tif.elements
        reference = _value(elements, 1, 2)
        if reference:
            references.insert(0, reference)
        surname, given = _value(elements, 0), _value(elements, 1)
        return " ".join(surname.split()), " ".join(given.split()), references


def read_check_ins(group: CheckInGroup, leg: str, context: PushContext) -> list[Boarding]:
    """The travellers checked in by one GR.6 group, each with its CheckIn fields."""
    segments = [*([group.dat] if group.dat else []), *group.segments]
    key = ("check-in", leg, segment_ids(segments))
    base = context.memo(key, segments, lambda: _check_in_base(group, leg, context))
    return [_boarding(boarding, base, context) for boarding in group.boardings]


def _check_in_base(group: CheckInGroup, leg: str, context: PushContext) -> dict[str, Any]:
    """When (DAT 2, UTC) and by whom (ORG) travellers were checked in. Shared: copy to change."""
    base: dict[str, Any] = {"leg": leg}
    dat = group.dat
    if dat is not None and _value(dat.elements, 0) == "2" and _value(dat.elements, 0, 1):
        try:
            base["checked_in_at"] = parse_utc(
                _value(dat.elements, 0, 1), _value(dat.elements, 0, 2)
            )
        except DateParseError as exc:
            context.warn(INVALID_DATE, f"check-in time: {exc}; left out", dat)
    for org in group.segments:
        agent = " ".join(part.strip() for e in org.elements for part in e if part.strip())
        base["agent"] = agent.upper() or None
    return base


def _boarding(group: BoardingGroup, base: dict[str, Any], context: PushContext) -> Boarding:
    """One GR.7 group: its CheckIn fields, and its TIF for ``Boarding.names``."""
    check_in = dict(base)
    tri = group.tri
    boarding = Boarding(tri or group.segments[0], check_in)
    if tri is not None:
        elements = tri.elements
        detail = elements[1] if len(elements) > 1 else []
        number = detail[0].strip().upper() if detail else ""
        if number:
            check_in["boarding_number"] = number
        if len(detail) > 3:
            boarding.tri_reference = detail[3].strip().upper()
    for segment in group.segments:
        tag, elements = segment[0], segment[1]
        if tag == "TIF":
            if boarding.tif is None:
                boarding.tif = segment
        elif tag == "SSD":
            seat = elements[0][0].strip().upper() if elements else ""
            check_in["seat"] = normalise_seat(seat) if seat else None
            check_in["cabin"] = _value(elements, 4) or None
        elif tag == "TBD":
            key = ("bags", id(elements))
            check_in.update(context.memo(key, (segment,), partial(read_bags, segment, context)))
    return boarding


def read_bags(tbd: Segment, context: PushContext) -> dict[str, Any]:
    """TBD: ``TBD++<count>:<weight>:<700 kg|701 lb>++<HP head of pool|MP member>+<bag tags>``,
    each tag ``airline:tag number:consecutive tags:destination[:airline numeric code]``, as
    CheckIn fields (shared when memoised: copy to change)."""
    check_in: dict[str, Any] = {}
    elements = tbd.elements
    count, weight, unit = _value(elements, 1), _value(elements, 1, 1), _value(elements, 1, 2)
    if count:
        if count.isdigit():
            check_in["bag_count"] = int(count)
        else:
            context.warn(INVALID_VALUE, f"bag count {count!r} is not a number", tbd)
    if weight:
        try:
            check_in["bag_weight"] = float(weight.replace(",", "."))
        except ValueError:
            context.warn(INVALID_VALUE, f"bag weight {weight!r} is not a number", tbd)
    if unit:
        if unit in WEIGHT_UNITS:
            check_in["bag_weight_unit"] = WEIGHT_UNITS[unit]
        else:
            context.warn(UNKNOWN_CODE, f"weight unit {unit!r} is neither 700 nor 701", tbd)
            check_in["bag_weight_unit"] = unit
    tags: list[str] = []
    for element in elements[2:]:
        first = element[0].strip().upper()
        if len(element) == 1 or first in ("HP", "MP"):
            if first in ("HP", "MP"):
                check_in["head_of_pool"] = first == "HP"
            continue
        tags.extend(_bag_tags(element, tbd, context))
    if tags:
        check_in["bag_tags"] = tuple(dict.fromkeys(tags))  # overlapping runs name a tag twice
    return check_in


def _bag_tags(element: list[str], tbd: Segment, context: PushContext) -> list[str]:
    airline = element[0].strip().upper()
    number = "".join(element[1].split()).upper() if len(element) > 1 else ""
    if not number:
        return []
    # An airline's letters make a tag readable on its own (ET0847); a numeric airline code is
    # already the start of the licence plate.
    prefix = airline if airline.isalpha() else ""
    count = element[2].strip() if len(element) > 2 else ""
    if not count or (count.isdigit() and int(count) <= 1):
        return [f"{prefix}{number}"]
    stem = number.rstrip("0123456789")
    digits = number[len(stem) :]
    if not (count.isdigit() and int(count) <= MAX_SEQUENTIAL_BAG_TAGS and digits):
        context.warn(INVALID_VALUE, f"bag tag count {count!r} not expanded", tbd)
        return [f"{prefix}{number}"]
    start = int(digits)
    return [f"{prefix}{stem}{start + i:0{len(digits)}d}" for i in range(int(count))]
