"""PNRGOV XML (IATA PADIS, namespace http://www.iata.org/IATA/2007/00) into canonical PnrPushes.

Supported shape (element names as the IATA PNRGOV XML guide's public derivatives show them)::

    IATA_PNRGOV_NotifRQ  @Version @EchoToken @TransactionIdentifier @SequenceNmbr
                         @TransactionStatusCode [@MessageFunction|@PushType: 22/141, Full/Update]
      Originator @AirlineCode
      FlightLeg @CarrierCode @FlightNumber @DepartureDateTime @ArrivalDateTime @DateChangeNbr
        DepartureAirport/ArrivalAirport @LocationCode
      PNRs @NumberOfPnrs
        PNR @NumberOfPassengers @PNR_CreationDate @PNR_TransDate
          BookingRefID @ID @Type / CompanyName @Code, POS/Source, ContactInfo, PrepaidBag,
          SSR, OSI, Remark, Passenger*, Flight*, HotelInfo, PaymentInfo

The root may also sit in a SOAP Body or in a wrapper element holding several of them: each
IATA_PNRGOV_NotifRQ becomes one PnrPush. Elements are read in the IATA namespace or none.

The body is parsed with defusedxml: no DTD (so no entity, internal or external), no external
reference, no XInclude, nothing fetched; its size is checked before parsing and its depth and
element count while parsing. A body that cannot be read raises PnrXmlError (xml_errors.py).

Warning codes (DataWarning.segment is the line of the element, ``tag`` its name):
  push          push_kind_not_stated, extra_flight_leg, count_mismatch, unread_elements,
                missing_value
  bookings      missing_locator, empty_booking, count_mismatch, unlinked_item,
                unmatched_check_in
  values        invalid_date, invalid_value, missing_time, arrival_before_departure,
                ambiguous_local_time, nonexistent_local_time, unknown_time_zone
  codes         unknown_airport, unknown_country, country_alpha2, unknown_gender,
                unknown_document_type
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from paxscreen.normalise.canonical import FlightLeg, MessageSource
from paxscreen.normalise.canonical_pnr import Agency, PnrPush, PushKind
from paxscreen.normalise.paxlst_legs import MISSING_VALUE
from paxscreen.normalise.pnrgov_xml_booking import COUNT_MISMATCH, read_booking
from paxscreen.normalise.pnrgov_xml_nodes import (
    IATA_NAMESPACE,
    XmlContext,
    attr,
    flight_id,
    kid,
    kids,
    read_leg_times,
    shorten,
    split_tag,
)
from paxscreen.normalise.privacy import PrivacyPolicy
from paxscreen.normalise.xml_errors import (
    XML_FORBIDDEN,
    XML_STRUCTURE,
    XML_SYNTAX,
    XML_TOO_LARGE,
    PnrXmlError,
)

MAX_DEPTH = 64  # a PNRGOV document nests about 8 deep
MAX_ELEMENTS = 500_000  # a full A380 push is about 60,000
ROOT_NAME = "IATA_PNRGOV_NotifRQ"
SOAP_NAMESPACES = frozenset(
    {"http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"}
)
XINCLUDE_NAMESPACES = frozenset(
    {"http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"}
)
PUSH_KINDS = {
    **dict.fromkeys(("22", "FULL", "F"), PushKind.FULL),
    **dict.fromkeys(("141", "UPDATE", "U", "CHANGE", "DELTA"), PushKind.UPDATE),
}
ROOT_CHILDREN = frozenset({"Originator", "FlightLeg", "PNRs", "PNR"})

PUSH_KIND_NOT_STATED = "push_kind_not_stated"
EXTRA_FLIGHT_LEG = "extra_flight_leg"
UNREAD_ELEMENTS = "unread_elements"
UNREAD_LISTED = 20  # names listed in the unread_elements warning


def normalise_pnrgov_xml(
    data: bytes, policy: PrivacyPolicy, *, max_bytes: int = 10_000_000
) -> list[PnrPush]:
    """Every IATA_PNRGOV_NotifRQ of ``data`` as a PnrPush, in document order. Raises PnrXmlError
    when the body is too large, hostile, malformed or not PNRGOV; anything else a sender gets
    wrong is tolerated and warned about."""
    parsed = parse_safely(data, max_bytes=max_bytes)
    pushes = _push_elements(parsed.root, parsed)
    return [_read_push(push, index, parsed, policy) for index, push in enumerate(pushes, 1)]


@dataclass(frozen=True)
class ParsedXml:
    root: Element
    lines: dict[Element, int]  # the line each element starts on


def parse_safely(data: bytes, *, max_bytes: int) -> ParsedXml:
    """Parse ``data`` with defusedxml, DTDs, entities and external references forbidden."""
    if len(data) > max_bytes:
        raise PnrXmlError(XML_TOO_LARGE, f"the body has {len(data):,} bytes, over {max_bytes:,}")
    # Deferred: defusedxml re-imports the pure-Python ElementTree the first time it loads.
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    target = _LimitedTreeBuilder()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    target.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except PnrXmlError:
        raise
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        what = {
            DTDForbidden: "a DTD (DOCTYPE) is not accepted, and with it no entity",
            EntitiesForbidden: "entity declarations are not accepted",
        }.get(type(exc), "external references are not accepted")
        raise PnrXmlError(XML_FORBIDDEN, what, **target.position()) from None
    except ParseError as exc:
        line, column = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise PnrXmlError(XML_SYNTAX, reason, line=line, column=column + 1) from None
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read
        raise PnrXmlError(XML_SYNTAX, str(exc), **target.position()) from None
    return ParsedXml(root, target.lines)


class _LimitedTreeBuilder:
    """An ElementTree target that records each element's line and refuses documents nested
    too deep, with too many elements, or with XInclude, as they are read."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[Element, int] = {}
        self.depth = 0
        self.count = 0
        self.expat: Any = None

    def position(self, element: str | None = None) -> dict[str, Any]:
        line = self.expat.CurrentLineNumber if self.expat else None
        column = self.expat.CurrentColumnNumber + 1 if self.expat else None
        return {
            "line": line,
            "column": column,
            "element": shorten(element, 100) if element else None,
        }

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        self.depth += 1
        self.count += 1
        namespace, name = split_tag(tag)
        if self.depth > MAX_DEPTH:
            where = self.position(name)
            raise PnrXmlError(XML_TOO_LARGE, f"elements nest deeper than {MAX_DEPTH}", **where)
        if self.count > MAX_ELEMENTS:
            where = self.position(name)
            raise PnrXmlError(XML_TOO_LARGE, f"more than {MAX_ELEMENTS:,} elements", **where)
        if namespace in XINCLUDE_NAMESPACES:
            raise PnrXmlError(XML_FORBIDDEN, "XInclude is not accepted", **self.position(name))
        element = self.builder.start(tag, attributes)
        self.lines[element] = self.expat.CurrentLineNumber
        return element

    def end(self, tag: str) -> Element:
        self.depth -= 1
        return self.builder.end(tag)

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> Element:
        return self.builder.close()


def _push_elements(root: Element, parsed: ParsedXml) -> list[Element]:
    """The IATA_PNRGOV_NotifRQ elements: the root itself, the children of a SOAP Body, or the
    children of a wrapper element."""
    namespace, name = (shorten(part, 100) for part in split_tag(root.tag))
    if name == ROOT_NAME:
        candidates = [root]
    elif namespace in SOAP_NAMESPACES and name == "Envelope":
        body = next((c for c in root if split_tag(c.tag) == (namespace, "Body")), None)
        candidates = list(body) if body is not None else []
    else:
        candidates = list(root)
    pushes = [c for c in candidates if split_tag(c.tag)[1] == ROOT_NAME]
    if not pushes:
        raise PnrXmlError(
            XML_STRUCTURE,
            f"the root element is {name}, not {ROOT_NAME} (nor a wrapper around one)",
            line=parsed.lines.get(root),
            element=name,
        )
    for push in pushes:
        push_namespace = split_tag(push.tag)[0]
        if push_namespace not in ("", IATA_NAMESPACE):
            push_namespace = shorten(push_namespace, 100)
            reason = f"{ROOT_NAME} is in namespace {push_namespace}, not {IATA_NAMESPACE}"
            raise PnrXmlError(XML_STRUCTURE, reason, line=parsed.lines.get(push), element=ROOT_NAME)
    return pushes


def _read_push(notif: Element, index: int, parsed: ParsedXml, policy: PrivacyPolicy) -> PnrPush:
    ctx = XmlContext(parsed.lines, policy)
    ctx.note_unread(notif, ROOT_CHILDREN)
    flight = _pushed_flight(notif, ctx)
    moment = flight.departure_local or flight.arrival_local
    ctx.reference = moment.date() if moment else None
    kind = _push_kind(notif, ctx)
    container = kid(notif, "PNRs")
    pnrs = kids(container, "PNR") if container is not None else kids(notif, "PNR")
    bookings = tuple(read_booking(pnr, ctx, kind) for pnr in pnrs)
    declared_text = attr(container, "NumberOfPnrs")
    declared = int(declared_text) if declared_text and declared_text.isdigit() else None
    if declared is not None and len(bookings) > declared:
        ctx.warn(COUNT_MISMATCH, f"{declared} PNRs declared, {len(bookings)} present", container)
    if ctx.unread:
        listed = ", ".join(sorted(ctx.unread)[:UNREAD_LISTED])
        more = len(ctx.unread) - UNREAD_LISTED
        listed += f" and {more} more" if more > 0 else ""
        ctx.warn(UNREAD_ELEMENTS, f"elements not read (no canonical field): {listed}", notif)
    version = attr(notif, "Version")
    if version is None:
        ctx.warn(MISSING_VALUE, f"{ROOT_NAME} has no Version", notif)
    return PnrPush(
        format="XML",
        directory=version or "",
        kind=kind,
        sender=_sender(notif),
        flight=flight,
        declared_bookings=declared,
        bookings=bookings,
        dropped_sensitive=dict(ctx.drops.sensitive),
        dropped_other=dict(ctx.drops.other),
        source=_source(notif, index),
        warnings=tuple(ctx.log.items),
    )


def _pushed_flight(notif: Element, ctx: XmlContext) -> FlightLeg:
    """The flight the push is about (FlightLeg), reported. Without one the push cannot be
    placed, so it is refused rather than guessed from the PNRs' itineraries."""
    legs = kids(notif, "FlightLeg")
    if not legs:
        raise PnrXmlError(
            XML_STRUCTURE,
            f"{ROOT_NAME} has no FlightLeg naming the flight pushed",
            line=ctx.lines.get(notif),
            element=ROOT_NAME,
        )
    for extra in legs[1:]:
        ctx.warn(EXTRA_FLIGHT_LEG, "second FlightLeg in one push ignored", extra)
    leg = legs[0]
    carrier = attr(leg, "CarrierCode") or attr(kid(notif, "Originator"), "AirlineCode")
    carrier, number = flight_id(carrier, attr(leg, "FlightNumber"), leg, ctx)
    if not carrier or not number:
        ctx.warn(MISSING_VALUE, "FlightLeg without a carrier or flight number", leg)
    times = read_leg_times(leg, ctx)
    return FlightLeg(carrier=carrier, flight_number=number, **times._asdict(), reported=True)


def _push_kind(notif: Element, ctx: XmlContext) -> PushKind:
    """Full (every PNR of the flight) or update (the changed ones). The XML guide's marker was
    not found in public sources, so the EDIFACT codes (MSG 22/141) and words are accepted on
    the root or PNRs; without one the push is read as full and that is warned about."""
    value = attr(notif, "MessageFunction", "PushType") or attr(
        kid(notif, "PNRs"), "MessageFunction", "PushType"
    )
    kind = PUSH_KINDS.get(value.upper()) if value else None
    if kind is None:
        stated = f"{value!r} is not known" if value else "not stated"
        ctx.warn(PUSH_KIND_NOT_STATED, f"push kind {stated}; read as a full push", notif)
        return PushKind.FULL
    return kind


def _sender(notif: Element) -> Agency | None:
    airline = attr(kid(notif, "Originator"), "AirlineCode")
    return Agency(airline=airline) if airline else None


def _source(notif: Element, index: int) -> MessageSource:
    """Keys for duplicates: the originator, the sender's references, and the message's place
    in a series (OTA SequenceNmbr; TransactionStatusCode End = final part)."""
    sequence = attr(notif, "SequenceNmbr")
    status = (attr(notif, "TransactionStatusCode") or "").lower()
    part_flag = "F" if status == "end" else ("C" if status in ("start", "inseries") else None)
    return MessageSource(
        sender=attr(kid(notif, "Originator"), "AirlineCode") or "",
        recipient="",
        interchange_ref=attr(notif, "TransactionIdentifier") or "",
        message_ref=attr(notif, "EchoToken") or str(index),
        part_number=int(sequence) if sequence and sequence.isdigit() else None,
        part_flag=part_flag,
    )
