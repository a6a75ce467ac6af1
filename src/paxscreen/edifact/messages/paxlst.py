"""PAXLST segment-group grammar: a flat segment list into its groups, without interpreting values.


Groups as in the WCO/IATA/ICAO PAXLST MIG (air mode):
  header: BGM, RFF (transaction reference), DTM
  Gr1: NAD (MS reporting party) + COM
  Gr2: TDT, + Gr3: LOC + DTM (one TDT per leg)
  Gr4: NAD (FL/FM/DDT/DDU person) + ATT, DTM, MEA, GEI, FTX, LOC, COM, EMP, NAT, RFF, QTY ...
       + Gr5: DOC + DTM, LOC, GEI, RFF ...
  trailer: CNT
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paxscreen.edifact.envelope import MessageEnvelope
from paxscreen.edifact.errors import MessageStructureError, ParseWarning, UnsupportedMessageError
from paxscreen.edifact.segments import Segment


@dataclass(slots=True)
class PlaceGroup:
    """Gr3: a LOC and the DTM segments that follow it."""

    loc: Segment
    dates: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class LegGroup:
    """Gr2: a TDT (transport means, one leg) and its places."""

    tdt: Segment
    places: list[PlaceGroup] = field(default_factory=list)


@dataclass(slots=True)
class PartyGroup:
    """Gr1: the reporting party (NAD+MS) and its contacts (COM)."""

    nad: Segment
    contacts: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class DocumentGroup:
    """Gr5: one travel document (DOC) and the segments that qualify it (DTM, LOC, ...)."""

    doc: Segment
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class PersonGroup:
    """Gr4: one traveller (NAD FL/FM/DDT/DDU), its detail segments and its documents."""

    nad: Segment
    segments: list[Segment] = field(default_factory=list)
    documents: list[DocumentGroup] = field(default_factory=list)


@dataclass(slots=True)
class PaxlstMessage:
    """One PAXLST message, grouped. Segments the grammar did not expect are kept in ``unexpected``
    (and reported in ``warnings``), never dropped silently."""

    envelope: MessageEnvelope
    bgm: Segment | None
    header: list[Segment] = field(default_factory=list)
    parties: list[PartyGroup] = field(default_factory=list)
    legs: list[LegGroup] = field(default_factory=list)
    persons: list[PersonGroup] = field(default_factory=list)
    totals: list[Segment] = field(default_factory=list)
    unexpected: list[Segment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


# Travellers: passenger, crew member, in-transit crew, in-transit passenger.
PERSON_QUALIFIERS = frozenset({"FL", "FM", "DDT", "DDU"})
# Segments a Gr4 person group may hold directly, and those a Gr5 document group may hold
# (union of the D02B..D12B directories, so newer profiles do not trip older ones).
PERSON_TAGS = frozenset(
    {"ATT", "DTM", "MEA", "GEI", "FTX", "LOC", "COM", "EMP", "NAT", "RFF", "QTY", "CPI"}
)
DOCUMENT_TAGS = frozenset({"DTM", "LOC", "GEI", "RFF", "FTX", "QTY", "CPI"})

# Grammar states: where the last segment left us.
_START, _HEADER, _PARTY, _LEG, _PERSON, _DOCUMENT, _SKIP, _TRAILER = range(8)
_STATE_NAMES = (
    "before BGM",
    "the message header",
    "the reporting-party group",
    "the flight-leg group",
    "the traveller group",
    "the document group",
    "an unrecognised group",
    "the trailer (after CNT)",
)


def group_paxlst(envelope: MessageEnvelope) -> PaxlstMessage:
    """Sort the segments of one PAXLST message into its segment groups.

    Tolerant where a reader can still be sure what the sender meant: a segment the grammar does
    not expect where it stands is kept in ``unexpected`` with an ``unexpected_segment`` warning,
    and a group that starts with a segment we cannot place (say ``NAD+ZZ`` among the travellers)
    is skipped as a whole, so its detail segments are not credited to the previous traveller.
    Raises MessageStructureError when the message makes no sense as a PAXLST: no BGM, a
    traveller before any flight leg (TDT), or a travel document (DOC) before any traveller.
    """
    if envelope.type.upper() != "PAXLST":
        raise UnsupportedMessageError(
            f"message type {envelope.type!r} is not PAXLST",
            segment=envelope.header.position,
            tag=envelope.header.tag,
            expected="PAXLST",
        )
    message = PaxlstMessage(envelope=envelope, bgm=None)
    state = _START
    party: PartyGroup | None = None
    leg: LegGroup | None = None
    person: PersonGroup | None = None
    document: DocumentGroup | None = None

    def unexpected(segment: Segment) -> None:
        message.unexpected.append(segment)
        message.warnings.append(
            ParseWarning(
                "unexpected_segment",
                f"{segment.tag} not expected in {_STATE_NAMES[state]}; kept aside",
                segment.position,
                segment.tag,
            )
        )

    for segment in envelope.segments:
        tag = segment.tag
        # Fast path first: nine segments in ten are a traveller's or a document's details.
        if state == _PERSON and tag in PERSON_TAGS and person is not None:
            person.segments.append(segment)
            continue
        if state == _DOCUMENT and tag in DOCUMENT_TAGS and document is not None:
            document.segments.append(segment)
            continue
        if state == _START:
            if tag == "BGM":
                message.bgm = segment
                state = _HEADER
            else:
                unexpected(segment)
        elif tag == "NAD":
            qualifier = segment.value(0).strip().upper()
            if state == _TRAILER:
                unexpected(segment)
            elif qualifier in PERSON_QUALIFIERS:
                if leg is None:
                    raise MessageStructureError(
                        f"traveller NAD+{qualifier} before any flight leg",
                        segment=segment.position,
                        tag=tag,
                        expected="TDT (flight leg) before the first traveller",
                    )
                person = PersonGroup(segment)
                message.persons.append(person)
                state = _PERSON
            elif state in (_HEADER, _PARTY):
                party = PartyGroup(segment)
                message.parties.append(party)
                state = _PARTY
            else:
                unexpected(segment)
                state = _SKIP
        elif tag == "TDT":
            if state in (_HEADER, _PARTY, _LEG):
                leg = LegGroup(segment)
                message.legs.append(leg)
                state = _LEG
            else:
                unexpected(segment)
                if state != _TRAILER:
                    state = _SKIP
        elif tag == "DOC":
            if person is not None and state in (_PERSON, _DOCUMENT):
                document = DocumentGroup(segment)
                person.documents.append(document)
                state = _DOCUMENT
            elif state in (_HEADER, _PARTY, _LEG):
                raise MessageStructureError(
                    "travel document outside a traveller group",
                    segment=segment.position,
                    tag=tag,
                    expected="NAD (FL/FM/DDT/DDU) before DOC",
                )
            else:
                unexpected(segment)
        elif tag == "CNT":
            message.totals.append(segment)
            state = _TRAILER
        elif state == _DOCUMENT and document is not None and tag in DOCUMENT_TAGS:
            document.segments.append(segment)
        elif state in (_PERSON, _DOCUMENT) and person is not None and tag in PERSON_TAGS:
            if state == _DOCUMENT:
                # A traveller detail after the traveller's documents: out of MIG order.
                unexpected(segment)
            else:
                person.segments.append(segment)
        elif state == _LEG and leg is not None and tag == "LOC":
            leg.places.append(PlaceGroup(segment))
        elif state == _LEG and leg is not None and tag == "DTM" and leg.places:
            leg.places[-1].dates.append(segment)
        elif state == _PARTY and party is not None and tag == "COM":
            party.contacts.append(segment)
        elif state == _HEADER and tag in ("RFF", "DTM"):
            message.header.append(segment)
        else:
            unexpected(segment)

    if message.bgm is None:
        first = envelope.segments[0] if envelope.segments else envelope.header
        raise MessageStructureError(
            "no BGM (document name) in the message",
            segment=first.position,
            tag=first.tag,
            expected="BGM after UNH",
        )
    return message
