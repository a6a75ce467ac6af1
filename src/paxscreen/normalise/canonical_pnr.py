"""Canonical PNR models: what paxscreen keeps of a PNRGOV push, EDIFACT or XML alike.

Every field carries its EU Directive 2016/681 Annex I category as ``Annotated`` metadata, so that
masking and retention can act by category (see ``categories_of``). A field without a category
cannot be stored: a test walks every model and fails on one.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field

from paxscreen.normalise.canonical import Canonical, DataWarning, FlightLeg, MessageSource


class DataCategory(StrEnum):
    """The 19 headings of Annex I, by short name; ``ANNEX_I_NUMBER`` gives the number."""

    RECORD_LOCATOR = "record_locator"  # 1
    RESERVATION_DATES = "reservation_dates"  # 2 date of reservation / issue of ticket
    TRAVEL_DATES = "travel_dates"  # 3
    NAMES = "names"  # 4
    CONTACTS = "contacts"  # 5 address and contact information
    PAYMENT = "payment"  # 6 all forms of payment, including billing address
    ITINERARY = "itinerary"  # 7 complete travel itinerary
    FREQUENT_FLYER = "frequent_flyer"  # 8
    AGENCY = "agency"  # 9 travel agency / travel agent
    TRAVEL_STATUS = "travel_status"  # 10 confirmations, check-in, no-show, go-show
    SPLIT_PNR = "split_pnr"  # 11
    GENERAL_REMARKS = "general_remarks"  # 12 (read narrowly: unaccompanied-minor details)
    TICKETING = "ticketing"  # 13
    SEAT = "seat"  # 14
    CODE_SHARE = "code_share"  # 15
    BAGGAGE = "baggage"  # 16
    CO_TRAVELLERS = "co_travellers"  # 17 number and other names of travellers on the PNR
    API_DATA = "api_data"  # 18 any advance passenger information collected
    HISTORY = "history"  # 19 all historical changes to 1-18


ANNEX_I_NUMBER = {category: number for number, category in enumerate(DataCategory, start=1)}

# Shorthands for the annotations below.
LOCATOR, RES_DATES, TRAVEL_DATES = (
    DataCategory.RECORD_LOCATOR,
    DataCategory.RESERVATION_DATES,
    DataCategory.TRAVEL_DATES,
)
NAMES, CONTACTS, PAYMENT = DataCategory.NAMES, DataCategory.CONTACTS, DataCategory.PAYMENT
ITINERARY, FF, AGENCY = DataCategory.ITINERARY, DataCategory.FREQUENT_FLYER, DataCategory.AGENCY
STATUS, SPLIT, REMARKS = (
    DataCategory.TRAVEL_STATUS,
    DataCategory.SPLIT_PNR,
    DataCategory.GENERAL_REMARKS,
)
TICKETING, SEAT, CODE_SHARE = DataCategory.TICKETING, DataCategory.SEAT, DataCategory.CODE_SHARE
BAGGAGE, CO_TRAVELLERS = DataCategory.BAGGAGE, DataCategory.CO_TRAVELLERS
API, HISTORY = DataCategory.API_DATA, DataCategory.HISTORY


class PushKind(StrEnum):
    FULL = "full"  # MSG+:22, every PNR of the flight
    UPDATE = "update"  # MSG+:141, the PNRs that changed


class TravellerType(StrEnum):
    ADULT = "adult"
    CHILD = "child"
    INFANT = "infant"
    GROUP = "group"
    OTHER = "other"


class SensitiveCategory(StrEnum):
    """Art. 13(4) special categories: items revealing these are dropped at ingest and counted."""

    RELIGION = "religion"  # religious or philosophical beliefs (e.g. kosher, halal meals)
    HEALTH = "health"  # health, disability, medical needs
    ETHNICITY = "ethnicity"  # racial or ethnic origin
    POLITICAL = "political"  # political opinions
    TRADE_UNION = "trade_union"  # trade-union membership
    SEX_LIFE = "sex_life"  # sex life or sexual orientation


class RecordLocator(Canonical):
    system: Annotated[str, LOCATOR]  # airline or GDS code of the system that owns the locator
    locator: Annotated[str, LOCATOR]
    created: Annotated[datetime | None, RES_DATES] = None
    kind: Annotated[str | None, LOCATOR] = None  # e.g. "C" DCS reference when there is no PNR


class Agency(Canonical):
    """ORG: who made or changed the booking."""

    airline: Annotated[str | None, AGENCY] = None
    location: Annotated[str | None, AGENCY] = None
    iata_number: Annotated[str | None, AGENCY] = None
    agent: Annotated[str | None, AGENCY] = None
    originator_type: Annotated[str | None, AGENCY] = None
    country: Annotated[str | None, AGENCY] = None
    currency: Annotated[str | None, AGENCY] = None


class PnrAddress(Canonical):
    """ADD or SSR DOCA. ``purpose`` is the qualifier as sent (702 home, R residence, D destination,
    billing for a payment)."""

    purpose: Annotated[str | None, CONTACTS] = None
    street: Annotated[str | None, CONTACTS] = None
    city: Annotated[str | None, CONTACTS] = None
    region: Annotated[str | None, CONTACTS] = None
    postal_code: Annotated[str | None, CONTACTS] = None
    country: Annotated[str | None, CONTACTS] = None
    phone: Annotated[str | None, CONTACTS] = None


class PnrContact(Canonical):
    kind: Annotated[str, CONTACTS]  # email, phone, or the code as sent (CTCE, CTCM, CTCH ...)
    value: Annotated[str, CONTACTS]


class FrequentFlyer(Canonical):
    airline: Annotated[str | None, FF] = None
    number: Annotated[str, FF]
    tier: Annotated[str | None, FF] = None


class PnrDocument(Canonical):
    """SSR DOCS (travel document) or DOCO (visa and other documents), AIRIMP free text."""

    ssr: Annotated[str, API]  # DOCS or DOCO
    type: Annotated[str | None, API] = None  # P, I, A, C, IP, F; V for a DOCO visa
    number: Annotated[str | None, API] = None
    issuing_state: Annotated[str | None, API] = None
    nationality: Annotated[str | None, API] = None
    date_of_birth: Annotated[date | None, API] = None
    gender: Annotated[str | None, API] = None  # M, F, MI, FI, U
    expiry: Annotated[date | None, API] = None
    surname: Annotated[str | None, API] = None
    given_names: Annotated[str | None, API] = None
    place_of_birth: Annotated[str | None, API] = None  # DOCO
    place_of_issue: Annotated[str | None, API] = None  # DOCO
    issue_date: Annotated[date | None, API] = None  # DOCO
    applicable_country: Annotated[str | None, API] = None  # DOCO
    infant: Annotated[bool, API] = False


class SpecialService(Canonical):
    """An SSR kept after the sensitive-data filter (DOCS/DOCO/DOCA/CTCx/FQTV are read into their
    own models instead)."""

    code: Annotated[str, REMARKS]  # e.g. SEAT, UMNR, TKNE, CKIN
    status: Annotated[str | None, STATUS] = None  # HK, KK, NN ...
    airline: Annotated[str | None, REMARKS] = None
    text: Annotated[str | None, REMARKS] = None
    leg: Annotated[str | None, ITINERARY] = None  # board:off points when the SSR names a leg


class Remark(Canonical):
    """IFT free text or OSI kept after the privacy filters."""

    kind: Annotated[str, REMARKS]  # OSI, free text, fare calculation ... as the IFT qualifier says
    text: Annotated[str, REMARKS]


class Fare(Canonical):
    """FAR: passenger type and fare basis."""

    passenger_type: Annotated[str | None, TICKETING] = None
    age: Annotated[int | None, TICKETING] = None
    fare_basis: Annotated[str | None, TICKETING] = None
    calculation: Annotated[str | None, TICKETING] = None  # IFT 4:15 fare calculation (ATFQ)


class Ticket(Canonical):
    """TKT with MON, PTK, TXD and its issue date."""

    number: Annotated[str | None, TICKETING] = None
    type: Annotated[str | None, TICKETING] = None  # T ticket, ... as sent
    ticketless: Annotated[bool, TICKETING] = False
    coupons: Annotated[int | None, TICKETING] = None  # conjunctive tickets
    issue_date: Annotated[date | None, RES_DATES] = None
    base_amount: Annotated[str | None, TICKETING] = None  # decimal as text: money is not float
    total_amount: Annotated[str | None, TICKETING] = None
    currency: Annotated[str | None, TICKETING] = None
    validating_carrier: Annotated[str | None, TICKETING] = None
    sales_location: Annotated[str | None, TICKETING] = None
    refundable: Annotated[bool | None, TICKETING] = None
    one_way: Annotated[bool | None, TICKETING] = None


class BillingAddress(Canonical):
    """A payer's address: payment information (Annex I point 6), not a contact."""

    street: Annotated[str | None, PAYMENT] = None
    city: Annotated[str | None, PAYMENT] = None
    region: Annotated[str | None, PAYMENT] = None
    postal_code: Annotated[str | None, PAYMENT] = None
    country: Annotated[str | None, PAYMENT] = None
    phone: Annotated[str | None, PAYMENT] = None


class Payment(Canonical):
    """FOP. A card is kept as type, last four digits and expiry only: never its full number,
    whatever the push carried."""

    type: Annotated[str, PAYMENT]  # CC card, CA cash, MS miscellaneous, GR government receipt...
    amount: Annotated[str | None, PAYMENT] = None
    card_type: Annotated[str | None, PAYMENT] = None  # VI, AX, MA ...
    card_last4: Annotated[str | None, PAYMENT] = None
    card_expiry: Annotated[str | None, PAYMENT] = None  # MMYY as sent
    holder_name: Annotated[str | None, PAYMENT] = None  # IFT 4:43
    billing_address: Annotated[BillingAddress | None, PAYMENT] = None


class ItineraryLeg(Canonical):
    """TVL in GR.5 (or GR.9 for a non-air segment)."""

    carrier: Annotated[str | None, ITINERARY] = None  # marketing carrier
    flight_number: Annotated[str | None, ITINERARY] = None
    operating_carrier: Annotated[str | None, CODE_SHARE] = None
    operating_flight_number: Annotated[str | None, CODE_SHARE] = None
    departure_airport: Annotated[str | None, ITINERARY] = None
    arrival_airport: Annotated[str | None, ITINERARY] = None
    departure_local: Annotated[datetime | None, TRAVEL_DATES] = None
    departure_utc: Annotated[datetime | None, TRAVEL_DATES] = None
    arrival_local: Annotated[datetime | None, TRAVEL_DATES] = None
    arrival_utc: Annotated[datetime | None, TRAVEL_DATES] = None
    booking_class: Annotated[str | None, ITINERARY] = None
    status: Annotated[str | None, STATUS] = None  # RPI: HK confirmed ...
    seats_booked: Annotated[int | None, ITINERARY] = None  # RPI quantity
    equipment: Annotated[str | None, ITINERARY] = None  # APD
    non_air: Annotated[bool, ITINERARY] = False  # GR.9 hotel, car, rail ...
    description: Annotated[str | None, ITINERARY] = None  # what a non-air segment is


class CheckIn(Canonical):
    """GR.6/GR.7 for one traveller on one leg: check-in, boarding number, seat, bags."""

    leg: Annotated[str | None, ITINERARY] = None  # "FRA-IAD UA988"
    checked_in_at: Annotated[datetime | None, STATUS] = None
    agent: Annotated[str | None, STATUS] = None
    boarding_number: Annotated[str | None, STATUS] = None
    seat: Annotated[str | None, SEAT] = None
    cabin: Annotated[str | None, SEAT] = None
    bag_count: Annotated[int | None, BAGGAGE] = None
    bag_weight: Annotated[float | None, BAGGAGE] = None
    bag_weight_unit: Annotated[str | None, BAGGAGE] = None  # KG, LB
    bag_tags: Annotated[tuple[str, ...], BAGGAGE] = ()
    head_of_pool: Annotated[bool | None, BAGGAGE] = None


class ReservedSeat(Canonical):
    """A seat booked for one traveller on one leg before check-in (SSR SEAT); the seat taken at
    check-in is in CheckIn."""

    leg: Annotated[str | None, ITINERARY] = None  # "FRA-IAD UA988", as CheckIn.leg
    seat: Annotated[str, SEAT]
    status: Annotated[str | None, STATUS] = None  # HK, KK ... as sent


class PnrTraveller(Canonical):
    """TIF and the GR.2 segments that belong to it. A TIF makes a traveller even without DOCS."""

    reference: Annotated[str | None, CO_TRAVELLERS] = None  # TIF traveller reference (9944)
    surname: Annotated[str, NAMES]
    given_names: Annotated[str, NAMES] = ""
    title: Annotated[str | None, NAMES] = None  # MR, MRS ... when split from the given name
    type: Annotated[TravellerType, CO_TRAVELLERS] = TravellerType.ADULT
    infant_of: Annotated[str | None, CO_TRAVELLERS] = None  # reference of the accompanying adult
    passenger_ref: Annotated[str | None, NAMES] = None  # REF unique passenger reference
    fare: Annotated[Fare | None, TICKETING] = None
    frequent_flyers: Annotated[tuple[FrequentFlyer, ...], FF] = ()
    documents: Annotated[tuple[PnrDocument, ...], API] = ()
    addresses: Annotated[tuple[PnrAddress, ...], CONTACTS] = ()
    contacts: Annotated[tuple[PnrContact, ...], CONTACTS] = ()
    services: Annotated[tuple[SpecialService, ...], REMARKS] = ()
    remarks: Annotated[tuple[Remark, ...], REMARKS] = ()
    tickets: Annotated[tuple[Ticket, ...], TICKETING] = ()
    check_ins: Annotated[tuple[CheckIn, ...], STATUS] = ()
    seats: Annotated[tuple[ReservedSeat, ...], SEAT] = ()  # SSR SEAT


class HistoryEntry(Canonical):
    """GR.10-12 (ABI, DAT, SAC and the changed items) or an LTS line."""

    at: Annotated[datetime | None, HISTORY] = None
    by: Annotated[str | None, HISTORY] = None  # ABI originator
    action: Annotated[str | None, HISTORY] = None  # A added, X cancelled, as sent
    item: Annotated[str | None, HISTORY] = None  # the changed segment tag (TIF, SSR, TVL ...)
    text: Annotated[str | None, HISTORY] = None


class Booking(Canonical):
    """One PNR (SRC group)."""

    locators: Annotated[tuple[RecordLocator, ...], LOCATOR] = ()
    created: Annotated[datetime | None, RES_DATES] = None  # DAT 700
    modified: Annotated[datetime | None, RES_DATES] = None  # DAT 710 (last modified)
    agency: Annotated[Agency | None, AGENCY] = None
    addresses: Annotated[tuple[PnrAddress, ...], CONTACTS] = ()
    contacts: Annotated[tuple[PnrContact, ...], CONTACTS] = ()
    excess_baggage: Annotated[str | None, BAGGAGE] = None  # EBD as text
    services: Annotated[tuple[SpecialService, ...], REMARKS] = ()
    remarks: Annotated[tuple[Remark, ...], REMARKS] = ()
    travellers: Annotated[tuple[PnrTraveller, ...], NAMES] = ()
    payments: Annotated[tuple[Payment, ...], PAYMENT] = ()
    itinerary: Annotated[tuple[ItineraryLeg, ...], ITINERARY] = ()
    split_locators: Annotated[tuple[RecordLocator, ...], SPLIT] = ()  # GR.8 EQN + RCI
    split_count: Annotated[int | None, SPLIT] = None
    history: Annotated[tuple[HistoryEntry, ...], HISTORY] = ()
    cancelled: Annotated[bool, STATUS] = False  # an update push that says the PNR is gone
    segment: int | None = None  # position of its SRC (not stored data: where it was in the push)

    @property
    def locator(self) -> str | None:
        """The record locator that identifies the booking: the first RCI's."""
        return self.locators[0].locator if self.locators else None


class PnrPush(Canonical):
    """One PNRGOV message (EDIFACT UNH...UNT, or one XML document), normalised."""

    message_type: str = "PNRGOV"
    format: str  # EDIFACT or XML
    directory: str  # e.g. 11.1, 13.1; the XML schema version for XML
    kind: PushKind
    sender: Agency | None = None  # message-level ORG
    flight: FlightLeg  # the flight pushed (message-level TVL, corrected; see warnings)
    declared_bookings: int | None = None  # EQN: PNRs in the whole push (may span messages)
    bookings: tuple[Booking, ...] = ()
    # Art. 13(4) items dropped, counted by category; and non-Annex-I items (general remarks).
    dropped_sensitive: dict[SensitiveCategory, int] = Field(default_factory=dict)
    dropped_other: dict[str, int] = Field(default_factory=dict)
    source: MessageSource
    warnings: tuple[DataWarning, ...] = ()


def categories_of(model: type[BaseModel]) -> dict[str, DataCategory | None]:
    """The Annex I category of every field of ``model`` (None where a field has none)."""
    found: dict[str, DataCategory | None] = {}
    for name, field in model.model_fields.items():
        found[name] = next((m for m in field.metadata if isinstance(m, DataCategory)), None)
    return found


def fields_in(category: DataCategory, data: Any, model: type[BaseModel]) -> list[str]:
    """Dotted paths of the fields of ``data`` (a dump of ``model``) in ``category``; the masking
    code of the retention job walks stored data with this."""
    paths: list[str] = []
    _walk(category, data, model, "", paths)
    return paths


def _walk(
    category: DataCategory, data: Any, model: type[BaseModel], prefix: str, paths: list[str]
) -> None:
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        path = f"{prefix}{name}"
        tagged = next((m for m in field.metadata if isinstance(m, DataCategory)), None)
        inner = _model_of(field.annotation)
        if inner is not None:
            values = data[name] if isinstance(data[name], list) else [data[name]]
            for index, value in enumerate(values):
                suffix = f"[{index}]." if isinstance(data[name], list) else "."
                _walk(category, value, inner, f"{path}{suffix}", paths)
        elif tagged is category:
            paths.append(path)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (directly, optionally, or as a tuple of them), if any."""
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None
