"""PNRGOV segment-group grammar: one message's flat segment list into its groups, uninterpreted.

One grammar for PNRGOV 10.1 up to the current release (later releases only add optional
segments). Groups as in the IATA PNRGOV MIG:

  level 0   MSG (message function), ORG (sender), TVL (the flight pushed), EQN (PNRs in the push)
  GR.1      SRC, one per PNR: RCI, SSR, DAT, IFT, ORG, ADD, EBD
    GR.2    TIF, one per traveller: FTI, IFT, REF, EBD, FAR, SSR, ADD
      GR.3  TKT, one per ticket: MON, PTK, TXD, DAT (and IFT, seen in production)
        GR.4  FOP, one per form of payment: IFT (card holder), ADD (billing address)
    GR.5    TVL, one per itinerary segment: TRA, RPI, APD, SSR, RCI, IFT; a second TVL that
            carries only a flight number is the operating flight of a codeshare
      GR.6  DAT (check-in) + ORG (agent)
        GR.7  TRI (boarding number) + TIF, SSD (seat), TBD (bags)
    GR.8    EQN + RCI: split PNR
    GR.9    MSG + TVL: non-air segment (hotel, car, rail)
    GR.10   ABI + DAT: history credit
      GR.11 SAC + TIF, SSR, IFT, TBD: one history item
        GR.12 TVL + RPI: a flight in a history item
    LTS     unstructured history lines
"""

from __future__ import annotations

from paxscreen.edifact.envelope import MessageEnvelope
from paxscreen.edifact.errors import MessageStructureError, ParseWarning, UnsupportedMessageError
from paxscreen.edifact.messages.pnrgov_groups import (
    BoardingGroup,
    CheckInGroup,
    HistoryFlightGroup,
    HistoryGroup,
    HistoryItemGroup,
    LegGroup,
    NonAirGroup,
    PaymentGroup,
    PnrgovMessage,
    PnrGroup,
    SplitGroup,
    TicketGroup,
    TravellerGroup,
)
from paxscreen.edifact.segments import Segment

__all__ = [
    "BoardingGroup",
    "CheckInGroup",
    "HistoryFlightGroup",
    "HistoryGroup",
    "HistoryItemGroup",
    "LegGroup",
    "NonAirGroup",
    "PaymentGroup",
    "PnrGroup",
    "PnrgovMessage",
    "SplitGroup",
    "TicketGroup",
    "TravellerGroup",
    "group_pnrgov",
    "is_operating_flight",
    "recover_tag",
]


PNR_TAGS = frozenset({"RCI", "SSR", "DAT", "IFT", "ORG", "ADD", "EBD"})
TRAVELLER_TAGS = frozenset({"FTI", "IFT", "REF", "EBD", "FAR", "SSR", "ADD"})
# IFT in GR.3 is not in the MIG but common in production pushes (GTAS notes it too).
TICKET_TAGS = frozenset({"MON", "PTK", "TXD", "DAT", "IFT"})
PAYMENT_TAGS = frozenset({"IFT", "ADD"})
LEG_TAGS = frozenset({"TRA", "RPI", "APD", "SSR", "RCI", "IFT"})
BOARDING_TAGS = frozenset({"TIF", "SSD", "TBD"})
HISTORY_ITEM_TAGS = frozenset({"TIF", "SSR", "IFT", "TBD"})
KNOWN_TAGS = frozenset(
    {"MSG", "ORG", "TVL", "EQN", "SRC", "TIF", "TKT", "FOP", "TRI", "ABI", "SAC", "LTS", "SSD"}
    | PNR_TAGS
    | TRAVELLER_TAGS
    | TICKET_TAGS
    | LEG_TAGS
    | BOARDING_TAGS
)

JUNK_BEFORE_SEGMENT = "junk_before_segment"
UNEXPECTED_SEGMENT = "unexpected_segment"

# Grammar states: where the last segment left us.
(
    _HEADER,
    _PNR,
    _TRAVELLER,
    _TICKET,
    _PAYMENT,
    _LEG,
    _CHECK_IN,
    _BOARDING,
    _SPLIT,
    _NON_AIR,
    _HISTORY,
    _HISTORY_ITEM,
    _HISTORY_FLIGHT,
    _LONG_TEXT,
) = range(14)
_STATE_NAMES = (
    "the message header (before the first SRC)",
    "the PNR group (GR.1)",
    "the traveller group (GR.2)",
    "the ticket group (GR.3)",
    "the payment group (GR.4)",
    "the itinerary group (GR.5)",
    "the check-in group (GR.6)",
    "the boarding group (GR.7)",
    "the split-PNR group (GR.8)",
    "the non-air group (GR.9)",
    "the history group (GR.10)",
    "the history item group (GR.11)",
    "the history flight group (GR.12)",
    "the long-text history (LTS)",
)
_IN_TRAVELLER = (_TRAVELLER, _TICKET, _PAYMENT)
_BEFORE_ITINERARY = (_PNR, _TRAVELLER, _TICKET, _PAYMENT)
_IN_LEG = (_LEG, _CHECK_IN, _BOARDING)
_IN_HISTORY = (_HISTORY, _HISTORY_ITEM, _HISTORY_FLIGHT)
_ORG, _RCI, _TVL, _DAT, _RPI, _LTS = (
    frozenset({t}) for t in ("ORG", "RCI", "TVL", "DAT", "RPI", "LTS")
)


def is_operating_flight(tvl: Segment) -> bool:
    """Whether a TVL is the codeshare follow-up that carries only the operating flight number
    (``TVL+++++303:Y``): no dates, places or carrier, and a numeric flight number (ARNK and
    OPEN, which also leave the rest empty, are itinerary segments of their own)."""
    elements = tvl.elements
    if len(elements) < 5 or any(part.strip() for e in elements[:4] for part in e):
        return False
    number = elements[4][0].strip()
    return bool(number) and number[0].isdigit()


def recover_tag(tag: str) -> str | None:
    """The PNRGOV tag at the end of a tag that carries junk in front of it, or None.

    A spreadsheet artefact like ``Error 2042`` on the line before ``SRC'`` reaches the grammar as
    the tag ``ERROR 2042SRC`` (line breaks are not data). Recovered only when the junk holds a
    space, so a mistyped tag (``SRCX``) is not mistaken for one."""
    if len(tag) > 4 and tag[-3:] in KNOWN_TAGS and " " in tag[:-3]:
        return tag[-3:]
    return None


def group_pnrgov(envelope: MessageEnvelope) -> PnrgovMessage:
    """Sort the segments of one PNRGOV message into its segment groups.

    Tolerant where a reader can still be sure what the sender meant: level-0 segments may be
    missing (MSG, ORG), a segment the grammar does not expect where it stands is kept in
    ``unexpected`` with an ``unexpected_segment`` warning, and junk glued in front of a tag is
    cut off with a ``junk_before_segment`` warning. Raises MessageStructureError when the
    message makes no sense as a PNRGOV: a traveller (TIF) before any PNR (SRC).
    """
    if envelope.type.upper() != "PNRGOV":
        raise UnsupportedMessageError(
            f"message type {envelope.type!r} is not PNRGOV",
            segment=envelope.header.position,
            tag=envelope.header.tag,
            expected="PNRGOV",
        )
    grammar = _Grammar(PnrgovMessage(envelope=envelope))
    # The fast path of _Grammar.feed, inlined, with the open group's tags and list in locals:
    # most segments are details of the open group, and only a group start changes them.
    start_or_place = grammar.start_or_place
    tags, append = grammar.detail_tags, grammar.details.append
    for segment in envelope.segments:
        if segment[0] in tags:
            append(segment)
        else:
            start_or_place(segment)
            tags, append = grammar.detail_tags, grammar.details.append
    return grammar.message


class _Grammar:
    """The state machine behind ``group_pnrgov``: ``feed`` takes one segment at a time.

    Each state has a detail list (the open group's ``segments``) and the tags that go there
    directly; everything else starts a group or is unexpected.
    """

    __slots__ = (
        "check_in",
        "detail_tags",
        "details",
        "history",
        "item",
        "leg",
        "message",
        "pnr",
        "state",
        "ticket",
        "traveller",
    )

    def __init__(self, message: PnrgovMessage) -> None:
        self.message = message
        self.state = _HEADER
        self.details: list[Segment] = message.unexpected  # never used: no tag is accepted
        self.detail_tags: frozenset[str] = frozenset()
        self.pnr: PnrGroup | None = None
        self.traveller: TravellerGroup | None = None
        self.ticket: TicketGroup | None = None
        self.leg: LegGroup | None = None
        self.check_in: CheckInGroup | None = None
        self.history: HistoryGroup | None = None
        self.item: HistoryItemGroup | None = None

    def feed(self, segment: Segment) -> None:
        if segment.tag in self.detail_tags:
            self.details.append(segment)
        else:
            self.start_or_place(segment)

    def _enter(self, state: int, details: list[Segment], tags: frozenset[str]) -> None:
        # The groups every PNR opens (SRC, TIF, TKT, FOP, TVL, DAT, TRI, ABI) set these three
        # in place: that call, eight times a PNR, showed.
        self.state, self.details, self.detail_tags = state, details, tags

    def start_or_place(self, segment: Segment) -> None:
        tag = segment.tag
        if tag not in KNOWN_TAGS:
            recovered = recover_tag(tag)
            if recovered is not None:
                self._warn(
                    JUNK_BEFORE_SEGMENT,
                    f"text in front of {recovered} ignored; read as {recovered}",
                    segment,
                )
                segment = Segment(recovered, segment.elements, segment.position)
                tag = recovered
                if tag in self.detail_tags:
                    self.details.append(segment)
                    return
        if self.state == _HEADER and tag != "SRC":
            self._header(segment)
        else:  # one dict look-up rather than a chain of comparisons
            _STARTS.get(tag, _Grammar._other)(self, segment)

    def _header(self, segment: Segment) -> None:
        message = self.message
        tag = segment.tag
        if tag == "MSG" and message.msg is None:
            message.msg = segment
        elif tag == "ORG" and message.org is None:
            message.org = segment
        elif tag == "TVL" and message.flight is None:
            message.flight = segment
        elif tag == "EQN" and message.eqn is None:
            message.eqn = segment
        elif tag == "TIF":
            raise MessageStructureError(
                "traveller (TIF) before any PNR",
                segment=segment.position,
                tag=tag,
                expected="SRC before the first TIF",
            )
        else:
            self._unexpected(segment)

    def _start_pnr(self, segment: Segment) -> None:
        self.pnr = PnrGroup(segment)
        self.message.pnrs.append(self.pnr)
        self.traveller = self.ticket = None
        self.leg = self.check_in = None
        self.history = self.item = None
        self.state, self.details, self.detail_tags = _PNR, self.pnr.segments, PNR_TAGS

    def _tif(self, segment: Segment) -> None:
        state, pnr = self.state, self.pnr
        if state in _BEFORE_ITINERARY and pnr is not None:
            self.traveller = TravellerGroup(segment)
            pnr.travellers.append(self.traveller)
            self.ticket = None
            self.state, self.details = _TRAVELLER, self.traveller.segments
            self.detail_tags = TRAVELLER_TAGS
        elif state == _CHECK_IN and self.check_in is not None:
            # A GR.7 traveller sent without its TRI.
            boarding = BoardingGroup(None, [segment])
            self.check_in.boardings.append(boarding)
            self._enter(_BOARDING, boarding.segments, BOARDING_TAGS)
        else:
            self._unexpected(segment)

    def _tvl(self, segment: Segment) -> None:
        state, pnr, leg = self.state, self.pnr, self.leg
        if state == _LEG and leg is not None and not leg.operating and is_operating_flight(segment):
            leg.operating = segment
            return
        if state in (_HISTORY_ITEM, _HISTORY_FLIGHT) and self.item is not None:
            flight = HistoryFlightGroup(segment)
            self.item.flights.append(flight)
            self._enter(_HISTORY_FLIGHT, flight.segments, _RPI)
        elif pnr is not None and (
            state in _BEFORE_ITINERARY or state in _IN_LEG or state == _SPLIT
        ):
            self.leg = LegGroup(segment)
            pnr.legs.append(self.leg)
            self.check_in = None
            self.state, self.details, self.detail_tags = _LEG, self.leg.segments, LEG_TAGS
        else:
            self._unexpected(segment)

    def _ticket_or_payment(self, segment: Segment) -> None:
        traveller = self.traveller
        if traveller is None or self.state not in _IN_TRAVELLER:
            self._unexpected(segment)
        elif segment.tag == "TKT":
            self.ticket = TicketGroup(segment)
            traveller.tickets.append(self.ticket)
            self.state, self.details = _TICKET, self.ticket.segments
            self.detail_tags = TICKET_TAGS
        else:
            payment = PaymentGroup(segment)
            if self.ticket is not None:
                self.ticket.payments.append(payment)
            else:
                traveller.payments.append(payment)
            self.state, self.details, self.detail_tags = _PAYMENT, payment.segments, PAYMENT_TAGS

    def _check_in(self, segment: Segment) -> None:
        tag, leg = segment.tag, self.leg
        if self.state not in _IN_LEG or leg is None:
            self._unexpected(segment)
        elif tag == "DAT":
            self.check_in = CheckInGroup(segment)
            leg.check_ins.append(self.check_in)
            self.state, self.details, self.detail_tags = _CHECK_IN, self.check_in.segments, _ORG
        else:
            if self.check_in is None:
                self.check_in = CheckInGroup(None)
                leg.check_ins.append(self.check_in)
            boarding = BoardingGroup(segment)
            self.check_in.boardings.append(boarding)
            self.state, self.details, self.detail_tags = _BOARDING, boarding.segments, BOARDING_TAGS

    def _history(self, segment: Segment) -> None:
        pnr, history = self.pnr, self.history
        if segment.tag == "ABI" and pnr is not None:
            self.history = HistoryGroup(segment)
            pnr.history.append(self.history)
            self.item = None
            self.state, self.details, self.detail_tags = _HISTORY, self.history.segments, _DAT
        elif self.state in _IN_HISTORY and history is not None:  # SAC
            self.item = HistoryItemGroup(segment)
            history.items.append(self.item)
            self._enter(_HISTORY_ITEM, self.item.segments, HISTORY_ITEM_TAGS)
        else:
            self._unexpected(segment)

    def _other(self, segment: Segment) -> None:
        tag, pnr = segment.tag, self.pnr
        if pnr is None:
            self._unexpected(segment)
        elif tag == "EQN":
            split = SplitGroup(segment)
            pnr.splits.append(split)
            self._enter(_SPLIT, split.segments, _RCI)
        elif tag == "MSG":
            non_air = NonAirGroup(segment)
            pnr.non_air.append(non_air)
            self._enter(_NON_AIR, non_air.segments, _TVL)
        elif tag == "LTS":
            pnr.long_texts.append(segment)
            self._enter(_LONG_TEXT, pnr.long_texts, _LTS)
        else:
            self._unexpected(segment)

    def _unexpected(self, segment: Segment) -> None:
        self.message.unexpected.append(segment)
        self._warn(
            UNEXPECTED_SEGMENT,
            f"{segment.tag} not expected in {_STATE_NAMES[self.state]}; kept aside",
            segment,
        )

    def _warn(self, code: str, detail: str, segment: Segment) -> None:
        self.message.warnings.append(ParseWarning(code, detail, segment.position, segment.tag))


# The group starts by tag, for start_or_place (any other tag goes to _Grammar._other).
_STARTS = {
    "SRC": _Grammar._start_pnr,
    "TIF": _Grammar._tif,
    "TVL": _Grammar._tvl,
    "TKT": _Grammar._ticket_or_payment,
    "FOP": _Grammar._ticket_or_payment,
    "DAT": _Grammar._check_in,
    "TRI": _Grammar._check_in,
    "ABI": _Grammar._history,
    "SAC": _Grammar._history,
}
