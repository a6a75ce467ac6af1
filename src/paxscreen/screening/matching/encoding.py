"""Listed names to token ids, fast. Most listed names are plain tokens, perhaps with a particle
or a connector in the middle (AL, DE, VAN, BIN); for those the rules of names.py reduce to
"particles out, connectors noted", so each distinct raw word is folded, classified and
interned once (cached here) and the name is assembled from the cache. Names with anything
else (titles, compounds, commas, a particle at either end, abjad particles) go through the
full parse (names.parse_name). Building a million-entry index spends most of its time here;
tests check that both paths give the same tokens."""

from __future__ import annotations

from dataclasses import dataclass

from paxscreen.normalise.canonical_watchlist import ListName, NameQuality
from paxscreen.screening.matching.names import (
    LINKED_HEADS,
    Kind,
    compound_root,
    is_plain,
    parse_name,
    simple_particles,
)
from paxscreen.screening.matching.text import fold_word, split_words
from paxscreen.screening.matching.tokens import token_info
from paxscreen.screening.matching.vocabulary import Vocabulary

PLAIN, PARTICLE, CONNECTOR = 0, 1, 2
# A word, cached: its folded tokens as (class, token id or -1, root id or -1, text); None when
# any of them needs the full parse.
Word = tuple[tuple[int, int, int, str], ...]
NAME = int(Kind.NAME)
ROOT = int(Kind.ROOT)
TITLE = int(Kind.TITLE)


@dataclass(frozen=True, slots=True)
class EncodedName:
    tids: tuple[int, ...]  # scored tokens, in order
    kinds: tuple[int, ...]
    links: tuple[tuple[int, int], ...]  # (son, father) positions in tids
    roots: tuple[int, ...]  # compound roots: posted, never scored


class NameEncoder:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._words: dict[str, Word | None] = {}
        # Words of plain tokens without compound roots (nearly all): word -> token ids.
        self._plain_words: dict[str, tuple[int, ...]] = {}

    def _quick(self, full: str) -> EncodedName | None:
        """Names whose space-separated words were all seen before, as words, and found plain:
        the hot path. (A word with punctuation or marks that splitting removes is never a key
        of the cache, whose keys are split_words' output: such names take the long way.)"""
        plain = self._plain_words
        tids: list[int] = []
        for word in full.split():
            found = plain.get(word)
            if found is None:
                return None
            tids.extend(found)
        if len(tids) < 2:
            return None
        return EncodedName(tuple(tids), (NAME,) * len(tids), (), ())

    def _root(self, text: str) -> int:
        tid = self._vocabulary.intern(token_info(text))
        self._vocabulary.roots.add(tid)
        return tid

    def _word(self, word: str) -> Word | None:
        particles, connectors = simple_particles()
        intern = self._vocabulary.intern
        out = []
        for f in fold_word(word):
            if is_plain(f.text):
                root = compound_root(f.text)
                out.append(
                    (
                        PLAIN,
                        intern(token_info(f.text, f.script, f.original)),
                        self._root(root) if root else -1,
                        f.text,
                    )
                )
            elif f.abjad:
                return None
            elif f.text in particles:
                out.append((PARTICLE, -1, -1, f.text))
            elif f.text in connectors:
                out.append((CONNECTOR, -1, -1, f.text))
            else:
                return None
        return tuple(out)

    def _simple(self, full: str) -> EncodedName | None:
        tokens: list[tuple[int, int, int, str]] = []
        words = self._words
        for word in split_words(full):
            cached = words.get(word, ())
            if cached == ():
                cached = words[word] = self._word(word)
                if cached is not None and all(t[0] == PLAIN and t[2] < 0 for t in cached):
                    self._plain_words[word] = tuple(t[1] for t in cached)
            if cached is None:
                return None
            tokens.extend(cached)
        if all(t[0] == PLAIN and t[2] < 0 for t in tokens):
            plain = tuple(t[1] for t in tokens)
            return EncodedName(plain, (NAME,) * len(plain), (), ())
        tids: list[int] = []
        roots: list[int] = []
        links: list[tuple[int, int]] = []
        last = len(tokens) - 1
        for position, (kind, tid, root, _) in enumerate(tokens):
            if kind == PLAIN:
                tids.append(tid)
                if root >= 0:
                    roots.append(root)
                continue
            # A particle or connector: only in the middle, before a plain token that is not
            # the head of a compound (UL + RAHMAN joins), else the full rules decide.
            if position == 0 or position == last:
                return None
            following = tokens[position + 1]
            if following[0] != PLAIN or following[3] in LINKED_HEADS:
                return None
            if kind == CONNECTOR and tids:
                links.append((len(tids) - 1, len(tids)))
        if len(tids) < 2 and len(tokens) != len(tids):
            return None  # a lone name beside particles: leave it to the full rules
        return EncodedName(tuple(tids), (NAME,) * len(tids), tuple(links), tuple(roots))

    def _parsed(self, name: ListName) -> EncodedName:
        form = parse_name(name.full, name.given, name.family)
        scored = form.scored
        position = {index: n for n, index in enumerate(scored)}
        intern = self._vocabulary.intern
        tids, kinds, roots = [], [], []
        for index in scored:
            token = form.tokens[index]
            tids.append(intern(token_info(token.text, token.script, token.original)))
            kinds.append(int(token.kind))
            root = compound_root(token.text) if token.kind == Kind.NAME else None
            if root:
                roots.append(self._root(root))
        links = tuple((position[s], position[f]) for s, f in form.links)
        return EncodedName(tuple(tids), tuple(kinds), links, tuple(roots))

    def encode(self, name: ListName) -> EncodedName:
        if "," not in name.full and not name.given and not name.family:
            quick = self._quick(name.full)
            if quick is not None:
                return quick
            simple = self._simple(name.full)
            if simple is not None and len(simple.tids) > 1:
                return simple
        return self._parsed(name)

    def encode_entry(self, names: tuple[ListName, ...]) -> list[tuple[ListName, EncodedName]]:
        """Each distinct name of an entry, primary and strong names first; a name whose scored
        tokens repeat an earlier one's adds nothing and is skipped."""
        if len(names) > 1 and not (
            names[0].primary and all(n.quality != NameQuality.WEAK for n in names)
        ):
            names = tuple(
                sorted(names, key=lambda n: (not n.primary, n.quality == NameQuality.WEAK))
            )
        seen: set[tuple[int, ...]] = set()
        out = []
        for name in names:
            encoded = self.encode(name)
            scored = encoded.tids
            if TITLE in encoded.kinds:
                scored = tuple(
                    t for t, k in zip(encoded.tids, encoded.kinds, strict=True) if k != TITLE
                )
            if not scored or scored in seen:
                continue
            seen.add(scored)
            out.append((name, encoded))
        return out
