"""The retention run: mask what is past the masking period, delete what is past the deletion
period, in batches of one transaction each. A batch commits whole or not at all, so the run is
idempotent and resumes after a crash where it stopped. Each batch appends its masking or erasure
to the audit log in the same transaction; the run never deletes from the audit log."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from paxscreen.audit import service as audit
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.config import RetentionSettings
from paxscreen.retention.masking import (
    API_DOCUMENT_FIELDS,
    mask_api_traveller,
    mask_booking,
    mask_explanation,
)
from paxscreen.retention.vault import Vault
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import Booking, MaskedValues, Traveller
from paxscreen.storage.repositories.retention import RetentionRepository
from paxscreen.storage.session import SessionFactory, session_scope


@dataclass
class RetentionReport:
    masked: dict[str, int] = field(
        default_factory=lambda: {"travellers": 0, "bookings": 0, "messages": 0}
    )
    deleted: dict[str, int] = field(
        default_factory=lambda: {"travellers": 0, "bookings": 0, "messages": 0, "flights": 0}
    )

    def text(self) -> str:
        masked = ", ".join(f"{n} {what}" for what, n in self.masked.items())
        deleted = ", ".join(f"{n} {what}" for what, n in self.deleted.items())
        return f"masked: {masked}; deleted: {deleted}"


Progress = Callable[[str, str, int], None]  # (masked or deleted, what, how many in the batch)
ENDPOINT = "paxscreen retention run"
RECORD_TYPES = {
    "travellers": RecordType.TRAVELLER,
    "bookings": RecordType.BOOKING,
    "messages": RecordType.MESSAGE,
    "flights": RecordType.FLIGHT,
}


def _quiet(_: str, __: str, ___: int) -> None:
    pass


async def _mask_travellers(
    repository: RetentionRepository, vault: Vault, rows: list[Traveller], now: datetime
) -> None:
    ids = [t.id for t in rows]
    removed: dict[Any, dict[str, Any]] = {
        t.id: {"row": {}, "documents": {}, "versions": {}} for t in rows
    }
    for traveller in rows:
        kept = removed[traveller.id]["row"]
        for name in ("surname", "given_names", "date_of_birth", "place_of_birth"):
            kept[name] = getattr(traveller, name)
        for name in ("reservation_ref", "passenger_ref"):
            kept[name] = getattr(traveller, name)
        traveller.surname = traveller.given_names = ""
        traveller.date_of_birth = None
        traveller.place_of_birth = traveller.reservation_ref = traveller.passenger_ref = None
        traveller.data_hash = ""  # a hash of personal data identifies too
        traveller.masked_at = now
    for document in await repository.documents_of(ids):
        kept = {name: getattr(document, name) for name in API_DOCUMENT_FIELDS}
        kept["number_key"] = document.number_key
        removed[document.traveller_id]["documents"][str(document.id)] = kept
        document.number = document.number_key = ""
        document.issue_date = None
    for version in await repository.traveller_versions(ids):
        # A deep copy: JSON columns notice a change only by comparing old and new values.
        data = copy.deepcopy(version.data)
        removed[version.traveller_id]["versions"][str(version.version)] = mask_api_traveller(data)
        version.data = data
    for hit in await repository.hits_of_subjects([f"api:{i}" for i in ids]):
        hit.explanation = mask_explanation(hit.explanation)
    for traveller_id, values in removed.items():
        repository.add(
            MaskedValues(
                record_type="traveller",
                record_id=traveller_id,
                ciphertext=vault.seal(values),
                masked_at=now,
            )
        )


async def _mask_bookings(
    repository: RetentionRepository, vault: Vault, rows: list[Booking], now: datetime
) -> None:
    ids = [b.id for b in rows]
    removed: dict[Any, dict[str, Any]] = {b.id: {"versions": {}, "travellers": {}} for b in rows}
    for version in await repository.booking_versions(ids):
        # A deep copy: JSON columns notice a change only by comparing old and new values.
        data = copy.deepcopy(version.data)
        removed[version.booking_id]["versions"][str(version.version)] = mask_booking(data)
        version.data = data
    people = await repository.pnr_travellers(ids)
    for person in people:
        removed[person.booking_id]["travellers"][str(person.id)] = {
            "surname": person.surname,
            "given_names": person.given_names,
            "date_of_birth": person.date_of_birth,
            "document_key": person.document_key,
        }
        person.surname = person.given_names = ""
        person.date_of_birth = None
        person.document_key = None
    for hit in await repository.hits_of_subjects([f"pnr:{p.id}" for p in people]):
        hit.explanation = mask_explanation(hit.explanation)
    for booking in rows:
        booking.masked_at = now
        repository.add(
            MaskedValues(
                record_type="booking",
                record_id=booking.id,
                ciphertext=vault.seal(removed[booking.id]),
                masked_at=now,
            )
        )


async def run_retention(
    sessions: SessionFactory,
    settings: RetentionSettings,
    vault: Vault,
    now: datetime | None = None,
    progress: Progress = _quiet,
) -> RetentionReport:
    now = now or utcnow()
    report = RetentionReport()
    batch = settings.batch_size
    mask_api = now - timedelta(days=settings.api_mask_days())
    mask_pnr = now - timedelta(days=settings.mask_after_days)
    delete_api = now - timedelta(days=settings.api_delete_days())
    delete_pnr = now - timedelta(days=settings.delete_after_days)

    async def batches(step: Callable[[RetentionRepository], Any], kind: str, what: str) -> None:
        action = AuditAction.MASKING if kind == "masked" else AuditAction.ERASURE
        while True:
            async with session_scope(sessions) as session:
                ids = await step(RetentionRepository(session))
                if ids:  # recorded in the batch's own transaction: both happen, or neither
                    await audit.record(
                        session,
                        None,
                        action,
                        RECORD_TYPES[what],
                        ids,
                        ENDPOINT,
                        {"count": len(ids)},
                        operator="retention",
                    )
            if not ids:
                return
            getattr(report, kind)[what] += len(ids)
            progress(kind, what, len(ids))

    async def delete_travellers(repository: RetentionRepository) -> list[uuid.UUID]:
        ids = await repository.travellers_to_delete(delete_api, batch)
        await repository.delete_travellers(ids)
        return ids

    async def delete_bookings(repository: RetentionRepository) -> list[uuid.UUID]:
        ids = await repository.bookings_to_delete(delete_pnr, batch)
        await repository.delete_bookings(ids)
        return ids

    async def delete_messages(repository: RetentionRepository) -> list[uuid.UUID]:
        ids = await repository.messages_to_delete(delete_api, delete_pnr, batch)
        await repository.delete_messages(ids)
        return ids

    async def delete_flights(repository: RetentionRepository) -> list[uuid.UUID]:
        ids = await repository.empty_flights(min(delete_api, delete_pnr), batch)
        await repository.delete_flights(ids)
        return ids

    async def mask_travellers(repository: RetentionRepository) -> list[uuid.UUID]:
        rows = list(await repository.travellers_to_mask(mask_api, now, batch))
        await _mask_travellers(repository, vault, rows, now)
        return [row.id for row in rows]

    async def mask_bookings(repository: RetentionRepository) -> list[uuid.UUID]:
        rows = list(await repository.bookings_to_mask(mask_pnr, now, batch))
        await _mask_bookings(repository, vault, rows, now)
        return [row.id for row in rows]

    async def mask_messages(repository: RetentionRepository) -> list[uuid.UUID]:
        rows = await repository.messages_to_mask(mask_api, mask_pnr, batch)
        for message_id, raw in rows:
            sealed = vault.seal({"raw": raw.decode("latin-1")})
            repository.add(
                MaskedValues(
                    record_type="message", record_id=message_id, ciphertext=sealed, masked_at=now
                )
            )
            await repository.mask_message(message_id, now)
        return [message_id for message_id, _ in rows]

    # Deletion first: what is due for deletion need not be masked on the way.
    await batches(delete_travellers, "deleted", "travellers")
    await batches(delete_bookings, "deleted", "bookings")
    await batches(delete_messages, "deleted", "messages")
    await batches(delete_flights, "deleted", "flights")
    await batches(mask_travellers, "masked", "travellers")
    await batches(mask_bookings, "masked", "bookings")
    await batches(mask_messages, "masked", "messages")
    return report
