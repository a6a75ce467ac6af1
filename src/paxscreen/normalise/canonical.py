"""Canonical, frozen models: what paxscreen means by a manifest, a flight leg and a traveller.

Every message format normalises into these; storage and screening read only these.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Canonical(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DataWarning(Canonical):
    """A tolerated problem in the data, located where possible. ``code`` is stable."""

    code: str
    detail: str
    segment: int | None = None
    tag: str | None = None


class TravellerRole(StrEnum):
    PASSENGER = "passenger"  # NAD+FL
    CREW = "crew"  # NAD+FM
    TRANSIT_PASSENGER = "transit_passenger"  # NAD+DDU
    TRANSIT_CREW = "transit_crew"  # NAD+DDT


class ManifestKind(StrEnum):
    PASSENGER_LIST = "passenger_list"  # BGM 745
    CREW_LIST = "crew_list"  # BGM 250
    FLIGHT_STATUS = "flight_status"  # BGM 266
    MASTER_CREW_LIST = "master_crew_list"  # BGM 336
    GATE_PASS = "gate_pass"  # BGM 655
    OTHER = "other"


class ManifestAction(StrEnum):
    """What the message asks us to do with the travellers it carries."""

    REPORT = "report"  # add or update the travellers carried
    CHANGE = "change"  # 745+CP / 250+CC: corrected data for travellers already reported
    CANCEL_RESERVATION = "cancel_reservation"  # 745+XR: these travellers no longer travel
    REDUCE_PARTY = "reduce_party"  # 745+RP
    CLOSE = "close"  # 266+CL: flight closed
    CLOSE_ON_BOARD = "close_on_board"  # 266+CLOB: the travellers listed are on board
    CLOSE_NOT_BOARDED = "close_not_boarded"  # 266+CLNB: the travellers listed did not board
    CANCEL_FLIGHT = "cancel_flight"  # 266+XF
    CHANGE_FLIGHT = "change_flight"  # 266+CF
    REMOVE = "remove"  # 336+H: delete these crew members from the master crew list


class FlightLeg(Canonical):
    """One TDT leg. Local times are as sent (naive); UTC times are derived from the airport's
    time zone and are None when the airport is unknown."""

    carrier: str
    flight_number: str  # digits without leading zeros, plus any operational suffix: "989", "12A"
    departure_airport: str | None = None
    arrival_airport: str | None = None
    departure_local: datetime | None = None
    departure_utc: datetime | None = None
    arrival_local: datetime | None = None
    arrival_utc: datetime | None = None
    final_destination: str | None = None  # LOC 130, when the leg also names its arrival (87/92)
    reported: bool = False  # the leg the manifest reports on (LOC 125 -> 87, else the last leg)


class Address(Canonical):
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


class Contact(Canonical):
    kind: str  # TE phone, FX fax, EM e-mail, or the qualifier as sent
    value: str


class TravelDocument(Canonical):
    type: str | None  # P passport, V visa, I identity card, ... as sent; None when empty
    number: str
    expiry: date | None = None
    issue_date: date | None = None
    issuing_state: str | None = None  # ISO 3166 alpha-3 / ICAO 9303 code, as sent when unknown
    segment: int | None = None  # position of the DOC segment, for locating warnings


class Bags(Canonical):
    count: int | None = None
    weight: float | None = None
    weight_unit: str | None = None  # KGM, LBR
    tags: tuple[str, ...] = ()


class Traveller(Canonical):
    role: TravellerRole
    surname: str
    given_names: str = ""  # given and middle names, space-separated, as sent (upper-cased)
    gender: str | None = None  # M, F, U, X; other codes kept as sent (and warned)
    date_of_birth: date | None = None
    nationality: str | None = None
    residence_country: str | None = None
    place_of_birth: str | None = None  # a code or free text, as sent
    embarkation: str | None = None  # LOC 178
    debarkation: str | None = None  # LOC 179
    clearance: str | None = None  # LOC 22
    reservation_ref: str | None = None  # RFF AVF
    passenger_ref: str | None = None  # RFF ABO, unique passenger reference
    seat: str | None = None  # RFF SEA
    other_refs: dict[str, str] = {}  # remaining RFF qualifiers (AEA, CR, YZY, ...)
    address: Address | None = None
    contacts: tuple[Contact, ...] = ()
    bags: Bags | None = None
    documents: tuple[TravelDocument, ...] = ()
    segment: int | None = None  # position of the NAD that starts this traveller


class ReportingParty(Canonical):
    name: str | None = None
    contacts: tuple[Contact, ...] = ()


class MessageSource(Canonical):
    """Where in the envelope this manifest came from: keys for duplicates and multi-part sets."""

    sender: str
    recipient: str
    interchange_ref: str
    message_ref: str
    common_access_ref: str = ""
    part_number: int | None = None
    part_flag: str | None = None  # C (more to follow) or F (final)


class Manifest(Canonical):
    """One API message (one PAXLST UNH...UNT, or several parts merged), normalised."""

    message_type: str = "PAXLST"
    directory: str  # e.g. D02B, D05B, D12B
    document_code: str  # BGM 1001, e.g. 745
    document_subtype: str | None = None  # BGM second element, e.g. CP, XR, CLOB
    kind: ManifestKind
    action: ManifestAction
    transaction_ref: str | None = None  # RFF+TN
    reporting_party: ReportingParty | None = None
    legs: tuple[FlightLeg, ...]
    travellers: tuple[Traveller, ...] = ()
    declared_passengers: int | None = None  # CNT 42
    declared_crew: int | None = None  # CNT 41
    source: MessageSource
    warnings: tuple[DataWarning, ...] = ()

    @property
    def flight(self) -> FlightLeg:
        """The leg this manifest reports on; normalisation guarantees exactly one."""
        return next(leg for leg in self.legs if leg.reported)
