"""Merging the parts of a multi-part PAXLST manifest (UNH S010 01:C ... nn:F)."""

from __future__ import annotations

import pytest

from paxscreen.normalise.canonical import Manifest
from paxscreen.normalise.paxlst import merge_parts
from tests.normalise.edifact_input import manifest


def part(
    number: int,
    flag: str,
    surnames: list[str],
    cnt: int,
    *,
    flight: str = "UA1",
    doc: str = "",
    gender: str = "M",
) -> Manifest:
    travellers = "".join(
        f"NAD+FL+++{name}'ATT+2++{gender}'DTM+329:800101'NAT+2+USA'"
        f"DOC+P+{doc or name + 'X1'}'DTM+36:300101'LOC+91+USA'"
        for name in surnames
    )
    return manifest(
        f"UNB+UNOA:4+A+B+170127:1200+{number}'"
        f"UNH+{number}+PAXLST:D:05B:UN:IATA+UA1/170127+{number:02d}:{flag}'BGM+745'"
        f"TDT+20+{flight}+++UA'LOC+125+FRA'DTM+189:1701271725:201'LOC+87+IAD'"
        f"{travellers}CNT+42:{cnt}'UNT+1+{number}'UNZ+1+{number}'"
    )


def codes(result: Manifest) -> list[str]:
    return [warning.code for warning in result.warnings]


def test_parts_are_merged_in_part_number_order_whatever_the_arrival_order() -> None:
    first = part(1, "C", ["ALPHA", "BRAVO"], 5)
    second = part(2, "C", ["CHARLIE", "DELTA"], 5)
    third = part(3, "F", ["ECHO"], 5)

    merged = merge_parts([third, first, second])

    assert [t.surname for t in merged.travellers] == ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO"]
    assert merged.legs == first.legs
    assert merged.source == first.source
    # Every part repeated the grand total (5): no mismatch, per part or merged.
    assert first.warnings
    assert codes(first) == ["count_mismatch"]
    assert merged.declared_passengers == 5
    assert codes(merged) == []


def test_per_part_totals_are_added_up() -> None:
    merged = merge_parts(
        [part(1, "C", ["ALPHA", "BRAVO"], 2), part(2, "F", ["CHARLIE", "DELTA", "ECHO"], 3)]
    )
    assert merged.declared_passengers == 5
    assert codes(merged) == []


def test_totals_that_fit_neither_convention_are_a_mismatch_over_all_parts() -> None:
    merged = merge_parts([part(1, "C", ["ALPHA"], 4), part(2, "F", ["BRAVO"], 4)])
    assert merged.declared_passengers == 4
    (mismatch,) = merged.warnings
    assert mismatch.code == "count_mismatch"
    assert mismatch.detail == "4 passengers (CNT 42) declared, 2 present in 2 parts"


def test_part_warnings_other_than_the_recomputed_ones_are_kept() -> None:
    first = part(1, "C", ["ALPHA"], 2, gender="Q")
    merged = merge_parts([first, part(2, "F", ["BRAVO"], 2)])
    assert codes(first) == ["unknown_gender", "count_mismatch"]
    assert codes(merged) == ["unknown_gender"]


def test_duplicate_documents_are_found_across_parts() -> None:
    merged = merge_parts(
        [part(1, "C", ["ALPHA"], 2, doc="SAME1"), part(2, "F", ["BRAVO"], 2, doc="SAME1")]
    )
    (duplicate,) = [w for w in merged.warnings if w.code == "duplicate_document"]
    assert duplicate.tag == "DOC"
    assert "SAME1" in duplicate.detail


def test_disagreeing_headers_are_warned_and_the_first_part_wins() -> None:
    first = part(1, "C", ["ALPHA"], 2)
    merged = merge_parts([first, part(2, "F", ["BRAVO"], 2, flight="UA2")])
    assert merged.legs == first.legs
    (mismatch,) = [w for w in merged.warnings if w.code == "part_header_mismatch"]
    assert "part 2" in mismatch.detail
    assert "legs" in mismatch.detail


def test_missing_and_duplicate_parts_are_warned() -> None:
    gap = merge_parts([part(1, "C", ["ALPHA"], 2), part(3, "F", ["CHARLIE"], 2)])
    assert [w.detail for w in gap.warnings if w.code == "missing_part"] == ["part(s) 2 missing"]

    unfinished = merge_parts([part(1, "C", ["ALPHA"], 2), part(2, "C", ["BRAVO"], 2)])
    assert [w.detail for w in unfinished.warnings if w.code == "missing_part"] == [
        "no final part (S010 flag F) received"
    ]

    repeated = merge_parts([part(1, "C", ["ALPHA"], 2), part(1, "C", ["ALPHA"], 2)])
    assert "duplicate_part" in codes(repeated)


def test_a_single_part_is_returned_as_it_is_and_none_is_an_error() -> None:
    only = part(1, "F", ["ALPHA"], 1)
    assert merge_parts([only]) is only
    with pytest.raises(ValueError, match="at least one part"):
        merge_parts([])
