"""The writer, and the lexer's round trip through it (Hypothesis), checked against pydifact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paxscreen.edifact.envelope import Delimiters, read_body
from paxscreen.edifact.lexer import tokenize
from paxscreen.edifact.segments import Segment
from paxscreen.edifact.writer import escape, serialize, service_string_advice
from tests.edifact.pydifact_reference import comparable, pydifact_segments

# Delimiter sets of the kinds seen in the corpus, plus ISO 9735 level B.
DELIMITER_SETS = [
    Delimiters(),  # UNA:+.? '
    Delimiters(repetition="*"),  # UNA:+.?*'
    Delimiters(release="\\", repetition="*"),  # UNA:+.\*' (PNRGOV from 1A)
    Delimiters(element="*", terminator="$"),  # UNA:*.? $ (airline2.edi)
    Delimiters(element="-", terminator="*"),  # UNA:-.? * (danglingMetaCharacter.txt)
    Delimiters(component="\x1f", element="\x1d", terminator="\x1c"),  # UNOB
]


def test_serialize_releases_every_service_character_in_data() -> None:
    segments = [Segment("FTX", [["AAI"], ["A+B:C?D'E", "F"]], 1)]

    assert serialize(segments, Delimiters()) == "UNA:+.? 'FTX+AAI+A?+B?:C??D?'E:F'"


def test_serialize_without_una_and_with_line_breaks() -> None:
    segments = [Segment("SRC", [], 1), Segment("NAD", [["FL"], [""], ["X", ""]], 2)]

    assert serialize(segments, Delimiters(), una=False, line_breaks=True) == "SRC'\nNAD+FL++X:'\n"
    assert serialize(segments, Delimiters(), line_breaks=True).startswith("UNA:+.? '\nSRC'\n")


def test_repetition_separator_is_released_when_declared() -> None:
    version4 = Delimiters(release="\\", repetition="*")

    assert escape("LK *1A/E* A\\B", version4) == "LK \\*1A/E\\* A\\\\B"
    assert escape("A*B", Delimiters()) == "A*B"  # space repetition: '*' is ordinary data


def test_service_string_advice_lists_the_six_characters_in_order() -> None:
    delimiters = Delimiters(":", "-", ".", "?", " ", "*")

    assert service_string_advice(delimiters) == "UNA:-.? *"


def test_writing_without_a_release_character_is_refused() -> None:
    with pytest.raises(ValueError, match="release character"):
        serialize([Segment("FTX", [["A"]], 1)], Delimiters(release=" "))


# --- Property tests ------------------------------------------------------------------------------

# Printable text including every service character used by any set above.
_DATA_ALPHABET = st.characters(
    min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=["Cc"]
) | st.sampled_from("\x1c\x1d\x1f:+?'*$-\\")
_VALUES = st.text(_DATA_ALPHABET, max_size=12)
_TAGS = st.from_regex(r"[A-Z][A-Z0-9]{2}", fullmatch=True).filter(lambda tag: tag[:2] != "UN")
_ELEMENTS = st.lists(st.lists(_VALUES, min_size=1, max_size=4), max_size=6)


@st.composite
def _messages(draw: st.DrawFn) -> list[Segment]:
    count = draw(st.integers(min_value=1, max_value=8))
    return [Segment(draw(_TAGS), draw(_ELEMENTS), position) for position in range(1, count + 1)]


@settings(deadline=None)
@given(segments=_messages(), delimiters=st.sampled_from(DELIMITER_SETS))
def test_tokenize_reads_back_what_serialize_wrote(
    segments: list[Segment], delimiters: Delimiters
) -> None:
    text = serialize(segments, delimiters, una=False)

    assert tokenize(text, delimiters) == segments


@settings(deadline=None)
@given(segments=_messages())
def test_tokenize_agrees_with_pydifact_on_default_delimiters(segments: list[Segment]) -> None:
    text = serialize(segments, Delimiters(), una=False)

    assert comparable(tokenize(text, Delimiters())) == pydifact_segments(text, Delimiters())


@settings(deadline=None)
@given(
    segments=_messages(),
    delimiters=st.sampled_from(DELIMITER_SETS),
    line_breaks=st.booleans(),
)
def test_read_body_gives_back_the_message_serialize_wrote(
    segments: list[Segment], delimiters: Delimiters, line_breaks: bool
) -> None:
    interchange = [
        Segment("UNB", [["UNOA", "4"], ["SENDER"], ["RECIPIENT"], ["200101", "1200"], ["R1"]], 1),
        Segment("UNH", [["1"], ["PAXLST", "D", "05B", "UN", "IATA"]], 2),
        *[segment._replace(position=segment.position + 2) for segment in segments],
        Segment("UNT", [[str(len(segments) + 2)], ["1"]], len(segments) + 3),
        Segment("UNZ", [["1"], ["R1"]], len(segments) + 4),
    ]
    text = serialize(interchange, delimiters, una=True, line_breaks=line_breaks)

    parsed = read_body(text.encode())

    assert parsed.warnings == []
    assert parsed.interchanges[0].delimiters == delimiters
    assert parsed.messages[0].segments == interchange[2:-2]
