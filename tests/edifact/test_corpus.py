"""Every EDIFACT file of the shared GTAS corpus: against pydifact, and against INDEX.md."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydifact.exceptions import EDISyntaxError

from paxscreen.edifact.envelope import WARNING_CODES, MessageEnvelope, ParsedBody, read_body
from paxscreen.edifact.errors import EdifactSyntaxError
from paxscreen.edifact.lexer import tokenize
from paxscreen.edifact.syntax import decode_body, locate_interchanges
from tests.corpus import GTAS_DIR, IndexedFile, gtas_files, require_corpus
from tests.edifact.pydifact_reference import comparable, pydifact_segments

pytestmark = pytest.mark.corpus

EDIFACT_FILES = gtas_files()
SMALL_FILES = [f for f in EDIFACT_FILES if f.path.stat().st_size < 8000]

# The only files pydifact cannot read even after our cleaning (line breaks removed, UNA resolved,
# text from UNB to the last terminator), with the one edit applied to BOTH readers' input.
PYDIFACT_FIXUPS = {
    # "UNG *PAXLST": pydifact rejects the tag "UNG " (space before the separator); we strip it.
    "gtas-loader__apis-messages__airline2.edi": ("UNG *", "UNG*"),
    # A spreadsheet artefact line "Error 2042" glued to the next tag: pydifact rejects the tag;
    # we keep the segment, tagged "ERROR 2042SRC", with an invalid_tag warning.
    "SyntheticPNRMessages_20170419_20170421_zip__33_30_09386_09653_UA808_PEK_IAD_20170421_1825"
    "_PNR.txt": ("Error 2042", ""),
}


def file_id(indexed: IndexedFile) -> str:
    return indexed.path.name


@pytest.mark.parametrize("indexed", EDIFACT_FILES, ids=file_id)
def test_segments_equal_pydifacts(indexed: IndexedFile) -> None:
    require_corpus()
    text, _ = decode_body(indexed.path.read_bytes())
    interchanges, _ = locate_interchanges(text)
    fixup = PYDIFACT_FIXUPS.get(indexed.path.name)

    for interchange in interchanges:
        cleaned = interchange.text
        if fixup:
            with pytest.raises(EDISyntaxError):  # keeps the fixup list honest
                pydifact_segments(cleaned, interchange.delimiters)
            cleaned = cleaned.replace(*fixup)
        ours = comparable(tokenize(cleaned, interchange.delimiters))
        assert ours == pydifact_segments(cleaned, interchange.delimiters)


@pytest.mark.parametrize("indexed", EDIFACT_FILES, ids=file_id)
def test_read_body_finds_the_messages_and_problems_index_md_lists(indexed: IndexedFile) -> None:
    require_corpus()
    parsed = read_body(indexed.path.read_bytes())

    messages = [m for interchange in parsed.interchanges for m in interchange.messages]
    assert messages
    assert set(_codes(parsed)) <= WARNING_CODES
    assert {_identifier(m) for m in messages} == {indexed.unh_version}
    checks = _automatic_checks(indexed.path.name)
    _assert_unt_counts(parsed, checks)
    _assert_una_and_delimiters(parsed, checks)
    _assert_unterminated_and_trailing(parsed, checks)
    assert ("odd segment tags" in checks) == ("invalid_tag" in _codes(parsed))


_DAMAGE = st.sampled_from(b"':+?\\*$-\r\n \x00\x1dUNABZHT") | st.integers(0, 255)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_corpus_files_give_a_body_or_a_syntax_error(data: st.DataObject) -> None:
    if not SMALL_FILES:
        pytest.skip("shared corpus not found")
    raw = bytearray(data.draw(st.sampled_from(SMALL_FILES)).path.read_bytes())
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    del raw[cut:]
    for _ in range(data.draw(st.integers(min_value=0, max_value=4))):
        if raw:
            at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
            raw[at] = data.draw(_DAMAGE)
    try:
        parsed = read_body(bytes(raw))
    except EdifactSyntaxError:
        return
    assert any(interchange.messages for interchange in parsed.interchanges)
    assert set(_codes(parsed)) <= WARNING_CODES


# --- INDEX.md "automatic checks" column ---------------------------------------------------


@cache
def _checks_by_file() -> dict[str, str]:
    rows = {}
    for line in (GTAS_DIR / "INDEX.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 7:
            rows[cells[0]] = cells[-1]
    return rows


def _automatic_checks(name: str) -> str:
    return _checks_by_file()[name]


def _codes(parsed: ParsedBody) -> list[str]:
    return [warning.code for warning in parsed.warnings]


def _details(parsed: ParsedBody, code: str) -> list[str]:
    return [warning.detail for warning in parsed.warnings if warning.code == code]


def _identifier(message: MessageEnvelope) -> str:
    parts = [message.type, message.version, message.release, message.agency, message.association]
    return ":".join(part for part in parts if part)


def _assert_unt_counts(parsed: ParsedBody, checks: str) -> None:
    expected = [
        f"UNT count '{declared}', counted {actual}"
        for declared, actual in re.findall(r"UNT count (\S+) != actual (\d+)", checks)
    ]
    assert _details(parsed, "unt_count_mismatch") == expected
    for unt_reference, unh_reference in re.findall(
        r"UNT ref ('[^']*') != UNH ref ('[^']*')", checks
    ):
        assert any(
            unt_reference in detail and unh_reference in detail
            for detail in _details(parsed, "unt_reference_mismatch")
        )


def _assert_una_and_delimiters(parsed: ParsedBody, checks: str) -> None:
    codes = _codes(parsed)
    assert ("short/malformed UNA" in checks) == ("una_short" in codes)
    assert ("UNA declares terminator" in checks) == ("una_terminator_unused" in codes)
    for element, terminator in re.findall(r"non-default delimiters elem='(.)' seg='(.)'", checks):
        delimiters = parsed.interchanges[0].delimiters
        assert (delimiters.element, delimiters.terminator) == (element, terminator)


def _assert_unterminated_and_trailing(parsed: ParsedBody, checks: str) -> None:
    trailing = re.search(r"trailing text without segment terminator: '([^']*)", checks)
    if trailing is None:
        assert not {"missing_terminator", "trailing_text"} & set(_codes(parsed))
        return
    if trailing.group(1).startswith("UNZ"):
        # INDEX counts an unterminated UNZ as "no UNZ"; we read it, with a warning.
        assert "missing_terminator" in _codes(parsed)
        assert all(interchange.trailer is not None for interchange in parsed.interchanges)
    else:
        assert any(trailing.group(1) in detail for detail in _details(parsed, "trailing_text"))
