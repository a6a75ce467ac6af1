"""PAXLST segment-group grammar: which segment lands in which group, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.edifact.errors import MessageStructureError, UnsupportedMessageError
from paxscreen.edifact.messages.paxlst import PaxlstMessage, group_paxlst
from paxscreen.edifact.segments import Segment
from tests.corpus import gtas_files, require_corpus
from tests.normalise.edifact_input import envelope_for, paxlst_messages, segments_from_text

WELL_FORMED = (
    "BGM+745'RFF+TN:TX1'DTM+137:1701270900:201'"
    "NAD+MS+++OPS DESK'COM+123:TE+456:FX'"
    "TDT+20+UA0989+++UA'LOC+125+FRA'DTM+189:1701271725:201'LOC+87+IAD'DTM+232:1701272010:201'"
    "NAD+FL+++SMITH:JOHN'ATT+2++M'DTM+329:800101'LOC+178+FRA'NAT+2+USA'RFF+AVF:ABC'"
    "DOC+P+123'DTM+36:250101'LOC+91+USA'DOC+V+456'LOC+91+USA'"
    "NAD+FM+++JONES:ANN'ATT+2++F'"
    "CNT+42:1'CNT+41:1'"
)


def grouped(text: str) -> PaxlstMessage:
    return group_paxlst(envelope_for(segments_from_text(text)))


def tags(segments: list[Segment]) -> list[str]:
    return [segment.tag for segment in segments]


def test_well_formed_message_fills_every_group() -> None:
    message = grouped(WELL_FORMED)

    assert message.bgm is not None
    assert message.bgm.value(0) == "745"
    assert tags(message.header) == ["RFF", "DTM"]
    assert len(message.parties) == 1
    assert message.parties[0].nad.value(3) == "OPS DESK"
    assert tags(message.parties[0].contacts) == ["COM"]
    assert len(message.legs) == 1
    leg = message.legs[0]
    assert leg.tdt.value(1) == "UA0989"
    assert [(p.loc.value(0), tags(p.dates)) for p in leg.places] == [
        ("125", ["DTM"]),
        ("87", ["DTM"]),
    ]
    smith, jones = message.persons
    assert smith.nad.value(0) == "FL"
    assert tags(smith.segments) == ["ATT", "DTM", "LOC", "NAT", "RFF"]
    assert [(d.doc.value(1), tags(d.segments)) for d in smith.documents] == [
        ("123", ["DTM", "LOC"]),
        ("456", ["LOC"]),
    ]
    assert jones.nad.value(0) == "FM"
    assert tags(jones.segments) == ["ATT"]
    assert tags(message.totals) == ["CNT", "CNT"]
    assert message.unexpected == []
    assert message.warnings == []


def test_positions_are_kept_from_the_envelope() -> None:
    message = grouped(WELL_FORMED)
    assert message.bgm is not None
    assert message.bgm.position == 2
    assert message.persons[0].nad.position == 12


@pytest.mark.parametrize(
    ("text", "tag", "position"),
    [
        # An unknown tag among a traveller's details.
        ("BGM+745'TDT+20+UA1'LOC+125+FRA'NAD+FL+++A'XYZ+1'ATT+2++M'CNT+42:1'", "XYZ", 6),
        # A DTM directly after TDT, before any LOC.
        ("BGM+745'TDT+20+UA1'DTM+189:1701271725:201'LOC+125+FRA'NAD+FL+++A'", "DTM", 4),
        # A traveller detail after the traveller's documents (out of MIG order).
        ("BGM+745'TDT+20+UA1'NAD+FL+++A'DOC+P+1'NAT+2+USA'", "NAT", 6),
        # Something before BGM.
        ("RFF+TN:1'BGM+745'TDT+20+UA1'", "RFF", 2),
        # A segment after the trailer CNT.
        ("BGM+745'TDT+20+UA1'NAD+FL+++A'CNT+42:1'ATT+2++M'", "ATT", 6),
        # COM in the flight-leg group.
        ("BGM+745'TDT+20+UA1'COM+1:TE'LOC+125+FRA'", "COM", 4),
    ],
)
def test_misplaced_segment_is_kept_aside_with_a_located_warning(
    text: str, tag: str, position: int
) -> None:
    message = grouped(text)

    assert [(s.tag, s.position) for s in message.unexpected] == [(tag, position)]
    (warning,) = message.warnings
    assert (warning.code, warning.segment, warning.tag) == ("unexpected_segment", position, tag)


def test_segments_after_a_misplaced_one_are_still_grouped() -> None:
    message = grouped("BGM+745'TDT+20+UA1'LOC+125+FRA'NAD+FL+++A'XYZ+1'ATT+2++M'NAT+2+USA'")
    assert tags(message.persons[0].segments) == ["ATT", "NAT"]


def test_unknown_party_among_travellers_is_skipped_as_a_whole() -> None:
    # NAD+ZZ's details must not be credited to traveller A, and B starts a new group.
    message = grouped(
        "BGM+745'TDT+20+UA1'NAD+FL+++A'ATT+2++M'NAD+ZZ+++X'ATT+2++F'DOC+P+9'NAD+FL+++B'ATT+2++F'"
    )
    a, b = message.persons
    assert tags(a.segments) == ["ATT"]
    assert a.documents == []
    assert b.nad.value(3) == "B"
    assert tags(b.segments) == ["ATT"]
    assert tags(message.unexpected) == ["NAD", "ATT", "DOC"]
    assert [w.segment for w in message.warnings] == [6, 7, 8]


def test_leg_after_travellers_is_unexpected_with_its_places() -> None:
    message = grouped("BGM+745'TDT+20+UA1'NAD+FL+++A'TDT+20+UA2'LOC+125+FRA'NAD+FL+++B'")
    assert len(message.legs) == 1
    assert tags(message.unexpected) == ["TDT", "LOC"]
    assert [p.nad.value(3) for p in message.persons] == ["A", "B"]
    assert message.persons[0].segments == []


def test_several_parties_and_legs() -> None:
    message = grouped(
        "BGM+745'NAD+MS+++A'COM+1:TE'NAD+CZ+++B'TDT+20+QQ1'LOC+92+MIA'LOC+92+IAD'"
        "TDT+20+QQ2'LOC+125+JFK'LOC+87+CDG'NAD+FL+++X'"
    )
    assert [p.nad.value(0) for p in message.parties] == ["MS", "CZ"]
    assert [len(p.contacts) for p in message.parties] == [1, 0]
    assert [[pl.loc.value(1) for pl in leg.places] for leg in message.legs] == [
        ["MIA", "IAD"],
        ["JFK", "CDG"],
    ]


@pytest.mark.parametrize(
    ("text", "position", "tag", "expected"),
    [
        ("NAD+MS+++A'TDT+20+UA1'", 2, "NAD", "BGM after UNH"),
        ("", 1, "UNH", "BGM after UNH"),
        ("BGM+745'NAD+FL+++A'TDT+20+UA1'", 3, "NAD", "TDT (flight leg) before the first traveller"),
        ("BGM+745'TDT+20+UA1'DOC+P+1'", 4, "DOC", "NAD (FL/FM/DDT/DDU) before DOC"),
        ("BGM+745'DOC+P+1'", 3, "DOC", "NAD (FL/FM/DDT/DDU) before DOC"),
    ],
)
def test_message_that_cannot_be_understood_raises_located_error(
    text: str, position: int, tag: str, expected: str
) -> None:
    with pytest.raises(MessageStructureError) as caught:
        grouped(text)
    assert (caught.value.segment, caught.value.tag, caught.value.expected) == (
        position,
        tag,
        expected,
    )


def test_other_message_type_is_refused() -> None:
    envelope = envelope_for(segments_from_text("BGM+745'"))
    envelope.type = "PNRGOV"
    with pytest.raises(UnsupportedMessageError) as caught:
        group_paxlst(envelope)
    assert caught.value.segment == 1
    assert caught.value.expected == "PAXLST"


TAG_POOL = ["BGM", "RFF", "DTM", "NAD", "COM", "TDT", "LOC", "ATT", "NAT", "DOC", "CNT", "FTX"]
NAD_QUALIFIERS = ["MS", "FL", "FM", "DDT", "DDU", "ZZ"]


@st.composite
def segment_lists(draw: st.DrawFn) -> list[Segment]:
    tags_drawn = draw(st.lists(st.sampled_from(TAG_POOL), max_size=40))
    result = []
    for tag in tags_drawn:
        qualifier = draw(st.sampled_from(NAD_QUALIFIERS)) if tag == "NAD" else "1"
        result.append(Segment(tag, [[qualifier]], 0))
    return result


@given(segment_lists())
def test_every_segment_is_accounted_for_or_the_error_is_located(body: list[Segment]) -> None:
    envelope = envelope_for(body)
    try:
        message = group_paxlst(envelope)
    except MessageStructureError as error:
        located = (error.segment, error.tag, error.expected)
        assert None not in located, located
        return
    placed = (
        [message.bgm]
        + message.header
        + [s for p in message.parties for s in [p.nad, *p.contacts]]
        + [s for leg in message.legs for s in [leg.tdt]]
        + [s for leg in message.legs for p in leg.places for s in [p.loc, *p.dates]]
        + [s for p in message.persons for s in [p.nad, *p.segments]]
        + [s for p in message.persons for d in p.documents for s in [d.doc, *d.segments]]
        + message.totals
        + message.unexpected
    )
    assert sorted(s.position for s in placed if s is not None) == [
        s.position for s in envelope.segments
    ]
    assert [w.segment for w in message.warnings] == [s.position for s in message.unexpected]


@pytest.mark.corpus
def test_corpus_files_group_every_traveller() -> None:
    require_corpus()
    files = gtas_files("PAXLST")
    assert files, "no PAXLST file listed in INDEX.md"
    for indexed in files:
        messages = paxlst_messages(indexed.path.read_bytes())
        persons = sum(len(message.persons) for message, _ in messages)
        assert persons == indexed.traveller_count, indexed.path.name
