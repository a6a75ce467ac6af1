"""Corpus conformance: every GTAS PNRGOV sample normalises, and the INDEX.md facts hold."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache

import pytest

from paxscreen.edifact.errors import EdifactError
from paxscreen.normalise.canonical_pnr import PnrPush, PushKind, TravellerType
from tests.corpus import PNRGOV_COUNT_CORRECTIONS, IndexedFile, gtas_files, require_corpus
from tests.normalise.pnrgov_input import pnrgov_messages, pushes

pytestmark = pytest.mark.corpus

# The synthetic pushes name their real flight in the file name: ..._BA217_LHR_IAD_20170421_...
SYNTHETIC_FLIGHT = re.compile(r"_([A-Z0-9]{2})(\d+)_([A-Z]{3})_([A-Z]{3})_\d{8}_\d{4}_PNR\.txt$")


def pnrgov_files() -> list[IndexedFile]:
    require_corpus()
    files = gtas_files("PNRGOV")
    assert files, "no PNRGOV file listed in INDEX.md"
    return files


@cache
def corpus_pushes(name: str) -> tuple[PnrPush, ...]:
    (indexed,) = [f for f in pnrgov_files() if f.path.name == name]
    return tuple(pushes(indexed.path.read_bytes()))


def corpus_push(name: str) -> PnrPush:
    (only,) = corpus_pushes(name)
    return only


def history_tifs(indexed: IndexedFile) -> int:
    """TIFs inside history items (GR.11): INDEX.md counts them as travellers."""
    return sum(
        tag == "TIF"
        for message, _ in pnrgov_messages(indexed.path.read_bytes())
        for pnr in message.pnrs
        for history in pnr.history
        for item in history.items
        for tag in (segment.tag for segment in item.segments)
    )


def test_every_file_normalises_to_the_indexed_counts_or_a_located_error() -> None:
    for indexed in pnrgov_files():
        name = indexed.path.name
        try:
            results = pushes(indexed.path.read_bytes())
        except EdifactError as error:
            located = (error.segment, error.tag)
            assert None not in located, (name, located)
            continue
        bookings = sum(len(push.bookings) for push in results)
        travellers = sum(len(b.travellers) for push in results for b in push.bookings)
        recovered = sum(w.code == "junk_before_segment" for push in results for w in push.warnings)
        # INDEX.md counts clean SRC tags (the SRC behind "Error 2042" is recovered here, as
        # its own PNR) and every TIF outside check-in, history items included (those are name
        # changes of travellers already on the PNR, not more travellers).
        assert bookings - recovered == indexed.booking_count, name
        assert travellers + history_tifs(indexed) == indexed.traveller_count, name


def test_the_index_exceptions_are_exactly_three_files() -> None:
    differing = []
    for indexed in pnrgov_files():
        results = corpus_pushes(indexed.path.name)
        bookings = sum(len(push.bookings) for push in results)
        travellers = sum(len(b.travellers) for push in results for b in push.bookings)
        if (bookings, travellers) != (indexed.booking_count, indexed.traveller_count):
            differing.append((indexed.path.name.split("__")[-1][:20], bookings, travellers))
    assert sorted(differing) == [
        ("2_pnrs_basic.edi", 2, 4),
        ("33_30_09386_09653_UA", 263, 267),
        ("pnr2.txt", 1, 2),
    ]
    corrected = {name.split("__")[-1][:20]: c for name, c in PNRGOV_COUNT_CORRECTIONS.items()}
    assert {(name, *counts) for name, counts in corrected.items()} == set(differing)


def test_every_warning_is_located_and_every_push_survives_validation_of_its_dump() -> None:
    for indexed in pnrgov_files():
        for push in corpus_pushes(indexed.path.name):
            assert all(w.segment is not None and w.tag for w in push.warnings), indexed.path.name
            assert PnrPush.model_validate(push.model_dump()) == push, indexed.path.name


def synthetic_files() -> list[IndexedFile]:
    return [f for f in pnrgov_files() if SYNTHETIC_FLIGHT.search(f.path.name)]


def test_synthetic_pushes_find_their_real_flight() -> None:
    files = synthetic_files()
    assert len(files) == 42  # the 40 pushes and two demo stories
    for indexed in files:
        push = corpus_push(indexed.path.name)
        match = SYNTHETIC_FLIGHT.search(indexed.path.name)
        assert match is not None
        flight = push.flight
        assert (flight.carrier, flight.flight_number) == (match[1], match[2]), indexed.path.name
        assert (flight.departure_airport, flight.arrival_airport) == (match[3], match[4])
        assert flight.departure_utc is not None
        assert flight.departure_utc.year == 2017
        (mismatch,) = [w for w in push.warnings if w.code == "header_flight_mismatch"]
        assert (mismatch.segment, mismatch.tag) == (5, "TVL")
        assert "DL324 LHR-JFK is in no booking" in mismatch.detail
        assert len(push.bookings) == indexed.booking_count or indexed.path.name.startswith(
            "SyntheticPNRMessages_20170419_20170421_zip__33_"
        )


def test_synthetic_push_values() -> None:
    push = corpus_push(
        "SyntheticPNRMessages_20170419_20170421_zip__05_15_01877_02144_BA217_LHR_IAD_20170421_0940_PNR.txt"
    )
    assert (push.kind, push.declared_bookings, len(push.bookings)) == (PushKind.FULL, 264, 264)
    first = push.bookings[0]
    assert first.locator == "1PPP4"
    traveller = first.travellers[0]
    assert (traveller.surname, traveller.given_names, traveller.title) == (
        "HONISCH",
        "KHALIAH",
        "MRS",
    )
    (document,) = traveller.documents
    assert (document.number, document.date_of_birth) == ("920726086", date(1968, 7, 10))
    assert [p.card_last4 for p in first.payments] == ["4911", "4911", "4911"]
    assert [c.seat for c in traveller.check_ins] == ["15A"]
    # The VIP OSI of every traveller is a general remark: dropped and counted.
    assert push.dropped_other == {"general_remarks": 268}


def test_error_2042_push() -> None:
    push = corpus_push(
        "SyntheticPNRMessages_20170419_20170421_zip__33_30_09386_09653_UA808_PEK_IAD_20170421_1825_PNR.txt"
    )
    (junk,) = [w for w in push.warnings if w.code == "junk_before_segment"]
    recovered = next(b for b in push.bookings if b.segment == junk.segment)
    assert recovered.locator == "K2TFB"
    assert [t.surname for t in recovered.travellers] == ["FURTSCH"]
    (count,) = [w for w in push.warnings if w.code == "count_mismatch"]
    assert count.detail == "264 PNRs declared (EQN), 263 present"


def test_story_three_keeps_its_header_flight_and_says_so() -> None:
    push = corpus_push(
        "SyntheticPNRStoriesForDemo_zip__Story_3_Biological_Event_20170420_Biological_Event_PNR.txt"
    )
    assert (push.flight.carrier, push.flight.flight_number) == ("DL", "324")
    assert "header_flight_not_in_bookings" in Counter(w.code for w in push.warnings)
    assert {len(b.itinerary) for b in push.bookings} == {3}  # FNA-ROB-BRU-IAD for everyone


def test_bigbig_pnr_has_47_pnrs() -> None:
    push = corpus_push("gtas-parsers__pnr-messages__bigbigPnr.txt")
    assert len(push.bookings) == 47
    assert sum(len(b.travellers) for b in push.bookings) == 86
    assert [w.detail for w in push.warnings if w.code == "count_mismatch"] == [
        "1 PNRs declared (EQN), 47 present"
    ]


def test_pnr_split() -> None:
    first, second = corpus_push("gtas-loader__pnr-messages__pnr_split.edi").bookings
    assert (first.split_count, first.split_locators) == (None, ())
    assert second.split_count == 1
    assert [r.locator for r in second.split_locators] == ["ZLMXXX"]
    (traveller,) = second.travellers
    assert traveller.documents[0].surname == "TESTSURNAMETHREE"  # wrapped "TESTSURNA METHREE"


def test_no_msg_no_org() -> None:
    push = corpus_push("gtas-parsers__pnr-messages__pnrNoOrgMsg.txt")
    assert (push.kind, push.sender) == (PushKind.FULL, None)
    assert [w.code for w in push.warnings] == ["missing_message_function"]
    booking = push.bookings[0]
    assert [(c.kind, c.value) for c in booking.contacts] == [
        ("phone", "8675309"),
        ("phone", "5432109876"),  # ADD++700:::::::EK CTC M 5432109876
    ]
    (traveller,) = booking.travellers
    assert [(c.kind, c.value) for c in traveller.contacts] == [
        ("email", "MOLLY_LONT+50BB@GMAIL.COM")  # CTCE MOLLY..LONT?+50BB//GMAIL.COM
    ]


def test_codeshare() -> None:
    push = corpus_push("gtas-loader__pnr-messages__codeshare.edi")
    legs = [b.itinerary[0] for b in push.bookings]
    assert [
        (g.carrier, g.flight_number, g.operating_carrier, g.operating_flight_number) for g in legs
    ] == [
        ("KE", "609", "SQ", "303"),
        ("OZ", "609", "SQ", "752"),
    ]
    kim = push.bookings[1].travellers[0]
    assert (kim.surname, kim.given_names, kim.title) == ("KIM", "KONG CHUN", "MRS")
    (check_in,) = kim.check_ins
    assert (check_in.seat, check_in.cabin, check_in.boarding_number) == ("14A", "J", "ICN-229")


def test_infants() -> None:
    for name, adult_ref in (
        ("gtas-loader__pnr-messages__adult_and_infant.edi", "1.1"),
        ("gtas-loader__pnr-messages__infant.edi", "2"),
    ):
        adult, infant = corpus_push(name).bookings[0].travellers
        assert infant.type is TravellerType.INFANT, name
        assert infant.infant_of == adult.reference == adult_ref, name
        # The infant's passport is sent in the adult's group, with gender FI.
        assert [d.gender for d in infant.documents] == ["FI"], name
        assert all(d.gender != "FI" for d in adult.documents), name


def test_phone_formats() -> None:
    for name, phones in (
        ("gtas-parsers__pnr-messages__pnrPhoneCTC_M.txt", ["123456789"]),
        ("gtas-parsers__pnr-messages__pnrPhoneCTCM.txt", None),
        ("gtas-parsers__pnr-messages__pnrAddressPhoneCTCM.txt", None),
    ):
        push = corpus_push(name)
        everyone = [*push.bookings[0].contacts, *push.bookings[0].travellers[0].contacts]
        found = [c.value for c in everyone if c.kind == "phone"]
        assert found, name
        if phones is not None:
            assert set(phones) <= set(found), name


def test_seat_formats() -> None:
    traveller = (
        corpus_push("gtas-parsers__pnr-messages__pnrSeatFormats.txt").bookings[0].travellers[0]
    )
    assert [s.seat for s in traveller.seats] == ["36K", "74E"]  # SEAT 36K, NSST 074E


def test_bags_and_tags() -> None:
    push = corpus_push("gtas-parsers__pnr-messages__pnrWithBags.txt")
    check_ins = [c for b in push.bookings for t in b.travellers for c in t.check_ins]
    with_bags = [c for c in check_ins if c.bag_count]
    assert with_bags
    assert all(c.bag_weight_unit in ("KG", "LB") for c in with_bags)
    assert all(len(c.bag_tags) == c.bag_count for c in with_bags if c.bag_tags)
