"""PNRGOV segment-group grammar: which segment lands in which group, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.edifact.envelope import MessageEnvelope
from paxscreen.edifact.errors import MessageStructureError, UnsupportedMessageError
from paxscreen.edifact.messages.pnrgov import PnrgovMessage, group_pnrgov
from paxscreen.edifact.messages.pnrgov_groups import PnrGroup
from paxscreen.edifact.segments import Segment
from tests.corpus import gtas_files, require_corpus
from tests.normalise.edifact_input import segment, segments_from_text
from tests.normalise.pnrgov_input import pnrgov_messages

# One PNR touching every group: GR.1 .. GR.12 and LTS.
WELL_FORMED = (
    "MSG+:22'ORG+BA:LON'TVL+210417:0940::1245+LHR+IAD+BA+217'EQN+1'"
    "SRC'RCI+BA:ABC123'SSR+OTHS:::::::TEXT'DAT+700:160417:0900'IFT+4:28::BA+VIP'"
    "ORG+BA:LON+123'ADD++702:1 HIGH ST:SLOUGH'EBD+GBP:40.00+1::N'"
    "TIF+SMITH+JOHNMR:A:1'FTI+BA:123'IFT+4:28::BA+CTCE J//X.COM'REF+:P1'EBD+GBP:1+1'FAR+A'"
    "SSR+DOCS:HK::BA:::::/P/GBR/1/GBR/01JAN80/M/01JAN25/SMITH/JOHN'ADD++700:X'"
    "TKT+1234:T:1'MON+T:10.00:GBP'PTK+NR'TXD++1.00'DAT+710:130417'"
    "FOP+CC:::VI:XXXX1111:0925'IFT+4:43+JOHN SMITH'ADD++700:1 HIGH ST'"
    "TVL+210417:0940::1245+LHR+IAD+AA:BA+6000:Y'TRA+BA+217:Y'RPI+1+HK'APD+777'"
    "SSR+SEAT:HK:1:BA:::LHR:IAD+15A::1'RCI+BA:ABC123'IFT+4:28+X'TVL+++++217:Y'"
    "DAT+2:210417:0700'ORG+BA'TRI++12:::1'TIF+SMITH+JOHNMR:A:1'SSD+15A++++Y'TBD++1:20:700'"
    "EQN+1'RCI+BA:XYZ789'"
    "MSG+8'TVL+210417:1600:230417+IAD:HOTEL++HY+1:ROH'"
    "ABI+4++++BA'DAT+T:160417:0900'SAC+++A'TIF+SMITH+JOHNMR:A:1'"
    "TVL+210417::210417+LHR+IAD+BA+217:Y'RPI+1+HK'"
    "LTS+0/O/NM/SMITH/JOHNMR'LTS+1/Z/LINE TWO'"
)


def envelope_of(segments: list[Segment], kind: str = "PNRGOV") -> MessageEnvelope:
    numbered = [Segment(s.tag, s.elements, i) for i, s in enumerate(segments, start=2)]
    return MessageEnvelope(
        reference="1",
        type=kind,
        version="13",
        release="1",
        agency="IA",
        association="",
        common_access_ref="",
        part_number=None,
        part_flag=None,
        header=segment("UNH", "1", [kind, "13", "1", "IA"], position=1),
        trailer=None,
        segments=numbered,
    )


def grouped(text: str) -> PnrgovMessage:
    return group_pnrgov(envelope_of(segments_from_text(text)))


def tags(segments: list[Segment]) -> list[str]:
    return [s.tag for s in segments]


def test_well_formed_message_fills_every_group() -> None:
    message = grouped(WELL_FORMED)

    assert message.msg is not None
    assert message.msg.value(0, 1) == "22"
    assert message.org is not None
    assert message.flight is not None
    assert message.eqn is not None
    assert message.unexpected == []
    assert message.warnings == []
    (pnr,) = message.pnrs
    assert tags(pnr.segments) == ["RCI", "SSR", "DAT", "IFT", "ORG", "ADD", "EBD"]
    (traveller,) = pnr.travellers
    assert traveller.tif.value(0) == "SMITH"
    assert tags(traveller.segments) == ["FTI", "IFT", "REF", "EBD", "FAR", "SSR", "ADD"]
    (ticket,) = traveller.tickets
    assert tags(ticket.segments) == ["MON", "PTK", "TXD", "DAT"]
    (payment,) = ticket.payments
    assert tags(payment.segments) == ["IFT", "ADD"]
    (leg,) = pnr.legs
    assert leg.tvl.value(2) == "IAD"
    assert leg.operating is not None
    assert leg.operating.value(4) == "217"
    assert tags(leg.segments) == ["TRA", "RPI", "APD", "SSR", "RCI", "IFT"]
    (check_in,) = leg.check_ins
    assert check_in.dat is not None
    assert tags(check_in.segments) == ["ORG"]
    (boarding,) = check_in.boardings
    assert boarding.tri is not None
    assert tags(boarding.segments) == ["TIF", "SSD", "TBD"]
    (split,) = pnr.splits
    assert split.eqn.value(0) == "1"
    assert tags(split.segments) == ["RCI"]
    (non_air,) = pnr.non_air
    assert non_air.msg.value(0) == "8"
    assert tags(non_air.segments) == ["TVL"]
    (history,) = pnr.history
    assert tags(history.segments) == ["DAT"]
    (item,) = history.items
    assert tags(item.segments) == ["TIF"]
    (flight,) = item.flights
    assert flight.tvl.value(0, 0) == "210417"
    assert tags(flight.segments) == ["RPI"]
    assert [lts.value(0) for lts in pnr.long_texts] == ["0/O/NM/SMITH/JOHNMR", "1/Z/LINE TWO"]


def count_segments(message: PnrgovMessage) -> int:
    """Every segment the grammar placed anywhere, kept aside ones included."""
    total = sum(s is not None for s in (message.msg, message.org, message.flight, message.eqn))
    total += len(message.unexpected)
    for pnr in message.pnrs:
        total += 1 + len(pnr.segments) + len(pnr.long_texts)
        for traveller in pnr.travellers:
            total += 1 + len(traveller.segments)
            for payment in traveller.payments:
                total += 1 + len(payment.segments)
            for ticket in traveller.tickets:
                total += 1 + len(ticket.segments)
                total += sum(1 + len(p.segments) for p in ticket.payments)
        for leg in pnr.legs:
            total += 1 + (leg.operating is not None) + len(leg.segments)
            for check_in in leg.check_ins:
                total += (check_in.dat is not None) + len(check_in.segments)
                total += sum((b.tri is not None) + len(b.segments) for b in check_in.boardings)
        total += sum(1 + len(split.segments) for split in pnr.splits)
        total += sum(1 + len(group.segments) for group in pnr.non_air)
        for history in pnr.history:
            total += 1 + len(history.segments)
            for item in history.items:
                total += 1 + len(item.segments)
                total += sum(1 + len(f.segments) for f in item.flights)
    return total


def test_every_segment_of_the_well_formed_message_is_placed_once() -> None:
    segments = segments_from_text(WELL_FORMED)

    assert count_segments(grouped(WELL_FORMED)) == len(segments)


PNRGOV_TAGS = [
    "MSG", "ORG", "TVL", "EQN", "SRC", "RCI", "SSR", "DAT", "IFT", "ADD", "EBD", "TIF", "FTI",
    "REF", "FAR", "TKT", "MON", "PTK", "TXD", "FOP", "TRA", "RPI", "APD", "TRI", "SSD", "TBD",
    "ABI", "SAC", "LTS", "XYZ",
]  # fmt: skip


@given(st.lists(st.sampled_from(PNRGOV_TAGS), max_size=60))
def test_any_segment_sequence_is_grouped_without_losing_a_segment(sequence: list[str]) -> None:
    segments = [segment(tag, "1") for tag in sequence]
    if "SRC" in sequence:
        first_src = sequence.index("SRC")
        if "TIF" in sequence[:first_src]:
            with pytest.raises(MessageStructureError):
                group_pnrgov(envelope_of(segments))
            return
    elif "TIF" in sequence:
        with pytest.raises(MessageStructureError):
            group_pnrgov(envelope_of(segments))
        return
    message = group_pnrgov(envelope_of(segments))

    assert count_segments(message) == len(segments)
    assert len(message.pnrs) == sequence.count("SRC")
    assert [w.segment for w in message.warnings] == [s.position for s in message.unexpected]


def test_codeshare_operating_flight_follow_up_anywhere_in_the_leg() -> None:
    message = grouped(
        "SRC'TIF+A+B:A:1'TVL+270513:1640+ICN+SIN+KE:SQ+609:B'RPI+1+HK'APD+333'"
        "SSR+CKIN:HK:1:SQ'RCI+1A:X'TVL+++++303:Y'DAT'ORG+SQ++++A'TRI++ICN-188:::1'"
        "TVL+++++ARNK'"
    )

    first, surface = message.pnrs[0].legs
    assert first.operating is not None
    assert first.operating.value(4, 1) == "Y"
    assert tags(first.segments) == ["RPI", "APD", "SSR", "RCI"]
    assert len(first.check_ins[0].boardings) == 1
    assert surface.tvl.value(4) == "ARNK"
    assert surface.operating is None


def test_second_eqn_in_the_body_is_a_split_pnr() -> None:
    message = grouped("MSG+:22'EQN+2'SRC'RCI+AM:A'TIF+X+Y:A:1'TVL+1+A+B+AM+1'EQN+1'RCI+AM:Z'")

    assert message.eqn is not None
    assert message.eqn.value(0) == "2"
    (split,) = message.pnrs[0].splits
    assert split.eqn.value(0) == "1"
    assert split.segments[0].value(0, 1) == "Z"


def test_header_segments_are_all_optional() -> None:
    message = grouped("TVL+280918:1220:1505+FRA+IAD+UA+988'EQN+1'SRC'RCI+UA:1'TIF+LOBB+MOLLY:A:1'")

    assert message.msg is None
    assert message.org is None
    assert message.flight is not None
    assert len(message.pnrs[0].travellers) == 1


def test_a_tvl_on_the_same_line_after_a_fop_starts_the_itinerary() -> None:
    message = grouped(
        "SRC'TIF+A+B:A:1'TKT+1:T'FOP+CC:::VI:XXXX1:0917'TVL+210417:0940+LHR+IAD+BA+217'"
    )

    (pnr,) = message.pnrs
    assert len(pnr.travellers[0].tickets[0].payments) == 1
    assert len(pnr.legs) == 1


def test_unexpected_segments_are_kept_aside_and_located() -> None:
    # A traveller's FTI after the itinerary, an unknown tag, a seat (SSD) without its TRI.
    message = grouped("SRC'TIF+A+B:A:1'TVL+1+A+B+C+1'FTI+X:1'XYZ+1'DAT+2:1'SSD+1A'")

    assert tags(message.unexpected) == ["FTI", "XYZ", "SSD"]
    assert [(w.code, w.segment, w.tag) for w in message.warnings] == [
        ("unexpected_segment", 5, "FTI"),
        ("unexpected_segment", 6, "XYZ"),
        ("unexpected_segment", 8, "SSD"),
    ]
    assert "itinerary group (GR.5)" in message.warnings[0].detail
    assert "check-in group (GR.6)" in message.warnings[2].detail


def test_junk_in_front_of_src_is_cut_off() -> None:
    # "Error 2042" on the line before SRC' (synthetic push 33) reaches the grammar as one tag.
    segments = [*segments_from_text("SRC'TIF+A+B:A:1'"), segment("ERROR 2042SRC")]
    segments += segments_from_text("RCI+UA:K2TFB'TIF+C+D:A:1'")
    message = group_pnrgov(envelope_of(segments))

    assert len(message.pnrs) == 2
    assert message.pnrs[1].segments[0].value(0, 1) == "K2TFB"
    assert [(w.code, w.segment) for w in message.warnings] == [("junk_before_segment", 4)]
    assert message.unexpected == []


def test_mistyped_tags_are_not_recovered() -> None:
    message = group_pnrgov(envelope_of([segment("SRC"), segment("SRCX"), segment("XSRC")]))

    assert len(message.pnrs) == 1
    assert tags(message.unexpected) == ["SRCX", "XSRC"]


def test_traveller_before_any_pnr_is_refused() -> None:
    with pytest.raises(MessageStructureError) as raised:
        grouped("MSG+:22'TIF+SMITH+JOHN:A:1'SRC'")

    assert (raised.value.segment, raised.value.tag) == (3, "TIF")


def test_other_message_types_are_refused() -> None:
    with pytest.raises(UnsupportedMessageError):
        group_pnrgov(envelope_of([], kind="PAXLST"))


def test_corpus_pnr_and_traveller_groups() -> None:
    require_corpus()
    pnrs: dict[str, list[PnrGroup]] = {}
    for indexed in gtas_files("PNRGOV"):
        name = indexed.path.name
        pnrs[name] = [
            pnr for message, _ in pnrgov_messages(indexed.path.read_bytes()) for pnr in message.pnrs
        ]
    big = pnrs["gtas-parsers__pnr-messages__bigbigPnr.txt"]
    assert len(big) == 47  # GTAS: "Expected segment UNT but got SRC"
    assert sum(len(pnr.travellers) for pnr in big) == 86
    (_, second) = pnrs["gtas-loader__pnr-messages__pnr_split.edi"]
    assert [split.eqn.value(0) for split in second.splits] == ["1"]
    for pnr in pnrs["gtas-loader__pnr-messages__codeshare.edi"]:
        assert pnr.legs[0].operating is not None
