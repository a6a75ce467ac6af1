"""PNRGOV XML ``Passenger`` elements and SSRs into canonical travellers.

A Passenger is a traveller even without a name or a document. SSRs (``SSR``, ``DOC_SSR``) may
sit under the PNR, the Passenger or a Flight and name their traveller by ``RPH``; ``take_ssr``
puts each through the PrivacyPolicy, then where it belongs. DOCS/DOCO/DOCA come structured
(attributes of a ``DOCS`` element) or as AIRIMP free text, read by ``airimp``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element

from paxscreen.normalise.airimp import (
    INFANT_GENDERS,
    parse_airimp_date,
    parse_doca,
    parse_doco,
    parse_docs,
    read_contact_text,
)
from paxscreen.normalise.canonical_pnr import (
    CheckIn,
    Fare,
    FrequentFlyer,
    PnrAddress,
    PnrContact,
    PnrDocument,
    PnrTraveller,
    Remark,
    SpecialService,
    Ticket,
    TravellerType,
)
from paxscreen.normalise.codes import UNKNOWN_GENDER, check_document_type, check_gender
from paxscreen.normalise.dates import YearRule
from paxscreen.normalise.paxlst_legs import INVALID_DATE, MISSING_VALUE
from paxscreen.normalise.paxlst_travellers import clean_text
from paxscreen.normalise.pnrgov_xml_nodes import (
    INVALID_VALUE,
    XmlContext,
    attr,
    child_text,
    kid,
    kids,
    local_name,
    parse_flag,
    parse_xml_datetime,
    read_date,
    text_of,
)

UNLINKED_ITEM = "unlinked_item"

DOCUMENT_SSRS = frozenset({"DOCS", "DOCO"})
CONTACT_SSRS = frozenset({"CTCE", "CTCM", "CTCH", "CTCB", "CTCR"})
PASSENGER_TYPES = {
    **dict.fromkeys(("ADT", "ADULT", "A"), TravellerType.ADULT),
    **dict.fromkeys(("CHD", "CNN", "CHILD", "C"), TravellerType.CHILD),
    **dict.fromkeys(("INF", "INS", "INFANT", "IN"), TravellerType.INFANT),
    **dict.fromkeys(("GRP", "GROUP", "G"), TravellerType.GROUP),
}
PASSENGER_CHILDREN = frozenset(
    {"GivenName", "MiddleName", "Surname", "SurnamePrefix", "NameTitle", "PersonName"}
    | {"ContactInfo", "CustLoyalty", "ExcessBaggage", "FareInfo", "SSR", "DOC_SSR"}
    | {"TicketDocument", "OSI", "OtherServiceInfo", "Remark"}
)


@dataclass
class Holder:
    """What a traveller, or the booking as a whole, collects while its PNR is read."""

    contacts: list[PnrContact] = field(default_factory=list)
    addresses: list[PnrAddress] = field(default_factory=list)
    services: list[SpecialService] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    baggage: list[str] = field(default_factory=list)  # excess/prepaid bags, as text


@dataclass
class TravellerDraft(Holder):
    fields: dict[str, Any] = field(default_factory=dict)
    documents: list[PnrDocument] = field(default_factory=list)
    frequent_flyers: list[FrequentFlyer] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)  # added by the booking reader

    @property
    def reference(self) -> str | None:
        value: str | None = self.fields.get("reference")
        return value

    @property
    def surname(self) -> str:
        value: str = self.fields["surname"]
        return value

    @property
    def given_names(self) -> str:
        value: str = self.fields["given_names"]
        return value

    def build(self) -> PnrTraveller:
        fields = dict(self.fields)
        if "type" not in fields and any(s.code == "CHLD" for s in self.services):
            fields["type"] = TravellerType.CHILD
        return PnrTraveller(
            **fields,
            documents=tuple(dict.fromkeys(self.documents)),  # a DOCS repeated per flight
            frequent_flyers=tuple(dict.fromkeys(self.frequent_flyers)),
            addresses=tuple(dict.fromkeys(self.addresses)),
            contacts=tuple(dict.fromkeys(self.contacts)),
            services=tuple(self.services),
            remarks=tuple(self.remarks),
            tickets=tuple(self.tickets),
            check_ins=tuple(self.check_ins),
        )


def read_traveller(passenger: Element, ctx: XmlContext) -> TravellerDraft:
    """A Passenger's names, type, references, contacts, loyalty, fare and tickets. Its SSRs
    are routed by ``take_ssr`` (they may name another traveller by RPH)."""
    ctx.note_unread(passenger, PASSENGER_CHILDREN)
    draft = TravellerDraft(fields=_names(passenger, ctx))
    draft.fields.update(_type_and_references(passenger))
    fare = kid(passenger, "FareInfo")
    if fare is not None:
        draft.fields["fare"] = Fare(
            passenger_type=attr(fare, "PTC_Code", "PassengerTypeCode"),
            fare_basis=attr(fare, "FareBasis", "FareBasisCode"),
        )
    for contact_info in kids(passenger, "ContactInfo"):
        read_contact_info(contact_info, draft, ctx)
    for loyalty in kids(passenger, "CustLoyalty"):
        _frequent_flyer(loyalty, draft, ctx)
    draft.tickets.extend(_ticket(element, ctx) for element in kids(passenger, "TicketDocument"))
    draft.baggage.extend(describe_bags(bag) for bag in kids(passenger, "ExcessBaggage"))
    read_remarks(passenger, draft, ctx)
    return draft


def _names(passenger: Element, ctx: XmlContext) -> dict[str, Any]:
    person = kid(passenger, "PersonName")
    person = passenger if person is None else person  # OTA wraps the names in PersonName
    surname = " ".join(filter(None, (child_text(person, n) for n in ("SurnamePrefix", "Surname"))))
    if not surname:
        ctx.warn(MISSING_VALUE, "Passenger without a Surname; kept", passenger)
    given = " ".join(filter(None, map(text_of, kids(person, "GivenName", "MiddleName"))))
    title = child_text(person, "NameTitle")
    return {
        "surname": clean_text(surname),
        "given_names": clean_text(given),
        "title": clean_text(title) if title else None,
    }


def _type_and_references(passenger: Element) -> dict[str, Any]:
    found: dict[str, Any] = {
        "reference": attr(passenger, "RPH"),
        "passenger_ref": attr(passenger, "SurnameRefNumber"),
    }
    code = attr(passenger, "PassengerTypeCode", "PassengerType")
    code = code or attr(kid(passenger, "FareInfo"), "PTC_Code")
    if code is not None:
        found["type"] = PASSENGER_TYPES.get(code.upper(), TravellerType.OTHER)
    return found


def read_contact_info(element: Element, holder: Holder, ctx: XmlContext) -> None:
    """``ContactInfo``: phone and e-mail attributes, and an address in its children."""
    phone = attr(element, "PhoneNumber")
    if phone and "@" in phone:  # e-mail sent in the phone field, e.g. "E+NAME@HOST"
        holder.contacts.append(PnrContact(kind="email", value=re.sub(r"^E[+/]", "", phone)))
    elif phone:
        holder.contacts.append(PnrContact(kind="phone", value=phone))
    email = attr(element, "EmailAddress", "Email")
    if email:
        holder.contacts.append(PnrContact(kind="email", value=email))
    address = read_address_children(element, ctx)
    if address is not None:
        holder.addresses.append(address)


def read_address_children(element: Element, ctx: XmlContext) -> PnrAddress | None:
    lines = [text_of(line) for line in kids(element, "StreetNmbr", "AddressLine")]
    country_element = kid(element, "CountryName")
    country = attr(country_element, "Code") or text_of(country_element)
    found = {
        "street": ", ".join(filter(None, lines)) or None,
        "city": child_text(element, "CityName"),
        "region": child_text(element, "StateProv"),
        "postal_code": child_text(element, "PostalCode"),
        "country": ctx.country(country, "address country", element) if country else None,
    }
    if not any(found.values()):
        return None
    return PnrAddress(purpose=attr(element, "Type", "AddressType"), **found)


def _frequent_flyer(element: Element, draft: TravellerDraft, ctx: XmlContext) -> None:
    number = attr(element, "MembershipID")
    if number is None:
        ctx.warn(MISSING_VALUE, "CustLoyalty without a MembershipID; not kept", element)
        return
    draft.frequent_flyers.append(
        FrequentFlyer(
            airline=attr(element, "ProgramID"),
            number=number,
            tier=attr(element, "LoyalLevel", "TierLevel"),
        )
    )


def _ticket(element: Element, ctx: XmlContext) -> Ticket:
    total = kid(element, "TotalFare")
    pricing = kid(element, "PricingInfo")
    non_refundable = parse_flag(attr(pricing, "NonRefundableInd"))
    return Ticket(
        number=attr(element, "TicketDocumentNbr"),
        type=attr(element, "Type"),
        issue_date=read_date(element, ("DateOfIssue",), ctx),
        base_amount=attr(kid(element, "BaseFare"), "Amount"),
        total_amount=attr(total, "Amount"),
        currency=attr(total, "CurrencyCode"),
        validating_carrier=attr(element, "ValidatingAirline", "IssuingAirline"),
        sales_location=attr(element, "TicketLocation") or attr(pricing, "LocationCode"),
        refundable=None if non_refundable is None else not non_refundable,
    )


def describe_bags(element: Element) -> str:
    """Bags as text (Booking.excess_baggage): the attributes sent, in document order."""
    return f"{local_name(element)} " + " ".join(f"{k}={v}" for k, v in element.items())


def read_remarks(parent: Element, holder: Holder, ctx: XmlContext) -> None:
    """OSI and remarks: kept only when the policy allows a general remark (Annex I point 12)
    and the text reveals no special category; otherwise counted, never kept."""
    for element in kids(parent, "OSI", "OtherServiceInfo", "Remark"):
        text = child_text(element, "Text") or text_of(element)
        if text is None:
            continue
        if ctx.sensitive(ctx.policy.sensitive_text(text)):
            continue
        if ctx.policy.keeps_remark(text):
            kind = "remark" if local_name(element) == "Remark" else "OSI"
            holder.remarks.append(Remark(kind=kind, text=ctx.keep_text(text)))
        else:
            ctx.drops.drop_other("general_remarks")


class SsrItem(NamedTuple):
    element: Element
    code: str
    status: str | None
    airline: str | None
    text: str | None
    rph: str | None
    leg: str | None  # "LHR:WAW" when the SSR (or its Flight) names a leg
    detail: Element | None  # the DOCS/DOCO/DOCA child of a DOC_SSR


def ssr_items(parent: Element, leg: str | None, ctx: XmlContext) -> Iterator[SsrItem]:
    """The SSR and DOC_SSR children of ``parent``; ``leg`` is the enclosing Flight's."""
    for element in kids(parent, "SSR", "DOC_SSR"):
        detail = kid(element, "DOCS", "DOCO", "DOCA")
        code = attr(element, "SSRCode", "SSR_Code", "Code")
        code = (code or (local_name(detail) if detail is not None else "")).upper()
        if not code:
            ctx.warn(MISSING_VALUE, "SSR without a code; not kept", element)
            continue
        board, off = attr(element, "BoardPoint"), attr(element, "OffPoint")
        yield SsrItem(
            element=element,
            code=code,
            status=attr(element, "Status"),
            airline=attr(kid(element, "Airline", "FlightInfo"), "Code"),
            text=child_text(element, "Text", "TEXT", "FreeText"),
            rph=attr(element, "RPH"),
            leg=f"{board}:{off}" if board and off else leg,
            detail=detail,
        )


# SSRs whose text is a person's identity data (names, numbers, addresses), not a request: only
# their code goes through the sensitive-data filter, or a passenger whose name happens to be a
# word of its tables (HALAL, STROKE ...) would lose their documents.
IDENTITY_SSRS = frozenset({"DOCS", "DOCO", "DOCA", "FQTV"})


def take_ssr(item: SsrItem, owner: TravellerDraft | None, booking: Holder, ctx: XmlContext) -> None:
    """Keep one SSR where it belongs, after the sensitive-data filter. ``owner`` is the
    traveller it names (None when it names none); API data without one is warned about."""
    identity = item.code in IDENTITY_SSRS or item.code in CONTACT_SSRS
    if ctx.sensitive(ctx.policy.sensitive_ssr(item.code, None if identity else item.text)):
        return
    if item.code in IDENTITY_SSRS and owner is None:
        detail = f"SSR {item.code} names no traveller of this PNR (RPH {item.rph!r}); not kept"
        ctx.warn(UNLINKED_ITEM, detail, item.element)
    elif owner is not None and item.code in DOCUMENT_SSRS:
        owner.documents.append(_document(item, ctx))
    elif owner is not None and item.code == "DOCA":
        owner.addresses.append(_doca(item, ctx))
    elif owner is not None and item.code == "FQTV":
        _fqtv(item, owner, ctx)
    elif item.code in CONTACT_SSRS:
        contact = read_contact_text(f"{item.code} {item.text or ''}")
        if contact is not None:
            (owner or booking).contacts.append(PnrContact(kind=contact.kind, value=contact.value))
    else:
        text = ctx.keep_text(item.text) if item.text else None
        service = SpecialService(
            code=item.code, status=item.status, airline=item.airline, text=text, leg=item.leg
        )
        (owner or booking).services.append(service)


def _fqtv(item: SsrItem, owner: TravellerDraft, ctx: XmlContext) -> None:
    """``LH 992003456789``, ``/LH992003456789`` or ``LH/992003456789/SEN``."""
    words = (item.text or "").upper().replace("/", " ").split()
    if words and len(words[0]) > 2 and words[0][2:].isdigit():
        words[:1] = [words[0][:2], words[0][2:]]
    if len(words) < 2 or len(words[0]) != 2:
        ctx.warn(INVALID_VALUE, "SSR FQTV text is not airline + number; not kept", item.element)
        return
    tier = words[2] if len(words) > 2 else None
    owner.frequent_flyers.append(FrequentFlyer(airline=words[0], number=words[1], tier=tier))


def _document(item: SsrItem, ctx: XmlContext) -> PnrDocument:
    """DOCS (travel document) or DOCO (visa, other document), structured or AIRIMP text."""
    if item.detail is not None:
        where = item.detail
        fields = _structured_document(item.code, item.detail, ctx)
    else:
        where = item.element
        parse = parse_doco if item.code == "DOCO" else parse_docs
        fields, problems = parse(item.text or "", ctx.reference)
        for code, detail in problems:
            ctx.warn(code, detail, where)
    for key in ("issuing_state", "nationality", "applicable_country"):
        fields[key] = ctx.country(fields.get(key), key.replace("_", " "), where)
    if fields.get("type"):
        check = check_document_type(fields["type"])
        if check.warning:
            ctx.warn(check.warning, f"document type {check.value!r} kept as sent", where)
    gender = fields.get("gender")
    if gender and gender not in INFANT_GENDERS and check_gender(gender).warning:
        ctx.warn(UNKNOWN_GENDER, f"gender {gender!r} kept as sent", where)
    for key in ("surname", "given_names"):
        fields[key] = clean_text(fields[key]) if fields.get(key) else None
    return PnrDocument(**{key: value for key, value in fields.items() if value is not None})


def _structured_document(code: str, detail: Element, ctx: XmlContext) -> dict[str, Any]:
    """The attributes of a DOCS or DOCO element; dates ISO or AIRIMP (``12MAR85``)."""
    if code == "DOCO":
        return {
            "ssr": "DOCO",
            "place_of_birth": attr(detail, "BirthLocation", "PlaceOfBirth"),
            "type": attr(detail, "TravelDocType", "DocType"),
            "number": attr(detail, "TravelDocNbr", "DocID"),
            "place_of_issue": attr(detail, "PlaceOfIssue"),
            "issue_date": _date(detail, ("DateOfIssue",), YearRule.PAST, ctx),
            "applicable_country": attr(detail, "CountryState", "ApplicableCountry"),
        }
    gender = (attr(detail, "Gender") or "").upper() or None
    given = (attr(detail, "FirstGivenName"), attr(detail, "SecondGivenName"))
    return {
        "ssr": "DOCS",
        "type": attr(detail, "DocType", "TravelDocType"),
        "number": attr(detail, "DocID", "DocNumber", "TravelDocNbr"),
        "issuing_state": attr(detail, "DocIssueCountry", "IssuingLoc", "IssuingCountry"),
        "nationality": attr(detail, "PaxNationality", "Nationality"),
        "date_of_birth": _date(detail, ("DateOfBirth", "BirthDate"), YearRule.PAST, ctx),
        "gender": gender,
        "expiry": _date(detail, ("ExpiryDate", "ExpireDate"), YearRule.EXPIRY, ctx),
        "surname": attr(detail, "Surname"),
        "given_names": " ".join(filter(None, given)) or None,
        "infant": gender in INFANT_GENDERS or bool(parse_flag(attr(detail, "Infant"))),
    }


def _date(element: Element, names: tuple[str, ...], rule: YearRule, ctx: XmlContext) -> date | None:
    """A document date attribute: AIRIMP (``12MAR85``, two-digit years read by ``rule`` against
    the flight date) or ISO."""
    value = attr(element, *names)
    if value is None:
        return None
    try:
        return parse_airimp_date(value, rule, ctx.reference)
    except ValueError:
        pass
    try:
        return parse_xml_datetime(value)[0].date()
    except ValueError:
        ctx.warn(INVALID_DATE, f"{names[0]} {value!r} is not a date; left out", element)
        return None


def _doca(item: SsrItem, ctx: XmlContext) -> PnrAddress:
    """DOCA: ``/R|D/country/address/city/state/zip/I`` or a structured DOCA element."""
    if item.detail is not None:
        where, d = item.detail, item.detail
        fields: dict[str, Any] = {
            "purpose": attr(d, "AddressType"),
            "country": attr(d, "Country"),
            "street": attr(d, "Address"),
            "city": attr(d, "CityName"),
            "region": attr(d, "StateProvCounty"),
            "postal_code": attr(d, "PostalCode"),
        }
    else:
        where = item.element
        fields, problems = parse_doca(item.text or "")
        for code, detail in problems:
            ctx.warn(code, detail, where)
    fields["country"] = ctx.country(fields.get("country"), "DOCA country", where)
    return PnrAddress(**fields)
