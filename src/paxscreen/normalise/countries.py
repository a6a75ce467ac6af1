"""Country names and codes as lists write them, into ISO 3166 alpha-3.

Codes go through paxscreen.normalise.codes.check_country. Names are looked up, case and spacing
ignored, among pycountry's names (short, official and common, with "Korea, Republic of" also
read as "Republic of Korea"), the UN's "Iran (Islamic Republic of)" style, and a small table of
UN spellings and nationality adjectives met in UN lists. Anything else is kept as listed, with
the ``unknown_country`` warning code. Only whole names are matched: "na" (not available) is not
Namibia, and "Sudan/South Sudan" stays as it is.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from paxscreen.normalise.codes import UNKNOWN_COUNTRY, CodeCheck, check_country

UN_SPELLINGS: dict[str, str] = {
    "Democratic Republic of the Congo": "COD",
    "Iran (Islamic Republic of)": "IRN",
    "Syrian Arab Republic": "SYR",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Russian Federation": "RUS",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Democratic People's Republic of Korea": "PRK",
    "RPDC": "PRK",  # French initials, as one UN entry gives them
    "Republic of Korea": "KOR",
    "United Republic of Tanzania": "TZA",
    "State of Palestine": "PSE",
    "Palestinian Territories": "PSE",
    "Netherlands (Kingdom of the)": "NLD",
    "Bolivia (Plurinational State of)": "BOL",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Micronesia (Federated States of)": "FSM",
    "Republic of Moldova": "MDA",
    "Lao People's Democratic Republic": "LAO",
}

# Nationality adjectives that UN entries give instead of a country name.
NATIONALITY_ADJECTIVES: dict[str, str] = {
    "Afghan": "AFG",
    "Algerian": "DZA",
    "Egyptian": "EGY",
    "German": "DEU",
    "Iraqi": "IRQ",
    "Jordanian": "JOR",
    "Kuwaiti": "KWT",
    "Libyan": "LBY",
    "Moroccan": "MAR",
    "Pakistani": "PAK",
    "Palestinian": "PSE",
    "Saudi Arabian": "SAU",
    "Somali": "SOM",
    "Syrian": "SYR",
    "Tunisian": "TUN",
    "Yemeni": "YEM",
}

_CODE = re.compile(r"[A-Z]{2,3}")
_UN_PARENTHESES = re.compile(r"(.+?) \((.+ of(?: the)?)\)")  # "Iran (Islamic Republic of)"


def collapse_spaces(text: str | None) -> str:
    """``text`` stripped, with every run of white space (line breaks included) one space."""
    return " ".join(text.split()) if text else ""


def _key(name: str) -> str:
    name = collapse_spaces(name).casefold().rstrip(".")
    return name.removeprefix("the ")


@cache
def _names() -> dict[str, str]:
    import pycountry  # deferred: loading the ISO tables costs tens of milliseconds

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            names[_key(name)] = country.alpha_3
            head, comma, tail = name.partition(", ")
            if comma:  # "Congo, The Democratic Republic of the" -> "the democratic ... congo"
                names[_key(f"{tail} {head}")] = country.alpha_3
    for table in (UN_SPELLINGS, NATIONALITY_ADJECTIVES):
        names.update({_key(name): code for name, code in table.items()})
    return names


def country_code_for_name(name: str) -> str | None:
    """The alpha-3 code of the country ``name`` stands for, or None."""
    key = _key(name)
    if not key:
        return None
    code = _names().get(key)
    if code is None and (match := _UN_PARENTHESES.fullmatch(key)):
        code = _names().get(_key(f"{match.group(2)} {match.group(1)}"))
    return code


@lru_cache(maxsize=4096)
def resolve_country(value: str) -> CodeCheck:
    """``value`` (a code or a name) as alpha-3, or as listed (spaces collapsed) with the
    ``unknown_country`` code. Upper-case two- and three-letter values are read as codes (an
    alpha-2 code gives ``country_alpha2``); anything else as a name."""
    value = collapse_spaces(value)
    if _CODE.fullmatch(value):
        return check_country(value)
    code = country_code_for_name(value)
    return CodeCheck(code, None) if code else CodeCheck(value, UNKNOWN_COUNTRY)
