"""Code lists: countries, airports, gender and travel-document types.

Every check returns the value to keep and, when the code is not one we know, the stable warning
code to report. Nothing is ever rejected: an unknown code is kept as sent (upper-cased) so a
human can still read it. Reference data (pycountry, airportsdata) is loaded on first use, never
at import, and each distinct input is looked up once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from airportsdata import Airport as AirportsDataRow

# ICAO Doc 9303 part 3 codes that are not ISO 3166 alpha-3 but appear on travel documents.
ICAO_SPECIAL_COUNTRIES: dict[str, str] = {
    "D": "Germany (one-letter MRZ code)",
    "EUE": "European Union",
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "RKS": "Kosovo",
    "UNA": "Specialized agency of the United Nations",
    "UNK": "Resident of Kosovo (UNMIK)",
    "UNO": "United Nations Organization",
    "XBA": "African Development Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XDC": "Southern African Development Community",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XIM": "African Export-Import Bank",
    "XKX": "Kosovo (EU usage)",
    "XMP": "Interpol",
    "XOM": "Sovereign Military Order of Malta",
    "XPO": "Interpol",
    "XXA": "Stateless person",
    "XXB": "Refugee (1951 Convention)",
    "XXC": "Refugee (other)",
    "XXX": "Unspecified nationality",
}

# ATT+2 gender: ICAO 9303 M/F/X, and U (unknown) as seen in China iAPI.
GENDER_CODES = frozenset({"M", "F", "U", "X"})

# DOC document name codes seen across the WCO/IATA profile and the US and China MIGs.
DOCUMENT_TYPES: dict[str, str] = {
    "P": "Passport",
    "PT": "Passport (Taiwan)",
    "V": "Visa",
    "I": "Identity card",
    "IP": "Passport card",
    "A": "Alien registration / resident card",
    "AC": "Crew member certificate",
    "C": "Permanent resident card",
    "F": "Facilitation document",
    "G": "Group document",
    "IN": "NEXUS card",
    "IS": "SENTRI card",
    "L": "Pilot licence",
    "M": "Military identification",
    "MA": "Merchant mariner document",
    "T": "Travel permit / re-entry permit",
    "U": "Refugee travel document",
    "W": "Work permit",
    "Z": "Other",
}

UNKNOWN_COUNTRY = "unknown_country"
COUNTRY_ALPHA2 = "country_alpha2"
UNKNOWN_AIRPORT = "unknown_airport"
UNKNOWN_GENDER = "unknown_gender"
UNKNOWN_DOCUMENT_TYPE = "unknown_document_type"


class CodeCheck(NamedTuple):
    """A code as we keep it, and the warning code to report (None when the code is known)."""

    value: str
    warning: str | None


class Airport(NamedTuple):
    code: str  # IATA
    name: str
    time_zone: str  # IANA zone name
    country: str  # ISO 3166 alpha-3 where known, else the alpha-2 from the source


@cache
def _alpha2_to_alpha3() -> dict[str, str]:
    import pycountry  # deferred: loading the ISO tables costs tens of milliseconds

    return {country.alpha_2: country.alpha_3 for country in pycountry.countries}


@cache
def _known_countries() -> frozenset[str]:
    return frozenset(_alpha2_to_alpha3().values()) | ICAO_SPECIAL_COUNTRIES.keys()


@lru_cache(maxsize=4096)
def check_country(code: str) -> CodeCheck:
    """An ISO 3166 alpha-3 or ICAO 9303 code. Alpha-2 codes are mapped to alpha-3 (with the
    ``country_alpha2`` warning, since the MIG asks for alpha-3); anything else is kept as sent
    with ``unknown_country``."""
    code = code.strip().upper()
    if code in _known_countries():
        return CodeCheck(code, None)
    alpha3 = _alpha2_to_alpha3().get(code) if len(code) == 2 else None
    if alpha3 is not None:
        return CodeCheck(alpha3, COUNTRY_ALPHA2)
    return CodeCheck(code, UNKNOWN_COUNTRY)


@cache
def _airport_table() -> dict[str, AirportsDataRow]:
    import airportsdata  # deferred: about 8,000 airports, ~150 ms to load

    return airportsdata.load("IATA")


@lru_cache(maxsize=4096)
def airport(code: str) -> Airport | None:
    """The IATA airport ``code``, or None when it is not in airportsdata."""
    code = code.strip().upper()
    row = _airport_table().get(code)
    if row is None:
        return None
    alpha2 = row["country"]
    return Airport(
        code=code,
        name=row["name"],
        time_zone=row["tz"],
        country=_alpha2_to_alpha3().get(alpha2, alpha2),
    )


@lru_cache(maxsize=4096)
def check_airport(code: str) -> CodeCheck:
    """An IATA airport code, kept as sent (upper-cased); ``unknown_airport`` if not listed."""
    code = code.strip().upper()
    return CodeCheck(code, None if airport(code) is not None else UNKNOWN_AIRPORT)


def check_gender(code: str) -> CodeCheck:
    code = code.strip().upper()
    return CodeCheck(code, None if code in GENDER_CODES else UNKNOWN_GENDER)


def check_document_type(code: str) -> CodeCheck:
    code = code.strip().upper()
    return CodeCheck(code, None if code in DOCUMENT_TYPES else UNKNOWN_DOCUMENT_TYPE)
