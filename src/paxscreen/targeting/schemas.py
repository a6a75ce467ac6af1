from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from paxscreen.schemas import Schema

Severity = Literal["low", "medium", "high", "critical"]
BandName = Literal["none", "low", "medium", "high"]


class RuleFields(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=4000)
    expression: str = Field(
        min_length=1,
        max_length=4000,
        description="CEL over the rule context (GET /v1/rules/context), yielding a bool",
        examples=['booking.present && booking.payment_form == "CASH" && booking.one_way'],
    )
    severity: Severity = "medium"
    weight: float = Field(0.5, ge=0, le=1, description="how much a hit counts, 0 to 1")
    category: str = Field("general", min_length=1, max_length=50)
    effective_from: datetime | None = None
    effective_to: datetime | None = None
    active: bool = True

    @model_validator(mode="after")
    def _period(self) -> RuleFields:
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        return self


class RuleCreate(RuleFields):
    pass


class RuleUpdate(Schema):
    """Only the fields to change; every change makes a new version."""

    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=4000)
    expression: str | None = Field(None, min_length=1, max_length=4000)
    severity: Severity | None = None
    weight: float | None = Field(None, ge=0, le=1)
    category: str | None = Field(None, min_length=1, max_length=50)
    effective_from: datetime | None = None
    effective_to: datetime | None = None
    active: bool | None = None


class RuleVersionRead(Schema):
    rule_id: uuid.UUID
    version: int
    title: str
    description: str
    expression: str
    severity: Severity
    weight: float
    category: str
    effective_from: datetime | None
    effective_to: datetime | None
    active: bool
    author: str
    recorded_at: datetime


class RuleRead(RuleVersionRead):
    id: uuid.UUID
    fields: list[str] = Field(description="the context fields the expression reads")


class RulePage(Schema):
    items: list[RuleRead]
    total: int
    limit: int
    offset: int


class RuleTestRequest(Schema):
    expression: str | None = Field(None, min_length=1, max_length=4000)
    rule_id: uuid.UUID | None = Field(None, description="a saved rule's current version instead")
    departure_from: datetime = Field(alias="from", description="flights departing from (UTC)")
    departure_to: datetime = Field(alias="to", description="flights departing until (UTC)")
    sample_size: int = Field(20, ge=0, le=200)

    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_source(self) -> RuleTestRequest:
        if (self.expression is None) == (self.rule_id is None):
            raise ValueError("give either expression or rule_id")
        if self.departure_to < self.departure_from:
            raise ValueError("to is before from")
        return self


class RuleTestSample(Schema):
    subject: str
    traveller_id: uuid.UUID | None
    pnr_traveller_id: uuid.UUID | None
    flight_id: uuid.UUID
    departure_utc: datetime | None
    values: dict[str, Any] = Field(description="what the rule read, field by field")


class RuleTestResult(Schema):
    count: int = Field(description="travellers the rule fires on")
    evaluated: int = Field(description="travellers departing in the range")
    undecided: int = Field(description="travellers the rule could not be decided for")
    sample: list[RuleTestSample]


class Contribution(Schema):
    hit_id: uuid.UUID
    source: Literal["watchlist", "rule"]
    name: str
    status: str
    severity: str
    value: float
    counted: bool
    how: str
    watchlist_id: uuid.UUID | None
    list_version: int | None
    rule_id: uuid.UUID | None
    rule_version: int | None
    message_id: uuid.UUID | None


class AssessmentRead(Schema):
    subject: str
    traveller_id: uuid.UUID | None
    pnr_traveller_id: uuid.UUID | None
    flight_id: uuid.UUID
    departure_utc: datetime | None
    score: float
    band: BandName
    formula: str
    subject_version: int
    contributions: list[Contribution]
    assessed_at: datetime


class AssessmentPage(Schema):
    items: list[AssessmentRead]
    total: int
    limit: int
    offset: int
