"""Decoding, Type-B wrapping, interchange starts, UNA readings and line breaks."""

from __future__ import annotations

import random

import pytest

from paxscreen.edifact.envelope import Delimiters
from paxscreen.edifact.errors import EdifactSyntaxError
from paxscreen.edifact.lexer import tokenize
from paxscreen.edifact.syntax import (
    DEFAULT_DELIMITERS,
    UNOB_DELIMITERS,
    decode_body,
    locate_interchanges,
)

MESSAGE = "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'"
INTERCHANGE = f"UNB+UNOA:4+SENDER+RECEIVER+200101:1200+REF1'{MESSAGE}UNZ+1+REF1'"


# --- Decoding ------------------------------------------------------------------------------------


def test_utf8_bom_is_dropped() -> None:
    text, warnings = decode_body(b"\xef\xbb\xbf" + INTERCHANGE.encode())

    assert text == INTERCHANGE
    assert warnings == []


def test_utf8_is_decoded() -> None:
    text, _ = decode_body("NAD+FL+++NOVOTNÝ:DAN'".encode())

    assert text == "NAD+FL+++NOVOTNÝ:DAN'"


def test_invalid_utf8_falls_back_to_latin1_with_a_warning() -> None:
    text, warnings = decode_body(b"NAD+FL+++NOVOTN\xdd:DAN'")

    assert text == "NAD+FL+++NOVOTNÝ:DAN'"
    assert [(w.code, w.segment) for w in warnings] == [("charset_fallback", None)]
    assert "0xdd at offset 15" in warnings[0].detail


def test_text_input_is_taken_as_is_without_its_bom() -> None:
    assert decode_body("\ufeff" + INTERCHANGE) == (INTERCHANGE, [])


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"UNB+UNOA:4\x00\x00+X'", "NUL"),
        (random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"), "non-printable"),
    ],
)
def test_bodies_that_cannot_be_edifact_are_rejected(data: bytes, fragment: str) -> None:
    with pytest.raises(EdifactSyntaxError, match=fragment) as error:
        decode_body(data)

    assert error.value.segment is None


def test_level_b_separators_are_not_binary_garbage() -> None:
    body = "UNB\x1dUNOB\x1f4\x1dA\x1dB\x1d200101\x1f1200\x1dR\x1c" * 20

    text, warnings = decode_body(body.encode())

    assert text == body
    assert warnings == []


# --- Interchange starts --------------------------------------------------------------------------


def test_type_b_wrapping_is_skipped_silently() -> None:
    body = f"\x01QU HDQCH2X\r\n.AIRLINE 121212\r\n\x02UNA:+.? '\r\n{INTERCHANGE}\r\n\x03"

    interchanges, warnings = locate_interchanges(body)

    assert len(interchanges) == 1
    assert interchanges[0].text == INTERCHANGE
    assert interchanges[0].una == ":+.? '"
    assert interchanges[0].trailing == ""
    assert warnings == []


def test_other_text_before_the_interchange_is_reported() -> None:
    body = f"Please find the manifest below\n{INTERCHANGE}"

    interchanges, warnings = locate_interchanges(body)

    assert interchanges[0].offset == body.index("UNB")
    assert [w.code for w in warnings] == ["leading_text"]
    assert "Please find" in warnings[0].detail


def test_una_inside_data_is_never_an_interchange_start() -> None:
    message = "UNH+1+PAXLST:D:02B:UN:IATA'NAD+FL+++LAUNA:MARY'FTX+AAI+++CALL UNA MARIE'UNT+4+1'"
    body = f"UNB+UNOA:4+S+R+200101:1200+1'{message}UNZ+1+1'"

    interchanges, _ = locate_interchanges(body)

    assert len(interchanges) == 1
    assert "LAUNA:MARY" in interchanges[0].text
    assert "CALL UNA MARIE" in interchanges[0].text


def test_several_interchanges_each_with_its_own_una() -> None:
    second = "UNB*UNOA:4*S*R*200101:1200*2$UNH*1*PAXLST:D:05B:UN:IATA$BGM*745$UNT*3*1$UNZ*1*2$"
    body = f"UNA:+.? '{INTERCHANGE}\r\nUNA:*.? ${second}UNB+UNOA:4+S+R+200101:1200+3'{MESSAGE}"

    interchanges, warnings = locate_interchanges(body)

    assert [i.delimiters.element for i in interchanges] == ["+", "*", "+"]
    assert [i.una for i in interchanges] == [":+.? '", ":*.? $", None]
    assert interchanges[1].text == second
    assert interchanges[2].text.startswith("UNB+UNOA:4+S+R+200101:1200+3'")
    assert warnings == []


def test_garbage_instead_of_an_interchange_is_an_error() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        locate_interchanges("GARBAGE'UNH+1+PAXLST:D:05B:UN:IATA'")

    assert (error.value.segment, error.value.tag, error.value.expected) == (
        1,
        "GARBAGE",
        "UNA or UNB",
    )
    assert str(error.value).startswith("segment 1 (GARBAGE): no interchange header")


# --- Service characters --------------------------------------------------------------------------


def test_defaults_without_una() -> None:
    interchanges, _ = locate_interchanges(INTERCHANGE)

    assert (
        interchanges[0].delimiters == DEFAULT_DELIMITERS == Delimiters(":", "+", ".", "?", " ", "'")
    )
    assert interchanges[0].una is None


def test_level_b_control_separators_without_una() -> None:
    body = "UNB\x1dUNOB\x1f4\x1dS\x1dR\x1d200101\x1f1200\x1d1\x1cUNH\x1d1\x1dPAXLST\x1fD\x1c"

    interchanges, _ = locate_interchanges(body)

    assert interchanges[0].delimiters == UNOB_DELIMITERS
    assert tokenize(interchanges[0].text, UNOB_DELIMITERS)[1].elements == [["1"], ["PAXLST", "D"]]


def test_five_character_una_is_read_with_a_warning() -> None:
    body = f"UNA:+\\*'\nUNB+IATA:1+1A+KRC+130527:0754+0003' {MESSAGE}UNZ+1+0003'"

    interchanges, _ = locate_interchanges(body)

    interchange = interchanges[0]
    assert interchange.delimiters == Delimiters(":", "+", ".", "\\", "*", "'")
    assert interchange.una == ":+\\*'"
    assert [(w.code, w.tag) for w in interchange.warnings] == [("una_short", "UNA")]


def test_five_character_una_with_a_decimal_mark_lacks_the_repetition() -> None:
    body = f"UNA:+.?'UNB+UNOA:4+S+R+200101:1200+1'{MESSAGE}UNZ+1+1'"

    interchanges, _ = locate_interchanges(body)

    assert interchanges[0].delimiters == Delimiters(":", "+", ".", "?", " ", "'")


def test_una_terminator_never_used_falls_back_to_the_apostrophe() -> None:
    body = f"UNA:+.\\*\u2019 UNB+IATA:1+1A+KRC+130527:0649+0003'\n{MESSAGE}UNZ+1+0003'"

    interchanges, _ = locate_interchanges(body)

    interchange = interchanges[0]
    assert interchange.delimiters == Delimiters(":", "+", ".", "\\", "*", "'")
    assert [w.code for w in interchange.warnings] == ["una_terminator_unused"]
    assert "\u2019" in interchange.warnings[0].detail


def test_una_that_fits_no_reading_is_an_error() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        locate_interchanges(f"UNA:+.? 'UNH+1+PAXLST:D:05B:UN:IATA'{MESSAGE}")

    assert error.value.tag == "UNA"
    assert error.value.expected is not None
    assert "UNB" in error.value.expected


def test_unb_with_undeclared_separators_is_an_error() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        locate_interchanges("UNB*UNOA:4*S*R*200101:1200*1$UNH*1*PAXLST:D:05B$")

    assert (error.value.segment, error.value.tag) == (1, "UNB")


def test_una_may_declare_the_line_feed_as_terminator() -> None:
    lines = ["UNB+UNOA:4+S+R+200101:1200+1", "UNH+1+PAXLST:D:05B:UN:IATA", "BGM+745", "UNT+3+1"]
    body = "UNA:+.? \n" + "\r\n".join([*lines, "UNZ+1+1"]) + "\r\n"

    interchanges, _ = locate_interchanges(body)

    interchange = interchanges[0]
    assert interchange.delimiters.terminator == "\n"
    assert [s.tag for s in tokenize(interchange.text, interchange.delimiters)] == [
        "UNB",
        "UNH",
        "BGM",
        "UNT",
        "UNZ",
    ]


# --- Line breaks and the end of an interchange ---------------------------------------------------


def test_line_breaks_are_removed_even_inside_values() -> None:
    body = (
        "UNB+UNOA:4+S+R+200101:1200+1'\r\nUNH+1+PAXLST:D:05B:UN:IATA'\r\n"
        "NAD+FL+++SMI\r\nTH:JOHN'\rSSR+DOCS:HK::DL:::::/P/GBR/1234\n5/SMITHJ\r\nR'\r\n"
        "   UNT+4+1'\r\nUNZ+1+1'\r\n"
    )

    interchanges, _ = locate_interchanges(body)

    segments = tokenize(interchanges[0].text, interchanges[0].delimiters)
    assert segments[2].elements[3] == ["SMITH", "JOHN"]
    assert segments[3].elements[0][-1] == "/P/GBR/12345/SMITHJR"
    assert segments[4].tag == "UNT"


def test_text_after_unz_is_trailing() -> None:
    interchanges, _ = locate_interchanges(f"{INTERCHANGE}13Nov09\r\n")

    assert interchanges[0].text == INTERCHANGE
    assert interchanges[0].trailing == "13Nov09"
    assert interchanges[0].unterminated is False


def test_unterminated_unz_is_closed_and_prose_after_it_is_trailing() -> None:
    body = f"{INTERCHANGE[:-1]}\n\nModify above message to create bad message."

    interchanges, _ = locate_interchanges(body)

    assert interchanges[0].text == INTERCHANGE
    assert interchanges[0].unterminated is True
    assert interchanges[0].trailing == "Modify above message to create bad message."


def test_truncated_interchange_keeps_its_unterminated_last_segment() -> None:
    body = "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++SMI"

    interchanges, _ = locate_interchanges(body)

    assert interchanges[0].text == body + "'"
    assert interchanges[0].unterminated is True
    assert interchanges[0].trailing == ""
