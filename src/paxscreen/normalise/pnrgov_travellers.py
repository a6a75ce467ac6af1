"""PNRGOV travellers (GR.2 TIF and its segments), their tickets (GR.3) and payments (GR.4).

Every TIF makes a traveller, with or without SSR DOCS (GTAS dropped travellers without one).
SSRs are collected here and routed by the booking reader, which knows every traveller: an infant's
DOCS often sits in the accompanying adult's group.

Payments keep a card's type, last four digits and expiry only. Before any text is read, the
push's FOPs are searched for numbers sent in full (``unmasked_cards``), so that the free texts
kept (remarks, SSR texts, history) can be scrubbed of them too.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from paxscreen.edifact.messages.pnrgov import PaymentGroup, TicketGroup, TravellerGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.airimp import split_title
from paxscreen.normalise.canonical_pnr import (
    Fare,
    FrequentFlyer,
    Payment,
    PnrAddress,
    PnrContact,
    PnrDocument,
    Remark,
    SpecialService,
    Ticket,
    TravellerType,
)
from paxscreen.normalise.dates import DateParseError
from paxscreen.normalise.paxlst_travellers import clean_text
from paxscreen.normalise.pnrgov_context import PushContext, segment_ids
from paxscreen.normalise.pnrgov_services import (
    SPONSOR,
    SsrItem,
    address_fields,
    ift_qualifier,
    ift_texts,
    read_add,
    read_frequent_flyers,
    read_ift,
    read_ssr,
)
from paxscreen.normalise.pnrgov_values import card_last4, joined, parse_ddmmyy

TRAVELLER_TYPES = {
    "A": TravellerType.ADULT,
    "ADT": TravellerType.ADULT,
    "C": TravellerType.CHILD,
    "CH": TravellerType.CHILD,
    "CHD": TravellerType.CHILD,
    "CNN": TravellerType.CHILD,
    "IN": TravellerType.INFANT,
    "INF": TravellerType.INFANT,
    "G": TravellerType.GROUP,
    "GRP": TravellerType.GROUP,
}
UNKNOWN_CODE = "unknown_code"
INVALID_VALUE = "invalid_value"
INVALID_DATE = "invalid_date"


class TravellerDraft:
    """A traveller being assembled: PnrTraveller fields, lists filled from every group of the
    booking, and what other groups use to find it (reference, names)."""

    __slots__ = (
        "addresses",
        "check_ins",
        "contacts",
        "documents",
        "fields",
        "frequent_flyers",
        "has_infant",
        "name_key",
        "reference",
        "remarks",
        "seats",
        "services",
        "ssrs",
        "tickets",
        "tif",
    )

    def __init__(self, tif: Segment, fields: dict[str, Any]) -> None:
        self.tif = tif
        self.fields = fields
        self.reference: str | None = fields.get("reference")
        self.name_key = f"{fields['surname']}/{fields['given_names']}".replace(" ", "")  # name_key
        self.has_infant = False
        self.ssrs: list[SsrItem] = []  # GR.2 SSRs, routed by the booking reader
        # Models where a memoised reader made one (shared, immutable), plain dicts otherwise:
        # validated together with the booking.
        self.documents: list[dict[str, Any] | PnrDocument] = []
        self.addresses: list[dict[str, Any] | PnrAddress] = []
        self.contacts: list[dict[str, str] | PnrContact] = []
        self.services: list[dict[str, Any] | SpecialService] = []
        self.remarks: list[dict[str, str] | Remark] = []
        self.tickets: list[Ticket] = []
        self.check_ins: list[dict[str, Any]] = []
        self.seats: list[dict[str, Any]] = []
        self.frequent_flyers: list[dict[str, Any] | FrequentFlyer] = []

    @property
    def type(self) -> TravellerType:
        kind: TravellerType = self.fields["type"]
        return kind

    def build(self, context: PushContext) -> dict[str, Any]:
        """PnrTraveller fields, for validation with the booking."""
        fields = self.fields
        # Spelt out rather than a getattr() loop over the names: once per traveller, it showed.
        if self.documents:
            fields["documents"] = self.documents
        if self.addresses:
            fields["addresses"] = self.addresses
        if self.contacts:
            fields["contacts"] = self.contacts
        if self.services:
            fields["services"] = self.services
        if self.remarks:
            fields["remarks"] = self.remarks
        if self.tickets:
            fields["tickets"] = self.tickets
        if self.check_ins:
            fields["check_ins"] = self.check_ins
        if self.seats:
            fields["seats"] = self.seats
        if self.frequent_flyers:
            fields["frequent_flyers"] = self.frequent_flyers
        fare = fields.get("fare")
        if fare is not None:
            fields["fare"] = context.shared_model(Fare, fare)
        if len(self.frequent_flyers) > 1:  # FTI and SSR FQTV often name the same number
            unique: dict[tuple[Any, Any], dict[str, Any] | FrequentFlyer] = {}
            for flyer in self.frequent_flyers:
                unique.setdefault((_get(flyer, "airline"), _get(flyer, "number")), flyer)
            fields["frequent_flyers"] = list(unique.values())
        return fields


def _get(item: dict[str, Any] | FrequentFlyer, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name)


def name_key(surname: str, given: str) -> str:
    """Names compared without spaces: wrapped lines split names at random places."""
    return f"{surname}/{given}".replace(" ", "")


class TravellerReader:
    """Reads the GR.2 groups of one push; payments go to the booking, excess baggage too."""

    __slots__ = ("context",)

    def __init__(self, context: PushContext) -> None:
        self.context = context

    def read(
        self, group: TravellerGroup, payments: list[dict[str, Any] | Payment], excess: list[str]
    ) -> TravellerDraft:
        context = self.context
        draft = TravellerDraft(group.tif, self._tif(group.tif))
        fields = draft.fields
        for segment in group.segments:
            tag = segment[0]
            if tag == "SSR":
                draft.ssrs.append(read_ssr(segment))
            elif tag == "IFT":
                self._ift(segment, draft)
            elif tag == "FTI":
                draft.frequent_flyers.extend(read_frequent_flyers(segment, context))
            elif tag == "REF":
                elements = segment.elements
                reference = elements[0][-1].strip() if elements else ""
                if reference:
                    fields["passenger_ref"] = reference
            elif tag == "FAR":
                read = context.memo(
                    ("far", id(segment.elements)), (segment,), partial(_fare, segment)
                )
                fare = fields.get("fare")
                if fare is None:
                    fields["fare"] = dict(read)  # a copy: the memo's is shared
                else:  # merged into what an IFT 4:15 (fare calculation) or a first FAR gave
                    if any(fare.get(name, value) != value for name, value in read.items()):
                        context.warn(INVALID_VALUE, "second FAR differs from the first", segment)
                    for name, value in read.items():
                        fare.setdefault(name, value)
            elif tag == "ADD":
                item = read_add(segment, context, "traveller address")
                if item.address is not None:
                    draft.addresses.append(item.address)
                draft.contacts.extend(item.contacts)
            elif tag == "EBD":
                excess.append(excess_baggage(segment, context))
        for ticket in group.tickets:
            draft.tickets.append(self._ticket(ticket))
            for segment in ticket.segments:
                if segment.tag == "IFT":  # not in the MIG, common in production pushes
                    self._ift(segment, draft)
            for payment in ticket.payments:
                payments.extend(self.payments(payment, draft))
        for payment in group.payments:
            payments.extend(self.payments(payment, draft))
        return draft

    def _tif(self, tif: Segment) -> dict[str, Any]:
        elements = tif.elements
        head = elements[0] if elements else [""]
        detail = elements[1] if len(elements) > 1 else [""]
        given, title = split_title(clean_text(detail[0]))
        code = detail[1].strip().upper() if len(detail) > 1 else ""
        party = head[1].strip().upper() if len(head) > 1 else ""
        kind = TRAVELLER_TYPES.get(code or ("G" if party == "G" else "A"))
        if kind is None:
            self.context.warn(UNKNOWN_CODE, f"traveller type {code!r} not known", tif)
            kind = TravellerType.OTHER
        fields: dict[str, Any] = {
            "surname": clean_text(head[0]),
            "given_names": given,
            "title": title,
            "type": kind,
        }
        reference = detail[2].strip() if len(detail) > 2 else ""
        if reference:
            fields["reference"] = reference
        return fields

    def _ift(self, segment: Segment, draft: TravellerDraft) -> None:
        item = read_ift(segment, self.context)
        if item.contact is not None:
            draft.contacts.append(item.contact)
        elif item.address is not None:
            draft.addresses.append(item.address)
        elif item.remark is not None:
            draft.remarks.append(item.remark)
        elif item.fare_calculation is not None:
            draft.fields.setdefault("fare", {})["calculation"] = item.fare_calculation

    def _ticket(self, group: TicketGroup) -> Ticket:
        key = ("ticket", id(group.tkt.elements), segment_ids(group.segments))
        segments = [group.tkt, *group.segments]
        return self.context.memo(key, segments, lambda: self._read_ticket(segments))

    def _read_ticket(self, segments: list[Segment]) -> Ticket:
        head = segments[0].elements[0] if segments[0].elements else [""]
        ticket: dict[str, Any] = {}
        number = "".join(head[0].split()).upper()
        if number:
            ticket["number"] = number
        kind = head[1].strip().upper() if len(head) > 1 else ""
        if kind:
            ticket["type"] = kind
            ticket["ticketless"] = kind == "1"
        coupons = head[2].strip() if len(head) > 2 else ""
        if coupons.isdigit():
            ticket["coupons"] = int(coupons)
        for segment in segments[1:]:
            tag, elements = segment.tag, segment.elements
            if tag == "MON":
                self._amounts(elements, ticket)
            elif tag == "PTK":
                self._pricing(elements, ticket)
            elif tag == "DAT":
                issued = elements[0] if elements else []
                if len(issued) > 1 and issued[1].strip():
                    try:
                        ticket["issue_date"] = parse_ddmmyy(issued[1])
                    except DateParseError as exc:
                        self.context.warn(INVALID_DATE, f"ticket issue date: {exc}", segment)
        return Ticket.model_validate(ticket)

    @staticmethod
    def _amounts(elements: list[list[str]], ticket: dict[str, Any]) -> None:
        """MON: ``B:2888.00:GBP+T:2957.94:GBP`` (B base, T total); without qualifiers the first
        amount is taken as the base and the second as the total."""
        unqualified = ["base_amount", "total_amount"]
        for element in elements:
            qualifier = element[0].strip().upper()
            amount = element[1].strip() if len(element) > 1 else ""
            if not amount:
                continue
            if qualifier == "B":
                ticket["base_amount"] = amount
            elif qualifier == "T":
                ticket["total_amount"] = amount
            elif not qualifier and unqualified:
                ticket.setdefault(unqualified.pop(0), amount)
            currency = element[2].strip().upper() if len(element) > 2 else ""
            if currency:
                ticket.setdefault("currency", currency)

    @staticmethod
    def _pricing(elements: list[list[str]], ticket: dict[str, Any]) -> None:
        """PTK: ``NR++150417:1010+DL+006+LON``: refundability, ticketing deadline, validating
        carrier, its numeric code, sales location."""
        indicator = elements[0][0].strip().upper() if elements else ""
        if indicator == "NR":
            ticket["refundable"] = False
        elif indicator in ("R", "RF"):
            ticket["refundable"] = True
        carrier = elements[3][0].strip().upper() if len(elements) > 3 else ""
        if carrier:
            ticket["validating_carrier"] = carrier
        location = elements[5][0].strip().upper() if len(elements) > 5 else ""
        if location:
            ticket["sales_location"] = location

    def payments(
        self, group: PaymentGroup, draft: TravellerDraft
    ) -> tuple[dict[str, Any] | Payment, ...]:
        """One FOP group as Payments, one per FOP element: ``CC:<indicator>:<amount>:<card
        type>:<card number>:<expiry MMYY>``, ``CA::731.00``, ``GR::200.00::AB123456``. The card
        holder (IFT 4:43) and billing address (ADD) apply to every element; any other IFT is the
        traveller's."""
        segments = [group.fop]
        for segment in group.segments:
            if segment.tag == "IFT" and ift_qualifier(segment) != SPONSOR:
                self._ift(segment, draft)
            else:
                segments.append(segment)
        return self._read_payments(segments)  # not memoised: a card is one PNR's

    def _read_payments(self, segments: list[Segment]) -> tuple[dict[str, Any] | Payment, ...]:
        """Payment fields, validated with the booking."""
        context = self.context
        fop = segments[0]
        holder: str | None = None
        billing: dict[str, Any] | None = None
        for segment in segments[1:]:
            if segment.tag == "IFT":
                holder, billing = self._holder(segment, billing)
            elif segment.tag == "ADD":
                address, _contacts = address_fields(segment, context, "billing address")
                if address is not None:
                    address.pop("purpose", None)
                    billing = address
        found: list[dict[str, Any] | Payment] = []
        for element in fop.elements:
            size = len(element)
            kind = element[0].strip()
            amount = element[2].strip() if size > 2 else ""
            vendor = element[3].strip() if size > 3 else ""
            account = element[4].strip() if size > 4 else ""
            expiry = element[5].strip() if size > 5 else ""
            payment: dict[str, Any] = {"type": kind.upper() or "UNKNOWN"}
            if amount:
                payment["amount"] = amount
            if kind.upper() == "CC" or vendor:
                payment["card_type"] = vendor.upper() or None
                payment["card_last4"] = card_last4(account)
                if expiry:
                    if len(expiry) == 4 and expiry.isdigit():
                        payment["card_expiry"] = expiry
                    else:
                        context.warn(INVALID_VALUE, "card expiry is not MMYY", fop)
            if holder:
                payment["holder_name"] = holder
            if billing:
                payment["billing_address"] = billing
                found.append(payment)
            else:  # hashable values only: one model for the push's repeats of a card
                found.append(context.shared_model(Payment, payment))
        return tuple(found)

    def _holder(
        self, ift: Segment, billing: dict[str, Any] | None
    ) -> tuple[str | None, dict[str, Any] | None]:
        """IFT 4:43 in GR.4: card holder name, then (some senders) address and phone."""
        texts = [joined(element) for element in ift.elements[1:]]
        if not ift_texts(ift):
            return None, billing
        name = self.context.free_text(texts[0]) if texts and texts[0] else None
        if billing is None and len(texts) > 1 and texts[1]:
            street = self.context.free_text(texts[1])
            phone = "".join(c for c in texts[2] if c.isdigit()) if len(texts) > 2 else ""
            if street:
                billing = {"street": " ".join(street.split()).upper(), "phone": phone or None}
        return (" ".join(name.split()).upper() if name else None), billing


def excess_baggage(ebd: Segment, context: PushContext) -> str:
    """EBD (``EBD+GBP:40.00+1::N``: rate, pieces or weight in excess) as text."""
    key = ("ebd", id(ebd.elements))
    return context.memo(key, (ebd,), lambda: " / ".join(filter(None, map(joined, ebd.elements))))


def _fare(far: Segment) -> dict[str, Any]:
    """FAR: passenger type, age, ..., fare basis (shared when memoised: copy to change)."""
    elements = far.elements
    fare: dict[str, Any] = {}
    passenger_type = elements[0][0].strip().upper() if elements else ""
    if passenger_type:
        fare["passenger_type"] = passenger_type
    age = elements[1][0].strip() if len(elements) > 1 else ""
    if age.isdigit():
        fare["age"] = int(age)
    basis = elements[5][0].strip().upper() if len(elements) > 5 else ""
    if basis:
        fare["fare_basis"] = basis
    return fare


def unmasked_cards(fop_elements: list[list[str]]) -> set[str]:
    """Card numbers a FOP sends in full (12 digits or more, nothing masked): never kept, and
    scrubbed from every free text of the push."""
    found = set()
    for element in fop_elements:
        # Nothing but digits once spaces are removed (str.isdigit, not a generator over the
        # characters: every FOP of the push passes here before anything is read).
        digits = "".join(element[4].split()) if len(element) > 4 else ""
        if len(digits) >= 12 and digits.isdigit():
            found.add(digits)
    return found
