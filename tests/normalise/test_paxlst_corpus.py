"""Corpus conformance: every GTAS PAXLST sample normalises, and the INDEX.md facts hold."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest

from paxscreen.edifact.errors import EdifactError
from paxscreen.normalise.canonical import Manifest, ManifestKind, TravellerRole
from tests.corpus import IndexedFile, gtas_files, require_corpus
from tests.normalise.edifact_input import manifests

pytestmark = pytest.mark.corpus


def paxlst_files() -> list[IndexedFile]:
    require_corpus()
    files = gtas_files("PAXLST")
    assert files, "no PAXLST file listed in INDEX.md"
    return files


def corpus_manifest(name: str) -> Manifest:
    """The single manifest of the indexed PAXLST file whose name ends with ``name``."""
    (indexed,) = [f for f in paxlst_files() if f.path.name.endswith(name)]
    (only,) = manifests(indexed.path.read_bytes())
    return only


def codes(manifest: Manifest) -> Counter[str]:
    return Counter(warning.code for warning in manifest.warnings)


def test_every_file_normalises_with_the_indexed_traveller_count_or_a_located_error() -> None:
    for indexed in paxlst_files():
        try:
            results = manifests(indexed.path.read_bytes())
        except EdifactError as error:
            located = (error.segment, error.tag)
            assert None not in located, (indexed.path.name, located)
            continue
        travellers = sum(len(m.travellers) for m in results)
        assert travellers == indexed.traveller_count, indexed.path.name


def test_every_corpus_manifest_survives_validation_of_its_dump() -> None:
    # The normaliser's output must be exactly what validating the same values gives.
    for indexed in paxlst_files():
        for result in manifests(indexed.path.read_bytes()):
            assert Manifest.model_validate(result.model_dump()) == result, indexed.path.name


def test_every_manifest_reports_exactly_one_leg() -> None:
    for indexed in paxlst_files():
        for result in manifests(indexed.path.read_bytes()):
            assert sum(leg.reported for leg in result.legs) == 1, indexed.path.name


def test_test1_crew_list_with_malformed_count_and_shared_passport() -> None:
    result = corpus_manifest("apis-messages__Test1.txt")

    assert (result.kind, result.document_subtype) == (ManifestKind.CREW_LIST, "C")
    assert [t.role for t in result.travellers] == [TravellerRole.CREW] * 8
    assert result.travellers[0].surname == "STEUR"  # sent as "Steur"
    assert result.travellers[0].given_names == "ANDREA PAT"
    assert result.travellers[0].date_of_birth == date(1978, 7, 6)
    assert result.travellers[0].documents[0].expiry == date(1961, 2, 18)  # 30-year window
    assert result.declared_crew == 8  # CNT+41+8
    malformed = [w for w in result.warnings if w.code == "malformed_segment"]
    assert [(w.segment, w.tag) for w in malformed] == [(108, "CNT")]  # UNH 3 .. UNT 109
    (duplicate,) = [w for w in result.warnings if w.code == "duplicate_document"]
    assert "123456789 (GBR) is given 8 times" in duplicate.detail  # every member has it
    assert codes(result)["count_mismatch"] == 0


def test_test3_first_part_of_a_multi_part_message() -> None:
    result = corpus_manifest("apis-messages__Test3.txt")

    assert (result.source.part_number, result.source.part_flag) == (1, "C")
    assert result.source.common_access_ref == "ABC01"
    assert len(result.travellers) == 260
    assert {t.role for t in result.travellers} == {TravellerRole.PASSENGER}
    assert result.travellers[0].place_of_birth == "Hartford USA"
    assert result.declared_crew == 206
    assert result.declared_passengers is None
    assert codes(result)["count_qualifier_mismatch"] == 1  # CNT+41 on a passenger list
    assert codes(result)["unknown_document_subtype"] == 1  # BGM+745+C


def test_airline2_count_mismatch_and_document_qualifiers() -> None:
    result = corpus_manifest("apis-messages__airline2.edi")

    assert len(result.travellers) == 10
    assert result.declared_passengers == 136
    (mismatch,) = [w for w in result.warnings if w.code == "count_mismatch"]
    assert mismatch.tag == "CNT"
    assert "136" in mismatch.detail
    assert "10 present" in mismatch.detail
    assert (result.source.part_number, result.source.part_flag) == (10, "F")
    assert {d.type for t in result.travellers for d in t.documents} == {"P"}  # DOC+P:110:111
    assert {t.date_of_birth for t in result.travellers} == {date(1954, 10, 16)}
    assert (result.flight.carrier, result.flight.flight_number) == ("TN", "506")


def test_multiple_flight_leg_apis_reports_jfk_to_cdg() -> None:
    result = corpus_manifest("multiple_flight_leg_apis.txt")

    assert [(leg.departure_airport, leg.arrival_airport) for leg in result.legs] == [
        ("MIA", "IAD"),
        ("IAD", "JFK"),
        ("JFK", "CDG"),
    ]
    flight = result.flight
    assert (flight.departure_airport, flight.arrival_airport) == ("JFK", "CDG")
    assert flight.departure_utc == datetime(2008, 8, 11, 0, 0, tzinfo=UTC)  # 20:00 EDT
    assert flight.arrival_utc == datetime(2008, 8, 11, 4, 30, tzinfo=UTC)  # 06:30 CEST
    assert result.transaction_ref == "BART34567890"
    barrett = result.travellers[0]
    assert (barrett.reservation_ref, barrett.passenger_ref) == ("GJIO3RT", "UUI34T543")
    assert barrett.date_of_birth == date(1968, 2, 23)


def test_apis_message_two_leg_points_and_no_documents() -> None:
    result = corpus_manifest("apisMessage.txt")

    assert [(leg.departure_airport, leg.arrival_airport, leg.reported) for leg in result.legs] == [
        ("ATL", "ORD", False),
        ("ORD", "JFK", True),
    ]
    assert [t.documents for t in result.travellers] == [(), ()]
    assert codes(result)["missing_document"] == 2
    assert result.travellers[0].other_refs == {"AEA": "1234567890ABC", "CR": "20060907NY123"}
    assert result.transaction_ref == "AJYTR1070219"


def test_demo_story_lists_have_268_passengers_with_visas() -> None:
    for indexed in paxlst_files():
        if "Passenger_List" not in indexed.path.name:
            continue
        (result,) = manifests(indexed.path.read_bytes())
        assert len(result.travellers) == 268 == result.declared_passengers, indexed.path.name
        assert codes(result)["count_mismatch"] == 0
        second_documents = {t.documents[1].type for t in result.travellers}
        assert second_documents <= {"V", None}, indexed.path.name  # DOC+V+... or DOC++...
        assert all(t.embarkation is None for t in result.travellers)  # LOC+178+ empty
