"""What the index keeps of each list entry and each listed name, in append-only columns.

A million entries must fit in a worker's memory next to everything else, so nothing here is a
Python object per entry where a column will do: entry and name facts live in `array` columns
(a few bytes each) indexed by entry slot and name id, and ListEntry objects are not kept.
Slots and name ids are never reused: removal marks them dead, and the matcher's postings skip
dead names. Strings kept: each listed name's display form, and the documents of entries that
have any.
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Sequence
from datetime import date

from paxscreen.normalise.canonical_watchlist import EntityType, ListEntry
from paxscreen.screening.matching.evidence import ListedBirth, ListedDocument, document_number

PRECISIONS = ("day", "month", "year", "range", "approximate")
PRECISION_CODES = {name: code for code, name in enumerate(PRECISIONS)}
ENTITY = EntityType.ENTITY
GENDERS = {"M": 1, "F": 2, "m": 1, "f": 2}
NO_YEAR = 0


def entry_key(list_index: int, entry_id: uuid.UUID) -> int:
    return (list_index << 128) | entry_id.int


class Store:
    def __init__(self) -> None:
        self.list_ids: list[uuid.UUID] = []
        self._list_index: dict[uuid.UUID, int] = {}
        # entries, by slot
        self.slots: dict[int, int] = {}  # entry_key -> live slot
        self.entry_list = array("i")
        self.entry_uuid_high = array("Q")
        self.entry_uuid_low = array("Q")
        self.entry_alive = bytearray()
        self.entry_person = bytearray()
        self.entry_gender = bytearray()
        self.entry_first_name = array("i")
        self.entry_name_count = array("i")
        self.entry_year_low = array("h")  # earliest listed birth year (NO_YEAR: none)
        self.entry_year_high = array("h")
        self.entry_birth_start = array("i")
        self.birth_precision = array("b")
        self.birth_earliest = array("i")  # proleptic ordinals
        self.birth_latest = array("i")
        self.entry_nationalities: list[tuple[str, ...]] = []
        self._nationality_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.entry_documents: dict[int, tuple[ListedDocument, ...]] = {}
        self.documents: dict[str, list[int]] = {}  # normalised number -> slots
        # names, by name id
        self.name_entry = array("i")
        self.name_token_start = array("i", [0])
        self.token_ids = array("i")
        self.token_kinds = array("b")
        self.name_weak = bytearray()
        self.name_alive = bytearray()
        self.name_shown: list[str] = []
        self.name_links: dict[int, tuple[tuple[int, int], ...]] = {}
        self.live_entries = 0
        self.live_names = 0
        self.dead_in_postings = 0  # removed names the postings still hold (until compaction)

    def list_index(self, list_id: uuid.UUID) -> int:
        index = self._list_index.get(list_id)
        if index is None:
            index = len(self.list_ids)
            self._list_index[list_id] = index
            self.list_ids.append(list_id)
        return index

    def known_list(self, list_id: uuid.UUID) -> int | None:
        return self._list_index.get(list_id)

    @property
    def name_count(self) -> int:
        return len(self.name_entry)

    def add_entry(self, list_index: int, entry_id: uuid.UUID, entry: ListEntry) -> int:
        slot = len(self.entry_list)
        number = entry_id.int
        self.slots[(list_index << 128) | number] = slot
        self.entry_list.append(list_index)
        self.entry_uuid_high.append(number >> 64)
        self.entry_uuid_low.append(number & 0xFFFF_FFFF_FFFF_FFFF)
        self.entry_alive.append(1)
        self.entry_person.append(entry.entity_type != ENTITY)
        gender = entry.gender
        self.entry_gender.append(GENDERS.get(gender, 0) if gender else 0)
        self.entry_first_name.append(len(self.name_entry))
        self.entry_name_count.append(0)
        precision = self.birth_precision
        self.entry_birth_start.append(len(precision))
        births = entry.dates_of_birth
        if births:
            low, high = 9999, 0
            for birth in births:
                earliest, latest = birth.earliest, birth.latest
                if earliest.year < low:
                    low = earliest.year
                if latest.year > high:
                    high = latest.year
                precision.append(PRECISION_CODES[birth.precision])
                self.birth_earliest.append(earliest.toordinal())
                self.birth_latest.append(latest.toordinal())
            self.entry_year_low.append(low)
            self.entry_year_high.append(high)
        else:
            self.entry_year_low.append(NO_YEAR)
            self.entry_year_high.append(NO_YEAR)
        nationalities = entry.nationalities
        known = self._nationality_tuples.get(nationalities)
        if known is None:
            known = tuple(sorted({n.upper() for n in nationalities}))
            known = self._nationality_tuples.setdefault(known, known)
            self._nationality_tuples[nationalities] = known
        self.entry_nationalities.append(known)
        if entry.documents:
            self._add_documents(slot, entry)
        self.live_entries += 1
        return slot

    def _add_documents(self, slot: int, entry: ListEntry) -> None:
        documents = tuple(
            ListedDocument(number, d.issuing_state, d.type, d.number)
            for d in entry.documents
            for number in (document_number(d.number),)
            if number
        )
        if documents:
            self.entry_documents[slot] = documents
            for number_text in {d.number for d in documents}:
                self.documents.setdefault(number_text, []).append(slot)

    def add_name(
        self,
        slot: int,
        shown: str,
        tids: Sequence[int],
        kinds: Sequence[int],
        weak: bool,
        links: tuple[tuple[int, int], ...],
    ) -> int:
        name_id = len(self.name_entry)
        self.name_entry.append(slot)
        self.token_ids.extend(tids)
        self.token_kinds.extend(kinds)
        self.name_token_start.append(len(self.token_ids))
        self.name_weak.append(1 if weak else 0)
        self.name_alive.append(1)
        self.name_shown.append(shown)
        if links:
            self.name_links[name_id] = links
        self.entry_name_count[slot] += 1
        self.live_names += 1
        return name_id

    def tokens_of(self, name_id: int) -> tuple[list[int], list[int]]:
        start, end = self.name_token_start[name_id], self.name_token_start[name_id + 1]
        return self.token_ids[start:end].tolist(), self.token_kinds[start:end].tolist()

    def names_of(self, slot: int) -> range:
        first = self.entry_first_name[slot]
        return range(first, first + self.entry_name_count[slot])

    def remove_entry(self, slot: int) -> None:
        """Marks the entry and its names dead; the caller adjusts token counts first."""
        self.entry_alive[slot] = 0
        for name_id in self.names_of(slot):
            self.name_alive[name_id] = 0
            self.dead_in_postings += 1
            self.live_names -= 1
        for doc in self.entry_documents.pop(slot, ()):
            holders = self.documents.get(doc.number, [])
            if slot in holders:
                holders.remove(slot)
            if not holders:
                self.documents.pop(doc.number, None)
        self.live_entries -= 1

    def entry_id(self, slot: int) -> uuid.UUID:
        return uuid.UUID(int=(self.entry_uuid_high[slot] << 64) | self.entry_uuid_low[slot])

    def births(self, slot: int) -> list[ListedBirth]:
        start = self.entry_birth_start[slot]
        end = (
            self.entry_birth_start[slot + 1]
            if slot + 1 < len(self.entry_birth_start)
            else len(self.birth_precision)
        )
        return [
            ListedBirth(
                PRECISIONS[self.birth_precision[i]],
                date.fromordinal(self.birth_earliest[i]),
                date.fromordinal(self.birth_latest[i]),
            )
            for i in range(start, end)
        ]

    def gender(self, slot: int) -> str | None:
        return {1: "M", 2: "F"}.get(self.entry_gender[slot])
