from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from paxscreen.storage.errors import AlreadyExists
from paxscreen.storage.models import InboundMessage, ManifestPart, MessageFingerprint
from paxscreen.storage.session import Session


@dataclass(frozen=True)
class MessageFilters:
    status: str | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    carriers: frozenset[str] | None = None  # None: every carrier
    key_id: uuid.UUID | None = None  # with carriers: also the messages this key sent


class MessageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def add(self, message: InboundMessage) -> InboundMessage:
        self.session.add(message)
        await self.session.flush()
        return message

    async def get(self, message_id: uuid.UUID) -> InboundMessage | None:
        return await self.session.get(InboundMessage, message_id)

    async def raw_bodies(self, message_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        query = select(InboundMessage.id, InboundMessage.raw).where(
            InboundMessage.id.in_(list(message_ids))
        )
        return {row.id: row.raw for row in await self.session.execute(query)}

    async def masked_at(self, message_id: uuid.UUID) -> datetime | None:
        query = select(InboundMessage.masked_at).where(InboundMessage.id == message_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def list(
        self, filters: MessageFilters, *, limit: int, offset: int
    ) -> tuple[Sequence[InboundMessage], int]:
        conditions = []
        if filters.status:
            conditions.append(InboundMessage.status == filters.status)
        if filters.received_from:
            conditions.append(InboundMessage.received_at >= filters.received_from)
        if filters.received_to:
            conditions.append(InboundMessage.received_at <= filters.received_to)
        if filters.carriers is not None:
            # JSON arrays are not searchable the same way on both engines, so the scope is checked
            # on the list as text: ["LH", "AF"] contains '"LH"' exactly when LH is in it.
            as_text = cast(InboundMessage.carriers, String)
            scope = [as_text.contains(f'"{carrier}"') for carrier in filters.carriers]
            if filters.key_id is not None:
                scope.append(InboundMessage.key_id == filters.key_id)
            conditions.append(or_(*scope) if scope else InboundMessage.id.is_(None))
        base = select(InboundMessage).where(*conditions)
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        query = base.order_by(InboundMessage.received_at.desc()).limit(limit).offset(offset)
        rows = (await self.session.execute(query)).scalars().all()
        return rows, int(total or 0)

    async def originals(self, fingerprints: Sequence[str]) -> dict[str, uuid.UUID]:
        query = select(MessageFingerprint).where(MessageFingerprint.fingerprint.in_(fingerprints))
        return {
            row.fingerprint: row.message_id for row in (await self.session.execute(query)).scalars()
        }

    async def claim_fingerprints(self, fingerprints: Sequence[str], message_id: uuid.UUID) -> None:
        """Record the fingerprints of an accepted message; AlreadyExists if another won."""
        try:
            async with self.session.begin_nested():
                self.session.add_all(
                    MessageFingerprint(fingerprint=fp, message_id=message_id) for fp in fingerprints
                )
        except IntegrityError as exc:
            raise AlreadyExists(str(exc.orig)) from exc


class PartRepository:
    """Parts of multi-part manifests waiting to be assembled."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def add(self, part: ManifestPart) -> None:
        try:
            async with self.session.begin_nested():
                self.session.add(part)
        except IntegrityError as exc:
            raise AlreadyExists(f"part {part.part_number} of {part.group_key}") from exc

    async def pending(self, group_key: str) -> Sequence[ManifestPart]:
        query = (
            select(ManifestPart)
            .where(ManifestPart.group_key == group_key, ManifestPart.assembled_at.is_(None))
            .order_by(ManifestPart.part_number)
        )
        return (await self.session.execute(query)).scalars().all()

    async def stale_groups(self, received_before: datetime) -> list[str]:
        query = (
            select(ManifestPart.group_key)
            .where(ManifestPart.assembled_at.is_(None))
            .group_by(ManifestPart.group_key)
            .having(func.max(ManifestPart.received_at) < received_before)
        )
        return list((await self.session.execute(query)).scalars())

    async def mark_assembled(self, group_key: str, at: datetime) -> None:
        await self.session.execute(
            update(ManifestPart)
            .where(ManifestPart.group_key == group_key, ManifestPart.assembled_at.is_(None))
            .values(assembled_at=at)
        )
