"""Payment card numbers out of a body before it is stored. Pure.

A PNR push may carry a card number in full (FOP in EDIFACT, a card element or attribute in XML).
paxscreen keeps only a card's type, last four digits and expiry, and that must hold for the stored
raw body too, so the body is redacted before it is first written: every number of 13 to 19
digits (written together, or in groups split by single spaces or dashes) that passes the Luhn
check and stands within a few dozen characters after a payment marker (EDIFACT FOP; XML names
with "card", "account" or "payment", such as PaymentInfo/@AccountNbr) has all but its last four
digits replaced by X. Ticket, phone and document numbers stand elsewhere; the payment context and
the Luhn check together keep them out. This is the only change ever made to a received body, and
the receipt counts it.
"""

from __future__ import annotations

import re

_MARKERS = (b"FOP", b"CARD", b"ACCOUNT", b"PAYMENT")
_CARD = re.compile(
    rb"(?i)(?P<context>(?:FOP|card|account|payment)[^\n]{0,80}?)"
    rb"(?<![\d-])(?P<number>\d(?:[ -]?\d){12,18})(?![\d-])"
)


def luhn_valid(digits: bytes) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = char - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def redact_card_numbers(body: bytes) -> tuple[bytes, int]:
    """The body with full card numbers masked, and how many were masked."""
    count = 0

    def mask(match: re.Match[bytes]) -> bytes:
        nonlocal count
        number = match.group("number")
        digits = number.replace(b" ", b"").replace(b"-", b"")
        if not 13 <= len(digits) <= 19 or not luhn_valid(digits):
            return match.group(0)
        count += 1
        return match.group("context") + b"X" * (len(digits) - 4) + digits[-4:]

    upper = body.upper()
    if not any(marker in upper for marker in _MARKERS):
        return body, 0
    return _CARD.sub(mask, body), count
