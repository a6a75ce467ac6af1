"""PNRGOV segment groups: what ``group_pnrgov`` sorts a message's segments into (see
:mod:`paxscreen.edifact.messages.pnrgov` for the grammar). Typed containers, no interpretation."""

from __future__ import annotations

from dataclasses import dataclass, field

from paxscreen.edifact.envelope import MessageEnvelope
from paxscreen.edifact.errors import ParseWarning
from paxscreen.edifact.segments import Segment


@dataclass(slots=True)
class PaymentGroup:
    """GR.4: one form of payment (FOP) with its card holder (IFT) and billing address (ADD)."""

    fop: Segment
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class TicketGroup:
    """GR.3: one ticket (TKT) with its amounts, taxes, issue date and forms of payment."""

    tkt: Segment
    segments: list[Segment] = field(default_factory=list)
    payments: list[PaymentGroup] = field(default_factory=list)


@dataclass(slots=True)
class TravellerGroup:
    """GR.2: one traveller (TIF) and what belongs to them. ``payments`` holds forms of payment
    sent without a ticket in front of them."""

    tif: Segment
    segments: list[Segment] = field(default_factory=list)
    tickets: list[TicketGroup] = field(default_factory=list)
    payments: list[PaymentGroup] = field(default_factory=list)


@dataclass(slots=True)
class BoardingGroup:
    """GR.7: one traveller at check-in: boarding number (TRI), name (TIF), seat (SSD), bags (TBD).
    ``tri`` is None when the group starts with a TIF the sender sent without a TRI."""

    tri: Segment | None
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class CheckInGroup:
    """GR.6: a check-in event (DAT) and agent (ORG), with the travellers checked in.
    ``dat`` is None when a TRI came without a DAT in front of it."""

    dat: Segment | None
    segments: list[Segment] = field(default_factory=list)
    boardings: list[BoardingGroup] = field(default_factory=list)


@dataclass(slots=True)
class LegGroup:
    """GR.5: one itinerary segment (TVL); ``operating`` is the codeshare follow-up TVL that
    carries the operating flight number (``TVL+++++303:Y``)."""

    tvl: Segment
    operating: Segment | None = None
    segments: list[Segment] = field(default_factory=list)
    check_ins: list[CheckInGroup] = field(default_factory=list)


@dataclass(slots=True)
class SplitGroup:
    """GR.8: a split (divided) PNR: EQN (how many travellers split off) and RCI (their PNR)."""

    eqn: Segment
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class NonAirGroup:
    """GR.9: a non-air segment (MSG+8) and its TVLs (hotel, car, rail ...)."""

    msg: Segment
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class HistoryFlightGroup:
    """GR.12: a flight (TVL) named in a history item, with its status (RPI)."""

    tvl: Segment
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class HistoryItemGroup:
    """GR.11: one history item: what was done (SAC) and to what (TIF, SSR, IFT, TBD, flights)."""

    sac: Segment
    segments: list[Segment] = field(default_factory=list)
    flights: list[HistoryFlightGroup] = field(default_factory=list)


@dataclass(slots=True)
class HistoryGroup:
    """GR.10: a history credit: who (ABI), when (DAT), and its items."""

    abi: Segment
    segments: list[Segment] = field(default_factory=list)
    items: list[HistoryItemGroup] = field(default_factory=list)


@dataclass(slots=True)
class PnrGroup:
    """GR.1: one PNR, started by SRC."""

    src: Segment
    segments: list[Segment] = field(default_factory=list)
    travellers: list[TravellerGroup] = field(default_factory=list)
    legs: list[LegGroup] = field(default_factory=list)
    splits: list[SplitGroup] = field(default_factory=list)
    non_air: list[NonAirGroup] = field(default_factory=list)
    history: list[HistoryGroup] = field(default_factory=list)
    long_texts: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class PnrgovMessage:
    """One PNRGOV message, grouped. Segments the grammar did not expect are kept in
    ``unexpected`` (and reported in ``warnings``), never dropped silently."""

    envelope: MessageEnvelope
    msg: Segment | None = None
    org: Segment | None = None
    flight: Segment | None = None
    eqn: Segment | None = None
    pnrs: list[PnrGroup] = field(default_factory=list)
    unexpected: list[Segment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
