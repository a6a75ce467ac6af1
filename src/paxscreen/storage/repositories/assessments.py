"""Reads for the risk assessment (the travellers, flights, links and hits it weighs) and the
writes of its results."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select

from paxscreen.storage.models import (
    Assessment,
    Flight,
    PnrTraveller,
    RuleVersion,
    ScreeningHit,
    TravelDocument,
    Traveller,
    TravellerLink,
    Watchlist,
)
from paxscreen.storage.session import Session
from paxscreen.storage.statements import chunks, upsert_insert

REPLACED = ("score", "band", "contributions", "subject_version", "formula", "assessed_at")


@dataclass(frozen=True, slots=True)
class WeighedHit:
    """A hit as the score weighs it, with the severity and weight of what raised it."""

    id: uuid.UUID
    subject: str
    source: str
    status: str
    score: float
    name: str  # the listed name, or the rule's title
    severity: str
    weight: float  # 1.0 for a watchlist hit; the rule version's weight for a rule hit
    watchlist_id: uuid.UUID | None
    list_version: int | None
    rule_id: uuid.UUID | None
    rule_version: int | None
    message_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class AssessmentFilter:
    flight_id: uuid.UUID | None = None
    band: Sequence[str] = ()
    departure_from: datetime | None = None
    departure_to: datetime | None = None


class AssessmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def api_travellers(self, ids: Sequence[uuid.UUID]) -> Sequence[Traveller]:
        out: list[Traveller] = []
        for part in chunks(ids):
            query = select(Traveller).where(Traveller.id.in_(part))
            out.extend((await self.session.execute(query)).scalars().all())
        return out

    async def documents(self, traveller_ids: Sequence[uuid.UUID]) -> Sequence[TravelDocument]:
        out: list[TravelDocument] = []
        for part in chunks(traveller_ids):
            query = select(TravelDocument).where(TravelDocument.traveller_id.in_(part))
            out.extend((await self.session.execute(query)).scalars().all())
        return out

    async def pnr_travellers(self, ids: Sequence[uuid.UUID]) -> Sequence[PnrTraveller]:
        out: list[PnrTraveller] = []
        for part in chunks(ids):
            query = select(PnrTraveller).where(PnrTraveller.id.in_(part))
            out.extend((await self.session.execute(query)).scalars().all())
        return out

    async def flights(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Flight]:
        out: dict[uuid.UUID, Flight] = {}
        for part in chunks(ids):
            query = select(Flight).where(Flight.id.in_(part))
            out.update((f.id, f) for f in (await self.session.execute(query)).scalars())
        return out

    async def linked_pnr(
        self, traveller_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[uuid.UUID, int]]:
        """API traveller -> (booking, position) of the PNR traveller surely linked to it."""
        out: dict[uuid.UUID, tuple[uuid.UUID, int]] = {}
        for part in chunks(traveller_ids):
            query = (
                select(TravellerLink.traveller_id, PnrTraveller.booking_id, PnrTraveller.position)
                .join(PnrTraveller, PnrTraveller.id == TravellerLink.pnr_traveller_id)
                .where(TravellerLink.traveller_id.in_(part), TravellerLink.status == "linked")
            )
            for traveller_id, booking_id, position in await self.session.execute(query):
                out[traveller_id] = (booking_id, position)
        return out

    async def linked_api_travellers(
        self, flight_id: uuid.UUID
    ) -> list[tuple[uuid.UUID, uuid.UUID, int]]:
        """(id, flight, version) of the flight's API travellers surely linked to a PNR."""
        query = (
            select(Traveller.id, Traveller.flight_id, Traveller.version)
            .join(TravellerLink, TravellerLink.traveller_id == Traveller.id)
            .where(TravellerLink.flight_id == flight_id, TravellerLink.status == "linked")
            .distinct()
        )
        return [(i, f, v) for i, f, v in await self.session.execute(query)]

    async def hits_of(self, subjects: Sequence[str]) -> list[WeighedHit]:
        """Every hit of the subjects, with what the score needs of its list or rule version."""
        out: list[WeighedHit] = []
        for part in chunks(subjects):
            query = (
                select(
                    ScreeningHit,
                    Watchlist.severity,
                    RuleVersion.severity,
                    RuleVersion.weight,
                    RuleVersion.title,
                )
                .outerjoin(Watchlist, Watchlist.id == ScreeningHit.watchlist_id)
                .outerjoin(
                    RuleVersion,
                    (RuleVersion.rule_id == ScreeningHit.rule_id)
                    & (RuleVersion.version == ScreeningHit.rule_version),
                )
                .where(ScreeningHit.subject.in_(part))
            )
            for (
                hit,
                list_severity,
                rule_severity,
                rule_weight,
                rule_title,
            ) in await self.session.execute(query):
                rule = hit.source == "rule"
                out.append(
                    WeighedHit(
                        id=hit.id,
                        subject=hit.subject,
                        source=hit.source,
                        status=hit.status,
                        score=hit.score,
                        name=(rule_title if rule else hit.matched_name) or hit.matched_name,
                        severity=(rule_severity if rule else list_severity) or "medium",
                        weight=(rule_weight or 0.0) if rule else 1.0,
                        watchlist_id=hit.watchlist_id,
                        list_version=hit.list_version,
                        rule_id=hit.rule_id,
                        rule_version=hit.rule_version,
                        message_id=hit.message_id,
                    )
                )
        return out

    async def insert_rule_hits(self, rows: list[dict[str, Any]]) -> set[uuid.UUID]:
        """Store rule hits not stored yet (one per traveller and rule version)."""
        if not rows:
            return set()
        statement = upsert_insert(self.session, ScreeningHit).on_conflict_do_nothing(
            index_elements=["subject", "rule_id", "rule_version"]
        )
        # Rows as parameters, not as VALUES: one cached statement sent as a batch ("insert many
        # values"), instead of compiling a statement with thousands of bound values per call.
        result = await self.session.execute(statement.returning(ScreeningHit.id), rows)
        return set(result.scalars())

    async def save(self, rows: list[dict[str, Any]]) -> None:
        """Insert or replace the assessments of these subjects."""
        if not rows:
            return
        statement = upsert_insert(self.session, Assessment)
        replaced = {name: statement.excluded[name] for name in REPLACED}
        await self.session.execute(
            statement.on_conflict_do_update(index_elements=["subject"], set_=replaced), rows
        )

    async def of_subjects(self, subjects: Sequence[str]) -> dict[str, Assessment]:
        out: dict[str, Assessment] = {}
        for part in chunks(subjects):
            query = select(Assessment).where(Assessment.subject.in_(part))
            out.update((a.subject, a) for a in (await self.session.execute(query)).scalars())
        return out

    async def list(
        self, wanted: AssessmentFilter, limit: int, offset: int
    ) -> tuple[Sequence[Row[Assessment, Flight]], int]:
        conditions: list[ColumnElement[bool]] = []
        if wanted.flight_id:
            conditions.append(Assessment.flight_id == wanted.flight_id)
        if wanted.band:
            conditions.append(Assessment.band.in_(wanted.band))
        if wanted.departure_from:
            conditions.append(Flight.departure_utc >= wanted.departure_from)
        if wanted.departure_to:
            conditions.append(Flight.departure_utc <= wanted.departure_to)
        query = (
            select(Assessment, Flight)
            .join(Flight, Flight.id == Assessment.flight_id)
            .where(*conditions)
            .order_by(
                Assessment.score.desc(), Flight.departure_utc.asc().nulls_last(), Assessment.id
            )
            .limit(limit)
            .offset(offset)
        )
        rows = (await self.session.execute(query)).all()
        count = (
            select(func.count())
            .select_from(Assessment)
            .join(Flight, Flight.id == Assessment.flight_id)
            .where(*conditions)
        )
        return rows, (await self.session.execute(count)).scalar_one()
