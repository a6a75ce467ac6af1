"""Wikidata name-token renderings (names/wikidata_translit in the shared corpus, CC0): which Latin
spelling a name token written in Arabic, Cyrillic, Hebrew, Korean, Chinese or Katakana stands
for, and how common a Latin name token is among Wikidata's people.

Used for two things:
- Latin renderings of an original-script token ("جونز" -> jones, "ピノック" -> pinnock), which
  plain transliteration gets wrong for names borrowed from other languages ("dzhordzh");
- a population prior for token rarity: a token common among people in general proves little
  even when it is rare on the watchlist.

Loaded lazily on first use, once per process (about 0.3 s, 5 MB). Where the folder is not
found the matcher works without it (transliteration and rigour's name symbols still apply).
The folder is found from PAXSCREEN_NAME_TRANSLIT_DIR, else PAXSCREEN_CORPUS_DIR, else
../shared/corpus beside the project checkout.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from paxscreen.screening.matching.text import fold_text

# Renderings seen fewer times than this are mostly one-off transcriptions; kept, but ranked last.
RENDERINGS_PER_TOKEN = 3


@dataclass(frozen=True, slots=True)
class TranslitCorpus:
    latin_for: dict[str, tuple[str, ...]]  # original-script token -> Latin renderings, best first
    population_share: dict[str, float]  # folded Latin token -> share of name tokens (max by file)


def corpus_dir() -> Path | None:
    explicit = os.environ.get("PAXSCREEN_NAME_TRANSLIT_DIR")
    if explicit:
        return Path(explicit)
    corpus = os.environ.get("PAXSCREEN_CORPUS_DIR")
    base = Path(corpus) if corpus else Path(__file__).resolve().parents[4].parent / "shared/corpus"
    folder = base / "names" / "wikidata_translit"
    return folder if folder.is_dir() else None


def _read(folder: Path) -> TranslitCorpus:
    renderings: dict[str, Counter[str]] = defaultdict(Counter)
    share: dict[str, float] = {}
    for path in sorted(folder.glob("wd_*")):
        counts: Counter[str] = Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) != 3 or not fields[2].isdigit():
                continue
            latin, count = fold_text(fields[0]), int(fields[2])
            target = script_key(fields[1].replace(" ", ""))
            if not latin or not target:
                continue
            renderings[target][latin] += count
            counts[latin] += count
        total = sum(counts.values()) or 1
        for latin, count in counts.items():
            share[latin] = max(share.get(latin, 0.0), count / total)
    latin_for = {
        target: tuple(
            latin
            for latin, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[
                :RENDERINGS_PER_TOKEN
            ]
        )
        for target, counter in renderings.items()
    }
    return TranslitCorpus(latin_for=latin_for, population_share=share)


def script_key(token: str) -> str:
    """How an original-script token is looked up: NFC, lowercase (Cyrillic has case)."""
    return unicodedata.normalize("NFC", token).lower()


@cache
def load() -> TranslitCorpus:
    """The corpus, read once; empty where the folder is absent."""
    folder = corpus_dir()
    if folder is None:
        return TranslitCorpus(latin_for={}, population_share={})
    return _read(folder)
