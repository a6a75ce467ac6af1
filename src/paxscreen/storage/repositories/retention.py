"""Reads and writes of the retention run: which records are due, their masking, and deletion
of everything that hangs off a record. The audit log is never touched here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute

from paxscreen.storage.models import (
    Assessment,
    Booking,
    BookingVersion,
    Flight,
    FlightMessage,
    HitEvent,
    HitSuppression,
    InboundMessage,
    ManifestPart,
    MaskedValues,
    MessageFingerprint,
    PnrTraveller,
    RetentionException,
    ScreeningHit,
    TravelDocument,
    Traveller,
    TravellerLink,
    TravellerVersion,
    UnmaskApproval,
)
from paxscreen.storage.session import Session


def _not_excepted(
    record_type: str, record_id: InstrumentedAttribute[uuid.UUID], now: datetime
) -> ColumnElement[bool]:
    return ~exists().where(
        RetentionException.record_type == record_type,
        RetentionException.record_id == record_id,
        RetentionException.until > now,
    )


def _received_before(api_cutoff: datetime, pnr_cutoff: datetime) -> ColumnElement[bool]:
    """Messages past their period: API manifests by the API clock, the rest by the PNR one."""
    api = InboundMessage.message_type == "PAXLST"
    return or_(
        and_(api, InboundMessage.received_at < api_cutoff),
        and_(
            or_(InboundMessage.message_type.is_(None), ~api),
            InboundMessage.received_at < pnr_cutoff,
        ),
    )


MaskableT = TypeVar("MaskableT", Traveller, Booking)


class RetentionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- masking ---------------------------------------------------------------------------

    async def travellers_to_mask(
        self, cutoff: datetime, now: datetime, limit: int
    ) -> Sequence[Traveller]:
        return await self._to_mask(Traveller, "traveller", cutoff, now, limit)

    async def bookings_to_mask(
        self, cutoff: datetime, now: datetime, limit: int
    ) -> Sequence[Booking]:
        return await self._to_mask(Booking, "booking", cutoff, now, limit)

    async def _to_mask(
        self,
        table: type[MaskableT],
        record_type: str,
        cutoff: datetime,
        now: datetime,
        limit: int,
    ) -> Sequence[MaskableT]:
        """Unmasked records received before ``cutoff`` and not kept by an exception."""
        query = (
            select(table)
            .where(
                table.masked_at.is_(None),
                table.created_at < cutoff,
                _not_excepted(record_type, table.id, now),
            )
            .order_by(table.created_at, table.id)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)  # two runs at once share the work
        return (await self.session.execute(query)).scalars().all()

    async def messages_to_mask(
        self, api_cutoff: datetime, pnr_cutoff: datetime, limit: int
    ) -> Sequence[tuple[uuid.UUID, bytes]]:
        query = (
            select(InboundMessage.id, InboundMessage.raw)
            .where(
                InboundMessage.masked_at.is_(None),
                _received_before(api_cutoff, pnr_cutoff),
            )
            .order_by(InboundMessage.received_at, InboundMessage.id)
            .limit(limit)
        )
        return [(i, raw) for i, raw in (await self.session.execute(query)).all()]

    async def documents_of(self, traveller_ids: Sequence[uuid.UUID]) -> Sequence[TravelDocument]:
        query = select(TravelDocument).where(TravelDocument.traveller_id.in_(traveller_ids))
        return (await self.session.execute(query)).scalars().all()

    async def traveller_versions(self, ids: Sequence[uuid.UUID]) -> Sequence[TravellerVersion]:
        query = select(TravellerVersion).where(TravellerVersion.traveller_id.in_(ids))
        return (await self.session.execute(query)).scalars().all()

    async def booking_versions(self, ids: Sequence[uuid.UUID]) -> Sequence[BookingVersion]:
        query = select(BookingVersion).where(BookingVersion.booking_id.in_(ids))
        return (await self.session.execute(query)).scalars().all()

    async def pnr_travellers(self, booking_ids: Sequence[uuid.UUID]) -> Sequence[PnrTraveller]:
        query = select(PnrTraveller).where(PnrTraveller.booking_id.in_(booking_ids))
        return (await self.session.execute(query)).scalars().all()

    async def hits_of_subjects(self, subjects: Sequence[str]) -> Sequence[ScreeningHit]:
        query = select(ScreeningHit).where(ScreeningHit.subject.in_(subjects))
        return (await self.session.execute(query)).scalars().all()

    async def mask_message(self, message_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(InboundMessage)
            .where(InboundMessage.id == message_id)
            .values(raw=b"", masked_at=now)
        )

    def add(self, item: MaskedValues | RetentionException) -> None:
        self.session.add(item)

    # ---- deletion --------------------------------------------------------------------------

    async def travellers_to_delete(self, cutoff: datetime, limit: int) -> list[uuid.UUID]:
        query = (
            select(Traveller.id)
            .where(Traveller.created_at < cutoff)
            .order_by(Traveller.id)
            .limit(limit)
        )
        return list((await self.session.execute(query)).scalars())

    async def bookings_to_delete(self, cutoff: datetime, limit: int) -> list[uuid.UUID]:
        query = (
            select(Booking.id).where(Booking.created_at < cutoff).order_by(Booking.id).limit(limit)
        )
        return list((await self.session.execute(query)).scalars())

    async def _delete_hits(self, condition: ColumnElement[bool]) -> None:
        hits = select(ScreeningHit.id).where(condition)
        await self.session.execute(delete(HitEvent).where(HitEvent.hit_id.in_(hits)))
        await self.session.execute(delete(HitSuppression).where(HitSuppression.hit_id.in_(hits)))
        await self.session.execute(delete(ScreeningHit).where(condition))

    async def delete_travellers(self, ids: Sequence[uuid.UUID]) -> int:
        await self._delete_hits(ScreeningHit.traveller_id.in_(ids))
        await self.session.execute(delete(Assessment).where(Assessment.traveller_id.in_(ids)))
        await self.session.execute(delete(TravellerLink).where(TravellerLink.traveller_id.in_(ids)))
        await self.session.execute(
            delete(TravelDocument).where(TravelDocument.traveller_id.in_(ids))
        )
        await self.session.execute(
            delete(TravellerVersion).where(TravellerVersion.traveller_id.in_(ids))
        )
        await self._delete_vault("traveller", ids)
        await self.session.execute(
            delete(RetentionException).where(
                RetentionException.record_type == "traveller", RetentionException.record_id.in_(ids)
            )
        )
        done = await self.session.execute(delete(Traveller).where(Traveller.id.in_(ids)))
        return int(getattr(done, "rowcount", 0) or 0)

    async def delete_bookings(self, ids: Sequence[uuid.UUID]) -> int:
        people = select(PnrTraveller.id).where(PnrTraveller.booking_id.in_(ids))
        await self._delete_hits(ScreeningHit.pnr_traveller_id.in_(people))
        await self.session.execute(
            delete(Assessment).where(Assessment.pnr_traveller_id.in_(people))
        )
        await self.session.execute(
            delete(TravellerLink).where(TravellerLink.pnr_traveller_id.in_(people))
        )
        await self.session.execute(delete(PnrTraveller).where(PnrTraveller.booking_id.in_(ids)))
        await self.session.execute(delete(BookingVersion).where(BookingVersion.booking_id.in_(ids)))
        await self._delete_vault("booking", ids)
        await self.session.execute(
            delete(RetentionException).where(
                RetentionException.record_type == "booking", RetentionException.record_id.in_(ids)
            )
        )
        done = await self.session.execute(delete(Booking).where(Booking.id.in_(ids)))
        return int(getattr(done, "rowcount", 0) or 0)

    async def _delete_vault(self, record_type: str, ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            delete(MaskedValues).where(
                MaskedValues.record_type == record_type, MaskedValues.record_id.in_(ids)
            )
        )

    async def messages_to_delete(
        self, api_cutoff: datetime, pnr_cutoff: datetime, limit: int
    ) -> list[uuid.UUID]:
        """Old messages nothing stored refers to any more (their travellers and bookings are
        deleted first)."""
        referred = or_(
            exists().where(TravellerVersion.message_id == InboundMessage.id),
            exists().where(BookingVersion.message_id == InboundMessage.id),
        )
        query = (
            select(InboundMessage.id)
            .where(
                _received_before(api_cutoff, pnr_cutoff),
                ~referred,
            )
            .order_by(InboundMessage.id)
            .limit(limit)
        )
        return list((await self.session.execute(query)).scalars())

    async def delete_messages(self, ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            update(ScreeningHit).where(ScreeningHit.message_id.in_(ids)).values(message_id=None)
        )
        await self.session.execute(delete(FlightMessage).where(FlightMessage.message_id.in_(ids)))
        await self.session.execute(delete(ManifestPart).where(ManifestPart.message_id.in_(ids)))
        await self.session.execute(
            delete(MessageFingerprint).where(MessageFingerprint.message_id.in_(ids))
        )
        await self.session.execute(
            update(InboundMessage)
            .where(InboundMessage.duplicate_of.in_(ids))
            .values(duplicate_of=None)
        )
        await self._delete_vault("message", ids)
        await self.session.execute(delete(InboundMessage).where(InboundMessage.id.in_(ids)))

    async def empty_flights(self, cutoff: datetime, limit: int) -> list[uuid.UUID]:
        """Flights older than ``cutoff`` with no traveller, booking or message left."""
        query = (
            select(Flight.id)
            .where(
                Flight.created_at < cutoff,
                ~exists().where(Traveller.flight_id == Flight.id),
                ~exists().where(Booking.flight_id == Flight.id),
                ~exists().where(FlightMessage.flight_id == Flight.id),
            )
            .order_by(Flight.id)
            .limit(limit)
        )
        return list((await self.session.execute(query)).scalars())

    async def delete_flights(self, ids: Sequence[uuid.UUID]) -> None:
        await self._delete_hits(ScreeningHit.flight_id.in_(ids))
        await self.session.execute(delete(Assessment).where(Assessment.flight_id.in_(ids)))
        await self.session.execute(delete(TravellerLink).where(TravellerLink.flight_id.in_(ids)))
        await self.session.execute(delete(Flight).where(Flight.id.in_(ids)))


class ExceptionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, item: RetentionException) -> None:
        self.session.add(item)

    async def under_review(self, record_type: str, record_id: uuid.UUID) -> bool | None:
        """Whether the record has a hit that is confirmed or still open (not dismissed); None
        when there is no such record."""
        found: Traveller | Booking | None
        if record_type == "traveller":
            found = await self.session.get(Traveller, record_id)
            condition = ScreeningHit.traveller_id == record_id
        else:
            found = await self.session.get(Booking, record_id)
            people = select(PnrTraveller.id).where(PnrTraveller.booking_id == record_id)
            condition = ScreeningHit.pnr_traveller_id.in_(people)
        if found is None:
            return None
        query = select(exists().where(condition, ScreeningHit.status != "dismissed"))
        return bool((await self.session.execute(query)).scalar())

    async def list(self, limit: int, offset: int) -> tuple[Sequence[RetentionException], int]:
        query = (
            select(RetentionException)
            .order_by(RetentionException.created_at.desc(), RetentionException.id)
            .limit(limit)
            .offset(offset)
        )
        items = (await self.session.execute(query)).scalars().all()
        total = (
            await self.session.execute(select(func.count()).select_from(RetentionException))
        ).scalar_one()
        return items, total


class UnmaskRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, item: UnmaskApproval) -> None:
        self.session.add(item)

    async def masked(self, record_type: str, record_id: uuid.UUID) -> MaskedValues | None:
        query = select(MaskedValues).where(
            MaskedValues.record_type == record_type, MaskedValues.record_id == record_id
        )
        return (await self.session.execute(query)).scalars().first()

    async def approval(
        self, record_type: str, record_id: uuid.UUID, grantee: uuid.UUID | None, now: datetime
    ) -> UnmaskApproval | None:
        """A valid approval for ``grantee`` to unmask the record, newest first."""
        if grantee is None:
            return None
        query = (
            select(UnmaskApproval)
            .where(
                UnmaskApproval.record_type == record_type,
                UnmaskApproval.record_id == record_id,
                UnmaskApproval.grantee_key_id == grantee,
                UnmaskApproval.valid_until > now,
            )
            .order_by(UnmaskApproval.created_at.desc())
        )
        return (await self.session.execute(query)).scalars().first()


class SubjectRepository:
    """Everything held on one person, found by name, date of birth or document."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def travellers(
        self, surname: str | None, born: date | None, document: str | None
    ) -> Sequence[Traveller]:
        conditions: list[ColumnElement[bool]] = []
        if surname:
            conditions.append(Traveller.surname == surname)
        if born:
            conditions.append(Traveller.date_of_birth == born)
        if document:
            conditions.append(
                exists().where(
                    TravelDocument.traveller_id == Traveller.id,
                    TravelDocument.number_key == document,
                )
            )
        query = select(Traveller).where(*conditions).order_by(Traveller.created_at)
        return (await self.session.execute(query)).scalars().all()

    async def pnr_travellers(
        self, surname: str | None, born: date | None, document: str | None
    ) -> Sequence[PnrTraveller]:
        conditions: list[ColumnElement[bool]] = []
        if surname:
            conditions.append(PnrTraveller.surname == surname)
        if born:
            conditions.append(PnrTraveller.date_of_birth == born)
        if document:
            conditions.append(PnrTraveller.document_key == document)
        query = select(PnrTraveller).where(*conditions).order_by(PnrTraveller.id)
        return (await self.session.execute(query)).scalars().all()

    async def hits(self, subjects: Sequence[str]) -> Sequence[ScreeningHit]:
        query = select(ScreeningHit).where(ScreeningHit.subject.in_(subjects))
        return (await self.session.execute(query)).scalars().all()

    async def events(self, hit_ids: Sequence[uuid.UUID]) -> Sequence[HitEvent]:
        query = select(HitEvent).where(HitEvent.hit_id.in_(hit_ids)).order_by(HitEvent.recorded_at)
        return (await self.session.execute(query)).scalars().all()


class RectifyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def traveller(self, traveller_id: uuid.UUID) -> Traveller | None:
        return await self.session.get(Traveller, traveller_id)

    async def pnr_traveller(self, person_id: uuid.UUID) -> PnrTraveller | None:
        return await self.session.get(PnrTraveller, person_id)

    async def newest_traveller_version(self, traveller_id: uuid.UUID) -> TravellerVersion | None:
        query = (
            select(TravellerVersion)
            .where(TravellerVersion.traveller_id == traveller_id)
            .order_by(TravellerVersion.version.desc())
            .limit(1)
        )
        return (await self.session.execute(query)).scalars().first()

    async def newest_booking_version(self, booking_id: uuid.UUID) -> BookingVersion | None:
        query = (
            select(BookingVersion)
            .where(BookingVersion.booking_id == booking_id)
            .order_by(BookingVersion.version.desc())
            .limit(1)
        )
        return (await self.session.execute(query)).scalars().first()
