from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from paxscreen.schemas import Schema

RecordType = Literal["traveller", "booking"]


class ExceptionCreate(Schema):
    record_type: RecordType
    record_id: uuid.UUID
    justification: str = Field(min_length=10, max_length=4000, description="why it is kept")
    until: datetime = Field(description="the end date: masking resumes after it")


class ExceptionRead(ExceptionCreate):
    id: uuid.UUID
    created_by: str
    created_at: datetime


class ExceptionPage(Schema):
    items: list[ExceptionRead]
    total: int
    limit: int
    offset: int


class ApprovalCreate(Schema):
    record_type: Literal["traveller", "booking", "message"]
    record_id: uuid.UUID
    grantee_key_id: uuid.UUID = Field(description="the key (an analyst's) allowed to unmask")
    decision_reference: str = Field(
        min_length=3, max_length=200, description="the authorising decision, e.g. a court order"
    )
    purpose: str = Field(min_length=10, max_length=2000)
    valid_until: datetime


class ApprovalRead(ApprovalCreate):
    id: uuid.UUID
    approved_by: str
    created_at: datetime


class UnmaskedRecord(Schema):
    record_type: str
    record_id: uuid.UUID
    masked_at: datetime
    approval_id: uuid.UUID
    values: dict[str, Any] = Field(description="what masking took out, as it was")


class SubjectQuery(Schema):
    surname: str | None = Field(None, min_length=1, max_length=200)
    date_of_birth: date | None = None
    document_number: str | None = Field(None, min_length=3, max_length=70)

    @model_validator(mode="after")
    def _something(self) -> SubjectQuery:
        if not (self.surname or self.date_of_birth or self.document_number):
            raise ValueError("give a surname, a date of birth or a document number")
        return self


class SubjectTravellerRecord(Schema):
    kind: Literal["api", "pnr"]
    id: uuid.UUID
    flight_id: uuid.UUID
    booking_id: uuid.UUID | None
    surname: str
    given_names: str
    date_of_birth: date | None
    masked: bool


class SubjectHitRecord(Schema):
    id: uuid.UUID
    subject: str
    source: str
    status: str
    score: float
    created_at: datetime
    decisions: list[dict[str, Any]]


class SubjectReport(Schema):
    query: SubjectQuery
    travellers: list[SubjectTravellerRecord]
    hits: list[SubjectHitRecord]


class ErasureRequest(Schema):
    travellers: list[uuid.UUID] = Field(default_factory=list, description="API traveller ids")
    bookings: list[uuid.UUID] = Field(default_factory=list)
    reason: str = Field(min_length=10, max_length=2000, description="the decision to erase")


class ErasureResult(Schema):
    travellers: int
    bookings: int


class Rectification(Schema):
    """Corrected values for one traveller. Only the fields given change."""

    kind: Literal["api", "pnr"] = Field(description="an API traveller or a PNR traveller")
    id: uuid.UUID
    surname: str | None = Field(None, min_length=1, max_length=200)
    given_names: str | None = Field(None, max_length=200)
    date_of_birth: date | None = None
    reason: str = Field(min_length=10, max_length=2000, description="the decision to rectify")

    def changes(self) -> dict[str, Any]:
        fields = self.model_dump(include={"surname", "given_names", "date_of_birth"})
        return {
            name: " ".join(value.upper().split()) if isinstance(value, str) else value
            for name, value in fields.items()
            if value is not None
        }


class RectificationResult(Schema):
    kind: str
    id: uuid.UUID
    fields: list[str] = Field(description="the fields corrected (their values are not echoed)")
