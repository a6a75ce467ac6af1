"""PNRGOV (EDIFACT) messages into canonical PnrPushes.

Nothing a sender gets wrong is fatal unless the message names no flight at all: every tolerated
problem becomes a DataWarning with a stable code, located by segment position and tag. Nothing
the privacy filters drop is ever quoted in a warning.

The pushed flight: the level-0 TVL, unless it appears in no booking while one flight is common
to every booking's itinerary; then that flight is taken (``header_flight_mismatch``). Generated
pushes copy the guide's header (DL324 LHR-JFK) whatever flight their PNRs are on. A header
flight in no booking with no single common flight is kept, and flagged
(``header_flight_not_in_bookings``).

Cancellations: in an update push (MSG 141) an empty ORG in a PNR (GR.1) says the PNR, or the
pushed flight in it, was cancelled (the MIG text GTAS quotes for ORG); the booking is kept with
``cancelled`` set. An empty message-level ORG is only warned about (``empty_sender_org``).

Two-digit years (dates of birth, expiry) are read against the pushed flight's date.

Warning codes:
  grammar          unexpected_segment, junk_before_segment
  message          missing_message_function, unknown_code, empty_sender_org,
                   header_flight_mismatch, header_flight_not_in_bookings,
                   missing_header_flight, count_mismatch
  flights          invalid_flight_number, invalid_date, unknown_airport, ambiguous_local_time,
                   nonexistent_local_time, unknown_time_zone
  values           invalid_value, missing_value, unknown_code
  documents        shifted_document, wrapped_name, unknown_document_type, unknown_gender,
                   unknown_country, country_alpha2, invalid_date
  attachment       unassigned_item, unmatched_check_in
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from paxscreen.edifact.envelope import Interchange
from paxscreen.edifact.errors import MessageStructureError
from paxscreen.edifact.messages.pnrgov import LegGroup, PnrgovMessage, PnrGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import FlightLeg, MessageSource
from paxscreen.normalise.canonical_pnr import Booking, PnrPush, PushKind
from paxscreen.normalise.dates import DateParseError, YearRule, parse_date
from paxscreen.normalise.paxlst_legs import split_flight_id
from paxscreen.normalise.pnrgov_bookings import BookingReader
from paxscreen.normalise.pnrgov_context import PushContext
from paxscreen.normalise.pnrgov_itinerary import read_tvl
from paxscreen.normalise.pnrgov_services import read_org
from paxscreen.normalise.pnrgov_travellers import unmasked_cards
from paxscreen.normalise.pnrgov_values import parse_ddmmyy
from paxscreen.normalise.privacy import PrivacyPolicy

PUSH_KINDS = {"22": PushKind.FULL, "141": PushKind.UPDATE}
MISSING_MESSAGE_FUNCTION = "missing_message_function"
UNKNOWN_CODE = "unknown_code"
EMPTY_SENDER_ORG = "empty_sender_org"
HEADER_FLIGHT_MISMATCH = "header_flight_mismatch"
HEADER_FLIGHT_NOT_IN_BOOKINGS = "header_flight_not_in_bookings"
MISSING_HEADER_FLIGHT = "missing_header_flight"
COUNT_MISMATCH = "count_mismatch"
INVALID_VALUE = "invalid_value"

FlightKey = tuple[str, str, str, str, str]  # carrier, number, board, off, departure date


def normalise_pnrgov(
    message: PnrgovMessage, interchange: Interchange, policy: PrivacyPolicy
) -> PnrPush:
    """One grouped PNRGOV message as a PnrPush. Raises MessageStructureError (located) when the
    message names no flight: no usable level-0 TVL and no flight common to its bookings."""
    envelope = message.envelope
    flight_tvl, mismatch = _pushed_flight_segment(message)
    dated = flight_tvl
    if flight_tvl is not None and flight_tvl is message.flight and mismatch is not None:
        # A header in no booking is no guide to the date either: the first PNR's first leg is.
        dated = next((pnr.legs[0].tvl for pnr in message.pnrs if pnr.legs), flight_tvl)
    reference = _reference_date(dated, interchange)
    context = PushContext(policy, reference)
    context.log.add_parse_warnings(message.warnings)
    kind = _kind(message, context)
    sender = None
    if message.org is not None:
        sender = read_org(message.org, context)
        if sender is None and kind is PushKind.UPDATE:
            context.warn(
                EMPTY_SENDER_ORG,
                "message-level ORG is empty; a cancelled PNR is read from its own empty ORG",
                message.org,
            )
    flight = _flight_leg(flight_tvl, message, mismatch, context)
    cards = context.cards  # known before any text is read, so every text is scrubbed
    for pnr in message.pnrs:
        for traveller in pnr.travellers:
            for ticket in traveller.tickets:
                for group in ticket.payments:
                    cards.update(unmasked_cards(group.fop.elements))
            for group in traveller.payments:
                cards.update(unmasked_cards(group.fop.elements))
    reader = BookingReader(context, update=kind is PushKind.UPDATE)
    bookings = tuple(reader.read(pnr) for pnr in message.pnrs)
    declared = _declared_bookings(message, bookings, context)
    dropped_sensitive, dropped_other = context.drop_counts()
    return PnrPush(
        format="EDIFACT",
        directory=envelope.directory,
        kind=kind,
        sender=sender,
        flight=flight,
        declared_bookings=declared,
        bookings=bookings,
        dropped_sensitive=dropped_sensitive,
        dropped_other=dropped_other,
        source=MessageSource(
            sender=interchange.sender,
            recipient=interchange.recipient,
            interchange_ref=interchange.reference,
            message_ref=envelope.reference,
            common_access_ref=envelope.common_access_ref,
            part_number=envelope.part_number,
            part_flag=envelope.part_flag,
        ),
        warnings=tuple(context.log.items),
    )


def _kind(message: PnrgovMessage, context: PushContext) -> PushKind:
    msg = message.msg
    if msg is None:
        header = message.envelope.header
        context.warn(MISSING_MESSAGE_FUNCTION, "no MSG segment; read as a full push", header)
        return PushKind.FULL
    head = msg.elements[0] if msg.elements else [""]
    code = (head[1] if len(head) > 1 else "").strip() or head[0].strip()
    kind = PUSH_KINDS.get(code)
    if kind is None:
        context.warn(UNKNOWN_CODE, f"message function {code!r} is neither 22 nor 141", msg)
        return PushKind.FULL
    return kind


@lru_cache(maxsize=1024)
def _flight_id(carrier: str, number: str) -> tuple[str, str]:
    carrier = carrier.strip().upper()
    split = split_flight_id(number, carrier) if number.strip() else None
    return (split[0] or carrier, split[1]) if split else (carrier, number.strip().upper())


def _value(segment: Segment, element: int, component: int = 0) -> str:
    elements = segment.elements
    if element < len(elements) and component < len(elements[element]):
        return elements[element][component].strip().upper()
    return ""


def _leg_key(tvl: Segment) -> FlightKey:
    carrier, number = _flight_id(_value(tvl, 3), _value(tvl, 4))
    return carrier, number, _value(tvl, 1), _value(tvl, 2), _value(tvl, 0)


def _flight_ids(group: LegGroup) -> list[tuple[str, str]]:
    """The marketing and (for a codeshare) operating flight of an itinerary segment."""
    tvl = group.tvl
    ids = [_flight_id(_value(tvl, 3), _value(tvl, 4))]
    if group.operating is not None:
        carrier = _value(tvl, 3, 1) or _value(tvl, 3)
        ids.append(_flight_id(carrier, _value(group.operating, 4)))
    return ids


def _on_flight(wanted: tuple[str, str], pnrs: list[PnrGroup]) -> bool:
    """Whether an itinerary segment of ``pnrs`` is flight ``wanted``. Each distinct TVL text
    (with its codeshare follow-up) is read once: every PNR repeats the pushed flight's, and a
    header flight in no booking has every PNR looked at."""
    seen: set[tuple[int, int]] = set()
    for pnr in pnrs:  # stops at the first PNR on the flight
        for group in pnr.legs:
            operating = group.operating
            key = (id(group.tvl.elements), id(operating.elements) if operating is not None else 0)
            if key not in seen:
                seen.add(key)
                if wanted in _flight_ids(group):
                    return True
    return False


def _pushed_flight_segment(message: PnrgovMessage) -> tuple[Segment | None, str | None]:
    """The TVL of the pushed flight, and why it is not the header's (None when it is)."""
    header = message.flight
    with_legs = [pnr for pnr in message.pnrs if pnr.legs]
    keys: dict[int, FlightKey] = {}  # by element-list id: every PNR repeats the pushed TVL

    def leg_key(tvl: Segment) -> FlightKey:
        key = keys.get(id(tvl.elements))
        if key is None:
            key = keys[id(tvl.elements)] = _leg_key(tvl)
        return key

    if header is not None and _value(header, 4):
        wanted = _flight_id(_value(header, 3), _value(header, 4))
        if not with_legs or _on_flight(wanted, with_legs):
            return header, None
    if not with_legs:
        return header, None
    common: dict[FlightKey, Segment] = {}
    for group in with_legs[0].legs:
        common.setdefault(leg_key(group.tvl), group.tvl)
    for pnr in with_legs[1:]:
        present = {leg_key(group.tvl) for group in pnr.legs}
        if not present.issuperset(common):
            common = {key: tvl for key, tvl in common.items() if key in present}
    flights = [key for key in common if key[1]]
    if len(flights) != 1:
        if header is None:
            return None, None
        named = f"{_value(header, 3)}{_value(header, 4)} {_value(header, 1)}-{_value(header, 2)}"
        return header, f"header flight {named} is in no booking, and no one flight is common to all"
    carrier, number, board, off, _ = flights[0]
    found = f"{carrier}{number} {board}-{off}, common to all {len(with_legs)} bookings"
    if header is None:
        return common[flights[0]], f"no flight in the message header; {found}, taken"
    named = f"{_value(header, 3)}{_value(header, 4)} {_value(header, 1)}-{_value(header, 2)}"
    return common[flights[0]], f"header flight {named} is in no booking; {found}, taken"


def _reference_date(tvl: Segment | None, interchange: Interchange) -> date:
    """The date two-digit years are read against: the pushed flight's departure, else the
    interchange preparation date (UNB S004), else today."""
    if tvl is not None and _value(tvl, 0):
        try:
            return parse_ddmmyy(_value(tvl, 0))
        except DateParseError:
            pass
    prepared = interchange.prepared.split(":")[0].strip()
    try:
        return parse_date(prepared, rule=YearRule.FLIGHT, reference=None)
    except DateParseError:
        return date.today()


def _flight_leg(
    tvl: Segment | None, message: PnrgovMessage, mismatch: str | None, context: PushContext
) -> FlightLeg:
    where = message.flight or message.envelope.header
    if mismatch is not None:
        if tvl is message.flight:
            code = HEADER_FLIGHT_NOT_IN_BOOKINGS
        else:
            code = HEADER_FLIGHT_MISMATCH if message.flight is not None else MISSING_HEADER_FLIGHT
        context.warn(code, mismatch, where)
    leg: dict[str, Any] = read_tvl(tvl, context) if tvl is not None else {}
    if not leg.get("carrier") or not leg.get("flight_number"):
        raise MessageStructureError(
            "no flight in the message: no usable TVL before the first SRC, and no flight "
            "common to every PNR",
            segment=where.position,
            tag=where.tag,
            expected="TVL with carrier and flight number after MSG/ORG",
        )
    fields = {name: leg.get(name) for name in FlightLeg.model_fields if name in leg}
    return FlightLeg.model_validate({**fields, "reported": True})


def _declared_bookings(
    message: PnrgovMessage, bookings: tuple[Booking, ...], context: PushContext
) -> int | None:
    """EQN: PNRs in the whole push. Checked against the PNRs present only when the message is
    the whole push (no UNH S010 part, or part 1 and final)."""
    eqn = message.eqn
    if eqn is None:
        return None
    text = _value(eqn, 0)
    if not text.isdigit():
        context.warn(INVALID_VALUE, f"EQN {text!r} is not a number", eqn)
        return None
    declared = int(text)
    envelope = message.envelope
    single = envelope.part_number in (None, 1) and envelope.part_flag in (None, "F")
    if single and declared != len(bookings):
        context.warn(
            COUNT_MISMATCH, f"{declared} PNRs declared (EQN), {len(bookings)} present", eqn
        )
    return declared
