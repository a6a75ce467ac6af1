from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from paxscreen.schemas import Schema

PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DocumentQuery(Schema):
    type: str | None = Field(None, max_length=20)
    number: str = Field(min_length=1, max_length=70)
    issuing_state: str | None = Field(None, max_length=60, description="alpha-2, alpha-3 or name")


class ScreenRequest(Schema):
    """A person to screen: ``name`` (full name, any script) or ``surname`` and ``given_names``."""

    name: str | None = Field(None, max_length=400)
    surname: str | None = Field(None, max_length=200)
    given_names: str | None = Field(None, max_length=200)
    date_of_birth: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    gender: Literal["M", "F", "U"] | None = None
    nationality: str | None = Field(None, max_length=60, description="alpha-2, alpha-3 or name")
    documents: list[DocumentQuery] = Field(default_factory=list, max_length=10)
    threshold: float | None = Field(None, ge=0, le=1, description="default: each list's own")
    limit: int = Field(10, ge=1, le=100)
    lists: list[uuid.UUID] | None = Field(None, description="default: every active list")

    @field_validator("date_of_birth")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value is not None and not PARTIAL_DATE.match(value):
            raise ValueError("date_of_birth must be YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @model_validator(mode="after")
    def _a_name(self) -> ScreenRequest:
        if not (self.name and self.name.strip()) and not (self.surname and self.surname.strip()):
            raise ValueError("give a name, or a surname (with given_names)")
        return self


class EvidenceRead(Schema):
    field: str
    outcome: str
    weight: float
    detail: str
    query_value: str | None = None
    list_value: str | None = None


class MatchRead(Schema):
    watchlist_id: uuid.UUID
    watchlist: str
    entry_id: uuid.UUID
    reference: str
    name: str = Field(description="the listed name that matched")
    score: float
    threshold: float
    explanation: list[EvidenceRead]


class ScreenResponse(Schema):
    matches: list[MatchRead]


class HitRead(Schema):
    id: uuid.UUID
    source: Literal["watchlist", "rule"] = Field(description="what raised the hit")
    watchlist_id: uuid.UUID | None = Field(description="for a watchlist hit")
    entry_id: uuid.UUID | None = Field(description="for a watchlist hit")
    list_version: int | None = Field(description="for a watchlist hit")
    entry_version: int | None = Field(description="for a watchlist hit")
    rule_id: uuid.UUID | None = Field(description="for a rule hit")
    rule_version: int | None = Field(description="for a rule hit: the version that raised it")
    matched_name: str = Field(description="the listed name, or the rule's title")
    score: float
    trigger: str = Field(description="ingest, list_change or rule_change")
    subject_version: int
    message_id: uuid.UUID | None
    algorithm: str
    explanation: list[EvidenceRead]
    status: str
    created_at: datetime
