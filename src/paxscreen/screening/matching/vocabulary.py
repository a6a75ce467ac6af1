"""The index's vocabulary: every distinct name token of the indexed lists, with blocking keys
that find a query token's look-alikes among them without scanning.

Fuzziness lives here, at the token level, not at the name level: a list of a million names has
only about a hundred thousand distinct tokens, so one-deletion keys, Metaphone codes, name
symbols and skeletons cost little memory here and each query token's neighbours are found
with a few dictionary look-ups (and cached by the matcher). The vocabulary's own tokens have
theirs found once, at build (lookalikes.py).

Keys, each a dict from key to token id(s):
- deletion: the token and, for tokens of 3+ letters, every form with one letter deleted
  (finds one substitution, insertion, deletion or transposition: MOAHMMAD -> MOHAMMAD);
- two-deletion: every form with two letters deleted, for tokens of 8+ letters (looked up
  from query tokens of 7+ letters: two edits, MUHANNAD -> MUHAMMAD, ABDULMALIK -> ABDULMAJID;
  shorter tokens cannot reach SIM_FLOOR with two edits);
- phonetic: Metaphone code of Latin tokens (KHALED -> KHALID);
- symbol: rigour NAME symbols (MUHAMMAD -> MOHAMMED, محمد);
- skeleton: consonant skeletons, kept apart for abjad and Latin tokens (حسين hsyn -> HUSSEIN);
- rendering: Wikidata Latin renderings of original-script tokens (OSAMA -> أسامة).
Abjad romanisations live in their own deletion namespace ("~" prefix): "bn" from Arabic is
not the Latin token BN.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

from paxscreen.screening.matching.lookalikes import LookalikeTable, ordered
from paxscreen.screening.matching.tokens import (
    RENDERING_SCALE,
    SIM_FLOOR,
    SKELETON_SCALE,
    TokenInfo,
    similarity,
)

MIN_DELETION_LENGTH = 3  # shorter tokens get no deletion forms: 1-letter keys match everything
MIN_SELF_KEY_LENGTH = 2
# Two edits reach SIM_FLOOR only when the longer token has 8+ letters (1 - 2/8 >= 0.72):
# listed tokens that long also get two-deletion keys, and query tokens of 7+ letters look
# them up (MUHANNAD / MUHAMMAD: two substitutions; ABDULMALIK / ABDULMAJID).
MIN_DOUBLE_LENGTH = 8

Keys = dict[str, int | list[int]]


def _add(keys: Keys, key: str, tid: int) -> None:
    # Most keys name one token: an int, not a one-element list, saves ~60 bytes a key.
    current = keys.get(key)
    if current is None:
        keys[key] = tid
    elif isinstance(current, int):
        if current != tid:
            keys[key] = [current, tid]
    elif tid not in current:
        current.append(tid)


def _get(keys: Keys, key: str) -> Iterator[int]:
    found = keys.get(key)
    if found is None:
        return
    if isinstance(found, int):
        yield found
    else:
        yield from found


def _collect(keys: Keys, forms: list[str], found: set[int]) -> None:
    """The token ids filed under any of ``forms`` into ``found`` (the hot loop of a new
    query token's look-up: no generator per key)."""
    get = keys.get
    for form in forms:
        value = get(form)
        if value is None:
            continue
        if isinstance(value, int):
            found.add(value)
        else:
            found.update(value)


def double_deletions(text: str) -> set[str]:
    """Every form with two letters deleted."""
    return {
        text[:i] + text[i + 1 : j] + text[j + 1 :]
        for i in range(len(text))
        for j in range(i + 1, len(text))
    }


def deletions(text: str) -> Iterator[str]:
    """The token itself (2+ letters) and its one-deletion forms (3+ letters)."""
    if len(text) >= MIN_SELF_KEY_LENGTH:
        yield text
    if len(text) >= MIN_DELETION_LENGTH:
        for i in range(len(text)):
            yield text[:i] + text[i + 1 :]


class Vocabulary:
    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.infos: list[TokenInfo] = []
        self.df = array("i")  # live list names holding the token
        self._deletion: Keys = {}
        self._deletion2: Keys = {}  # two-deletion forms of tokens of MIN_DOUBLE_LENGTH+
        self._phonetic: Keys = {}
        self._symbol: Keys = {}
        self._skeleton_abjad: Keys = {}
        self._skeleton_latin: Keys = {}
        self._rendering: Keys = {}
        # Deletion forms of tokens' renderings: which tokens find a new token through their
        # renderings (one of the two key paths that are not symmetric), for the look-alike
        # table.
        self._rendering_deletion: Keys = {}
        self._table: LookalikeTable | None = None
        self.roots: set[int] = set()  # tokens that are the root of some listed compound

    def __len__(self) -> int:
        return len(self.infos)

    @property
    def key_count(self) -> int:
        return sum(
            len(keys)
            for keys in (
                self._deletion,
                self._deletion2,
                self._phonetic,
                self._symbol,
                self._skeleton_abjad,
                self._skeleton_latin,
                self._rendering,
                self._rendering_deletion,
            )
        )

    @property
    def table_bytes(self) -> int:
        return self._table.memory_bytes if self._table is not None else 0

    def find(self, info: TokenInfo) -> int | None:
        return self._ids.get(info.key)

    def intern(self, info: TokenInfo) -> int:
        """The token's id, adding it (and its keys) if new."""
        tid = self._ids.get(info.key)
        if tid is not None:
            return tid
        tid = len(self.infos)
        self._ids[info.key] = tid
        self.infos.append(info)
        self.df.append(0)
        prefix = "~" if info.abjad else ""
        for form in deletions(info.text):
            _add(self._deletion, prefix + form, tid)
        if len(info.text) >= MIN_DOUBLE_LENGTH:
            for form in double_deletions(info.text):
                _add(self._deletion2, prefix + form, tid)
        if info.phonetic and not info.abjad:
            _add(self._phonetic, info.phonetic, tid)
        for symbol in info.symbols:
            _add(self._symbol, symbol, tid)
        _add(self._skeleton_abjad if info.abjad else self._skeleton_latin, info.skeleton, tid)
        for rendering in info.renderings:
            _add(self._rendering, rendering, tid)
            for form in deletions(rendering):
                _add(self._rendering_deletion, form, tid)
        if self._table is not None:
            self._added_to_table(tid, info)
        return tid

    def precompute(self) -> None:
        """Finds every token's look-alikes now (see lookalikes.py)."""
        infos = self.infos
        self._table = LookalikeTable(len(infos), lambda tid: self.keyed(infos[tid]))

    def _added_to_table(self, tid: int, info: TokenInfo) -> None:
        """Files a token interned after the table in the rows of the tokens whose key look-up
        finds it. Key look-ups are symmetric but for two paths, looked up here as well: a
        listed token two letters longer finds it by its two-deletion forms, and a token's
        renderings find it by their deletion forms."""
        table = self._table
        assert table is not None
        prefix = "~" if info.abjad else ""
        found = self._neighbour_ids(info)
        _collect(self._deletion2, [prefix + info.text], found)
        if not info.abjad:
            _collect(self._rendering_deletion, list(deletions(info.text)), found)
        for other in sorted(found):
            if other >= table.size:
                continue
            sim = similarity(self.infos[other], info)
            if sim >= SIM_FLOOR and tid in self._neighbour_ids(self.infos[other]):
                table.add(other, tid, sim)

    def _neighbour_ids(self, info: TokenInfo, *, double: bool = True) -> set[int]:
        found: set[int] = set()
        prefix = "~" if info.abjad else ""
        text = info.text
        _collect(self._deletion, [prefix + form for form in deletions(text)], found)
        if double and len(text) >= MIN_DOUBLE_LENGTH - 1:
            # Two edits: one deletion on this side and two on the listed token's, or two on
            # each side (two substitutions), or two here and one there.
            ones = [prefix + text[:i] + text[i + 1 :] for i in range(len(text))]
            _collect(self._deletion2, ones, found)
            if len(text) >= MIN_DOUBLE_LENGTH:
                twos = [prefix + form for form in double_deletions(text)]
                _collect(self._deletion2, twos, found)
                _collect(self._deletion, twos, found)
        if info.phonetic and not info.abjad:
            found.update(_get(self._phonetic, info.phonetic))
        for symbol in info.symbols:
            found.update(_get(self._symbol, symbol))
        # Across scripts: a Latin token meets abjad tokens by skeleton, and the other way.
        other = self._skeleton_latin if info.abjad else self._skeleton_abjad
        found.update(_get(other, info.skeleton))
        if not info.abjad:
            found.update(_get(self._rendering, info.text))
        for rendering in info.renderings:
            for form in deletions(rendering):
                found.update(_get(self._deletion, form))
        exact = self._ids.get(info.key)
        if exact is not None:
            found.add(exact)
        return found

    def neighbours(self, info: TokenInfo, *, double: bool = True) -> list[tuple[int, float]]:
        """Vocabulary tokens alike enough to ``info`` to count as a match, with their
        similarity, best first (ties by id: deterministic). ``double=False`` skips the
        two-edit keys (for two query tokens joined: a compound is found by one edit). A
        vocabulary token's own are read from the look-alike table once precomputed."""
        table = self._table
        if double and table is not None:
            tid = self._ids.get(info.key)
            if tid is not None and tid < table.size and self.infos[tid] == info:
                return table.row(tid)
        return self.keyed(info, double=double)

    def keyed(self, info: TokenInfo, *, double: bool = True) -> list[tuple[int, float]]:
        """`neighbours` found by key look-ups."""
        infos = self.infos
        scored = [
            (tid, similarity(info, infos[tid])) for tid in self._neighbour_ids(info, double=double)
        ]
        return ordered((tid, sim) for tid, sim in scored if sim >= SIM_FLOOR)

    def scan(self, info: TokenInfo) -> list[tuple[int, float]]:
        """Like `neighbours`, but found by comparing with every token instead of by keys: the
        exhaustive reference that measures what the keys miss (benchmarks and tests only).
        Edit-distance views are screened over the whole vocabulary with rapidfuzz at a cutoff
        below any that `similarity` can accept; the exact-key views (symbols, Metaphone) are
        complete by construction."""
        texts = [other.text for other in self.infos]
        loose = SIM_FLOOR * RENDERING_SCALE * SKELETON_SCALE
        probes = [info.text, *info.renderings]
        found: set[int] = set(self._neighbour_ids(info))
        for probe in probes:
            row = process.cdist(
                [probe], texts, scorer=OSA.normalized_similarity, score_cutoff=loose
            )
            found.update(int(t) for t in row[0].nonzero()[0])
        skeletons = [other.skeleton for other in self.infos]
        row = process.cdist(
            [info.skeleton], skeletons, scorer=OSA.normalized_similarity, score_cutoff=loose
        )
        found.update(int(t) for t in row[0].nonzero()[0])
        for tid, other in enumerate(self.infos):
            if other.renderings and any(
                OSA.normalized_similarity(info.text, r) >= loose for r in other.renderings
            ):
                found.add(tid)
        scored = [(tid, similarity(info, self.infos[tid])) for tid in found]
        return ordered((tid, sim) for tid, sim in scored if sim >= SIM_FLOOR)

    def set_counts(self, counts: bytes) -> None:
        """Replace every token's count (native int32 values, one per token id)."""
        fresh = array("i")
        fresh.frombytes(counts)
        self.df = fresh

    def add_counts(self, tids: Iterable[int], delta: int) -> None:
        for tid in tids:
            self.df[tid] += delta
