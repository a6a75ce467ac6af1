"""read_body: interchange, group and message envelopes, tolerated problems and fatal ones."""

from __future__ import annotations

import pytest

from paxscreen.edifact.envelope import WARNING_CODES, ParsedBody, read_body
from paxscreen.edifact.errors import EdifactSyntaxError

UNB = "UNB+UNOA:4+APIS*ABE:ZZ+USADHS:ZZ+080708:0545+REF1++APIS'"
UNG = "UNG+PAXLST+XYZ AIRLINES+USADHS+080708:0545+GRP1+UN+D:05B'"


def body(*segments: str, terminator: str = "'") -> str:
    """Terminated segments one per line, as many senders write them (UNA kept as given)."""
    lines = [
        s if s.startswith("UNA") or s.endswith(terminator) else s + terminator for s in segments
    ]
    return "\r\n".join(lines) + "\r\n"


def codes(parsed: ParsedBody) -> list[str]:
    found = [warning.code for warning in parsed.warnings]
    assert set(found) <= WARNING_CODES
    return found


def located(parsed: ParsedBody, code: str) -> list[tuple[int | None, str | None]]:
    return [(w.segment, w.tag) for w in parsed.warnings if w.code == code]


def test_a_clean_interchange_with_group_and_message() -> None:
    parsed = read_body(
        body(
            "UNA:+.? '",
            UNB,
            UNG,
            "UNH+WSPDLA+PAXLST:D:02B:UN:IATA+ABC01+01:C",
            "BGM+745",
            "NAD+FL+++O?'BRIEN:JOHN",
            "UNT+4+WSPDLA",
            "UNE+1+GRP1",
            "UNZ+1+REF1",
        ).encode()
    )

    assert parsed.warnings == []
    (interchange,) = parsed.interchanges
    assert (interchange.syntax, interchange.syntax_version) == ("UNOA", "4")
    assert (interchange.sender, interchange.sender_qualifier) == ("APIS*ABE", "ZZ")
    assert (interchange.recipient, interchange.recipient_qualifier) == ("USADHS", "ZZ")
    assert (interchange.prepared, interchange.reference) == ("080708:0545", "REF1")
    assert interchange.application_ref == "APIS"
    assert interchange.trailer is not None
    assert interchange.trailer.tag == "UNZ"
    (message,) = interchange.messages
    assert message.group is not None
    assert (message.group.message_type, message.group.sender, message.group.recipient) == (
        "PAXLST",
        "XYZ AIRLINES",
        "USADHS",
    )
    assert (message.group.reference, message.group.agency, message.group.version) == (
        "GRP1",
        "UN",
        "D:05B",
    )
    assert (message.reference, message.type, message.directory) == ("WSPDLA", "PAXLST", "D02B")
    assert (message.version, message.release, message.agency, message.association) == (
        "D",
        "02B",
        "UN",
        "IATA",
    )
    assert (message.common_access_ref, message.part_number, message.part_flag) == ("ABC01", 1, "C")
    assert [s.tag for s in message.segments] == ["BGM", "NAD"]
    assert message.segments[1].elements[3] == ["O'BRIEN", "JOHN"]
    assert (message.header.position, message.trailer and message.trailer.position) == (3, 6)


def test_final_part_of_a_multi_part_message() -> None:
    parsed = read_body(
        body(UNB, "UNH+1402111800+PAXLST:D:02B:UN:IATA+AA346+10:F", "BGM+745", "UNT+3+1402111800")
        + "UNZ+1+REF1'"
    )

    message = parsed.interchanges[0].messages[0]
    assert (message.common_access_ref, message.part_number, message.part_flag) == ("AA346", 10, "F")


def test_message_without_sequence_information() -> None:
    parsed = read_body(body(UNB, "UNH+1+PNRGOV:11:1:IA", "MSG+:22", "UNT+3+1", "UNZ+1+REF1"))

    message = parsed.interchanges[0].messages[0]
    assert (message.directory, message.part_number, message.part_flag) == ("11.1", None, None)
    assert message.common_access_ref == ""


def test_positions_run_across_the_body_and_skip_una() -> None:
    first = body("UNA:+.? '", UNB, "UNH+1+PAXLST:D:05B:UN:IATA", "BGM+745", "UNT+3+1", "UNZ+1+REF1")
    second = body(
        "UNA:*.? $",
        "UNB*UNOA:4*S*R*200101:1200*REF2",
        "UNH*9*PAXLST:D:05B:UN:IATA",
        "NAD*FL***X",
        "UNT*2*9",
        "UNZ*1*REF2",
        terminator="$",
    )

    parsed = read_body(first + second)

    assert [i.reference for i in parsed.interchanges] == ["REF1", "REF2"]
    assert [m.reference for m in parsed.messages] == ["1", "9"]
    assert [i.delimiters.element for i in parsed.interchanges] == ["+", "*"]
    assert parsed.interchanges[1].header.position == 6
    nad = parsed.interchanges[1].messages[0].segments[0]
    assert (nad.tag, nad.position, nad.elements[3]) == ("NAD", 8, ["X"])
    assert located(parsed, "unt_count_mismatch") == [(9, "UNT")]


def test_unt_count_and_reference_mismatches_are_warnings() -> None:
    parsed = read_body(
        body(
            UNB,
            "UNH+1402111800+PAXLST:D:02B:UN:IATA",
            "BGM+745",
            "UNT+121+140211180 0",
            "UNZ+1+REF1",
        )
    )

    assert codes(parsed) == ["unt_count_mismatch", "unt_reference_mismatch"]
    assert located(parsed, "unt_count_mismatch") == [(4, "UNT")]
    assert parsed.warnings[0].detail == "UNT count '121', counted 3"
    assert "'140211180 0'" in parsed.warnings[1].detail
    assert parsed.interchanges[0].messages[0].trailer is not None


def test_counts_that_are_not_ascii_numbers_are_mismatches() -> None:
    parsed = read_body(body(UNB, "UNH+1+PAXLST:D:05B:UN:IATA", "UNT+\u00b3+1", "UNZ+1+REF1"))

    assert parsed.warnings[0].detail == "UNT count '\u00b3', counted 2"


def test_une_and_unz_count_and_reference_mismatches_are_warnings() -> None:
    parsed = read_body(
        body(UNB, UNG, "UNH+1+PAXLST:D:05B:UN:IATA", "UNT+2+1", "UNE+3+GRPX", "UNZ+5+REFX")
    )

    assert codes(parsed) == [
        "une_count_mismatch",
        "une_reference_mismatch",
        "unz_count_mismatch",
        "unz_reference_mismatch",
    ]
    assert located(parsed, "une_count_mismatch") == [(5, "UNE")]
    assert located(parsed, "unz_reference_mismatch") == [(6, "UNZ")]


def test_unz_may_count_groups_or_messages_when_groups_are_used() -> None:
    two_messages = (
        "UNH+1+PAXLST:D:05B:UN:IATA",
        "UNT+2+1",
        "UNH+2+PAXLST:D:05B:UN:IATA",
        "UNT+2+2",
    )
    counting_groups = read_body(body(UNB, UNG, *two_messages, "UNE+2+GRP1", "UNZ+1+REF1"))
    counting_messages = read_body(body(UNB, UNG, *two_messages, "UNE+2+GRP1", "UNZ+2+REF1"))

    assert counting_groups.warnings == counting_messages.warnings == []
    assert len(counting_groups.interchanges[0].messages) == 2


def test_missing_trailers_at_the_end_of_the_body() -> None:
    parsed = read_body(body(UNB, UNG, "UNH+1+PAXLST:D:05B:UN:IATA", "BGM+745", "NAD+FL+++SMITH"))

    assert codes(parsed) == ["missing_unt", "missing_une", "missing_unz"]
    assert located(parsed, "missing_unt") == [(5, "NAD")]
    message = parsed.interchanges[0].messages[0]
    assert message.trailer is None
    assert [s.tag for s in message.segments] == ["BGM", "NAD"]
    assert parsed.interchanges[0].trailer is None


def test_message_without_unt_ends_at_the_next_unh() -> None:
    parsed = read_body(
        body(
            UNB,
            "UNH+1+PAXLST:D:05B:UN:IATA",
            "BGM+745",
            "UNH+2+PAXLST:D:05B:UN:IATA",
            "UNT+2+2",
            "UNZ+2+REF1",
        )
    )

    assert codes(parsed) == ["missing_unt"]
    assert located(parsed, "missing_unt") == [(4, "UNH")]
    assert [m.reference for m in parsed.interchanges[0].messages] == ["1", "2"]
    assert [s.tag for s in parsed.interchanges[0].messages[0].segments] == ["BGM"]


def test_trailing_text_after_unz() -> None:
    parsed = read_body(
        body(UNB, "UNH+1+PAXLST:D:05B:UN:IATA", "UNT+2+1") + "UNZ+1+REF1' 13Nov09\r\n"
    )

    assert codes(parsed) == ["trailing_text"]
    assert located(parsed, "trailing_text") == [(4, "UNZ")]
    assert "'13Nov09'" in parsed.warnings[0].detail


def test_prose_after_an_unterminated_unz() -> None:
    parsed = read_body(
        body(UNB, "UNH+1+PNRGOV:11:1:IA", "UNT+2+1")
        + "UNZ+1+REF1\n\nModify above message to create bad message."
    )

    assert codes(parsed) == ["missing_terminator", "trailing_text"]
    assert located(parsed, "missing_terminator") == [(4, "UNZ")]
    assert parsed.interchanges[0].trailer is not None
    assert parsed.interchanges[0].trailer.elements == [["1"], ["REF1"]]


def test_segments_outside_any_message_are_reported_not_dropped() -> None:
    parsed = read_body(
        body(
            UNB,
            "BGM+745",
            "DTM+137:200101",
            "UNH+1+PAXLST:D:05B:UN:IATA",
            "UNT+2+1",
            "FTX+AAI",
            "UNZ+1+REF1",
        )
    )

    assert codes(parsed) == ["segment_outside_message", "segment_outside_message"]
    assert located(parsed, "segment_outside_message") == [(2, "BGM"), (6, "FTX")]
    assert parsed.warnings[0].detail.startswith("2 segment(s)")


def test_trailer_without_header_is_unexpected() -> None:
    parsed = read_body(
        body(UNB, "UNH+1+PAXLST:D:05B:UN:IATA", "UNT+2+1", "UNT+2+1", "UNE+1+X", "UNZ+1+REF1")
    )

    assert codes(parsed) == ["unexpected_service_segment", "unexpected_service_segment"]
    assert located(parsed, "unexpected_service_segment") == [(4, "UNT"), (5, "UNE")]


def test_odd_tags_and_part_numbers_are_reported() -> None:
    parsed = read_body(
        body(UNB, "UNH+1+PAXLST:D:02B:UN:IATA+X+AB:C")
        + "Error 2042\r\nSRC'\r\n"  # a spreadsheet artefact in the corpus
        + body("UNT+3+1", "UNZ+1+REF1")
    )

    assert codes(parsed) == ["invalid_tag", "invalid_part_number"]
    assert located(parsed, "invalid_tag") == [(3, "ERROR 2042SRC")]
    assert located(parsed, "invalid_part_number") == [(2, "UNH")]


def test_an_empty_interchange_beside_a_full_one_is_a_warning() -> None:
    empty = body(UNB, "UNZ+0+REF1")
    full = body(
        "UNB+UNOA:4+S+R+200101:1200+REF2", "UNH+1+PAXLST:D:05B:UN:IATA", "UNT+2+1", "UNZ+1+REF2"
    )

    parsed = read_body(empty + full)

    assert codes(parsed) == ["empty_interchange"]
    assert located(parsed, "empty_interchange") == [(2, "UNZ")]


def test_warnings_from_decoding_and_una_are_kept() -> None:
    raw = (
        "UNA:+\\*'\n" + UNB + "UNH+1+PNRGOV:11:1:IA'TIF+NOVOTN\xdd+DAN'UNT+3+1'UNZ+1+REF1'"
    ).encode("latin-1")

    parsed = read_body(raw)

    assert codes(parsed) == ["charset_fallback", "una_short"]
    assert parsed.interchanges[0].messages[0].segments[0].elements[0] == ["NOVOTNÝ"]


# --- Fatal --------------------------------------------------------------------------------


def test_body_starting_with_garbage() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        read_body(b"HELLO+WORLD'UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'")

    assert (error.value.segment, error.value.tag, error.value.expected) == (
        1,
        "HELLO",
        "UNA or UNB",
    )


def test_unh_without_message_type() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        read_body(body(UNB, "UNH+1", "BGM+745", "UNT+3+1", "UNZ+1+REF1"))

    assert (error.value.segment, error.value.tag) == (2, "UNH")
    assert error.value.expected is not None
    assert "S009" in error.value.expected
    assert str(error.value).startswith("segment 2 (UNH): UNH has no message type")


def test_body_with_no_message() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        read_body(body(UNB, "UNZ+0+REF1"))

    assert (error.value.segment, error.value.tag, error.value.expected) == (2, "UNZ", "UNH")


def test_interchange_truncated_before_any_unh() -> None:
    with pytest.raises(EdifactSyntaxError) as error:
        read_body(body("UNA:+.? '", UNB, UNG, "BGM+74"))

    assert (error.value.segment, error.value.tag, error.value.expected) == (3, "BGM", "UNH")
    assert (
        str(error.value) == "segment 3 (BGM): the interchange ends before any message; expected UNH"
    )


def test_binary_body() -> None:
    with pytest.raises(EdifactSyntaxError, match="NUL"):
        read_body(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
