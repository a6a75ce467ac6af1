"""API key format, generation and hashing. Pure.

A key looks like ``pxs_<prefix>_<secret>``: the 8-hex-digit prefix finds the stored row without
revealing anything, the 32-character secret carries 192 random bits. Only SHA-256 of the whole key
is stored; a slow password hash buys nothing for keys with this much entropy.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_PATTERN = re.compile(r"^pxs_([0-9a-f]{8})_([A-Za-z0-9_-]{32})$")
CARRIER_PATTERN = re.compile(r"^(\*|[A-Z0-9]{2,3})$")


@dataclass(frozen=True, slots=True)
class NewKey:
    prefix: str
    secret_hash: str
    plaintext: str  # shown once, never stored


def generate_key() -> NewKey:
    prefix = secrets.token_hex(4)
    plaintext = f"pxs_{prefix}_{secrets.token_urlsafe(24)}"
    return NewKey(prefix=prefix, secret_hash=hash_key(plaintext), plaintext=plaintext)


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def prefix_of(plaintext: str) -> str | None:
    """The lookup prefix of a well-formed key, or None for anything else."""
    match = KEY_PATTERN.match(plaintext)
    return match.group(1) if match else None


def hashes_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def normalise_carriers(carriers: list[str]) -> list[str]:
    """Upper-case, de-duplicate and check airline designators ('*' means every airline)."""
    cleaned = sorted({carrier.strip().upper() for carrier in carriers if carrier.strip()})
    bad = [carrier for carrier in cleaned if not CARRIER_PATTERN.match(carrier)]
    if bad:
        raise ValueError(f"not an airline designator: {', '.join(bad)} (2-3 letters/digits or '*')")
    return cleaned
