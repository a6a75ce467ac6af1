"""A name as the matcher sees it: folded tokens, each with a kind (name, particle, connector,
title, initial) and a role (given, family, unknown), plus the nasab links (X bin Y) that say
who is whose son. List names and traveller names go through exactly the same rules.

Rules, in order:
1. "SURNAME, Given" is reordered to given-then-family, and the roles are kept.
2. Articles (al-, el-, ad-, ud- ..., attached or not), Western particles (van, von, de ...) and
   kunya markers (abu, umm) are particles: kept for display and order, never scored, because
   lists and travellers write them or drop them at random.
3. bin / ibn / ben / bint / ould link a son to his father: connectors, never scored, but the
   order they give is checked (father/son swaps are different people).
4. Titles and honorifics (Dr, Sheikh, Haji, Mullah, Maulavi ...) are scored at a small weight
   and cost nothing when missing: travellers' documents rarely carry them.
5. Compounds are canonicalised so that split and joined spellings agree: ABD AL-RAHMAN,
   ABDEL RAHMAN, ABDURRAHMAN -> abdulrahman; HABIB ULLAH -> habibullah; SALAH EDDINE,
   SALAH AL-DIN -> salahuddin; ZIA UL HAQ -> ziaulhaq.
6. A single letter is an initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from rigour._core import person_name_prefixes_list

from paxscreen.screening.matching.text import ABJAD_SCRIPTS as ABJAD
from paxscreen.screening.matching.text import FoldedToken, fold_name, fold_text


class Kind(IntEnum):
    NAME = 0
    INITIAL = 1
    TITLE = 2
    PARTICLE = 3
    CONNECTOR = 4
    ROOT = 5  # index-only: the root of a compound (RAHMAN in ABDULRAHMAN), see compound_root


class Role(IntEnum):
    UNKNOWN = 0
    GIVEN = 1
    FAMILY = 2


ARTICLES = frozenset({"al", "el", "ul", "ur", "ud", "us", "il"})
# Sun-letter forms of the article count only before a word starting with the same letter
# (as-salam, ar-rahman, ad-din, ash-shami), else they are ordinary names (AN, AS, ED ...).
SUN_ARTICLES = frozenset({"ad", "ar", "as", "at", "an", "az", "ash", "ed", "es", "er", "et"})
WESTERN_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "des"}
    | {"le", "la", "ter", "ten", "zu", "vom", "y", "e"}
)
KUNYA = frozenset({"abu", "abou", "abo", "umm", "um", "oum"})
CONNECTORS = frozenset({"bin", "ibn", "ben", "bint", "binti", "bte", "ould", "wuld", "ult"})
# The same words romanised from Arabic script (بن bn, ابن abn, ابو abw, عبد bd: ayn is dropped).
ABJAD_CONNECTORS = frozenset({"bn", "abn", "bnt"})
ABJAD_KUNYA = frozenset({"abw", "am"})
ABJAD_ABD = frozenset({"bd", "abd"})
HONORIFICS = frozenset(
    {"sheikh", "shaikh", "shaykh", "sheik", "shaik", "haji", "hajji", "hadji", "alhaj"}
    | {"alhaji", "alhajji", "mullah", "mulla", "mollah", "maulavi", "mawlawi", "maulvi"}
    | {"moulavi", "molvi", "mawlavi", "maulana", "mawlana", "qari", "hafiz", "sayed"}
    | {"sayyed", "sayyid", "syed", "imam", "emir", "amir", "mufti", "ustadh", "ustaz"}
    | {"general", "gen", "colonel", "col", "brigadier", "major", "maj", "captain", "capt"}
    | {"lieutenant", "lt", "sgt", "sergeant", "commander", "cmdr", "engineer", "eng"}
)
ABD_SEPARATE = frozenset(
    {"abd", "abdul", "abdel", "abdal", "abdol", "abdil", "abdoul", "abdur", "abdus"}
)
ABDULLAH_FORMS = frozenset(
    {"abdullah", "abdallah", "abdulla", "abdalla", "abdollah", "abdellah", "abdulah"}
    | {"abdilah", "abdillah", "abdoulah", "abdoullah"}
)
_ABD_ATTACHED = re.compile(
    r"^(?:abdoul|abdul|abdel|abdal|abdol|abdil|abdur|abdus|abdush|abdut|abduz|abdun|abdud"
    r"|abdou|abdu|abdi|abd)([a-z]{3,})$"
)
ALLAH_FORMS = frozenset({"ullah", "ulla", "allah", "ulah", "illah", "ollah", "alla"})
_ALLAH_ATTACHED = re.compile(r"^([a-z]{3,}?)(?:ullah|ollah|ulah|illah|ulla)$")
DIN_FORMS = frozenset(
    {"din", "deen", "dine", "eddine", "eddin", "uddin", "uddeen", "aldin", "eldin", "addin"}
    | {"aldeen", "eldine", "uddine", "udin"}
)
_DIN_ATTACHED = re.compile(
    r"^([a-z]{3,}?)(?:eddine|eddin|uddeen|uddine|uddin|aldeen|aldin|eldine|eldin|addine|addin)$"
)
# South Asian compounds whose second half follows a linker: ZIA UL HAQ, SHAMS UR RAHMAN.
LINKED_HEADS = frozenset(
    {"rahman", "rehman", "haq", "hak", "haque", "islam", "zaman", "rab", "rahim", "rehim"}
)
LINKERS = frozenset({"ul", "ur", "ud", "us", "al", "ar"})


@dataclass(frozen=True, slots=True)
class NameToken:
    text: str  # folded Latin form used for matching
    script: str  # script as written
    original: str  # as written (for explanations)
    kind: Kind
    role: Role


@dataclass(frozen=True, slots=True)
class NameForm:
    tokens: tuple[NameToken, ...]
    # (father side, son side) pairs of token indices joined by a connector: in "SALMAN BIN
    # MUHAMMAD" the son SALMAN comes first: (0, 2).
    links: tuple[tuple[int, int], ...]

    @property
    def scored(self) -> tuple[int, ...]:
        """Indices of the tokens that take part in scoring (names, initials, titles)."""
        return tuple(i for i, t in enumerate(self.tokens) if t.kind <= Kind.TITLE)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    western = {fold_text(p) for p in person_name_prefixes_list() if " " not in p.strip()}
    return frozenset(western | HONORIFICS) - {""}


def _canonical(text: str) -> str:
    """Attached compound spellings to one form (rule 5)."""
    if text in ABDULLAH_FORMS:
        return "abdullah"
    match = _ABD_ATTACHED.match(text)
    if match and not text.startswith("abdull"):
        return "abdul" + match.group(1)
    match = _DIN_ATTACHED.match(text)
    if match and len(text) >= 7:
        return match.group(1) + "uddin"
    match = _ALLAH_ATTACHED.match(text)
    if match and len(text) >= 7 and not text.startswith("abd"):
        return match.group(1) + "ullah"
    return text


MIN_ROOT = 3


def compound_root(text: str) -> str | None:
    """The distinctive half of a canonical compound (ABDULRAHMAN -> rahman, HABIBULLAH ->
    habib, SALAHUDDIN -> salah). The index also files the name under it, so that a traveller
    whose ABDUL was mistyped (BADUR REHMAN) still finds ABDUR REHMAN by the root."""
    if text.startswith("abdul") and text != "abdullah" and len(text) - 5 >= MIN_ROOT:
        return text[5:]
    for suffix in ("ullah", "uddin"):
        if text.endswith(suffix) and len(text) - 5 >= MIN_ROOT:
            return text[:-5]
    return None


def _kind(text: str, index: int, words: list[str], abjad: bool) -> Kind:
    following = words[index + 1] if index + 1 < len(words) else None
    if len(words) == 1:
        return Kind.INITIAL if len(text) == 1 else Kind.NAME
    if abjad and following is not None:
        if text in ABJAD_CONNECTORS and index > 0:
            return Kind.CONNECTOR
        if text in ABJAD_KUNYA:
            return Kind.PARTICLE
    if text in CONNECTORS and (text != "ben" or index > 0) and following is not None:
        return Kind.CONNECTOR
    if text in ARTICLES and following is not None:
        return Kind.PARTICLE
    if text in SUN_ARTICLES and following is not None and following[:1] == text[1:2]:
        return Kind.PARTICLE
    if (text in WESTERN_PARTICLES or text in KUNYA) and following is not None:
        return Kind.PARTICLE
    if text in _titles():
        return Kind.TITLE
    if len(text) == 1:
        return Kind.INITIAL
    return Kind.NAME


def _merge_compounds(tokens: list[NameToken]) -> list[NameToken]:
    """Rule 5 for split spellings: join ABD + X, X + ULLAH, X + DIN, X + UL + HAQ."""
    out: list[NameToken] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        rest = tokens[i + 1 :]
        # Skip one article between the parts (ABD AL-RAHMAN, SAIF AL DIN).
        gap = 1 if rest and rest[0].kind == Kind.PARTICLE and rest[0].text in ARTICLES else 0
        nxt = rest[gap] if len(rest) > gap else None
        if token.kind in (Kind.NAME, Kind.PARTICLE) and nxt is not None and nxt.kind <= Kind.TITLE:
            joined: str | None = None
            if token.text in ABD_SEPARATE or (token.text in ABJAD_ABD and token.script in ABJAD):
                joined = "abdullah" if nxt.text in ALLAH_FORMS else "abdul" + nxt.text
            elif token.kind == Kind.NAME and nxt.text in ALLAH_FORMS:
                joined = token.text + "ullah"
            elif token.kind == Kind.NAME and nxt.text in DIN_FORMS:
                joined = token.text + "uddin"
            elif (
                token.kind == Kind.NAME
                and gap
                and rest[0].text in LINKERS
                and nxt.text in LINKED_HEADS
            ):
                joined = token.text + rest[0].text + nxt.text
            if joined is not None:
                original = " ".join(t.original for t in tokens[i : i + gap + 2])
                out.append(
                    NameToken(_canonical(joined), token.script, original, Kind.NAME, token.role)
                )
                i += gap + 2
                continue
        out.append(token)
        i += 1
    return out


def _links(tokens: list[NameToken]) -> tuple[tuple[int, int], ...]:
    """(son, father) index pairs around each connector, skipping particles (BIN AL-HAKIM)."""
    links = []
    for i, token in enumerate(tokens):
        if token.kind != Kind.CONNECTOR:
            continue
        before = next((j for j in range(i - 1, -1, -1) if tokens[j].kind <= Kind.TITLE), None)
        after = next((j for j in range(i + 1, len(tokens)) if tokens[j].kind <= Kind.TITLE), None)
        if before is not None and after is not None:
            links.append((before, after))
    return tuple(links)


def _tokens(folded: list[FoldedToken], role: Role) -> list[NameToken]:
    words = [f.text for f in folded]
    return [
        NameToken(
            _canonical(f.text) if kind == Kind.NAME else f.text,
            f.script,
            f.original,
            kind,
            role,
        )
        for i, f in enumerate(folded)
        for kind in (_kind(f.text, i, words, f.abjad),)
    ]


def _form(parts: list[tuple[str, Role]]) -> NameForm:
    folded = [(fold_name(text), role) for text, role in parts]
    words = [f for part, _ in folded for f in part]
    roles = [role for part, role in folded for _ in part]
    if len(words) > 1 and all(is_plain(f.text) for f in words):
        # Fast path: no rule applies to plain tokens (see is_plain).
        return NameForm(
            tuple(
                NameToken(f.text, f.script, f.original, Kind.NAME, roles[i])
                for i, f in enumerate(words)
            ),
            (),
        )
    tokens = [
        NameToken(t.text, t.script, t.original, t.kind, roles[i])
        for i, t in enumerate(_tokens(words, Role.UNKNOWN))
    ]
    tokens = _merge_compounds(tokens)
    return NameForm(tuple(tokens), _links(tokens))


@lru_cache(maxsize=1)
def _special() -> frozenset[str]:
    return (
        ARTICLES
        | SUN_ARTICLES
        | WESTERN_PARTICLES
        | KUNYA
        | CONNECTORS
        | ABJAD_CONNECTORS
        | ABJAD_KUNYA
        | ABJAD_ABD
        | ABD_SEPARATE
        | ALLAH_FORMS
        | DIN_FORMS
        | LINKERS
        | _titles()
    )


@lru_cache(maxsize=1)
def simple_particles() -> tuple[frozenset[str], frozenset[str]]:
    """(particles, connectors) that, in the middle of a name and followed by a plain token
    (not a compound head such as RAHMAN), mean nothing more than their kind: AL, DE, VAN,
    ABU; BIN, IBN. The fast paths handle names made of plain tokens and these."""
    busy = (
        SUN_ARTICLES
        | _titles()
        | ABD_SEPARATE
        | ALLAH_FORMS
        | DIN_FORMS
        | ABJAD_CONNECTORS
        | ABJAD_KUNYA
        | ABJAD_ABD
    )
    particles = (ARTICLES | WESTERN_PARTICLES | KUNYA) - busy - CONNECTORS
    return frozenset(particles), frozenset(CONNECTORS - busy - particles)


@lru_cache(maxsize=262_144)
def is_plain(text: str) -> bool:
    """A token no rule touches in any context: a name of plain tokens only is its tokens, all
    of kind NAME, in order (the fast paths rely on it; tested against the full rules)."""
    return len(text) > 1 and text not in _special() and _canonical(text) == text


@lru_cache(maxsize=65_536)
def parse_name(full: str | None, given: str | None = None, family: str | None = None) -> NameForm:
    """A name from a full string (any order, any script; "FAMILY, Given" understood) or from
    given names and a family name given separately (used in preference when present)."""
    if given or family:
        return _form([(given or "", Role.GIVEN), (family or "", Role.FAMILY)])
    text = full or ""
    if text.count(",") == 1:
        family_part, given_part = (p.strip() for p in text.split(","))
        if family_part and given_part:
            return _form([(given_part, Role.GIVEN), (family_part, Role.FAMILY)])
    return _form([(text.replace(",", " "), Role.UNKNOWN)])
