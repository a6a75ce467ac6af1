"""The sensitive-data filter (art. 13(4)) and the unaccompanied-minor reading of Annex I point 12:
what is flagged, what is not, and what configuration changes."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paxscreen.normalise.canonical_pnr import SensitiveCategory
from paxscreen.normalise.privacy import (
    CODES_MATCHED_WHOLE,
    SENSITIVE_SSR_CODES,
    SENSITIVE_WORDS,
    DropCounter,
    PrivacyPolicy,
    is_unaccompanied_minor_remark,
    policy_from_settings,
)

RELIGION = SensitiveCategory.RELIGION
HEALTH = SensitiveCategory.HEALTH
ETHNICITY = SensitiveCategory.ETHNICITY
POLITICAL = SensitiveCategory.POLITICAL
TRADE_UNION = SensitiveCategory.TRADE_UNION
SEX_LIFE = SensitiveCategory.SEX_LIFE

POLICY = PrivacyPolicy()


# The tables


def test_every_code_is_an_airimp_code_and_every_word_fits_the_table_syntax() -> None:
    assert all(re.fullmatch(r"[A-Z0-9]{4}", code) for code in SENSITIVE_SSR_CODES)
    assert SENSITIVE_SSR_CODES.keys() >= CODES_MATCHED_WHOLE
    assert all(re.fullmatch(r"[A-Z]+(?: [A-Z]+)*\*?", word) for word in SENSITIVE_WORDS)


def test_every_category_has_words() -> None:
    assert set(SENSITIVE_WORDS.values()) == set(SensitiveCategory)


@pytest.mark.parametrize(("code", "category"), sorted(SENSITIVE_SSR_CODES.items()))
def test_every_table_code_is_flagged_with_its_category(
    code: str, category: SensitiveCategory
) -> None:
    assert POLICY.sensitive_ssr(code, None) is category
    assert POLICY.sensitive_text(f"PAX REQ {code} ALL SEGS") is category


@pytest.mark.parametrize(("word", "category"), sorted(SENSITIVE_WORDS.items()))
def test_every_table_word_written_out_is_flagged_with_its_category(
    word: str, category: SensitiveCategory
) -> None:
    assert POLICY.sensitive_text(f"OSI YY {word.rstrip('*')} PLS NOTE") is category


# SSR codes


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("KSML", RELIGION),
        ("MOML", RELIGION),
        ("HNML", RELIGION),
        ("AVML", RELIGION),
        ("VJML", RELIGION),
        ("VGML", RELIGION),
        ("VLML", RELIGION),
        ("DBML", HEALTH),
        ("GFML", HEALTH),
        ("NLML", HEALTH),
        ("LSML", HEALTH),
        ("WCHR", HEALTH),
        ("WCHC", HEALTH),
        ("WCLB", HEALTH),
        ("BLND", HEALTH),
        ("DEAF", HEALTH),
        ("DPNA", HEALTH),
        ("MEDA", HEALTH),
        ("OXYG", HEALTH),
        ("STCR", HEALTH),
        ("SVAN", HEALTH),
        ("ESAN", HEALTH),
    ],
)
def test_a_sensitive_code_is_flagged_whatever_its_text(
    code: str, category: SensitiveCategory
) -> None:
    assert POLICY.sensitive_ssr(code, None) is category
    assert POLICY.sensitive_ssr(code, "NN1 ALL SEGMENTS") is category


@pytest.mark.parametrize(
    "code",
    [
        "BBML", "CHML", "FPML", "SFML", "SPML", "MAAS", "EXST", "PETC", "AVIH", "CBBG",
        "UMNR", "INFT", "DOCS", "SEAT", "TKNE", "CKIN", "BIKE", "LANG", "DEPA", "OTHS",
    ],
)  # fmt: skip
def test_a_code_that_reveals_nothing_by_itself_is_not_flagged(code: str) -> None:
    assert POLICY.sensitive_ssr(code, None) is None
    assert POLICY.sensitive_ssr(code, "") is None


@pytest.mark.parametrize(
    ("code", "text", "category"),
    [
        ("SPML", "NO PORK NO ALCOHOL", RELIGION),
        ("SPML", "HALAL PLS", RELIGION),
        ("OTHS", "PAX NEEDS WCHR AT CDG", HEALTH),
        ("MAAS", "PAX ON CRUTCHES", HEALTH),
        ("MAAS", "PAX 32 WKS PREGNANT", HEALTH),
        ("EXST", "OBESE PAX", HEALTH),
        ("OTHS", "PAX IS DIABETIC CARRIES INSULIN", HEALTH),
    ],
)
def test_a_plain_code_is_flagged_by_its_text(
    code: str, text: str, category: SensitiveCategory
) -> None:
    assert POLICY.sensitive_ssr(code, text) is category


@pytest.mark.parametrize(
    ("code", "text"),
    [("MAAS", "ELDERLY PERSON"), ("EXST", "PERSONAL COMFORT"), ("PETC", "CAT IN BAG 6KG")],
)
def test_a_plain_code_with_plain_text_is_kept(code: str, text: str) -> None:
    assert POLICY.sensitive_ssr(code, text) is None


@pytest.mark.parametrize("code", ["wchr", " WCHR ", "Ksml", "vgml\n"])
def test_codes_are_read_whatever_their_case_and_padding(code: str) -> None:
    assert POLICY.sensitive_ssr(code, None) is not None


# Words and codes in free text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("REQ KOSHER MEAL", RELIGION),
        ("PAX MUSLIM PLS HALAL", RELIGION),
        ("JEWISH GROUP", RELIGION),
        ("SIKH PAX WITH KIRPAN", RELIGION),
        ("BUDDHISTS TOUR", RELIGION),
        ("CATHOLIC PILGRIMAGE LOURDES", RELIGION),
        ("NEAR MOSQUE", RELIGION),
        ("SYNAGOGUE VISIT", RELIGION),
        ("CHURCHES OF ROME TOUR", RELIGION),
        ("PRAYER TIME", RELIGION),
        ("RAMADAN FASTING", RELIGION),
        ("STRICT VEGAN", RELIGION),
        ("WHEELCHAIR TO GATE", HEALTH),
        ("PAX IS BLIND", HEALTH),
        ("DEAF PAX", HEALTH),
        ("PREGNANT 30WKS", HEALTH),
        ("PREGNANCY CERT ATTACHED", HEALTH),
        ("DIABETIC", HEALTH),
        ("DIALYSIS AT DEST", HEALTH),
        ("OXYGEN REQUIRED", HEALTH),
        ("STRETCHER CASE", HEALTH),
        ("EPILEPSY", HEALTH),
        ("HIV POSITIVE", HEALTH),
        ("CANCER TREATMENT", HEALTH),
        ("CARRIES INSULIN", HEALTH),
        ("NUT ALLERGY", HEALTH),
        ("ALLERGIC TO NUTS", HEALTH),
        ("DISABLED PAX", HEALTH),
        ("CHILD WITH AUTISM", HEALTH),
        ("AUTISTIC", HEALTH),
        ("GUIDE-DOG", HEALTH),
        ("ROHINGYA FAMILY", ETHNICITY),
        ("ETHNIC MINORITY", ETHNICITY),
        ("POLITICAL ASYLUM", POLITICAL),
        ("COMMUNIST PARTY DELEGATION", POLITICAL),
        ("TRADE UNION DELEGATE", TRADE_UNION),
        ("TRADE-UNIONIST", TRADE_UNION),
        ("TEAMSTERS LOCAL 1", TRADE_UNION),
        ("GAY COUPLE", SEX_LIFE),
        ("LESBIAN", SEX_LIFE),
        ("LGBTQ GROUP", SEX_LIFE),
        ("TRANSGENDER PAX", SEX_LIFE),
        ("HOMOSEXUAL", SEX_LIFE),
        ("SAME-SEX PARTNER", SEX_LIFE),
    ],
)
def test_a_table_word_in_free_text_is_flagged(text: str, category: SensitiveCategory) -> None:
    assert POLICY.sensitive_text(text) is category


@pytest.mark.parametrize(
    "text",
    [
        "CHURCHILL",  # CHURCH
        "BLINDER",  # BLIND
        "SCHARF",
        "JEWELL",  # JEW
        "GAYLORD",  # GAY
        "ISLAMABAD",  # ISLAM
        "HINDUSTAN AERONAUTICS",  # HINDU
        "GLATTBRUGG",  # GLATT
        "PRIESTLEY",  # PRIEST
        "IMAMURA",  # IMAM
        "HAJEK",  # HAJ
        "ARCHIVE",  # HIV inside a word
        "ILLINOIS",  # ILL
        "MENTALITY",  # MENTAL
        "HOSPITALITY",  # HOSPITAL
        "PARKINSON",  # the surname, not PARKINSONS
        "DEMOCRATIC REP OF CONGO",  # DEMOCRAT
        "UNIONPAY CARD",  # no trade union
        "EUROPEAN UNION",
        "DIAMOND MEDALLION",  # MEDA is matched only whole
        "EXTRA LEGROOM",  # LEGR is matched only whole
        "SVANTE NILSSON",  # SVAN is matched only whole
        "MR CHRISTIAN JAIN",  # given name and surname, not beliefs
        "ROMA FIUMICINO",  # ROMA is a city, not in the table
        "UMNR 09YRS",  # a minor is not a special category
    ],
)
def test_a_table_word_inside_another_word_or_name_is_not_flagged(text: str) -> None:
    assert POLICY.sensitive_text(text) is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("WCHRFROMGATE", HEALTH),  # glued on the right, as in real OSI
        ("2WCHR", HEALTH),  # digits separate
        ("REQ/KSML/ALL", RELIGION),
        ("PAX.BLND.ACCOMPANIED", HEALTH),
        ("OXYGEN", HEALTH),
        ("MEDA CASE", HEALTH),
        ("MEDA/OXYG", HEALTH),
    ],
)
def test_codes_in_osi_style_text(text: str, category: SensitiveCategory) -> None:
    assert POLICY.sensitive_text(text) is category


def test_a_code_glued_on_its_left_is_missed_the_price_of_not_flagging_names() -> None:
    assert POLICY.sensitive_text("PAXWCHR") is None


@pytest.mark.parametrize(
    "text", ["kosher", "Kosher Meal", "pAx Is PrEgNaNt", "wchr from gate", "Gay", "vgml"]
)
def test_free_text_is_read_whatever_its_case(text: str) -> None:
    assert POLICY.sensitive_text(text) is not None


def test_the_first_sensitive_item_in_a_text_gives_its_category() -> None:
    assert POLICY.sensitive_text("KOSHER MEAL AND WHEELCHAIR") is RELIGION
    assert POLICY.sensitive_text("WHEELCHAIR AND KOSHER MEAL") is HEALTH


def test_empty_and_plain_texts_are_not_flagged() -> None:
    assert POLICY.sensitive_text("") is None
    assert POLICY.sensitive_text("OSI YY CTCM 4915112345678 PAX TRAVELLING WITH FAMILY") is None


# Configuration


def test_extra_codes_and_words_are_flagged_with_their_category() -> None:
    policy = POLICY.with_extra(
        ssr_codes={"bdgp": "health"}, words={"sweat lodge": "religion", "yoga retreat*": "religion"}
    )
    assert policy.sensitive_ssr("BDGP", None) is HEALTH
    assert policy.sensitive_text("PAX WITH BDGP") is HEALTH
    assert policy.sensitive_text("SWEAT-LODGE CEREMONY") is RELIGION
    assert policy.sensitive_text("YOGA RETREATS") is RELIGION
    assert POLICY.sensitive_ssr("BDGP", None) is None, "the original policy is unchanged"


def test_an_extra_entry_replaces_the_category_of_an_existing_one() -> None:
    policy = POLICY.with_extra(ssr_codes={"VGML": "health"}, words={"VEGAN*": "health"})
    assert policy.sensitive_ssr("VGML", None) is HEALTH
    assert policy.sensitive_text("VEGAN") is HEALTH


def test_policy_from_settings_takes_the_plain_setting_values() -> None:
    policy = policy_from_settings(
        drop_sensitive=True,
        keep_general_remarks=True,
        extra_ssr_codes={"NSML": "health"},
        extra_words={"PILGRIM BUS": "religion"},
    )
    assert policy.keep_general_remarks
    assert policy.sensitive_ssr("NSML", None) is HEALTH
    assert policy.sensitive_ssr("KSML", None) is RELIGION, "the built-in tables stay"
    assert policy_from_settings() == PrivacyPolicy()


@pytest.mark.parametrize(
    ("codes", "words"),
    [
        ({"WCH": "health"}, {}),  # codes have four characters
        ({"WC-R": "health"}, {}),
        ({"WCHX": "weather"}, {}),  # not a category
        ({}, {"": "health"}),  # would match everything
        ({}, {"FOO(": "health"}),  # no regex from configuration
        ({}, {"*": "health"}),
        ({}, {"ST*EM": "health"}),
        ({}, {"KOSHER": "Religion"}),  # categories by value
    ],
)
def test_bad_configuration_is_refused(codes: dict[str, str], words: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="privacy"):
        POLICY.with_extra(ssr_codes=codes, words=words)


def test_tables_given_directly_are_read_whatever_their_case() -> None:
    policy = PrivacyPolicy(ssr_codes={"ksml": RELIGION}, words={"halal": RELIGION})
    assert policy.sensitive_ssr("KSML", None) is RELIGION
    assert policy.sensitive_text("HALAL") is RELIGION
    assert policy.sensitive_text("WHEELCHAIR") is None


def test_a_bad_table_given_directly_is_refused_on_first_use() -> None:
    policy = PrivacyPolicy(words={"": HEALTH})
    with pytest.raises(ValueError, match="privacy word"):
        policy.sensitive_text("ANYTHING")


def test_drop_sensitive_false_keeps_everything() -> None:
    policy = PrivacyPolicy(drop_sensitive=False)
    assert all(policy.sensitive_ssr(code, None) is None for code in SENSITIVE_SSR_CODES)
    assert all(policy.sensitive_text(word.rstrip("*")) is None for word in SENSITIVE_WORDS)
    assert policy.sensitive_ssr("OTHS", "PAX NEEDS WHEELCHAIR") is None


def test_policies_with_the_same_tables_share_one_compiled_matcher() -> None:
    first, second = PrivacyPolicy(), PrivacyPolicy(keep_general_remarks=True)
    assert first._matcher is second._matcher
    assert first._matcher is not POLICY.with_extra(words={"X": "health"})._matcher


# Annex I point 12: unaccompanied minors


@pytest.mark.parametrize(
    "text",
    [
        "UMNR",
        "UM08",
        "UM 10 YRS",
        "UM/12",
        "OSI YY UMNR 9YRS SPEAKS FRENCH",
        "UMNRDEP GUARDIAN MRS JANE DOE MOTHER 447700900123",
        "UNACCOMPANIED MINOR",
        "Unaccompanied child, male, 9",
        "UNACC MNR",
        "MINOR TRAVELLING ALONE",
        "YPTA 15YRS",
        "ARR CTCH JOE SMITH SFO 415 555 1234",  # Amadeus form for the adult collecting a UM
        "DEP CTCM 447700900123 FATHER",
        "TO BE PICKED UP BY AUNT MARY DOE",
        "SEEN OFF BY GRANDFATHER",
        "GUARDIAN ON ARRIVAL MR JOHN DOE",
    ],
)
def test_unaccompanied_minor_remarks_are_kept(text: str) -> None:
    assert POLICY.keeps_remark(text)
    assert is_unaccompanied_minor_remark(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "VIP PAX",
        "FARE CALCULATION LON BA NYC 450.00",
        "UMBRELLA IN CABIN",  # UM begins a word
        "DRUM KIT IN HOLD",  # UM inside a word
        "SUM 10 EUR",
        "UNACCOMPANIED BAGGAGE",  # unaccompanied, but not a minor
        "HOTEL PICKUP 0800",  # a pick-up, but no one picks up a child
        "DEPARTURE LOUNGE ACCESS",
        "DEPA ESCORTED BY 2 OFFICERS",  # a deportee's escort is not a guardian
    ],
)
def test_other_general_remarks_are_not_kept(text: str) -> None:
    assert not POLICY.keeps_remark(text)


def test_keep_general_remarks_keeps_every_remark() -> None:
    policy = PrivacyPolicy(keep_general_remarks=True)
    assert policy.keeps_remark("VIP PAX")
    assert policy.keeps_remark("")


# Counting


def test_drop_counter_counts_categories_and_reasons_only() -> None:
    counter = DropCounter()
    counter.drop_sensitive(HEALTH)
    counter.drop_sensitive(HEALTH)
    counter.drop_sensitive(RELIGION)
    counter.drop_other("general_remark")
    assert counter.sensitive == {HEALTH: 2, RELIGION: 1}
    assert counter.other == {"general_remark": 1}
    assert DropCounter().sensitive == {}


# Properties


def _table_tokens() -> list[tuple[str, SensitiveCategory, bool]]:
    """Every table entry as text (phrase words spaced), its category, and whether letters may
    follow it (stems and codes that may be glued)."""
    words = [
        (word.rstrip("*"), category, word.endswith("*"))
        for word, category in SENSITIVE_WORDS.items()
    ]
    codes = [
        (code, category, code not in CODES_MATCHED_WHOLE)
        for code, category in SENSITIVE_SSR_CODES.items()
    ]
    return sorted(words + codes)


TABLE_TOKENS = _table_tokens()
# A run of letters is safe when it does not begin with any entry's first word: safe runs can
# never start a match, wherever they are.
FIRST_WORDS = tuple(sorted({token.split()[0] for token, _, _ in TABLE_TOKENS}))
SAFE_RUNS = st.text(string.ascii_letters, min_size=1, max_size=12).filter(
    lambda run: not run.upper().startswith(FIRST_WORDS)
)
SEPARATORS = st.text(" /.,-+0123456789", min_size=1, max_size=3)
SAFE_TEXT = st.lists(st.tuples(SAFE_RUNS, SEPARATORS), max_size=12).map(
    lambda parts: "".join(run + separator for run, separator in parts)
)


@given(SAFE_TEXT)
def test_text_without_a_table_word_is_never_flagged(text: str) -> None:
    assert POLICY.sensitive_text(text) is None


@given(
    before=SAFE_TEXT,
    entry=st.sampled_from(TABLE_TOKENS),
    suffix=st.text(string.ascii_uppercase, max_size=4),
    lower=st.booleans(),
    after=SAFE_TEXT,
)
def test_a_table_word_as_a_separate_word_is_flagged_with_its_category(
    before: str,
    entry: tuple[str, SensitiveCategory, bool],
    suffix: str,
    lower: bool,
    after: str,
) -> None:
    token, category, may_be_glued = entry
    token += suffix if may_be_glued else ""
    text = f"{before} {token.lower() if lower else token} {after}"
    assert POLICY.sensitive_text(text) is category
