"""AIRIMP contacts in PNR free text: CTCE / CTCM / CTCH ... (in SSRs, OSIs and ADD), phone
numbers, and the e-mail encoding. Pure functions.

E-mail addresses in CTCE (AIRIMP 3.20.1, as the Amadeus and airline guides spell it out): ``//``
stands for ``@``, ``..`` for ``_`` and ``./`` for ``-``, because those characters are not in the
Type-B character set. A raw ``-`` therefore never belongs to the address: it starts the passenger
association (``-1.1``), and a remaining ``/`` starts the language or passenger suffix (``/EN``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_EMAIL_CODES = {"//": "@", "..": "_", "./": "-"}


def decode_email(text: str) -> str:
    """An AIRIMP-encoded e-mail address (``MOLLY..LOBB//GMAIL.COM``) as sent by a mail server
    (``MOLLY_LOBB@GMAIL.COM``), without the passenger association (``-1.1``) or the language or
    passenger suffix (``/EN``, ``/P1``) that may follow it. Addresses already written with ``@``
    pass through. Read left to right; ``A.//B`` is ``A.@B`` (never ``A-/B``) and ``A.///B`` is
    ``A-@B``. The encoding is ambiguous where special characters meet (``A....B`` may be
    ``A__B`` or ``A_.B``...): such addresses are rare, and read the first way."""
    text = "".join(text.split()).upper()
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        pair = text[index : index + 2]
        if (
            pair == "./"
            and text[index + 1 : index + 3] == "//"
            and text[index + 3 : index + 4] != "/"
        ):
            pair = "."  # ".//": a dot, then the @; but ".///" is "-@"
        code = _EMAIL_CODES.get(pair)
        if code is not None:
            out.append(code)
            index += 2
            continue
        char = text[index]
        if char in "-/":  # a raw hyphen or slash ends the address
            break
        out.append(char)
        index += 1
    return "".join(out)


def encode_email(address: str) -> str:
    """An e-mail address in AIRIMP form: the inverse of ``decode_email``."""
    return address.upper().replace("-", "./").replace("_", "..").replace("@", "//")


class ContactText(NamedTuple):
    kind: str  # email, phone, address, or the CTC code as sent (CTCR: refused)
    value: str


_CONTACT_START = re.compile(r"(?:[A-Z0-9]{2}\s+)?CTC")
_PHONE = re.compile(r"\+?\d[\d\s\-().]{3,}\d")
PHONE_KINDS = frozenset({"", "M", "H", "B", "P", "T", "F", "U"})


def read_contact_text(text: str) -> ContactText | None:
    """A contact in free text: an optional airline prefix, CTC, a one-letter kind (E e-mail,
    A address, M H B P T ... phones; some senders write ``CTC M``), then the value, e.g.
    ``CTCE MOLLY..LOBB//GMAIL.COM``, ``YY CTC M 123456789``, ``CTCT SEA 866 746-4647``. None
    when the text is not a contact, or a phone contact holds no phone number."""
    upper = text.strip().upper()
    start = _CONTACT_START.match(upper)
    if start is None:
        return None
    rest = upper[start.end() :]
    letter = ""
    if rest[:1].isalpha():
        letter, rest = rest[0], rest[1:]
    elif rest[:1] == " " and rest[1:2].isalpha() and rest[2:3] in (" ", "/", "-", ""):
        letter, rest = rest[1], rest[2:]
    value = rest.strip(" /-")
    if letter == "E":
        email = decode_email(value)
        return ContactText("email", email) if email else None
    if letter == "A":
        return ContactText("address", value) if value else None
    if letter in PHONE_KINDS:
        phone = normalise_phone(value)
        return ContactText("phone", phone) if phone else None
    return ContactText(f"CTC{letter}", value) if value else None


def normalise_phone(text: str) -> str | None:
    """The first phone number in ``text`` as digits (with a leading + when sent), or None."""
    numbers = phone_numbers(text)
    return numbers[0] if numbers else None


def phone_numbers(text: str) -> list[str]:
    """Every phone number in ``text`` (``H5555555555 W 1 555 555 5555`` holds two), as digits
    with a leading + when sent."""
    found = []
    for match in _PHONE.finditer(text):
        raw = match[0]
        digits = "".join(char for char in raw if char.isdigit())
        found.append(f"+{digits}" if raw.startswith("+") else digits)
    return found
