from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from paxscreen.access.roles import Role
from paxscreen.schemas import Schema


class KeyCreate(Schema):
    role: Role
    carriers: list[str] = Field(
        default_factory=list,
        description="airline designators a carrier key may push for; ['*'] for every airline",
    )
    label: str = Field("", max_length=200, description="who or what uses the key")


class KeyRead(Schema):
    id: uuid.UUID
    prefix: str
    role: Role
    carriers: list[str]
    label: str
    created_at: datetime
    revoked_at: datetime | None


class KeyCreated(KeyRead):
    key: str = Field(description="the key itself; shown once, store it now")


class KeyPage(Schema):
    items: list[KeyRead]
