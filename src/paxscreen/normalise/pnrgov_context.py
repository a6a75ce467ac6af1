"""What every PNRGOV reader of one push shares: the warnings log, the privacy policy and what it
dropped, the reference date for two-digit years, the full card numbers seen (to scrub), and a
memo of what repeated segments were read as.

The memo: the lexer gives identical segment texts one shared element list, and a push repeats
many segments verbatim (the flight's TVL, the airline's ORG, the ticketing PTK ...). A reader
that depends only on its segments' text reads them once; later hits reuse the (immutable)
result and replay its warnings, located at the new segments, and its privacy drops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, TypeVar

from pydantic import BaseModel

from paxscreen.edifact.segments import Segment
from paxscreen.normalise.canonical_pnr import SensitiveCategory
from paxscreen.normalise.codes import COUNTRY_ALPHA2, check_airport, check_country
from paxscreen.normalise.data_warnings import WarningLog
from paxscreen.normalise.pnrgov_values import scrub_card_numbers
from paxscreen.normalise.privacy import PrivacyPolicy

GENERAL_REMARKS = "general_remarks"  # dropped_other key for remarks not kept (Annex I 12)
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
Drop = SensitiveCategory | str
# What a memoised read left behind: its value, warnings (code, detail, index of the segment
# among those read, tag) and drops.
_Entry = tuple[object, tuple[tuple[str, str, int, str | None], ...], tuple[Drop, ...]]


_ELEMENTS = itemgetter(1)  # Segment.elements, read without the attribute lookup


def segment_ids(segments: Iterable[Segment]) -> tuple[int, ...]:
    """A memo key for segments' texts: their element lists' ids (shared by identical texts)."""
    return tuple(map(id, map(_ELEMENTS, segments)))


class PushContext:
    """Shared state of one push's normalisation. Never holds a dropped item's content."""

    __slots__ = ("_memo", "_models", "cards", "dropped", "log", "policy", "reference")

    def __init__(self, policy: PrivacyPolicy, reference: date | None) -> None:
        self.log = WarningLog()
        self.policy = policy
        self.dropped: list[Drop] = []  # one entry per item dropped: its category or reason
        self.reference = reference
        self.cards: set[str] = set()  # unmasked card numbers seen in FOPs, scrubbed from texts
        self._memo: dict[Hashable, _Entry] = {}
        self._models: dict[tuple[object, ...], BaseModel] = {}

    def warn(self, code: str, detail: str, segment: Segment) -> None:
        self.log.add(code, detail, segment)

    def memo(self, key: Hashable, segments: Sequence[Segment], read: Callable[[], T]) -> T:
        """``read()``, once per distinct ``key``. ``key`` must identify the text of
        ``segments`` (their element lists' ids, with what else ``read`` depends on), and the
        value must be immutable: it is shared by every hit."""
        entry = self._memo.get(key)
        if entry is None:
            return self._remember(key, segments, read)
        value, warnings, drops = entry
        if warnings:
            for code, detail, at, tag in warnings:
                self.log.add_at(code, detail, segments[at].position, tag)
        if drops:
            self.dropped.extend(drops)
        # Stored by the same key's read(). Not typing.cast: on this path (ten hits per PNR) even
        # that no-op call shows.
        return value  # type: ignore[return-value]

    def _remember(self, key: Hashable, segments: Sequence[Segment], read: Callable[[], T]) -> T:
        items, dropped = self.log.items, self.dropped
        first_warning, first_drop = len(items), len(dropped)
        fresh = read()
        warnings: tuple[tuple[str, str, int, str | None], ...] = ()
        if len(items) > first_warning:
            index = {segment.position: i for i, segment in enumerate(segments)}
            warnings = tuple(
                (w.code, w.detail, index.get(w.segment, 0) if w.segment is not None else 0, w.tag)
                for w in items[first_warning:]
            )
        self._memo[key] = (fresh, warnings, tuple(dropped[first_drop:]))
        return fresh

    def shared_model(self, model: type[M], fields: dict[str, Any]) -> M:
        """``model`` validated from ``fields`` (hashable values only), once per push for equal
        fields: the fares, frequent-flyer cards and payments of a push repeat, and validating a
        small model costs ten times the key. The model is immutable, so sharing it is safe."""
        key = (model, *fields.items())
        found = self._models.get(key)
        if found is None:
            found = self._models[key] = model.__pydantic_validator__.validate_python(fields)
        return found  # type: ignore[return-value]

    def drop_counts(self) -> tuple[dict[SensitiveCategory, int], dict[str, int]]:
        """What the filters dropped, counted: special categories, and other reasons."""
        sensitive: Counter[SensitiveCategory] = Counter()
        other: Counter[str] = Counter()
        for drop in self.dropped:
            if isinstance(drop, SensitiveCategory):
                sensitive[drop] += 1
            else:
                other[drop] += 1
        return dict(sensitive), dict(other)

    def sensitive(self, category: SensitiveCategory | None) -> bool:
        """Count a special-category item as dropped (when it is one); True when it was."""
        if category is None:
            return False
        self.dropped.append(category)
        return True

    def free_text(self, text: str) -> str | None:
        """A free text as it may be kept: None (counted) when it reveals a special category,
        otherwise with any card number in it masked."""
        if self.sensitive(self.policy.sensitive_text(text)):
            return None
        for number in self.cards:
            if number in text:
                text = text.replace(number, "X" * (len(number) - 4) + number[-4:])
        return scrub_card_numbers(text)

    def remark(self, text: str) -> bool:
        """Whether a general remark (already through ``free_text``) may be kept; counts it as
        dropped when not."""
        if self.policy.keeps_remark(text):
            return True
        self.dropped.append(GENERAL_REMARKS)
        return False

    def country(self, code: str, segment: Segment, what: str, *, alpha2_ok: bool) -> str | None:
        """A country code as kept (alpha-3 where we know it; None when empty). ``alpha2_ok`` for
        the places the MIG itself asks for ISO alpha-2 (ADD, ORG)."""
        if not code:
            return None
        check = check_country(code)
        if check.warning == COUNTRY_ALPHA2:
            if not alpha2_ok:
                detail = f"{what} {code!r} is ISO alpha-2; read as {check.value}"
                self.warn(check.warning, detail, segment)
        elif check.warning:
            self.warn(check.warning, f"{what} {code!r} is not an ISO/ICAO code; kept", segment)
        return check.value

    def airport(self, code: str, segment: Segment, what: str) -> str | None:
        if not code:
            return None
        check = check_airport(code)
        if check.warning:
            self.warn(check.warning, f"{what} {code!r} is not a known IATA airport", segment)
        return check.value
