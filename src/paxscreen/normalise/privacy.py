"""What a PNR may keep: the sensitive-data filter (Directive 2016/681 art. 13(4)) and the narrow
reading of Annex I point 12 (CJEU C-817/19). Pure: the normalisers ask, this module answers.

CONTRACT: ``PrivacyPolicy`` and ``DropCounter`` with the methods below are what the PNRGOV
normalisers (EDIFACT and XML) call for every SSR and every free-text item before keeping it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from paxscreen.normalise.canonical_pnr import SensitiveCategory

# Special service request codes that reveal a special category by themselves.
SENSITIVE_SSR_CODES: dict[str, SensitiveCategory] = {
    "KSML": SensitiveCategory.RELIGION,  # kosher meal
    "MOML": SensitiveCategory.RELIGION,  # Muslim meal
    "HNML": SensitiveCategory.RELIGION,  # Hindu meal
    "VJML": SensitiveCategory.RELIGION,  # Jain meal
    "DBML": SensitiveCategory.HEALTH,  # diabetic meal
    "GFML": SensitiveCategory.HEALTH,  # gluten-free meal
    "WCHR": SensitiveCategory.HEALTH,  # wheelchair
    "WCHS": SensitiveCategory.HEALTH,
    "WCHC": SensitiveCategory.HEALTH,
    "BLND": SensitiveCategory.HEALTH,
    "DEAF": SensitiveCategory.HEALTH,
    "MEDA": SensitiveCategory.HEALTH,
    "OXYG": SensitiveCategory.HEALTH,
    "STCR": SensitiveCategory.HEALTH,
}

# Words in free text (OSI, IFT, SSR text) that reveal a special category.
SENSITIVE_WORDS: dict[str, SensitiveCategory] = {
    "KOSHER": SensitiveCategory.RELIGION,
    "HALAL": SensitiveCategory.RELIGION,
    "MUSLIM": SensitiveCategory.RELIGION,
    "WHEELCHAIR": SensitiveCategory.HEALTH,
    "PREGNANT": SensitiveCategory.HEALTH,
}


@dataclass(frozen=True)
class PrivacyPolicy:
    """The default drops every special-category item and every general remark that is not about
    an unaccompanied minor; both are settings (``PAXSCREEN_PRIVACY__...``)."""

    drop_sensitive: bool = True
    keep_general_remarks: bool = False
    ssr_codes: dict[str, SensitiveCategory] = field(
        default_factory=lambda: dict(SENSITIVE_SSR_CODES)
    )
    words: dict[str, SensitiveCategory] = field(default_factory=lambda: dict(SENSITIVE_WORDS))

    def sensitive_ssr(self, code: str, text: str | None) -> SensitiveCategory | None:
        """The special category an SSR reveals (by its code or its free text), or None."""
        category = self.ssr_codes.get(code.strip().upper())
        return category or (self.sensitive_text(text) if text else None)

    def sensitive_text(self, text: str) -> SensitiveCategory | None:
        """The special category a free text reveals, or None."""
        upper = text.upper()
        for word, category in self.words.items():
            if word in upper:
                return category
        return None

    def keeps_remark(self, text: str) -> bool:
        """Whether a general remark (not a contact, not an SSR) may be kept under Annex I point 12
        as the Court read it: only unaccompanied-minor information, unless configured wider."""
        return (
            self.keep_general_remarks or "UMNR" in text.upper() or "UNACCOMPANIED" in text.upper()
        )


@dataclass
class DropCounter:
    """What the filters dropped in one push, by category; never what it said."""

    sensitive: Counter[SensitiveCategory] = field(default_factory=Counter)
    other: Counter[str] = field(default_factory=Counter)

    def drop_sensitive(self, category: SensitiveCategory) -> None:
        self.sensitive[category] += 1

    def drop_other(self, reason: str) -> None:
        self.other[reason] += 1
