"""What a PNR may keep: the sensitive-data filter (Directive 2016/681 art. 13(4)) and the narrow
reading of Annex I point 12 (CJEU C-817/19). Pure: the normalisers ask, this module answers.

CONTRACT: ``PrivacyPolicy`` and ``DropCounter`` with the methods below are what the PNRGOV
normalisers (EDIFACT and XML) call for every SSR and every free-text item before keeping it.
The tables, the decisions on borderline codes and their sources are in docs/privacy-filter.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from types import MappingProxyType

from paxscreen.normalise.canonical_pnr import SensitiveCategory

RELIGION = SensitiveCategory.RELIGION  # religious or philosophical beliefs
HEALTH = SensitiveCategory.HEALTH
ETHNICITY = SensitiveCategory.ETHNICITY
POLITICAL = SensitiveCategory.POLITICAL
TRADE_UNION = SensitiveCategory.TRADE_UNION
SEX_LIFE = SensitiveCategory.SEX_LIFE

# Special service request codes (AIRIMP, 4 characters) that reveal a special category by
# themselves. Codes not listed (BBML, CHML, FPML, SFML, SPML, MAAS, EXST, PETC, UMNR ...) are not
# sensitive by code; their free text is still checked against the words below.
SENSITIVE_SSR_CODES: dict[str, SensitiveCategory] = {
    # Religious meals.
    "KSML": RELIGION,  # kosher meal
    "MOML": RELIGION,  # Muslim (halal) meal
    "HNML": RELIGION,  # Hindu meal (no beef)
    "AVML": RELIGION,  # Asian vegetarian, redefined "vegetarian Hindu meal" (IATA 2009)
    "VJML": RELIGION,  # vegetarian Jain meal
    "JNML": RELIGION,  # Jain meal (older airline form of VJML)
    # Vegetarian and vegan meals: philosophical beliefs may be revealed (art. 9 GDPR wording).
    "VGML": RELIGION,  # vegetarian vegan meal
    "VLML": RELIGION,  # vegetarian lacto-ovo meal
    "RVML": RELIGION,  # vegetarian raw meal
    "VOML": RELIGION,  # vegetarian oriental meal (no onion or garlic)
    # Medical meals: each answers a diagnosis or a dietary treatment.
    "DBML": HEALTH,  # diabetic meal
    "GFML": HEALTH,  # gluten intolerant meal (coeliac disease)
    "NLML": HEALTH,  # low lactose meal
    "LSML": HEALTH,  # low salt meal
    "LFML": HEALTH,  # low fat (low cholesterol) meal
    "LCML": HEALTH,  # low calorie meal (low cholesterol on Apollo)
    "BLML": HEALTH,  # bland meal (ulcers, gastric surgery)
    "HFML": HEALTH,  # high fibre meal (withdrawn 2009, still in old PNRs)
    "LPML": HEALTH,  # low protein meal (withdrawn 2009; renal diets)
    "PRML": HEALTH,  # low purine meal (withdrawn 2009; gout)
    # Mobility, sensory, intellectual and medical assistance.
    "WCHR": HEALTH,  # wheelchair for the distance to the aircraft (can climb steps)
    "WCHS": HEALTH,  # wheelchair, cannot climb steps
    "WCHC": HEALTH,  # wheelchair, completely immobile, carried to the seat
    "WCHP": HEALTH,  # lower-limb disability, on-board wheelchair (European PRM codes)
    "WCMP": HEALTH,  # own manual wheelchair
    "WCBD": HEALTH,  # own wheelchair, dry-cell battery
    "WCBW": HEALTH,  # own wheelchair, wet-cell battery
    "WCLB": HEALTH,  # own wheelchair, lithium-ion battery
    "WCBL": HEALTH,  # the same, as some handling systems spell it
    "WCOB": HEALTH,  # on-board wheelchair requested
    "BLND": HEALTH,  # blind or visually impaired
    "DEAF": HEALTH,  # deaf or hard of hearing
    "DPNA": HEALTH,  # intellectual or developmental disability, needs assistance
    "MEDA": HEALTH,  # medical case (medical clearance)
    "OXYG": HEALTH,  # needs oxygen on board
    "POXY": HEALTH,  # own portable oxygen (airline code)
    "PPOC": HEALTH,  # personal portable oxygen concentrator (airline code)
    "STCR": HEALTH,  # stretcher
    "LEGL": HEALTH,  # left leg immobilised, needs leg room (airline code)
    "LEGR": HEALTH,  # right leg immobilised, needs leg room (airline code)
    "SVAN": HEALTH,  # service animal (guide dog, seizure dog ...)
    "ESAN": HEALTH,  # emotional support animal (needs a mental-health professional's letter)
}

# In free text a code is matched at the start of a token and may be glued to what follows
# ("WCHRFROMGATE"), except these, which begin ordinary words or names (MEDALLION, LEGROOM,
# SVANTE, POXY): they are matched only as whole tokens.
CODES_MATCHED_WHOLE: frozenset[str] = frozenset({"MEDA", "LEGL", "LEGR", "SVAN", "ESAN", "POXY"})

# Words in free text (OSI, IFT, SSR text) that reveal a special category. Syntax of a key:
#   WORD       the whole word, or its plural in S or ES (CHURCH, CHURCHES; not CHURCHILL)
#   STEM*      any word that begins with the stem (PREGNAN* : PREGNANT, PREGNANCY)
#   TWO WORDS  a phrase; the words may be separated by any non-letters, or glued
# A word is never matched inside another word: it must start a token (JEW: not JEWELL).
SENSITIVE_WORDS: dict[str, SensitiveCategory] = {
    # Religious or philosophical beliefs.
    **dict.fromkeys(
        [
            "KOSHER", "KASHRUT", "GLATT", "HALAL", "HARAM", "NO PORK", "NO BEEF",
            "MUSLIM", "MOSLEM", "ISLAM", "ISLAMIC", "QURAN", "KORAN", "MOSQUE", "RAMADAN",
            "HAJJ", "HAJ", "UMRAH", "IMAM", "HIJAB", "NIQAB", "BURKA", "BURQA",
            "JEW", "JEWISH", "JUDAISM", "SYNAGOGUE", "RABBI", "TORAH", "SHABBAT", "SHABBOS",
            "SABBATH", "HINDU", "HINDUISM", "JAINISM", "SIKH", "SIKHISM", "GURDWARA", "TURBAN",
            "KIRPAN", "BUDDHIS*", "CHRISTIANITY", "CATHOLIC", "PROTESTANT", "ORTHODOX",
            "EVANGELICAL", "MORMON", "BAPTIST", "CHURCH", "BIBLE", "PRIEST", "CLERGY",
            "MISSIONAR*", "PILGRIM*", "PRAY", "PRAYER", "ATHEIS*", "VEGAN*", "VEGETARIAN*",
        ],
        RELIGION,
    ),
    # Health, disability, medical needs.
    **dict.fromkeys(
        [
            "WHEELCHAIR*", "CRUTCH*", "STRETCHER*", "IMMOBILE", "IMMOBILISED", "IMMOBILIZED",
            "REDUCED MOBILITY", "PRM", "BLIND", "BLINDNESS", "VISUALLY IMPAIRED", "DEAF*",
            "HARD OF HEARING", "HEARING IMPAIRED", "HEARING AID", "GUIDE DOG", "SERVICE DOG",
            "ASSISTANCE DOG", "SEEING EYE", "DISABLED", "DISABILIT*", "HANDICAP*",
            "INCAPACITATED", "INCAD", "PARALYS*", "PARALYZ*", "PARAPLEG*", "TETRAPLEG*",
            "QUADRIPLEG*", "AMPUT*", "PROSTHE*", "PREGNAN*", "PREG", "DIABET*", "INSULIN",
            "DIALYS*", "OXYGEN", "CPAP", "VENTILATOR", "PACEMAKER", "STOMA", "COLOSTOMY",
            "CATHETER", "INCONTINEN*", "EPILEP*", "SEIZURE*", "STROKE", "CARDIAC",
            "HEART CONDITION", "HEART ATTACK", "ASTHMA*", "HIV", "HEPATITIS", "TUBERCULOSIS",
            "CANCER", "TUMOUR", "TUMOR", "CHEMO", "CHEMOTHERAPY", "ALLERG*", "ANAPHYLA*",
            "EPIPEN", "COELIAC", "CELIAC", "GLUTEN", "LACTOSE", "AUTIS*", "ASPERGER*",
            "DOWN SYNDROME", "CEREBRAL PALSY", "MULTIPLE SCLEROSIS", "PARKINSONS",
            "ALZHEIMER*", "DEMENTIA", "LEARNING DIFFICULT*", "MENTAL", "MENTALLY",
            "PSYCHIATR*", "SCHIZOPHREN*", "BIPOLAR", "ANXIETY", "PTSD", "MEDIF", "MEDICAL",
            "MEDICAT*", "HOSPITAL", "ILL", "ILLNESS", "SICK", "SICKNESS", "INJUR*",
            "FRACTURE*", "SURGERY", "SURGICAL", "INFECTIOUS", "CONTAGIOUS", "COVID*",
            "CORONAVIRUS", "VACCIN*", "OBESE", "OBESITY",
        ],
        HEALTH,
    ),
    # Racial or ethnic origin.
    **dict.fromkeys(
        [
            "ETHNIC*", "RACIAL*", "ABORIGIN*", "INDIGENOUS", "GYPSY", "GYPSIES", "ROMANI",
            "ROHINGYA", "UYGHUR", "UIGHUR",
        ],
        ETHNICITY,
    ),
    # Political opinions.
    **dict.fromkeys(
        [
            "POLITIC*", "ACTIVIST", "DISSIDENT", "COMMUNIST", "SOCIALIST", "MARXIST",
            "ANARCHIST", "FASCIST", "REPUBLICAN", "DEMOCRAT", "PARTY MEMBER",
        ],
        POLITICAL,
    ),
    # Trade-union membership.
    **dict.fromkeys(
        [
            "TRADE UNION*", "LABOR UNION*", "LABOUR UNION*", "UNION MEMBER*", "SHOP STEWARD",
            "TEAMSTER*", "GEWERKSCHAFT*",
        ],
        TRADE_UNION,
    ),
    # Sex life or sexual orientation (and gender identity, read with them).
    **dict.fromkeys(
        [
            "GAY", "LESBIAN*", "LGBT*", "HOMOSEXUAL*", "BISEXUAL*", "TRANSGENDER*",
            "TRANSSEXUAL*", "QUEER", "INTERSEX", "NONBINARY", "NON BINARY", "SAME SEX",
            "SEXUAL ORIENTATION",
        ],
        SEX_LIFE,
    ),
}  # fmt: skip

# Regex building blocks. A "letter" is any Unicode letter: digits and punctuation separate.
_LETTER = r"[^\W\d_]"
_NOT_AFTER_LETTER = rf"(?<!{_LETTER})"
_NOT_BEFORE_LETTER = rf"(?!{_LETTER})"
_GAP = r"[\W_]*"  # between the words of a phrase: any non-letters, or nothing
_CODE_SYNTAX = r"[A-Z0-9]{4}"
_WORD_SYNTAX = r"[^\W_]+(?: [^\W_]+)*\*?"

# Unaccompanied-minor markers (Annex I point 12 as the Court read it). UM alone or with the age
# (UM08, UM 10), UMNR even glued (UMNRDEP), the words, YPTA (young person travelling alone), and
# the guardian hand-over forms a UM booking carries ("ARR CTCH ...", "PICKED UP BY ...").
_MINOR_MARKERS = (
    rf"UMNR|UM{_NOT_BEFORE_LETTER}|YPTA{_NOT_BEFORE_LETTER}"
    rf"|UNACC{_LETTER}*{_GAP}(?:MINOR|MNR|CHILD|CHD|JUVENILE)"
    rf"|(?:MINOR|CHILD|CHD){_GAP}TRAVEL+ING{_GAP}ALONE"
    rf"|GUARDIAN"
    rf"|PICK(?:ED)?{_GAP}UP{_GAP}BY{_NOT_BEFORE_LETTER}"
    rf"|(?:COLLECTED|SEEN{_GAP}OFF){_GAP}BY{_NOT_BEFORE_LETTER}"
    rf"|(?:DEP|ARR){_GAP}CTC"
)


@dataclass(frozen=True)
class PrivacyPolicy:
    """The default drops every special-category item and every general remark that is not about
    an unaccompanied minor; both are settings (``PAXSCREEN_PRIVACY__...``).

    Treat the tables as immutable: the matchers are built from them once, on first use. Extend
    them with ``with_extra`` or ``policy_from_settings``, which validate what they are given."""

    drop_sensitive: bool = True
    keep_general_remarks: bool = False
    ssr_codes: dict[str, SensitiveCategory] = field(
        default_factory=lambda: dict(SENSITIVE_SSR_CODES)
    )
    words: dict[str, SensitiveCategory] = field(default_factory=lambda: dict(SENSITIVE_WORDS))

    def sensitive_ssr(self, code: str, text: str | None) -> SensitiveCategory | None:
        """The special category an SSR reveals (by its code or its free text), or None. Always
        None when the policy does not drop sensitive data."""
        if not self.drop_sensitive:
            return None
        category = self._code_categories.get(code.strip().upper())
        return category or (self._category_in(text) if text else None)

    def sensitive_text(self, text: str) -> SensitiveCategory | None:
        """The special category a free text reveals (a table word, or a sensitive SSR code
        written in it), or None. Always None when the policy does not drop sensitive data."""
        return self._category_in(text) if self.drop_sensitive else None

    def keeps_remark(self, text: str) -> bool:
        """Whether a general remark (not a contact, not an SSR) may be kept under Annex I point 12
        as the Court read it: only unaccompanied-minor information, unless configured wider."""
        return self.keep_general_remarks or is_unaccompanied_minor_remark(text)

    def with_extra(
        self,
        *,
        ssr_codes: Mapping[str, str] | None = None,
        words: Mapping[str, str] | None = None,
    ) -> PrivacyPolicy:
        """This policy with more codes or words (entries already present take the new category).
        Categories are given by value ("health"); bad codes, words or categories raise
        ValueError naming the entry."""
        return replace(
            self,
            ssr_codes={**self.ssr_codes, **_valid_entries(ssr_codes or {}, _CODE_SYNTAX, "code")},
            words={**self.words, **_valid_entries(words or {}, _WORD_SYNTAX, "word")},
        )

    @cached_property
    def _code_categories(self) -> Mapping[str, SensitiveCategory]:
        return _valid_codes(tuple(self.ssr_codes.items()))

    @cached_property
    def _matcher(self) -> _Matcher:
        return _compile_sensitive(tuple(self.words.items()), tuple(self.ssr_codes.items()))

    def _category_in(self, text: str) -> SensitiveCategory | None:
        return self._matcher.category_in(text)


def policy_from_settings(
    *,
    drop_sensitive: bool = True,
    keep_general_remarks: bool = False,
    extra_ssr_codes: Mapping[str, str] | None = None,
    extra_words: Mapping[str, str] | None = None,
) -> PrivacyPolicy:
    """The policy the ``PAXSCREEN_PRIVACY__*`` settings describe, from their plain values (the
    extras are JSON objects code -> category and word -> category)."""
    return PrivacyPolicy(
        drop_sensitive=drop_sensitive, keep_general_remarks=keep_general_remarks
    ).with_extra(ssr_codes=extra_ssr_codes, words=extra_words)


def is_unaccompanied_minor_remark(text: str) -> bool:
    """Whether a free text carries unaccompanied-minor information (see _MINOR_MARKERS)."""
    return _minor_pattern().search(text.upper()) is not None


@dataclass
class DropCounter:
    """What the filters dropped in one push, by category; never what it said."""

    sensitive: Counter[SensitiveCategory] = field(default_factory=Counter)
    other: Counter[str] = field(default_factory=Counter)

    def drop_sensitive(self, category: SensitiveCategory) -> None:
        self.sensitive[category] += 1

    def drop_other(self, reason: str) -> None:
        self.other[reason] += 1


def _valid_entries(
    entries: Mapping[str, str], syntax: str, kind: str
) -> dict[str, SensitiveCategory]:
    """Table entries upper-cased and checked: the key syntax keeps configuration from injecting
    regex (or an empty word that would match everything)."""
    valid: dict[str, SensitiveCategory] = {}
    for raw, value in entries.items():
        key = " ".join(raw.upper().split())
        if not re.fullmatch(syntax, key):
            raise ValueError(f"privacy {kind} {raw!r} is not of the form {syntax}")
        try:
            valid[key] = SensitiveCategory(value)
        except ValueError:
            allowed = ", ".join(category.value for category in SensitiveCategory)
            raise ValueError(
                f"privacy {kind} {raw!r}: unknown category {value!r} (one of {allowed})"
            ) from None
    return valid


@dataclass(frozen=True)
class _Matcher:
    """A policy's compiled tables: one empty group closes every table entry, so the index of the
    group that matched says which entry, and ``categories`` says its category."""

    pattern: re.Pattern[str]
    categories: tuple[SensitiveCategory, ...]

    def category_in(self, text: str) -> SensitiveCategory | None:
        found = self.pattern.search(text.upper())
        return self.categories[found.lastindex - 1] if found and found.lastindex else None


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    ends: list[tuple[str, SensitiveCategory]] = field(default_factory=list)


@lru_cache(maxsize=16)
def _valid_codes(
    codes: tuple[tuple[str, SensitiveCategory], ...],
) -> Mapping[str, SensitiveCategory]:
    return MappingProxyType(_valid_entries(dict(codes), _CODE_SYNTAX, "code"))


@lru_cache(maxsize=16)
def _compile_sensitive(
    words: tuple[tuple[str, SensitiveCategory], ...],
    codes: tuple[tuple[str, SensitiveCategory], ...],
) -> _Matcher:
    """One regex for a policy's tables (checked here, so that policies built with the same tables
    share the work), shaped as a trie of the entries: at each token start the engine follows one
    branch per letter instead of trying ~250 alternatives (5x faster)."""
    root = _TrieNode()
    for word, category in _valid_entries(dict(words), _WORD_SYNTAX, "word").items():
        _insert(root, _word_atoms(word), _word_tail(word), category)
    for code, category in _valid_codes(codes).items():
        whole = code in CODES_MATCHED_WHOLE
        _insert(root, [re.escape(c) for c in code], _NOT_BEFORE_LETTER if whole else "", category)
    categories: list[SensitiveCategory] = []
    body = _render(root, categories)
    return _Matcher(re.compile(_NOT_AFTER_LETTER + body), tuple(categories))


def _word_atoms(entry: str) -> list[str]:
    """The regex atoms of a table word: its letters, and a gap between the words of a phrase."""
    atoms: list[str] = []
    for index, word in enumerate(entry.rstrip("*").split()):
        atoms.extend([_GAP] if index else [])
        atoms.extend(re.escape(letter) for letter in word)
    return atoms


def _word_tail(entry: str) -> str:
    """What may follow a word: anything after a stem; a plural ending, then no letter, else."""
    return "" if entry.endswith("*") else f"(?:E?S)?{_NOT_BEFORE_LETTER}"


def _insert(root: _TrieNode, atoms: list[str], tail: str, category: SensitiveCategory) -> None:
    node = root
    for atom in atoms:
        node = node.children.setdefault(atom, _TrieNode())
    node.ends.append((tail, category))


def _render(node: _TrieNode, categories: list[SensitiveCategory]) -> str:
    """The node as regex; ``categories`` receives the category of each group in text order
    (longer entries first: the children come before the entries ending here)."""
    parts = [atom + _render(child, categories) for atom, child in node.children.items()]
    for tail, category in node.ends:
        parts.append(f"{tail}()")
        categories.append(category)
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


@cache
def _minor_pattern() -> re.Pattern[str]:
    return re.compile(f"{_NOT_AFTER_LETTER}(?:{_MINOR_MARKERS})")
