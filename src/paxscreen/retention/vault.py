"""The vault: what masking took out, encrypted (Fernet: AES-128-CBC with HMAC-SHA256) with a
key kept outside the database, so that only an authorised unmasking can read it again."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet


class Vault:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    @classmethod
    def from_file(cls, path: str | Path) -> Vault:
        """The key in ``path``, made there (readable by its owner only) on first use."""
        file = Path(path)
        if not file.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(Fernet.generate_key())
        return cls(file.read_bytes().strip())

    def seal(self, values: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(values, default=str).encode())

    def open(self, sealed: bytes) -> dict[str, Any]:
        opened: dict[str, Any] = json.loads(self._fernet.decrypt(sealed))
        return opened
