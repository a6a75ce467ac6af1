"""Roles and the principal a request acts as. Pure: no web, no SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

ALL_CARRIERS = "*"


class Role(StrEnum):
    CARRIER = "carrier"  # pushes messages for its airlines; reads only its own receipts
    ANALYST = "analyst"  # reads flights, travellers and messages
    ADMIN = "admin"  # manages keys (later also watchlists and rules)
    AUDITOR = "auditor"  # reads the audit trail and metrics


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's identity, role and the airlines it may act for."""

    key_id: uuid.UUID | None
    prefix: str
    role: Role
    carriers: frozenset[str]
    label: str = ""

    def may_act_for(self, carrier: str) -> bool:
        return ALL_CARRIERS in self.carriers or carrier.upper() in self.carriers

    @property
    def all_carriers(self) -> bool:
        return ALL_CARRIERS in self.carriers

    @property
    def shown_as(self) -> str:
        """How a person reads the principal in histories: the key's label, else its name."""
        return self.label or self.name

    @property
    def name(self) -> str:
        """How the principal appears in records: ``key:<prefix>`` (the prefix is not secret)."""
        return f"key:{self.prefix}"
