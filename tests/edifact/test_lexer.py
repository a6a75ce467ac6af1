"""The lexer: segments, elements, components, release character, positions."""

from __future__ import annotations

import gc

import pytest

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.lexer import tokenize
from paxscreen.edifact.segments import Segment

DEFAULT = Delimiters()


def elements_of(text: str, delimiters: Delimiters = DEFAULT) -> list[list[list[str]]]:
    return [segment.elements for segment in tokenize(text, delimiters)]


def test_splits_segments_elements_and_components_with_positions() -> None:
    segments = tokenize("UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'", DEFAULT, first_position=7)

    assert segments == [
        Segment("UNH", [["1"], ["PAXLST", "D", "02B", "UN", "IATA"]], 7),
        Segment("BGM", [["745"]], 8),
    ]


def test_keeps_empty_elements_and_trailing_empty_components_as_sent() -> None:
    assert elements_of("NAD+FL+++X:Y:'") == [[["FL"], [""], [""], ["X", "Y", ""]]]
    assert elements_of("FTI+VS:669447:::'") == [[["VS", "669447", "", "", ""]]]
    assert elements_of("LOC+178+'") == [[["178"], [""]]]


def test_segment_without_elements_has_an_empty_element_list() -> None:
    assert tokenize("SRC'", DEFAULT) == [Segment("SRC", [], 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NAD+FL+++O?'BRIEN:JO?+HN'", [["FL"], [""], [""], ["O'BRIEN", "JO+HN"]]),
        ("FTX+AAI+++A?:B'", [["AAI"], [""], [""], ["A:B"]]),
        ("FTX+AAI+++WHAT??'", [["AAI"], [""], [""], ["WHAT?"]]),  # even run: real terminator
        ("FTX+AAI+++X???''", [["AAI"], [""], [""], ["X?'"]]),  # odd run: released terminator
        ("FTX+?A?B'", [["AB"]]),  # release before an ordinary character: dropped, as pydifact
        ("FTX+1?+1=2:?:)'", [["1+1=2", ":)"]]),
    ],
)
def test_release_character_makes_the_next_character_data(
    text: str, expected: list[list[str]]
) -> None:
    assert elements_of(text) == [expected]


def test_only_segments_with_a_release_character_take_the_careful_path() -> None:
    segments = tokenize("BGM+745'NAD+FL+++O?'NEIL'DTM+329:700101'", DEFAULT)

    assert [(s.tag, s.elements, s.position) for s in segments] == [
        ("BGM", [["745"]], 1),
        ("NAD", [["FL"], [""], [""], ["O'NEIL"]], 2),
        ("DTM", [["329", "700101"]], 3),
    ]


def test_release_at_the_very_end_of_the_text_is_kept() -> None:
    assert elements_of("FTX+ABC?") == [[["ABC?"]]]


def test_tag_is_stripped_of_indentation_and_upper_cased() -> None:
    segments = tokenize("  UNH+1'\tbgm+745' DTM +1'", DEFAULT)

    assert [segment.tag for segment in segments] == ["UNH", "BGM", "DTM"]


def test_blank_text_between_terminators_is_not_a_segment() -> None:
    segments = tokenize("BGM+745'  'DTM+1'   ", DEFAULT)

    assert [(segment.tag, segment.position) for segment in segments] == [("BGM", 1), ("DTM", 2)]


def test_text_after_the_last_terminator_is_a_final_segment() -> None:
    assert [segment.tag for segment in tokenize("BGM+745'UNZ+1+REF", DEFAULT)] == ["BGM", "UNZ"]


def test_non_default_separators_including_regex_metacharacters() -> None:
    dangling = Delimiters(component=":", element="-", release="?", terminator="*")
    airline2 = Delimiters(component=":", element="*", release="?", terminator="$")

    assert tokenize("TKT-0.291204:T:1*SSR-A?-B?*C*", dangling) == [
        Segment("TKT", [["0.291204", "T", "1"]], 1),
        Segment("SSR", [["A-B*C"]], 2),
    ]
    assert elements_of("NAD*FL***BETTON:DAVID:$", airline2) == [
        [["FL"], [""], [""], ["BETTON", "DAVID", ""]]
    ]


def test_repetition_separator_is_not_split_on_and_can_be_released() -> None:
    version4 = Delimiters(release="\\", repetition="*")

    assert elements_of("LTS+LK \\*1A/E\\* A*B'", version4) == [[["LK *1A/E* A*B"]]]


def test_blank_release_position_means_no_release_character() -> None:
    no_release = Delimiters(release=" ")

    assert elements_of("NAD+FL+++SMITH :JOHN'", no_release) == [
        [["FL"], [""], [""], ["SMITH ", "JOHN"]]
    ]


def test_level_b_control_separators() -> None:
    unob = Delimiters(component="\x1f", element="\x1d", terminator="\x1c")

    assert tokenize("BGM\x1d745\x1cNAD\x1dFL\x1d\x1d\x1dA\x1fB\x1c", unob) == [
        Segment("BGM", [["745"]], 1),
        Segment("NAD", [["FL"], [""], [""], ["A", "B"]], 2),
    ]


@pytest.mark.parametrize("enabled_before", [True, False])
def test_garbage_collector_state_is_restored(enabled_before: bool) -> None:
    was_enabled = gc.isenabled()
    try:
        if not enabled_before:
            gc.disable()
        tokenize("BGM+745'", DEFAULT)
        assert gc.isenabled() is enabled_before
    finally:
        if was_enabled:
            gc.enable()
