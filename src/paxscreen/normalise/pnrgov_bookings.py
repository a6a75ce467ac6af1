"""One PNR (GR.1 SRC group) into a canonical Booking: locators, dates, agency, contacts,
travellers, itinerary with check-ins, split PNR, non-air segments and history.

Built as one dict, validated once (``Booking.model_validate``): plain values for what is the
PNR's own (travellers, documents, check-ins, payments), and the shared, already validated models
the memoised readers return for what pushes repeat (legs, agency, tickets, history ...), which
pydantic takes as they are.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from paxscreen.edifact.messages.pnrgov import HistoryGroup, PnrGroup
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical_pnr import (
    Booking,
    HistoryEntry,
    ItineraryLeg,
    Payment,
    Remark,
    TravellerType,
)
from paxscreen.normalise.dates import DateParseError
from paxscreen.normalise.pnrgov_context import PushContext, segment_ids
from paxscreen.normalise.pnrgov_itinerary import (
    INVALID_DATE,
    read_check_ins,
    read_leg,
    read_non_air,
)
from paxscreen.normalise.pnrgov_routing import Travellers, infant_name
from paxscreen.normalise.pnrgov_services import (
    SsrItem,
    ift_texts,
    read_add,
    read_ift,
    read_org,
    read_ssr,
)
from paxscreen.normalise.pnrgov_travellers import TravellerDraft, TravellerReader, excess_baggage
from paxscreen.normalise.pnrgov_values import joined, parse_utc, segment_text

MISSING_VALUE = "missing_value"
_INFANT = TravellerType.INFANT
CREATED, MODIFIED = "700", "710"  # DAT in GR.1: PNR creation, last modification


class BookingReader:
    """Reads the PNRs of one push. ``update``: an update push (MSG 141), where an empty ORG in a
    PNR says the PNR (or the pushed flight in it) was cancelled."""

    __slots__ = ("context", "travellers", "update")

    def __init__(self, context: PushContext, *, update: bool) -> None:
        self.context = context
        self.update = update
        self.travellers = TravellerReader(context)

    def read(self, pnr: PnrGroup) -> Booking:
        context = self.context
        booking: dict[str, Any] = {"segment": pnr.src.position}
        payments: list[dict[str, Any] | Payment] = []
        excess: list[str] = []
        locators: list[dict[str, Any]] = []
        remarks: list[Remark] = []
        booking_ssrs: list[SsrItem] = []
        texts: list[Segment] = []
        org_seen = False
        for segment in pnr.segments:
            tag = segment[0]
            if tag == "RCI":
                self._locators(segment, locators)
            elif tag == "DAT":
                booking.update(self._dates(segment))
            elif tag == "ORG" and not org_seen:
                org_seen = True
                agency = read_org(segment, context)
                booking["agency"] = agency
                if agency is None and self.update:
                    booking["cancelled"] = True
            elif tag == "SSR":
                booking_ssrs.append(read_ssr(segment))
            elif tag == "IFT" or tag == "ADD" or tag == "EBD":
                texts.append(segment)
        read_traveller = self.travellers.read
        drafts = [read_traveller(group, payments, excess) for group in pnr.travellers]
        travellers = Travellers(drafts, context)
        for segment in texts:
            self._booking_text(segment, travellers, remarks, excess)

        # Every SSR with its owner and leg; INFT first, to link infants before documents move.
        routed: list[tuple[SsrItem, TravellerDraft | None, str | None]] = []
        infants = False
        for draft in drafts:
            for item in draft.ssrs:
                routed.append((item, draft, None))
            draft.has_infant = _has_infant(draft)
            infants = infants or draft.fields["type"] is _INFANT
        for item in booking_ssrs:
            routed.append((item, None, None))
        itinerary: list[ItineraryLeg] = []
        for group in pnr.legs:
            leg, name = read_leg(group, context)
            for segment in group.segments:
                tag = segment[0]
                if tag == "SSR":
                    routed.append((read_ssr(segment), None, name))
                elif tag == "RCI":
                    self._locators(segment, locators)
                elif tag == "IFT":
                    self._booking_text(segment, travellers, remarks, excess)
            for check_in in group.check_ins:
                for boarding in read_check_ins(check_in, name, context):
                    travellers.check_in(boarding)
            itinerary.append(leg)
        if infants:
            travellers.link_infants(
                [(owner, infant_name(item)) for item, owner, _ in routed if item.code == "INFT"]
            )
        for item, owner, where in routed:
            travellers.route(item, owner, where)

        for non_air in pnr.non_air:
            itinerary.extend(read_non_air(tvl, context) for tvl in non_air.segments)
        self._splits(pnr, booking)
        history: list[HistoryEntry] = [e for group in pnr.history for e in self._history(group)]
        history.extend(self._long_texts(pnr.long_texts))

        if not locators:
            context.warn(MISSING_VALUE, "PNR without a record locator (RCI)", pnr.src)
        booking["locators"] = locators
        booking["travellers"] = [draft.build(context) for draft in drafts]
        booking["itinerary"] = itinerary
        if payments:
            booking["payments"] = payments
        if travellers.services:
            booking["services"] = travellers.services
        if travellers.contacts:
            booking["contacts"] = travellers.contacts
        if travellers.addresses:
            booking["addresses"] = travellers.addresses
        if remarks:
            booking["remarks"] = remarks
        if history:
            booking["history"] = history
        if excess:
            booking["excess_baggage"] = "; ".join(excess)
        # The validator itself: model_validate's keyword plumbing costs a microsecond a PNR.
        return Booking.__pydantic_validator__.validate_python(booking)  # type: ignore[no-any-return]

    def _booking_text(
        self,
        segment: Segment,
        travellers: Travellers,
        remarks: list[Remark],
        excess: list[str],
    ) -> None:
        """GR.1 (and GR.5) IFT, ADD and EBD: the booking's contacts, addresses and remarks."""
        tag = segment.tag
        if tag == "EBD":
            excess.append(excess_baggage(segment, self.context))
        elif tag == "ADD":
            address, contacts = read_add(segment, self.context, "PNR address")
            if address is not None:
                travellers.addresses.append(address)
            travellers.contacts.extend(contacts)
        else:
            item = read_ift(segment, self.context)
            if item.contact is not None:
                travellers.contacts.append(item.contact)
            elif item.address is not None:
                travellers.addresses.append(item.address)
            elif item.remark is not None:
                remarks.append(item.remark)
            elif item.fare_calculation is not None and self.context.remark(item.fare_calculation):
                remarks.append(Remark(kind="fare_calculation", text=item.fare_calculation))

    def _locators(self, rci: Segment, locators: list[dict[str, Any]]) -> None:
        for found in self._rci(rci):  # not memoised: a locator is one PNR's
            for known in locators:
                if known["locator"] == found["locator"] and known["system"] == found["system"]:
                    break
            else:
                locators.append(found)

    def _rci(self, rci: Segment) -> tuple[dict[str, Any], ...]:
        """RCI: up to nine ``system:locator:type:date:time`` (some senders leave the type out
        and put the date in its place: ``UA:7C789A:230818:1220``)."""
        found = []
        for element in rci.elements:
            if len(element) == 2:  # system:locator, by far the most common
                system, locator = element[0].strip().upper(), element[1].strip().upper()
                if locator:
                    found.append({"system": system, "locator": locator})
                continue
            parts = [part.strip().upper() for part in element] + [""] * (5 - len(element))
            system, locator, kind, day, time = parts[:5]
            if not locator:
                continue
            if kind.isdigit() and len(kind) == 6:
                kind, day, time = "", kind, day
            locator_fields: dict[str, Any] = {"system": system, "locator": locator}
            if kind:
                locator_fields["kind"] = kind
            if day:
                try:
                    locator_fields["created"] = parse_utc(day, time)
                except DateParseError as exc:
                    self.context.warn(INVALID_DATE, f"locator date: {exc}; left out", rci)
            found.append(locator_fields)
        return tuple(found)

    def _dates(self, dat: Segment) -> dict[str, Any]:
        return self.context.memo(("dat", id(dat.elements)), (dat,), lambda: self._read_dates(dat))

    def _read_dates(self, dat: Segment) -> dict[str, Any]:
        """DAT in GR.1: 700 created, 710 last modified (UTC). Shared: copy to change."""
        found: dict[str, Any] = {}
        for element in dat.elements:
            qualifier = element[0].strip()
            if qualifier not in (CREATED, MODIFIED) or len(element) < 2 or not element[1].strip():
                continue
            try:
                moment = parse_utc(element[1], element[2] if len(element) > 2 else "")
            except DateParseError as exc:
                self.context.warn(INVALID_DATE, f"PNR date: {exc}; left out", dat)
                continue
            found["created" if qualifier == CREATED else "modified"] = moment
        return found

    def _splits(self, pnr: PnrGroup, booking: dict[str, Any]) -> None:
        """GR.8: how many travellers were split off (EQN) and the PNR they went to (RCI)."""
        split_locators: list[dict[str, Any]] = []
        count = 0
        for split in pnr.splits:
            number = split.eqn.elements[0][0].strip() if split.eqn.elements else ""
            if number.isdigit():
                count += int(number)
            for rci in split.segments:
                self._locators(rci, split_locators)
        if pnr.splits:
            booking["split_count"] = count or None
            booking["split_locators"] = split_locators

    def _history(self, group: HistoryGroup) -> tuple[HistoryEntry, ...]:
        segments = [group.abi, *group.segments]
        for item in group.items:
            segments.append(item.sac)
            segments.extend(item.segments)
            for flight in item.flights:
                segments.append(flight.tvl)
                segments.extend(flight.segments)
        key = ("history", segment_ids(segments))
        return self.context.memo(key, segments, lambda: self._read_history(group))

    def _read_history(self, group: HistoryGroup) -> tuple[HistoryEntry, ...]:
        """GR.10-12: who (ABI) changed what (SAC A added, X cancelled ...) and when (DAT)."""
        context = self.context
        elements = group.abi.elements
        who = [joined(elements[i]) if i < len(elements) else "" for i in (4, 2, 1)]
        base: dict[str, Any] = {
            "by": " ".join(w for w in who if w) or None
        }  # airline, place, agent
        for dat in group.segments:
            when = dat.elements[0] if dat.elements else []
            if len(when) > 1 and when[1].strip():
                try:
                    base["at"] = parse_utc(when[1], when[2] if len(when) > 2 else "")
                except DateParseError as exc:
                    context.warn(INVALID_DATE, f"history date: {exc}; left out", dat)
        if not group.items:
            return (HistoryEntry.model_validate(base),)
        entries = []
        for item in group.items:
            sac = item.sac.elements
            action = next((joined(e) for e in reversed(sac) if joined(e)), "") or None
            changed = [*item.segments, *(flight.tvl for flight in item.flights)]
            if not changed:
                entries.append({**base, "action": action})
            for segment in changed:
                text = self._history_text(segment)
                if text is not None:
                    entries.append({**base, "action": action, "item": segment.tag, "text": text})
            for flight in item.flights:
                for rpi in flight.segments:
                    text = segment_text(rpi)
                    entries.append({**base, "action": action, "item": "RPI", "text": text})
        return tuple(HistoryEntry.model_validate(entry) for entry in entries)

    def _history_text(self, segment: Segment) -> str | None:
        """What a history item changed, as text for people; None when the privacy filter drops
        it (an SSR or free text that reveals a special category)."""
        context = self.context
        if segment.tag == "IFT":
            return context.free_text(ift_texts(segment)) or None
        if segment.tag == "SSR":
            item = read_ssr(segment)
            if context.sensitive(context.policy.sensitive_ssr(item.code, item.text or None)):
                return None
        return context.free_text(segment_text(segment))

    def _long_texts(self, segments: list[Segment]) -> list[HistoryEntry]:
        """LTS: unstructured history lines, kept (as history, Annex I 19) when not sensitive."""
        entries = []
        for lts in segments:
            key = ("lts", id(lts.elements))
            entry = self.context.memo(key, (lts,), partial(self._long_text, lts))
            if entry is not None:
                entries.append(entry)
        return entries

    def _long_text(self, lts: Segment) -> HistoryEntry | None:
        text = self.context.free_text(segment_text(lts))
        return HistoryEntry(item="LTS", text=text) if text else None


def _has_infant(draft: TravellerDraft) -> bool:
    """TIF 9945 (fourth component of the traveller details): an adult travelling with an
    infant (``TIF+DYE+KAYLAMS:A:43578:1``)."""
    elements = draft.tif.elements
    detail = elements[1] if len(elements) > 1 else []
    flag = detail[3].strip() if len(detail) > 3 else ""
    return bool(flag) and flag != "0"
