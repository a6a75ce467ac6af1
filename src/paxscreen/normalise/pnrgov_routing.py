"""Who an SSR, a document or a check-in belongs to, within one booking.

SSRs in GR.2 belong to that traveller, except an infant's DOCS/DOCO (gender MI/FI, or the
infant flag), which senders put in the accompanying adult's group. SSRs in GR.1 and GR.5 name
their travellers by reference (``+::1``) or not at all. Check-ins (GR.7) name theirs by TIF name
and reference, and by a TRI reference that some senders number differently.
"""

from __future__ import annotations

from typing import Any

from paxscreen.edifact.segments import Segment
from paxscreen.normalise.airimp import (
    DOCS_GENDERS,
    normalise_seat,
    parse_airimp_date,
    parse_doca,
    parse_doco,
    parse_docs,
    split_title,
)
from paxscreen.normalise.canonical_pnr import PnrAddress, PnrContact, SpecialService, TravellerType
from paxscreen.normalise.codes import DOCUMENT_TYPES, UNKNOWN_DOCUMENT_TYPE, UNKNOWN_GENDER
from paxscreen.normalise.dates import YearRule
from paxscreen.normalise.pnrgov_context import PushContext
from paxscreen.normalise.pnrgov_itinerary import Boarding
from paxscreen.normalise.pnrgov_services import (
    CONTACT_SSRS,
    SsrItem,
    contact_from_ssr,
    frequent_flyer_from_ssr,
    special_service,
)
from paxscreen.normalise.pnrgov_travellers import TravellerDraft, name_key

UNASSIGNED_ITEM = "unassigned_item"
_INFANT = TravellerType.INFANT
UNMATCHED_CHECK_IN = "unmatched_check_in"
WRAPPED_NAME = "wrapped_name"
SEAT_SSRS = frozenset({"SEAT", "RQST", "NSST", "SMST"})  # seat requests that may name a seat


class Travellers:
    """The travellers of one booking, found by reference or name, plus what belongs to the
    booking as a whole."""

    __slots__ = (
        "addresses",
        "by_name",
        "by_reference",
        "by_tif",
        "contacts",
        "context",
        "drafts",
        "infant_of",
        "services",
    )

    def __init__(self, drafts: list[TravellerDraft], context: PushContext) -> None:
        self.drafts = drafts
        self.context = context
        if len(drafts) == 1:  # most PNRs: the same tables without three comprehensions
            only = drafts[0]
            self.by_reference = {only.reference: only} if only.reference else {}
            self.by_name = {only.name_key: only}
            self.by_tif = {id(only.tif.elements): only}
        else:
            self.by_reference = {d.reference: d for d in drafts if d.reference}
            self.by_name = {d.name_key: d for d in drafts}
            self.by_tif = {id(d.tif.elements): d for d in drafts}
        self.infant_of: dict[int, TravellerDraft] = {}  # id(adult draft) -> infant draft
        self.services: list[SpecialService] = []
        self.contacts: list[PnrContact] = []
        self.addresses: list[dict[str, Any] | PnrAddress] = []

    def only(self) -> TravellerDraft | None:
        return self.drafts[0] if len(self.drafts) == 1 else None

    # --- Infants -------------------------------------------------------------------------

    def link_infants(self, infant_names: list[tuple[TravellerDraft | None, str]]) -> None:
        """Give every infant the adult it travels with: the adult whose SSR INFT names it, the
        adult whose reference the infant's extends (``43578`` / ``43578I``), the nearest adult
        before it flagged with an infant (TIF), or the only adult of the booking."""
        adults = [d for d in self.drafts if d.type is not TravellerType.INFANT]
        for index, infant in enumerate(self.drafts):
            if infant.type is not TravellerType.INFANT or infant.fields.get("infant_of"):
                continue
            adult = next(
                (a for a, name in infant_names if a is not None and _same_person(name, infant)),
                None,
            )
            reference = infant.reference or ""
            if adult is None and reference[-1:].upper() == "I":
                adult = self.by_reference.get(reference[:-1])
            if adult is None:
                before = [a for a in adults if self.drafts.index(a) < index]
                adult = next(
                    (a for a in reversed(before) if a.has_infant and id(a) not in self.infant_of),
                    None,
                )
            if adult is None and len(adults) == 1:
                adult = adults[0]
            if adult is not None:
                self.infant_of[id(adult)] = infant
                if adult.reference:
                    infant.fields["infant_of"] = adult.reference

    # --- SSRs ----------------------------------------------------------------------------

    def route(self, item: SsrItem, owner: TravellerDraft | None, leg: str | None) -> None:
        """Read one SSR into the traveller (or booking) it belongs to."""
        code, context = item.code, self.context
        if owner is None:
            references = item.references()
            if references:
                owner = self.by_reference.get(references[0])
        if code == "DOCS" or code == "DOCO":  # first: every traveller has one
            self._document(item, owner)
        elif (code in SEAT_SSRS and self._seats(item, owner, leg)) or code == "SEAT":
            return  # a SEAT naming no seat (XXX) says nothing a seat map does not
        elif code == "DOCA":
            parsed = parse_doca(item.text)
            self._problems(parsed.problems, item.segment)
            address = parsed.fields
            address["country"] = context.country(
                address["country"] or "", item.segment, "DOCA country", alpha2_ok=False
            )
            (owner.addresses if owner else self.addresses).append(address)
        elif code in CONTACT_SSRS:
            contact = contact_from_ssr(item)
            if contact is not None:
                (owner.contacts if owner else self.contacts).append(contact)
        elif code == "FQTV":
            target = owner or self.only()
            flyer = frequent_flyer_from_ssr(item)
            if flyer is not None and target is not None:
                target.frequent_flyers.append(flyer)
            elif flyer is not None:
                context.warn(UNASSIGNED_ITEM, "FQTV names no traveller; not kept", item.segment)
        elif code != "INFT":  # INFT is read by infant_name(), for the linking above
            service = special_service(item, context, leg)
            if service is not None:
                (owner.services if owner else self.services).append(service)

    def _seats(self, item: SsrItem, owner: TravellerDraft | None, leg: str | None) -> bool:
        """SSR SEAT details (``+35H::1+40E::2``) as the named travellers' reserved seats; False
        when the SSR names no seat (it is then kept as a service request)."""
        found = False
        for detail in item.details:
            seat = normalise_seat(detail[0]) if detail else None
            if seat is None:
                continue
            reference = detail[2].strip() if len(detail) > 2 else ""
            target = self.by_reference.get(reference) if reference else owner or self.only()
            if target is None:
                self.context.warn(UNASSIGNED_ITEM, f"seat {seat} names no traveller", item.segment)
                continue
            found = True
            reserved = {"leg": leg or item.leg(), "seat": seat, "status": item.status or None}
            if reserved not in target.seats:
                target.seats.append(reserved)
        return found

    def _document(self, item: SsrItem, owner: TravellerDraft | None) -> None:
        context = self.context
        is_docs = item.code == "DOCS"
        reference = context.reference
        parsed = parse_docs(item.text, reference) if is_docs else parse_doco(item.text, reference)
        document, problems = parsed
        if problems:
            self._problems(problems, item.segment)
        target = owner
        if document["infant"] and owner is not None and owner.fields["type"] is not _INFANT:
            target = self.infant_of.get(id(owner)) or owner
        if target is None and is_docs:
            target = self._by_document_name(document) or self.only()
        if target is None:
            context.warn(UNASSIGNED_ITEM, f"{item.code} names no traveller; not kept", item.segment)
            return
        self._check_document(document, item.segment)
        if is_docs:
            _unwrap_names(document, target, item.segment, context)
        if document in target.documents:
            return  # the same document repeated in GR.5 (per leg) is one document
        target.documents.append(document)

    def _by_document_name(self, document: dict[str, Any]) -> TravellerDraft | None:
        """The traveller a document's names point at: same surname, and given names that start
        with the traveller's (a DOCS carries middle names a TIF leaves out)."""
        key = name_key(document["surname"] or "", document["given_names"] or "")
        found = self.by_name.get(key)
        if found is None and document["surname"]:
            found = next((d for d in self.drafts if _same_person(key, d)), None)
        return found

    def _check_document(self, document: dict[str, Any], segment: Segment) -> None:
        context = self.context
        kind, gender = document.get("type"), document.get("gender")
        if kind and document["ssr"] == "DOCS" and kind not in DOCUMENT_TYPES:
            context.warn(UNKNOWN_DOCUMENT_TYPE, f"document type {kind!r} kept as sent", segment)
        if gender and gender not in DOCS_GENDERS:
            context.warn(UNKNOWN_GENDER, f"gender {gender!r} kept as sent", segment)
        # Unrolled (one document per traveller): the three country fields, in this order.
        code = document.get("issuing_state")
        if code:
            document["issuing_state"] = context.country(
                code, segment, "issuing state", alpha2_ok=False
            )
        code = document.get("nationality")
        if code:
            document["nationality"] = context.country(code, segment, "nationality", alpha2_ok=False)
        code = document.get("applicable_country")
        if code:
            document["applicable_country"] = context.country(
                code, segment, "visa country", alpha2_ok=False
            )

    def _problems(self, problems: list[tuple[str, str]], segment: Segment) -> None:
        for code, detail in problems:
            self.context.warn(code, detail, segment)

    # --- Check-ins -----------------------------------------------------------------------

    def check_in(self, boarding: Boarding) -> None:
        """Attach a GR.7 check-in to its traveller: by TIF name, else by TIF or TRI reference.
        A TIF repeated verbatim from GR.2 shares its element list: found without reading it."""
        tif = boarding.tif
        target = self.by_tif.get(id(tif.elements)) if tif is not None else None
        if target is not None:
            target.check_ins.append(boarding.check_in)
            return
        surname, given, references = boarding.names()
        if surname:
            given, _title = split_title(given)
            target = self.by_name.get(name_key(surname, given))
        if target is None:
            target = next(
                (self.by_reference[r] for r in references if r in self.by_reference), None
            )
        if target is None and not surname:
            target = self.only()
        if target is None:
            self.context.warn(
                UNMATCHED_CHECK_IN,
                "check-in names no traveller of the PNR; not kept",
                boarding.segment,
            )
            return
        target.check_ins.append(boarding.check_in)


def infant_name(item: SsrItem) -> str:
    """The infant an SSR INFT names (``DYE/ARCHER 15APR12``, ``SURNAME/GIVEN/10AUG11``), as a
    name key without the date of birth."""
    words = item.text.replace("/", " / ").split()
    while words and _is_airimp_date(words[-1]):
        words.pop()
    surname, _, given = " ".join(words).partition("/")
    given = given.split("/")[0]
    return name_key(" ".join(surname.split()), " ".join(given.split()))


def _is_airimp_date(word: str) -> bool:
    try:
        parse_airimp_date(word, YearRule.PAST, None)
    except ValueError:
        return False
    return True


def _same_person(key: str, draft: TravellerDraft) -> bool:
    surname, _, given = key.partition("/")
    own_surname, _, own_given = draft.name_key.partition("/")
    return surname == own_surname and (given.startswith(own_given) or own_given.startswith(given))


def _unwrap_names(
    document: dict[str, Any], target: TravellerDraft, segment: Segment, context: PushContext
) -> None:
    """A DOCS name that differs from the traveller's TIF name only by spaces was wrapped by a
    fixed-width line (``TESTSURNA METHREE``, ``PA RK``): the TIF's spelling is taken. For given
    names only when the TIF's has spaces of its own: AIRIMP squeezes given names together
    (``KEVINMICHAELMR``), so there the document's spaces are the better word boundaries."""
    fields = target.fields
    own = fields["surname"]
    value = document.get("surname")
    if value and own and value != own and value.replace(" ", "") == own.replace(" ", ""):
        context.warn(WRAPPED_NAME, f"document surname {value!r} read as {own!r}", segment)
        document["surname"] = own
    own = fields["given_names"]
    if own and " " in own:
        value = document.get("given_names")
        if value and value != own and value.replace(" ", "") == own.replace(" ", ""):
            context.warn(WRAPPED_NAME, f"document given_names {value!r} read as {own!r}", segment)
            document["given_names"] = own
