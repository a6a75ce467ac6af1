"""Text helpers for list values: whitespace clean-up and the script a name is written in."""

from __future__ import annotations

import unicodedata
from collections import Counter

from paxscreen.normalise.countries import collapse_spaces

__all__ = ["collapse_spaces", "detect_script"]


# Unicode character-name prefixes whose script name differs from the prefix title-cased.
_SCRIPT_NAMES = {"CJK": "Han", "FULLWIDTH": "Latin"}
# Letters that belong to no script of their own (modifier letters, ordinal indicators ...).
_NO_SCRIPT = frozenset({"MODIFIER", "FEMININE", "MASCULINE", "SUPERSCRIPT", "SUBSCRIPT"})


def detect_script(text: str) -> str:
    """The Unicode script most of the letters of ``text`` are written in: "Latin", "Arabic",
    "Cyrillic", "Han" ... Latin letters count only when there is nothing else, because original-
    script names often carry a Latin gloss, as in "ኤርሚኣስ ግርማይ (Tigrinya)"."""
    scripts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            prefix = unicodedata.name(char, "LATIN").split(" ", 1)[0]
            if prefix not in _NO_SCRIPT:
                scripts[_SCRIPT_NAMES.get(prefix, prefix.title())] += 1
    non_latin = Counter({script: n for script, n in scripts.items() if script != "Latin"})
    if non_latin:
        return non_latin.most_common(1)[0][0]
    return "Latin"
