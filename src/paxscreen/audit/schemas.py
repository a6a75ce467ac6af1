from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from paxscreen.schemas import Schema


class AuditEntryRead(Schema):
    seq: int = Field(description="position in the chain (gaps are rolled-back transactions)")
    at: datetime
    actor: str = Field(description='"key:<prefix>", or the operator of the offline CLI')
    actor_key_id: uuid.UUID | None
    actor_label: str
    role: str
    action: str
    record_type: str
    record_ids: list[str]
    endpoint: str = Field(description='e.g. "GET /v1/travellers/{traveller_id}"')
    detail: dict[str, Any] = Field(description="filters and counts; never personal data")
    prev_hash: str
    hash: str


class AuditPage(Schema):
    items: list[AuditEntryRead]
    total: int
    limit: int
    offset: int
