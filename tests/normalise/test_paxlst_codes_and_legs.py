"""BGM document codes into kind and action, and flight legs: carriers, reported leg, UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from paxscreen.edifact.errors import MessageStructureError
from paxscreen.normalise.canonical import ManifestAction, ManifestKind
from tests.normalise.edifact_input import manifest, minimal_paxlst, warning_places


@pytest.mark.parametrize(
    ("bgm", "kind", "action"),
    [
        ("BGM+745", ManifestKind.PASSENGER_LIST, ManifestAction.REPORT),
        ("BGM+745+CP", ManifestKind.PASSENGER_LIST, ManifestAction.CHANGE),
        ("BGM+745+XR", ManifestKind.PASSENGER_LIST, ManifestAction.CANCEL_RESERVATION),
        ("BGM+745+RP", ManifestKind.PASSENGER_LIST, ManifestAction.REDUCE_PARTY),
        ("BGM+250", ManifestKind.CREW_LIST, ManifestAction.REPORT),
        ("BGM+250+C", ManifestKind.CREW_LIST, ManifestAction.REPORT),
        ("BGM+250+B", ManifestKind.CREW_LIST, ManifestAction.REPORT),
        ("BGM+250+CC", ManifestKind.CREW_LIST, ManifestAction.CHANGE),
        ("BGM+266+CL", ManifestKind.FLIGHT_STATUS, ManifestAction.CLOSE),
        ("BGM+266+CLOB", ManifestKind.FLIGHT_STATUS, ManifestAction.CLOSE_ON_BOARD),
        ("BGM+266+CLNB", ManifestKind.FLIGHT_STATUS, ManifestAction.CLOSE_NOT_BOARDED),
        ("BGM+266+XF", ManifestKind.FLIGHT_STATUS, ManifestAction.CANCEL_FLIGHT),
        ("BGM+266+CF", ManifestKind.FLIGHT_STATUS, ManifestAction.CHANGE_FLIGHT),
        ("BGM+336+G", ManifestKind.MASTER_CREW_LIST, ManifestAction.REPORT),
        ("BGM+336+H", ManifestKind.MASTER_CREW_LIST, ManifestAction.REMOVE),
        ("BGM+336+I", ManifestKind.MASTER_CREW_LIST, ManifestAction.CHANGE),
        ("BGM+655", ManifestKind.GATE_PASS, ManifestAction.REPORT),
    ],
)
def test_document_code_and_subtype_give_kind_and_action(
    bgm: str, kind: ManifestKind, action: ManifestAction
) -> None:
    result = manifest(minimal_paxlst(bgm))
    assert (result.kind, result.action) == (kind, action)
    assert result.document_subtype == (bgm.split("+")[2] if bgm.count("+") == 2 else None)
    assert not [w for w in result.warnings if w.code.startswith("unknown_document")]


@pytest.mark.parametrize(
    ("bgm", "kind", "code"),
    [
        ("BGM+745+ZZ", ManifestKind.PASSENGER_LIST, "unknown_document_subtype"),
        ("BGM+266", ManifestKind.FLIGHT_STATUS, "unknown_document_subtype"),
        ("BGM+999", ManifestKind.OTHER, "unknown_document_code"),
    ],
)
def test_unknown_document_code_or_subtype_reads_as_report_with_warning(
    bgm: str, kind: ManifestKind, code: str
) -> None:
    result = manifest(minimal_paxlst(bgm))
    assert (result.kind, result.action) == (kind, ManifestAction.REPORT)
    assert (code, 3, "BGM") in warning_places(result)


MULTI_LEG = """UNB+UNOA:4+A+B+210313:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'
TDT+20+BA0217A+++BA'LOC+92+LHR'DTM+189:2103131000:201'LOC+92+JFK'DTM+232:2103131300:201'
TDT+20+LH400+++UA'LOC+125+JFK'DTM+189:2103140230:201'LOC+87+ORD'LOC+130+SFO'
TDT+20+UA900'LOC+92+ORD'LOC+92+SFO'
UNT+17+1'UNZ+1+1'"""


def test_multi_leg_flight_reports_the_125_to_87_leg() -> None:
    result = manifest(MULTI_LEG)
    summary = [
        (
            leg.carrier,
            leg.flight_number,
            leg.departure_airport,
            leg.arrival_airport,
            leg.final_destination,
            leg.reported,
        )
        for leg in result.legs
    ]
    assert summary == [
        ("BA", "217A", "LHR", "JFK", None, False),
        ("UA", "400", "JFK", "ORD", "SFO", True),
        ("UA", "900", "ORD", "SFO", None, False),
    ]
    # 02:30 on 14 Mar 2021 did not exist in New York: read with EST (UTC-5), i.e. 03:30 EDT.
    assert result.flight.departure_utc == datetime(2021, 3, 14, 7, 30, tzinfo=UTC)
    assert warning_places(result) == [
        ("carrier_mismatch", 9, "TDT"),
        ("nonexistent_local_time", 11, "DTM"),
        ("missing_count", 17, "UNT"),  # a passenger list without CNT
    ]


def test_without_a_125_87_leg_the_last_leg_is_reported() -> None:
    text = MULTI_LEG.replace("LOC+125+JFK", "LOC+92+JFK").replace("LOC+87+ORD", "LOC+92+ORD")
    assert [leg.reported for leg in manifest(text).legs] == [False, False, True]


def test_message_without_any_leg_raises_located_error() -> None:
    text = "UNB+UNOA:4+A+B+170127:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+266+CL'UNT+3+1'UNZ+1+1'"
    with pytest.raises(MessageStructureError) as caught:
        manifest(text)
    assert (caught.value.segment, caught.value.tag) == (2, "UNH")
    assert caught.value.expected == "TDT+20 with a flight identification"


def test_leg_without_flight_identification_is_not_usable() -> None:
    text = (
        "UNB+UNOA:4+A+B+170127:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "TDT+20'LOC+125+FRA'UNT+4+1'UNZ+1+1'"
    )
    with pytest.raises(MessageStructureError) as caught:
        manifest(text)
    assert (caught.value.segment, caught.value.tag) == (4, "TDT")


def test_unusable_leg_is_left_out_with_a_warning_when_another_leg_remains() -> None:
    text = MULTI_LEG.replace("TDT+20+UA900'", "TDT+20'")
    result = manifest(text)
    assert len(result.legs) == 2
    assert result.legs[1].reported
    assert ("unusable_leg", 14, "TDT") in warning_places(result)


def test_unknown_airport_has_no_utc_time() -> None:
    text = minimal_paxlst("BGM+745").replace("LOC+125+FRA", "LOC+125+XQZ")
    result = manifest(text)
    assert result.flight.departure_airport == "XQZ"
    assert result.flight.departure_local == datetime(2017, 1, 27, 17, 25)
    assert result.flight.departure_utc is None
    assert ("unknown_airport", 5, "LOC") in warning_places(result)


def test_unexpected_segments_surface_as_manifest_warnings() -> None:
    result = manifest(minimal_paxlst("BGM+745", body="NAD+FL+++A'XYZ+1'"))
    assert ("unexpected_segment", 9, "XYZ") in warning_places(result)
