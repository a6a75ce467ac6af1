"""Script first: split a name into tokens and fold each token, whatever its script, to lowercase
ASCII Latin. Every distinct raw token is folded once per process (cached), because names repeat
their tokens endlessly and folding (ICU transliteration) costs microseconds.

Transliteration is rigour's `ascii_text` (its own romanisation for Cyrillic, Greek, Armenian,
Georgian and Hangul; normality/ICU for the rest). Phonetic codes are only ever taken from the
folded form: jellyfish and rigour return "" or junk for non-Latin input (matching.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import tokenize_name
from rigour.text import ascii_text
from rigour.text.scripts import text_scripts

# Scripts that write few or no vowels: their romanisation is a consonant skeleton ("mhmd"), so
# tokens from them are compared by skeleton and through the Wikidata renderings as well.
ABJAD_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})
# Scripts whose names are often written without spaces: the first syllable is the family name.
SYLLABIC_SCRIPTS = frozenset({"Han", "Hangul"})

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# A "?" inside a word is a lost apostrophe or ayn from a bad encoding ("Mus?ab"), not a break.
_LOST_APOSTROPHE = re.compile(r"(?<=\w)\?(?=\w)")
# Apostrophe-like marks (ayn, hamza, okina, quotes) are dropped, not treated as separators.
_APOSTROPHES = re.compile(r"[’‘`´ʿʾʻʼ'\"]")


@dataclass(frozen=True, slots=True)
class FoldedToken:
    text: str  # lowercase ASCII letters and digits
    script: str  # the token's script as written (Latin, Arabic, Cyrillic, Han, ...)
    original: str  # the token as written

    @property
    def abjad(self) -> bool:
        return self.script in ABJAD_SCRIPTS


LETTERS_AND_SPACES = re.compile(r"[A-Za-z ]*")


def split_words(name: str) -> list[str]:
    """The raw tokens of a name in written order (punctuation and hyphens split, apostrophes
    joined: "SA'D AL-TIKRITI" -> SAD, AL, TIKRITI)."""
    if LETTERS_AND_SPACES.fullmatch(name):  # most names: rigour would split on spaces too
        return name.split()
    cleaned = _APOSTROPHES.sub("", _LOST_APOSTROPHE.sub("", name))
    return [t for t in tokenize_name(cleaned) if t]


def _script_of(token: str) -> str:
    scripts = text_scripts(token)
    if not scripts:
        return "Latin"
    if len(scripts) == 1:
        return next(iter(scripts))
    # Mixed tokens are rare; prefer the non-Latin script, which decides how to romanise.
    return sorted(s for s in scripts if s != "Latin")[0] if scripts - {"Latin"} else "Latin"


def fold_text(text: str) -> str:
    """Lowercase ASCII letters and digits only."""
    if text.isascii():  # most tokens: skip the transliteration round trip
        return _NOT_ALNUM.sub("", text.lower())
    # Latin with diacritics: dropping combining marks gives what ascii_text gives, many times
    # faster (tested against rigour in tests/screening/test_text.py); other scripts and
    # letters without a decomposition (ø, ł, ß, þ) go through ascii_text.
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    if stripped.isascii():
        return _NOT_ALNUM.sub("", stripped.lower())
    return _NOT_ALNUM.sub("", ascii_text(text).lower())


@lru_cache(maxsize=262_144)
def fold_word(word: str) -> tuple[FoldedToken, ...]:
    """One raw token folded to Latin; Han and Hangul names written as one word are split into
    family syllable + given name, the order they are written in."""
    script = _script_of(word)
    if script in SYLLABIC_SCRIPTS and 2 <= len(word) <= 4:
        head, rest = word[:1], word[1:]
        return tuple(
            FoldedToken(fold_text(part), script, part) for part in (head, rest) if fold_text(part)
        )
    folded = fold_text(word)
    # Arabic ayn and hamza come out as "?" and are gone after folding; an initial alif-lam
    # (the attached article) is split off so that it can be treated as a particle.
    if script in ABJAD_SCRIPTS and folded.startswith("al") and len(folded) > 4:
        return (
            FoldedToken("al", script, word[:2]),
            FoldedToken(folded[2:], script, word[2:]),
        )
    return (FoldedToken(folded, script, word),) if folded else ()


def fold_name(name: str) -> list[FoldedToken]:
    """All tokens of a name, folded, in written order."""
    out: list[FoldedToken] = []
    for word in split_words(name):
        out.extend(fold_word(word))
    return out


_VOWELS = re.compile(r"[aeiouyw]+")
_REPEATS = re.compile(r"(.)\1+")


def squeeze(text: str) -> str:
    """Doubled letters collapsed: HABBUSH and HABUSH, HASSAN and HASAN agree."""
    return _REPEATS.sub(r"\1", text)


def skeleton(text: str) -> str:
    """Consonant skeleton: what an abjad writes. Vowels and the glides w/y (Arabic waw and ya
    double as long vowels) are dropped, q is k, doubled letters collapse: HUSSEIN, HUSAIN and
    Arabic-script hsyn all give hsn; QUBAYSI and KUBAISI give kbs."""
    return squeeze(_VOWELS.sub("", text.replace("q", "k"))) or text[:1]
