"""SSR, IFT, ADD and ORG segments into canonical PNR values, through the privacy filters.

An SSR is read into its own model when it carries API data, contacts, frequent-flyer numbers,
infants or seats (DOCS, DOCO, DOCA, CTCx, FQTV, INFT, SEAT); every other SSR, and every free
text (IFT, OSI, SSR text), is first asked of the privacy policy: a special-category item is
dropped and only counted. A general remark (IFT/OSI that is not a contact) is kept only when the
policy keeps remarks of that content (Annex I point 12 as CJEU C-817/19 reads it).

Readers whose result depends only on the segment's text are memoised per push (see
``PushContext.memo``) and return immutable models.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from paxscreen.edifact.segments import Segment
from paxscreen.normalise.airimp_contacts import phone_numbers, read_contact_text
from paxscreen.normalise.canonical_pnr import (
    Agency,
    FrequentFlyer,
    PnrAddress,
    PnrContact,
    Remark,
    SpecialService,
)
from paxscreen.normalise.pnrgov_context import PushContext
from paxscreen.normalise.pnrgov_values import joined

# SSR codes read into their own models, not kept as SpecialService (and not asked of the
# privacy policy: what they carry is Annex I data in its own right).
DOCUMENT_SSRS = frozenset({"DOCS", "DOCO", "DOCA"})
CONTACT_SSRS = frozenset({"CTCE", "CTCM", "CTCH", "CTCB", "CTCP", "CTCT", "CTCF", "CTCR"})

# IFT 4:<qualifier> (4440 free text subject): what the text is.
OSI, FARE_CALCULATION, SPONSOR, HISTORY_TEXT = "28", "15", "43", "19"
REMARK_KINDS = {OSI: "OSI", SPONSOR: "sponsor", HISTORY_TEXT: "history"}
_new_tuple = tuple.__new__


class SsrItem(NamedTuple):
    """One SSR: C334 special requirement type details, free text, and the SSR details
    (``+35H::1``: data, unit, traveller reference) that follow."""

    code: str
    status: str
    airline: str
    board: str
    off: str
    text: str
    details: list[list[str]]
    segment: Segment

    def references(self) -> list[str]:
        """The traveller references (9944) the SSR names, in order, without repeats."""
        found: list[str] = []
        for detail in self.details:
            reference = detail[2].strip() if len(detail) > 2 else ""
            if reference and reference not in found:
                found.append(reference)
        return found

    def leg(self) -> str | None:
        return f"{self.board}-{self.off}" if self.board and self.off else None


def read_ssr(segment: Segment) -> SsrItem:
    elements = segment.elements
    head = elements[0] if elements else [""]
    size = len(head)
    # tuple.__new__ with the fields in order: NamedTuple's keyword __new__ costs twice as much,
    # and every traveller has an SSR or two.
    return _new_tuple(
        SsrItem,
        (
            head[0].strip().upper(),  # code
            head[1].strip().upper() if size > 1 else "",  # status
            head[3].strip().upper() if size > 3 else "",  # airline
            head[6].strip().upper() if size > 6 else "",  # board
            head[7].strip().upper() if size > 7 else "",  # off
            # text: a colon inside the free text splits it into components; put it back.
            ":".join(head[8:]).strip() if size > 8 else "",
            elements[1:],  # details
            segment,
        ),
    )


def special_service(item: SsrItem, context: PushContext, leg: str | None) -> SpecialService | None:
    """A kept SSR as a SpecialService, or None when the privacy filter dropped it."""
    key = ("ssr", id(item.segment.elements), leg)
    return context.memo(key, (item.segment,), lambda: _special_service(item, context, leg))


def _special_service(item: SsrItem, context: PushContext, leg: str | None) -> SpecialService | None:
    if context.sensitive(context.policy.sensitive_ssr(item.code, item.text or None)):
        return None
    text = None
    if item.text:
        text = context.free_text(item.text)
        if text is None:
            return None
    return SpecialService(
        code=item.code,
        status=item.status or None,
        airline=item.airline or None,
        text=text,
        leg=item.leg() or leg,
    )


class TextItem(NamedTuple):
    """What an IFT said, sorted: a contact, an address, a remark, or nothing to keep."""

    contact: PnrContact | None = None
    address: PnrAddress | None = None
    remark: Remark | None = None
    fare_calculation: str | None = None


_NOTHING = TextItem()


def ift_texts(segment: Segment) -> str:
    """The free text of an IFT: every element after the first, joined by spaces (senders split
    long texts into several elements, and a release-less ``+`` splits them too)."""
    return " ".join(joined(element) for element in segment.elements[1:]).strip()


def ift_qualifier(segment: Segment) -> str:
    head = segment.elements[0] if segment.elements else [""]
    return head[1].strip() if len(head) > 1 else ""


def read_ift(segment: Segment, context: PushContext) -> TextItem:
    """An IFT (free text, OSI) outside the payment and history groups, through the filters."""
    key = ("ift", id(segment.elements))
    return context.memo(key, (segment,), lambda: _read_ift(segment, context))


def _read_ift(segment: Segment, context: PushContext) -> TextItem:
    raw = ift_texts(segment)
    if not raw:
        return _NOTHING
    text = context.free_text(raw)
    if text is None:
        return _NOTHING
    contact = read_contact_text(text)
    if contact is not None:
        if contact.kind == "address":
            return TextItem(address=PnrAddress(purpose="CTCA", street=contact.value))
        return TextItem(contact=PnrContact(kind=contact.kind, value=contact.value))
    qualifier = ift_qualifier(segment)
    if qualifier == FARE_CALCULATION:
        return TextItem(fare_calculation=text)
    if not context.remark(text):
        return _NOTHING
    return TextItem(remark=Remark(kind=REMARK_KINDS.get(qualifier, "free_text"), text=text))


def contact_from_ssr(item: SsrItem) -> PnrContact | None:
    """SSR CTCE / CTCM / CTCH ...: the free text in AIRIMP form, decoded."""
    contact = read_contact_text(f"{item.code} {item.text}")
    return PnrContact(kind=contact.kind, value=contact.value) if contact else None


class AddressItem(NamedTuple):
    address: PnrAddress | None
    contacts: tuple[PnrContact, ...]


def read_add(segment: Segment, context: PushContext, what: str) -> AddressItem:
    """ADD as a PnrAddress (None when it names no place) and the contacts in its free text."""
    key = ("add", id(segment.elements), what)
    return context.memo(key, (segment,), lambda: _read_add(segment, context, what))


def _read_add(segment: Segment, context: PushContext, what: str) -> AddressItem:
    fields, contacts = address_fields(segment, context, what)
    address = PnrAddress.model_validate(fields) if fields else None
    return AddressItem(address, tuple(PnrContact.model_validate(c) for c in contacts))


def address_fields(
    segment: Segment, context: PushContext, what: str
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """ADD (``ADD++702:45 HIGH STREET:SLOUGH:BERKSHIRE::GB:SL1AA:00441753637285``: purpose,
    street, city, state code, state name, country (alpha-2 per the MIG), postcode, free text) as
    address fields (None when it names no place) and the contacts in its free text (phones, or
    an e-mail for purpose E or a CTCE text)."""
    elements = segment.elements
    parts = elements[1] if len(elements) > 1 else (elements[0] if elements else [""])
    part = [p.strip() for p in parts] + [""] * (8 - len(parts))
    purpose, street, city, region_code, region_name, country, postal, free = part[:8]
    contacts: list[dict[str, str]] = []
    if free:
        free = context.free_text(free) or ""
    if free:
        contact = read_contact_text(free)
        if purpose.upper() == "E" and contact is None and "@" in free:
            contacts.append({"kind": "email", "value": "".join(free.split()).upper()})
        elif contact is not None:
            contacts.append({"kind": contact.kind, "value": contact.value})
        else:
            contacts.extend({"kind": "phone", "value": number} for number in phone_numbers(free))
    if not (street or city or region_code or region_name or postal or country):
        return None, contacts
    address: dict[str, Any] = {
        "purpose": purpose or None,
        "street": " ".join(street.split()).upper() or None,
        "city": " ".join(city.split()).upper() or None,
        "region": (region_code or region_name).upper() or None,
        "postal_code": postal.upper() or None,
        "country": context.country(country, segment, f"{what} country", alpha2_ok=True),
        "phone": next((c["value"] for c in contacts if c["kind"] == "phone"), None),
    }
    return address, contacts


def read_org(segment: Segment, context: PushContext) -> Agency | None:
    """ORG as an Agency, or None when the ORG is empty (which an update push uses to say a PNR
    or the pushed flight in it was cancelled). Layout (MIG example ``ORG+1A:MUC+12345678:111111+
    AMS+LH+A+NL:NLG:NL+0001AASU``): system:location, IATA number:office, agent location,
    company, originator type, country:currency:language, agent sign."""
    key = ("org", id(segment.elements))
    return context.memo(key, (segment,), lambda: _read_org(segment, context))


def _read_org(segment: Segment, context: PushContext) -> Agency | None:
    elements = segment.elements
    if not any(part.strip() for element in elements for part in element):
        return None

    def value(element: int, component: int = 0) -> str | None:
        if element < len(elements) and component < len(elements[element]):
            return elements[element][component].strip().upper() or None
        return None

    country = value(5)
    return Agency(
        airline=value(0),
        location=value(0, 1) or value(2),
        iata_number=value(1),
        agent=value(6) or value(1, 1),
        originator_type=value(4),
        country=context.country(country, segment, "originator country", alpha2_ok=True)
        if country
        else None,
        currency=value(5, 1),
    )


def read_frequent_flyers(segment: Segment, context: PushContext) -> tuple[FrequentFlyer, ...]:
    """FTI: each element is airline:number:traveller reference:...:tier. Memoised: a push's
    travellers share a few cards (and the models are immutable)."""
    key = ("fti", id(segment.elements))
    return context.memo(key, (segment,), lambda: _read_frequent_flyers(segment))


def _read_frequent_flyers(segment: Segment) -> tuple[FrequentFlyer, ...]:
    found = []
    for element in segment.elements:
        number = element[1].strip().upper() if len(element) > 1 else ""
        if not number:
            continue
        tier = next((part.strip().upper() for part in reversed(element[3:]) if part.strip()), None)
        airline = element[0].strip().upper() or None
        found.append(FrequentFlyer(airline=airline, number=number, tier=tier))
    return tuple(found)


def frequent_flyer_from_ssr(item: SsrItem) -> dict[str, Any] | None:
    """SSR FQTV free text: ``SQ8794285757``, ``SQ 8794285757 G`` or ``/ SQ8794285757 S/KFES``."""
    words = item.text.replace("/", " ").split()
    if not words:
        return None
    first = words[0].upper()
    airline, number = item.airline or None, first
    if len(first) > 2 and first[:2].isalnum() and first[2:].isdigit():
        airline, number = first[:2], first[2:]
    elif len(first) == 2 and len(words) > 1:
        airline, number = first, words[1].upper()
        words = words[1:]
    tier = words[1].upper() if len(words) > 1 and len(words[1]) <= 2 else None
    return {"airline": airline, "number": number, "tier": tier}
