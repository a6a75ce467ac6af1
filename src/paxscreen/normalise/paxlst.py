"""PAXLST messages into canonical Manifests, and the parts of a multi-part manifest into one.

Nothing a sender gets wrong is fatal unless the message has no usable flight leg: every tolerated
problem becomes a DataWarning with a stable code, located by segment position and tag.

Warning codes:
  from the grammar      unexpected_segment
  document (BGM)        unknown_document_code, unknown_document_subtype
  flight legs           unusable_leg, invalid_flight_number, carrier_mismatch, unknown_qualifier,
                        missing_time, ambiguous_local_time, nonexistent_local_time,
                        unknown_time_zone, arrival_before_departure
  codes                 unknown_country, country_alpha2, unknown_airport, unknown_gender,
                        unknown_document_type
  values                missing_value, missing_document, invalid_date, invalid_value,
                        duplicate_reference, duplicate_document
  totals (CNT)          malformed_segment, count_mismatch, count_qualifier_mismatch, missing_count
  multi-part (merge)    duplicate_part, missing_part, part_header_mismatch
"""

from __future__ import annotations

from datetime import date

from paxscreen.edifact.envelope import Interchange
from paxscreen.edifact.errors import MessageStructureError
from paxscreen.edifact.messages.paxlst import PartyGroup, PaxlstMessage
from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical import (
    DataWarning,
    FlightLeg,
    Manifest,
    ManifestAction,
    ManifestKind,
    MessageSource,
    ReportingParty,
    Traveller,
    TravellerRole,
)
from paxscreen.normalise.data_warnings import WarningLog
from paxscreen.normalise.dates import DateParseError, YearRule, parse_date
from paxscreen.normalise.paxlst_legs import read_legs
from paxscreen.normalise.paxlst_travellers import (
    DUPLICATE_DOCUMENT,
    INVALID_VALUE,
    TravellerReader,
    duplicate_document_warnings,
    read_contacts,
)

KIND_BY_DOCUMENT_CODE = {
    "745": ManifestKind.PASSENGER_LIST,
    "250": ManifestKind.CREW_LIST,
    "266": ManifestKind.FLIGHT_STATUS,
    "336": ManifestKind.MASTER_CREW_LIST,
    "655": ManifestKind.GATE_PASS,
}
_A = ManifestAction
# BGM sub-codes (element 2) per document code; "" is the plain document without one.
ACTION_BY_SUBTYPE: dict[str, dict[str, ManifestAction]] = {
    "745": {"": _A.REPORT, "CP": _A.CHANGE, "XR": _A.CANCEL_RESERVATION, "RP": _A.REDUCE_PARTY},
    # Crew lists: C/B/A/D/E/F the flight types; a trailing C is a crew change.
    "250": {
        **dict.fromkeys(("", "C", "B", "A", "D", "E", "F"), _A.REPORT),
        **dict.fromkeys(("CC", "BC", "EC", "FC"), _A.CHANGE),
    },
    "266": {
        "CL": _A.CLOSE,
        "CLOB": _A.CLOSE_ON_BOARD,
        "CLNB": _A.CLOSE_NOT_BOARDED,
        "XF": _A.CANCEL_FLIGHT,
        "CF": _A.CHANGE_FLIGHT,
    },
    "336": {"": _A.REPORT, "G": _A.REPORT, "H": _A.REMOVE, "I": _A.CHANGE},
    "655": {"": _A.REPORT},
}
# Kinds and actions that must carry full API data for each traveller.
_CORE_DATA_KINDS = frozenset(
    {ManifestKind.PASSENGER_LIST, ManifestKind.CREW_LIST, ManifestKind.MASTER_CREW_LIST}
)
_CORE_DATA_ACTIONS = frozenset({ManifestAction.REPORT, ManifestAction.CHANGE})
PASSENGER_ROLES = frozenset({TravellerRole.PASSENGER, TravellerRole.TRANSIT_PASSENGER})
CREW_ROLES = frozenset({TravellerRole.CREW, TravellerRole.TRANSIT_CREW})
PASSENGER_TOTAL, CREW_TOTAL = "42", "41"  # CNT 6069 control total qualifiers

UNKNOWN_DOCUMENT_CODE = "unknown_document_code"
UNKNOWN_DOCUMENT_SUBTYPE = "unknown_document_subtype"
MALFORMED_SEGMENT = "malformed_segment"
COUNT_MISMATCH = "count_mismatch"
COUNT_QUALIFIER_MISMATCH = "count_qualifier_mismatch"
MISSING_COUNT = "missing_count"
DUPLICATE_PART = "duplicate_part"
MISSING_PART = "missing_part"
PART_HEADER_MISMATCH = "part_header_mismatch"
_RECOMPUTED_ON_MERGE = frozenset({COUNT_MISMATCH, DUPLICATE_DOCUMENT})


def normalise_paxlst(message: PaxlstMessage, interchange: Interchange) -> Manifest:
    """One grouped PAXLST message as a Manifest. Raises MessageStructureError when the message
    has no BGM or no usable flight leg; everything else is tolerated and warned about."""
    envelope = message.envelope
    bgm = message.bgm
    if bgm is None:
        raise MessageStructureError(
            "no BGM", segment=envelope.header.position, tag="UNH", expected="BGM after UNH"
        )
    log = WarningLog()
    log.add_parse_warnings(message.warnings)
    code, subtype, kind, action = _document(bgm, log)
    legs = read_legs(message.legs, log, envelope.header)

    reader = TravellerReader(
        _reference_date(legs, interchange),
        log,
        require_core_data=kind in _CORE_DATA_KINDS and action in _CORE_DATA_ACTIONS,
    )
    travellers = tuple(reader.read(person) for person in message.persons)
    log.items.extend(duplicate_document_warnings(travellers))
    declared_passengers, declared_crew = _read_totals(message.totals, kind, log)
    if not message.totals and kind in _CORE_DATA_KINDS:
        log.add(MISSING_COUNT, "no CNT control total", envelope.trailer or envelope.header)
    cnt_positions = {cnt.value(0).strip(): cnt.position for cnt in message.totals}
    log.items.extend(
        _count_warnings(travellers, declared_passengers, declared_crew, None, cnt_positions)
    )

    return Manifest(
        directory=envelope.directory,
        document_code=code,
        document_subtype=subtype or None,
        kind=kind,
        action=action,
        transaction_ref=_transaction_ref(message.header),
        reporting_party=_reporting_party(message.parties),
        legs=legs,
        travellers=travellers,
        declared_passengers=declared_passengers,
        declared_crew=declared_crew,
        source=MessageSource(
            sender=interchange.sender,
            recipient=interchange.recipient,
            interchange_ref=interchange.reference,
            message_ref=envelope.reference,
            common_access_ref=envelope.common_access_ref,
            part_number=envelope.part_number,
            part_flag=envelope.part_flag,
        ),
        warnings=tuple(log.items),
    )


def merge_parts(parts: list[Manifest]) -> Manifest:
    """The parts of one multi-part manifest (UNH S010 ``01:C`` ... ``nn:F``) as one Manifest, in
    part-number order whatever order they arrived in.

    Header, legs and source come from the first part (``part_header_mismatch`` when a later part
    disagrees); travellers are concatenated; warnings are kept, except the count and duplicate-
    document checks, which are redone over the whole. Declared totals: senders either count each
    part or repeat the grand total in every part, so the sum of the parts' CNT is taken when it
    matches the travellers present, else a value every part repeats, else the sum.
    """
    if not parts:
        raise ValueError("merge_parts needs at least one part")
    if len(parts) == 1:
        return parts[0]
    ordered = sorted(parts, key=lambda part: (part.source.part_number is None, _number(part)))
    first = ordered[0]
    warnings: list[DataWarning] = []
    for part in ordered:
        warnings.extend(w for w in part.warnings if w.code not in _RECOMPUTED_ON_MERGE)
    warnings.extend(_sequence_warnings(ordered))
    for part in ordered[1:]:
        differing = _header_differences(first, part)
        if differing:
            warnings.append(
                DataWarning(
                    code=PART_HEADER_MISMATCH,
                    detail=f"part {_number(part)} differs from part {_number(first)} in "
                    f"{', '.join(differing)}; the first part's values are kept",
                )
            )
    travellers = tuple(traveller for part in ordered for traveller in part.travellers)
    warnings.extend(duplicate_document_warnings(travellers))
    passengers = _merged_total([part.declared_passengers for part in ordered], travellers, True)
    crew = _merged_total([part.declared_crew for part in ordered], travellers, False)
    warnings.extend(_count_warnings(travellers, passengers, crew, len(ordered)))
    return first.model_copy(
        update={
            "travellers": travellers,
            "declared_passengers": passengers,
            "declared_crew": crew,
            "warnings": tuple(warnings),
        }
    )


def _document(bgm: Segment, log: WarningLog) -> tuple[str, str, ManifestKind, ManifestAction]:
    code = bgm.value(0).strip()
    subtype = bgm.value(1).strip().upper()
    kind = KIND_BY_DOCUMENT_CODE.get(code, ManifestKind.OTHER)
    if kind is ManifestKind.OTHER:
        log.add(UNKNOWN_DOCUMENT_CODE, f"document code {code!r} is not a PAXLST list type", bgm)
        return code, subtype, kind, ManifestAction.REPORT
    action = ACTION_BY_SUBTYPE[code].get(subtype)
    if action is None:
        log.add(
            UNKNOWN_DOCUMENT_SUBTYPE,
            f"BGM {code} sub-code {subtype or '(none)'!r} not known; read as a plain report",
            bgm,
        )
        action = ManifestAction.REPORT
    return code, subtype, kind, action


def _transaction_ref(header: list[Segment]) -> str | None:
    for segment in header:
        if segment.tag == "RFF" and segment.value(0) == "TN":
            return segment.value(0, 1).strip() or None
    return None


def _reporting_party(parties: list[PartyGroup]) -> ReportingParty | None:
    if not parties:
        return None
    party = next((p for p in parties if p.nad.value(0) == "MS"), parties[0])
    name = " ".join(" ".join(party.nad.components(3)).split())
    name = name or " ".join(" ".join(party.nad.components(2)).split())  # C058 unstructured
    contacts = [contact for com in party.contacts for contact in read_contacts(com)]
    return ReportingParty.model_validate({"name": name or None, "contacts": contacts})


def _reference_date(legs: tuple[FlightLeg, ...], interchange: Interchange) -> date:
    """The date two-digit years are read against: the reported flight's, else any leg's, else
    the interchange preparation date (UNB S004), else today."""
    ordered = sorted(legs, key=lambda leg: not leg.reported)
    for leg in ordered:
        moment = leg.departure_local or leg.arrival_local
        if moment is not None:
            return moment.date()
    prepared = interchange.prepared.split(":")[0].strip()
    try:
        return parse_date(prepared, rule=YearRule.FLIGHT, reference=None)
    except DateParseError:
        return date.today()


def _read_totals(
    totals: list[Segment], kind: ManifestKind, log: WarningLog
) -> tuple[int | None, int | None]:
    passengers = crew = None
    for cnt in totals:
        qualifier = cnt.value(0).strip()
        text = cnt.value(0, 1).strip()
        if not text and len(cnt.elements) > 1:
            text = cnt.value(1).strip()
            log.add(MALFORMED_SEGMENT, f"CNT+{qualifier}+{text}: read as {qualifier}:{text}", cnt)
        if not (text.isascii() and text.isdigit()):
            log.add(INVALID_VALUE, f"CNT+{qualifier} total {text!r} is not a number", cnt)
            continue
        if qualifier == PASSENGER_TOTAL:
            passengers = int(text)
            contradicts = kind in (ManifestKind.CREW_LIST, ManifestKind.MASTER_CREW_LIST)
        elif qualifier == CREW_TOTAL:
            crew = int(text)
            contradicts = kind is ManifestKind.PASSENGER_LIST
        else:
            log.add(INVALID_VALUE, f"CNT qualifier {qualifier!r} is neither 41 nor 42", cnt)
            continue
        if contradicts:
            log.add(
                COUNT_QUALIFIER_MISMATCH,
                f"CNT+{qualifier} ({'passengers' if qualifier == '42' else 'crew'}) "
                f"in a {kind.value.replace('_', ' ')}",
                cnt,
            )
    return passengers, crew


def _count_warnings(
    travellers: tuple[Traveller, ...],
    declared_passengers: int | None,
    declared_crew: int | None,
    parts: int | None,
    positions: dict[str, int] | None = None,
) -> list[DataWarning]:
    """``count_mismatch`` for each declared total that differs from the travellers present;
    ``positions`` (CNT qualifier -> segment) locates them within a single message."""
    passengers = sum(1 for t in travellers if t.role in PASSENGER_ROLES)
    crew = len(travellers) - passengers
    scope = f" in {parts} parts" if parts else ""
    warnings = []
    for qualifier, label, declared, present in (
        (PASSENGER_TOTAL, "passengers (CNT 42)", declared_passengers, passengers),
        (CREW_TOTAL, "crew (CNT 41)", declared_crew, crew),
    ):
        if declared is not None and declared != present:
            warnings.append(
                DataWarning(
                    code=COUNT_MISMATCH,
                    detail=f"{declared} {label} declared, {present} present{scope}",
                    segment=(positions or {}).get(qualifier),
                    tag="CNT",
                )
            )
    return warnings


def _merged_total(
    declared: list[int | None], travellers: tuple[Traveller, ...], passengers: bool
) -> int | None:
    values = [value for value in declared if value is not None]
    if not values:
        return None
    roles = PASSENGER_ROLES if passengers else CREW_ROLES
    present = sum(1 for t in travellers if t.role in roles)
    if sum(values) != present and len(set(values)) == 1:
        return values[0]  # the grand total repeated in every part
    return sum(values)


def _number(part: Manifest) -> int:
    return part.source.part_number or 0


def _sequence_warnings(ordered: list[Manifest]) -> list[DataWarning]:
    numbers = [_number(part) for part in ordered]
    warnings = []
    for duplicate in sorted({n for n in numbers if numbers.count(n) > 1}):
        warnings.append(
            DataWarning(code=DUPLICATE_PART, detail=f"part {duplicate} received more than once")
        )
    missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
    if missing:
        listed = ", ".join(map(str, missing))
        warnings.append(DataWarning(code=MISSING_PART, detail=f"part(s) {listed} missing"))
    if ordered[-1].source.part_flag != "F":
        warnings.append(
            DataWarning(code=MISSING_PART, detail="no final part (S010 flag F) received")
        )
    return warnings


def _header_differences(first: Manifest, other: Manifest) -> list[str]:
    fields = ("directory", "document_code", "document_subtype", "transaction_ref", "legs")
    differing = [name for name in fields if getattr(first, name) != getattr(other, name)]
    for name in ("sender", "common_access_ref"):
        if getattr(first.source, name) != getattr(other.source, name):
            differing.append(f"source.{name}")
    return differing
