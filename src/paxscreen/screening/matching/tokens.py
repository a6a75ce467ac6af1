"""One name token's matching forms, and how alike two tokens are.

Similarity is the best of several views, each capped by how much it proves:
- the folded spellings, by optimal-string-alignment edit distance (a transposition is one
  edit, so MOAHMMAD ~ MOHAMMAD is one typo);
- doubled letters squeezed (HASSAN / HASAN, HABBUSH / HABUSH);
- rigour's name symbols: Wikidata name clusters that tie spelling variants and scripts
  together (MOHAMMED / MUHAMMAD / محمد, YUSUF / YOUSEF / يوسف, SERGEI / Сергей);
- Metaphone codes of the folded token (KHALID / KHALED) for codes of 3+ letters;
- for tokens written in an abjad (Arabic, Hebrew), the consonant skeleton, and the Latin
  spellings Wikidata gives for the original token (أسامة -> osama).
Below SIM_FLOOR two tokens do not match at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour._core import metaphone
from rigour.names import NameTypeTag, analyze_names

from paxscreen.screening.matching import translit_corpus
from paxscreen.screening.matching.text import ABJAD_SCRIPTS, skeleton, squeeze

# Two tokens under this similarity are different names (one edit in a 3-letter token, ALI/ARI,
# is 0.67: different; one edit in a 4-letter token, JON/JOHN, is 0.75: the same, weakly).
SIM_FLOOR = 0.72
TRANSPOSITION_SIM = 0.8  # two adjacent letters swapped: the commonest typo (SOK / SKO)
SQUEEZE_SIM = 0.95  # only doubled letters differ: spelling, not a different name
VARIANT_SIM = 0.92  # same Wikidata name cluster: a known variant, slightly less than the same
PHONETIC_SIM = 0.85  # same Metaphone: sounds alike, may still be two names (RESHAD/RASHID)
SKELETON_SCALE = 0.88  # abjad skeletons drop vowels, so HASSAN and HUSSEIN collide
RENDERING_SCALE = 0.95  # a Wikidata Latin rendering of an original-script token
MIN_PHONETIC_CODE = 3  # shorter Metaphone codes (AL, MT) are shared by too many names
# Latin tokens that carry the Arabic article attached (ALTIKRITI) also compare without it,
# unless the token is a known name of its own (ALEXANDER, ALFRED: they have name symbols).
ARTICLE_PREFIXES = ("al", "el")
MIN_STRIPPED = 5


@dataclass(frozen=True, slots=True)
class TokenInfo:
    text: str  # folded Latin
    abjad: bool  # written in an abjad: compare skeletons as well
    squeezed: str
    skeleton: str
    phonetic: str  # Metaphone of the folded form; "" when too short to trust
    symbols: frozenset[str]  # rigour NAME symbols (Wikidata name clusters)
    renderings: tuple[str, ...]  # other Latin spellings: Wikidata renderings, article-stripped

    @property
    def key(self) -> str:
        """What the vocabulary files the token under: abjad romanisations are consonant
        skeletons and must not be confused with a Latin token spelled the same."""
        return "~" + self.text if self.abjad else self.text


@lru_cache(maxsize=131_072)
def _symbols(form: str) -> frozenset[str]:
    names = analyze_names(
        NameTypeTag.PER, [form], consolidate=False, phonetics=False, numerics=False
    )
    return frozenset(
        span.symbol.id
        for name in names
        for span in name.spans
        if span.symbol.category.value == "NAME" and len(span.parts) == 1
    )


@lru_cache(maxsize=262_144)
def token_info(text: str, script: str = "Latin", original: str = "") -> TokenInfo:
    """The matching forms of a folded token (``original`` is the token as written, for
    original-script tokens)."""
    abjad = script in ABJAD_SCRIPTS
    latin = script == "Latin" or not original
    symbols = _symbols(text if latin else original)
    renderings: tuple[str, ...] = ()
    if not latin:
        corpus = translit_corpus.load()
        renderings = corpus.latin_for.get(translit_corpus.script_key(original), ())
    elif text.startswith(ARTICLE_PREFIXES) and len(text) - 2 >= MIN_STRIPPED and not symbols:
        renderings = (text[2:],)
    code = metaphone(text) if text.isalpha() else ""
    return TokenInfo(
        text=text,
        abjad=abjad,
        squeezed=squeeze(text),
        skeleton=skeleton(text),
        phonetic=code if len(code) >= MIN_PHONETIC_CODE else "",
        symbols=symbols,
        renderings=tuple(r for r in renderings if r != text),
    )


def _transposed(a: str, b: str) -> bool:
    """The same letters with exactly two neighbours swapped."""
    if len(a) != len(b) or len(a) < 3:
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) != 2 or differ[1] != differ[0] + 1:
        return False
    first, second = differ
    return a[first] == b[second] and a[second] == b[first]


def similarity(a: TokenInfo, b: TokenInfo) -> float:
    """How alike two tokens are, in [0, 1]; 0 below SIM_FLOOR."""
    if a.text == b.text and a.abjad == b.abjad:
        return 1.0
    best = OSA.normalized_similarity(a.text, b.text) if a.abjad == b.abjad else 0.0
    if best < TRANSPOSITION_SIM and a.abjad == b.abjad and _transposed(a.text, b.text):
        best = TRANSPOSITION_SIM
    if best < SQUEEZE_SIM and a.squeezed == b.squeezed and a.abjad == b.abjad:
        best = SQUEEZE_SIM
    if best < VARIANT_SIM and a.symbols and not a.symbols.isdisjoint(b.symbols):
        best = VARIANT_SIM
    if best < PHONETIC_SIM and a.phonetic and a.phonetic == b.phonetic and a.abjad == b.abjad:
        best = PHONETIC_SIM
    if a.abjad != b.abjad:  # an abjad romanisation against a Latin spelling
        best = max(best, SKELETON_SCALE * OSA.normalized_similarity(a.skeleton, b.skeleton))
    for rendering in a.renderings:
        best = max(best, RENDERING_SCALE * OSA.normalized_similarity(rendering, b.text))
    for rendering in b.renderings:
        best = max(best, RENDERING_SCALE * OSA.normalized_similarity(a.text, rendering))
    return best if best >= SIM_FLOOR else 0.0
