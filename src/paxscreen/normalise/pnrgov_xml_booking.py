"""One PNRGOV XML ``PNR`` element into a canonical Booking: locators, agency, contacts, the
itinerary with its check-ins, payments and the SSRs routed to their travellers.

A card number is reduced to its last four digits here; nothing else of it is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import Element

from paxscreen.normalise.airimp import normalise_seat
from paxscreen.normalise.canonical_pnr import (
    Agency,
    BillingAddress,
    Booking,
    CheckIn,
    ItineraryLeg,
    Payment,
    PushKind,
    RecordLocator,
)
from paxscreen.normalise.paxlst_legs import INVALID_DATE, MISSING_VALUE
from paxscreen.normalise.paxlst_travellers import MAX_SEQUENTIAL_BAG_TAGS, clean_text
from paxscreen.normalise.pnrgov_values import card_last4
from paxscreen.normalise.pnrgov_xml_nodes import (
    INVALID_VALUE,
    XmlContext,
    attr,
    child_text,
    flight_id,
    kid,
    kids,
    local_instant,
    local_name,
    parse_flag,
    parse_xml_datetime,
    read_instant,
    read_leg_times,
    text_of,
)
from paxscreen.normalise.pnrgov_xml_travellers import (
    Holder,
    SsrItem,
    TravellerDraft,
    describe_bags,
    read_address_children,
    read_contact_info,
    read_remarks,
    read_traveller,
    ssr_items,
    take_ssr,
)

MISSING_LOCATOR = "missing_locator"
EMPTY_BOOKING = "empty_booking"
UNMATCHED_CHECK_IN = "unmatched_check_in"
COUNT_MISMATCH = "count_mismatch"

PNR_CHILDREN = frozenset(
    {"BookingRefID", "POS", "ContactInfo", "PrepaidBag", "SSR", "DOC_SSR", "OSI", "Remark"}
    | {"OtherServiceInfo", "Passenger", "Flight", "HotelInfo", "PaymentInfo", "Payments"}
)
FLIGHT_CHILDREN = frozenset(
    {"DepartureAirport", "ArrivalAirport", "MarketingAirline", "OperatingAirline", "Equipment"}
    | {"SSR", "DOC_SSR", "CheckInInfo", "BookingRefID"}
)
BAG_ELEMENTS = ("CheckedBaggage", "BaggageInfo", "Baggage", "BagDetails")
WEIGHT_UNITS = {
    **dict.fromkeys(("700", "K", "KG", "KGS", "KGM"), "KG"),
    **dict.fromkeys(("701", "L", "LB", "LBS", "LBR"), "LB"),
}
CARD_NUMBER_ATTRIBUTES = ("AccountNbr", "CardNumber", "MaskedCardNumber")


def read_booking(pnr: Element, ctx: XmlContext, kind: PushKind) -> Booking:
    """One PNR. A Passenger is always kept (without a name or documents too), and so is a PNR
    without a locator; both are warned about."""
    ctx.note_unread(pnr, PNR_CHILDREN)
    locators = tuple(_locators(pnr, ctx))
    if not locators:
        ctx.warn(MISSING_LOCATOR, "PNR without a BookingRefID ID; kept without a locator", pnr)
    ctx.cards = set(_card_numbers(pnr))
    passengers = kids(pnr, "Passenger")
    travellers = [read_traveller(passenger, ctx) for passenger in passengers]
    booking = Holder()
    router = _SsrRouter(travellers, booking, ctx)
    router.route(ssr_items(pnr, None, ctx), None)
    for passenger, draft in zip(passengers, travellers, strict=True):
        router.route(ssr_items(passenger, None, ctx), draft)
    itinerary = [_flight(flight, router, ctx) for flight in kids(pnr, "Flight")]
    itinerary += [_non_air(hotel) for hotel in kids(pnr, "HotelInfo")]
    for contact_info in kids(pnr, "ContactInfo"):
        read_contact_info(contact_info, booking, ctx)
    read_remarks(pnr, booking, ctx)
    booking.baggage[:0] = [describe_bags(bag) for bag in kids(pnr, "PrepaidBag")]
    for draft in travellers:
        booking.baggage.extend(draft.baggage)
    cancelled = _cancelled(pnr, kind, ctx)
    if not cancelled:
        _check_passenger_count(pnr, len(travellers), ctx)
    return Booking(
        locators=locators,
        created=read_instant(pnr, ("PNR_CreationDate",), ctx),
        modified=read_instant(pnr, ("PNR_TransDate",), ctx),
        agency=_agency(pnr),
        addresses=tuple(dict.fromkeys(booking.addresses)),
        contacts=tuple(dict.fromkeys(booking.contacts)),
        excess_baggage="; ".join(booking.baggage) or None,
        services=tuple(booking.services),
        remarks=tuple(booking.remarks),
        travellers=tuple(draft.build() for draft in travellers),
        payments=tuple(_payment(e, ctx) for e in pnr.iter() if local_name(e) == "PaymentInfo"),
        itinerary=tuple(itinerary),
        cancelled=cancelled,
        segment=ctx.lines.get(pnr),
    )


def _locators(pnr: Element, ctx: XmlContext) -> Iterator[RecordLocator]:
    for reference in kids(pnr, "BookingRefID"):
        locator = attr(reference, "ID")
        if locator is None:
            ctx.warn(MISSING_VALUE, "BookingRefID without an ID; not kept", reference)
            continue
        yield RecordLocator(
            system=attr(kid(reference, "CompanyName"), "Code") or "",
            locator=locator.upper(),
            kind=attr(reference, "Type"),
        )


def _agency(pnr: Element) -> Agency | None:
    """POS/Source: who made the booking (Annex I point 9)."""
    source = kid(kid(pnr, "POS"), "Source")
    if source is None:
        return None
    requestor = kid(source, "RequestorID")
    return Agency(
        airline=attr(source, "AirlineVendorID"),
        location=attr(source, "AirportCode"),
        iata_number=attr(requestor, "ID"),
        agent=attr(source, "AgentSine"),
        originator_type=attr(requestor, "Type"),
        country=attr(source, "ISOCountry"),
        currency=attr(source, "ISOCurrency"),
    )


def _cancelled(pnr: Element, kind: PushKind, ctx: XmlContext) -> bool:
    """An update push names a cancelled PNR by its locator alone, as EDIFACT does with an
    empty group; in a full push such a PNR is only odd."""
    if kids(pnr, "Passenger"):
        return False
    if kind is PushKind.UPDATE and not kids(pnr, "Flight"):
        return True
    ctx.warn(EMPTY_BOOKING, "PNR without a Passenger", pnr)
    return False


def _check_passenger_count(pnr: Element, present: int, ctx: XmlContext) -> None:
    declared = attr(pnr, "NumberOfPassengers")
    if declared is not None and declared.isdigit() and int(declared) != present:
        ctx.warn(COUNT_MISMATCH, f"{declared} passengers declared, {present} present", pnr)


class _SsrRouter:
    """Sends each SSR to the traveller its RPH names, else to ``default``, else to the only
    traveller of the PNR; SSRs naming nobody stay with the booking."""

    def __init__(self, travellers: list[TravellerDraft], booking: Holder, ctx: XmlContext):
        self.travellers = travellers
        self.by_reference = {t.reference: t for t in travellers if t.reference}
        self.booking = booking
        self.ctx = ctx

    def route(self, items: Iterator[SsrItem], default: TravellerDraft | None) -> None:
        sole = self.travellers[0] if len(self.travellers) == 1 else None
        for item in items:
            owner = self.by_reference.get(item.rph) if item.rph else None
            take_ssr(item, owner or default or sole, self.booking, self.ctx)


def _flight(flight: Element, router: _SsrRouter, ctx: XmlContext) -> ItineraryLeg:
    """A Flight of the itinerary with its SSRs and check-ins. The carrier is the marketing
    one; the operating carrier and number are the code-share data."""
    ctx.note_unread(flight, FLIGHT_CHILDREN)
    times = read_leg_times(flight, ctx)
    marketing, operating = kid(flight, "MarketingAirline"), kid(flight, "OperatingAirline")
    number = attr(flight, "FlightNumber") or attr(marketing, "FlightNumber")
    carrier, number = flight_id(attr(marketing, "Code"), number, flight, ctx)
    operating_carrier, operating_number = flight_id(
        attr(operating, "Code"), attr(operating, "FlightNumber"), flight, ctx
    )
    seats = attr(flight, "NumberInParty")
    leg = ItineraryLeg(
        carrier=carrier or None,
        flight_number=number or None,
        operating_carrier=operating_carrier or None,
        operating_flight_number=operating_number or None,
        **times._asdict(),
        booking_class=attr(flight, "ResBookDesigCode"),
        status=attr(flight, "Status"),
        seats_booked=int(seats) if seats and seats.isdigit() else None,
        equipment=attr(kid(flight, "Equipment"), "AirEquipType"),
    )
    points = f"{leg.departure_airport}:{leg.arrival_airport}" if times.departure_airport else None
    router.route(ssr_items(flight, points, ctx), None)
    for check_in_info in kids(flight, "CheckInInfo"):
        _check_ins(check_in_info, leg, router.travellers, ctx)
    return leg


def _non_air(hotel: Element) -> ItineraryLeg:
    name = attr(hotel, "HotelName", "ChainCode")
    return ItineraryLeg(
        non_air=True, description=f"hotel {name}" if name else "hotel", status=attr(hotel, "Status")
    )


def _check_ins(
    info: Element, leg: ItineraryLeg, travellers: list[TravellerDraft], ctx: XmlContext
) -> None:
    """CheckInInfo: when and by whom, and per BoardingNumber the traveller's boarding number,
    seat, cabin and bags."""
    label = f"{leg.departure_airport or '?'}-{leg.arrival_airport or '?'} "
    label += f"{leg.carrier or ''}{leg.flight_number or ''}"
    checked_in_at = _check_in_time(info, leg.departure_airport, ctx)
    for boarding in kids(info, "BoardingNumber"):
        owner = _checked_in_traveller(boarding, travellers)
        if owner is None:
            detail = f"BoardingNumber (RPH {attr(boarding, 'RPH')!r}) names no traveller; not kept"
            ctx.warn(UNMATCHED_CHECK_IN, detail, boarding)
            continue
        seat_element = kid(boarding, "SeatNumber")
        seat = text_of(seat_element) or attr(boarding, "SeatNumber")
        owner.check_ins.append(
            CheckIn(
                leg=label,
                checked_in_at=checked_in_at,
                agent=attr(info, "AgentID", "AgentSine", "CheckInAgent"),
                boarding_number=attr(boarding, "Number") or attr(boarding, "BoardingNumber"),
                seat=normalise_seat(seat) if seat else None,
                cabin=attr(seat_element, "CabinClass", "Cabin"),
                **_bags(kid(boarding, *BAG_ELEMENTS), ctx),
            )
        )


def _check_in_time(info: Element, airport_code: str | None, ctx: XmlContext) -> datetime | None:
    """The check-in time: a DCS stamps it in the departure airport's local time unless the
    value carries an offset; kept as sent when that airport's zone is unknown."""
    value = attr(info, "Time", "CheckInDateTime", "DateTime")
    if value is None:
        return None
    try:
        local, utc, _ = parse_xml_datetime(value)
    except ValueError:
        ctx.warn(INVALID_DATE, f"check-in time {value!r} is not an ISO date-time", info)
        return None
    return utc or local_instant(local, airport_code, info, ctx) or local


def _checked_in_traveller(
    boarding: Element, travellers: list[TravellerDraft]
) -> TravellerDraft | None:
    reference = attr(boarding, "RPH")
    by_reference = next((t for t in travellers if reference and t.reference == reference), None)
    if by_reference is not None:
        return by_reference
    person = kid(boarding, "Passenger")
    if person is not None:
        surname = clean_text(child_text(person, "Surname") or "")
        given = clean_text(" ".join(filter(None, map(text_of, kids(person, "GivenName")))))
        named = [t for t in travellers if (t.surname, t.given_names) == (surname, given)]
        if len(named) == 1:
            return named[0]
    return travellers[0] if len(travellers) == 1 and reference is None else None


def _bags(element: Element | None, ctx: XmlContext) -> dict[str, object]:
    """Checked bags of one traveller: count, weight and unit, head of pool, tag numbers."""
    if element is None:
        return {}
    count = attr(element, "Quantity", "NumberOfBags")
    weight = attr(element, "Weight", "TotalWeight")
    unit = attr(element, "UnitOfMeasureCode", "WeightUnit", "UnitOfMeasure")
    try:
        weight_value = float(weight.replace(",", ".")) if weight else None
    except ValueError:
        ctx.warn(INVALID_VALUE, f"bag weight {weight!r} is not a number", element)
        weight_value = None
    pool = attr(element, "HeadOfPool")
    head_of_pool = parse_flag(pool) if pool else (attr(element, "BaggagePool") == "MP" or None)
    return {
        "bag_count": int(count) if count and count.isdigit() else None,
        "bag_weight": weight_value,
        "bag_weight_unit": WEIGHT_UNITS.get(unit.upper(), unit.upper()) if unit else None,
        "bag_tags": tuple(_bag_tags(element, ctx)),
        "head_of_pool": head_of_pool,
    }


def _bag_tags(element: Element, ctx: XmlContext) -> Iterator[str]:
    """Tags from ``BagTag`` children (or the bag element's own attributes): carrier + serial
    number, ``SequenceCount`` consecutive numbers from the serial."""
    for tag in kids(element, "BagTag") or [element]:
        serial = attr(tag, "SerialNumber", "Number")
        serial = serial or (text_of(tag) if tag is not element else None)
        if serial is None:
            continue
        prefix = attr(tag, "IssuerCode", "Carrier") or ""
        count_text = attr(tag, "SequenceCount") or "1"
        count = int(count_text) if count_text.isdigit() else 0
        if not serial.isdigit() or not 1 <= count <= MAX_SEQUENTIAL_BAG_TAGS:
            if count != 1:
                ctx.warn(INVALID_VALUE, f"bag tag count {count_text!r} not expanded", tag)
            yield f"{prefix}{serial}"
            continue
        first = int(serial)
        yield from (f"{prefix}{first + i:0{len(serial)}d}" for i in range(count))


def _payment(element: Element, ctx: XmlContext) -> Payment:
    """PaymentInfo: a card is kept as type, last four digits and expiry only."""
    card = kid(element, "PaymentCard")
    number = attr(element, *CARD_NUMBER_ATTRIBUTES) or attr(card, *CARD_NUMBER_ATTRIBUTES)
    card_type = attr(element, "VendorCode", "CardCode", "CardType") or attr(card, "CardCode")
    payment_type = attr(element, "PaymentType", "Type") or ("CC" if card_type or number else "")
    if not payment_type:
        ctx.warn(MISSING_VALUE, "PaymentInfo without a PaymentType", element)
    address = kid(element, "BillingAddress", "Address")
    billing = read_address_children(address, ctx) if address is not None else None
    return Payment(
        type=payment_type,
        amount=attr(element, "PaymentAmount", "Amount"),
        card_type=card_type,
        card_last4=card_last4(number) if number else None,
        card_expiry=attr(element, "ExpiryDate", "ExpireDate") or attr(card, "ExpireDate"),
        holder_name=attr(element, "CardHolderName") or child_text(card, "CardHolderName"),
        billing_address=(
            BillingAddress(**billing.model_dump(exclude={"purpose"})) if billing else None
        ),
    )


def _card_numbers(pnr: Element) -> Iterator[str]:
    """The unmasked card numbers of a PNR's payments, as sent and as digits only, to mask
    wherever else they appear."""
    for payment in (e for e in pnr.iter() if local_name(e) in ("PaymentInfo", "PaymentCard")):
        for value in filter(None, (attr(payment, name) for name in CARD_NUMBER_ATTRIBUTES)):
            digits = re.sub(r"[\s-]", "", value)
            if len(digits) >= 12 and digits.isdigit():
                yield from {value, digits}
