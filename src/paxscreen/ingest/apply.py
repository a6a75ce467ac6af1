"""Apply one normalised manifest to its flight: upsert the flight, then add, update or re-status
its travellers, keeping every version. Set-based: one statement per table per manifest."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from paxscreen.ingest.flights import content_hash, upsert_flight
from paxscreen.ingest.identity import KnownTraveller, document_key, known_from, match_travellers
from paxscreen.normalise.canonical import Manifest, ManifestAction, Traveller
from paxscreen.storage.base import new_id
from paxscreen.storage.models import Flight
from paxscreen.storage.models import Traveller as StoredTraveller
from paxscreen.storage.repositories.flights import FlightRepository
from paxscreen.storage.repositories.travellers import TravellerRepository
from paxscreen.storage.session import Session

# Messages that report who boarded or who no longer travels change a traveller's status only;
# their traveller data (often abridged) never overwrites what the manifest said.
STATUS_BY_ACTION = {
    ManifestAction.CANCEL_RESERVATION: "cancelled",
    ManifestAction.CLOSE_ON_BOARD: "boarded",
    ManifestAction.CLOSE_NOT_BOARDED: "not_boarded",
}
FLIGHT_STATUS_BY_ACTION = {
    ManifestAction.CLOSE: "closed",
    ManifestAction.CLOSE_ON_BOARD: "closed",
    ManifestAction.CLOSE_NOT_BOARDED: "closed",
    ManifestAction.CANCEL_FLIGHT: "cancelled",
}
FINAL_STATUSES = {"boarded", "not_boarded"}
COLUMNS = (
    "surname",
    "given_names",
    "gender",
    "date_of_birth",
    "nationality",
    "residence_country",
    "place_of_birth",
    "embarkation",
    "debarkation",
    "reservation_ref",
    "passenger_ref",
    "seat",
)


@dataclass
class AppliedManifest:
    flight: Flight
    travellers: int
    changes: Counter[str] = field(default_factory=Counter)  # added, changed, status, unchanged
    by_role: Counter[tuple[str, str]] = field(default_factory=Counter)  # (role, change) written
    # travellers whose data is new or changed, to be screened: (id, version, traveller)
    screen: list[tuple[uuid.UUID, int, Traveller]] = field(default_factory=list)


async def apply_manifest(
    session: Session,
    manifest: Manifest,
    *,
    messages: Sequence[uuid.UUID],
    now: datetime,
    traveller_sources: Sequence[uuid.UUID] | None = None,
) -> AppliedManifest:
    """``messages`` made up the manifest (several for a multi-part one); ``traveller_sources[i]``
    is the one that carried ``manifest.travellers[i]`` (default: the first)."""
    flight = await upsert_flight(
        session,
        manifest.flight,
        now,
        legs=manifest.legs,
        status=FLIGHT_STATUS_BY_ACTION.get(manifest.action),
    )
    flights = FlightRepository(session)
    for message_id in messages:
        await flights.link_message(flight.id, message_id, manifest.kind, manifest.action)
    sources = traveller_sources or [messages[0]] * len(manifest.travellers)
    applied = AppliedManifest(flight=flight, travellers=len(manifest.travellers))
    if manifest.travellers:
        await _apply_travellers(session, flight, manifest, sources, now, applied)
    return applied


def _snapshot(traveller: Traveller) -> tuple[dict[str, Any], str]:
    data = traveller.model_dump(mode="json", exclude={"segment"})
    return data, content_hash(data)


def _document_rows(traveller_id: uuid.UUID, traveller: Traveller) -> list[dict[str, Any]]:
    return [
        {
            "id": new_id(),
            "traveller_id": traveller_id,
            "type": document.type,
            "number": document.number,
            "number_key": document_key(document.number),
            "expiry": document.expiry,
            "issue_date": document.issue_date,
            "issuing_state": document.issuing_state,
        }
        for document in traveller.documents
    ]


def _columns(traveller: Traveller) -> dict[str, Any]:
    return {name: getattr(traveller, name) for name in COLUMNS}


async def _apply_travellers(
    session: Session,
    flight: Flight,
    manifest: Manifest,
    sources: Sequence[uuid.UUID],
    now: datetime,
    applied: AppliedManifest,
) -> None:
    repository = TravellerRepository(session)
    stored = list(await repository.of_flight(flight.id))
    documents = await repository.documents_of([row.id for row in stored])
    known = [_known(row, documents.get(row.id, [])) for row in stored]
    matches = match_travellers(known, [known_from(t) for t in manifest.travellers])
    status_only = STATUS_BY_ACTION.get(manifest.action)

    new_rows: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    document_rows: list[dict[str, Any]] = []
    replaced: list[uuid.UUID] = []
    changed_data: dict[uuid.UUID, dict[str, Any]] = {}

    for traveller, match, message_id in zip(manifest.travellers, matches, sources, strict=True):
        data, digest = _snapshot(traveller)
        if match is None:
            traveller_id = new_id()
            status = status_only or "reported"
            new_rows.append(
                {
                    "id": traveller_id,
                    "flight_id": flight.id,
                    "role": traveller.role.value,
                    "status": status,
                    **_columns(traveller),
                    "version": 1,
                    "data_hash": digest,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            document_rows += _document_rows(traveller_id, traveller)
            versions.append(_version(traveller_id, 1, message_id, now, "added", status, [], data))
            _count(applied, traveller.role.value, "added")
            applied.screen.append((traveller_id, 1, traveller))
            continue
        row = stored[match]
        if status_only:
            status, data_changes = status_only, False
        else:
            status = row.status if row.status in FINAL_STATUSES else "reported"
            data_changes = digest != row.data_hash
        if not data_changes and status == row.status:
            applied.changes["unchanged"] += 1
            continue
        change = "changed" if data_changes else status
        update: dict[str, Any] = {
            "id": row.id,
            "status": status,
            "version": row.version + 1,
            "updated_at": now,
        }
        if data_changes:
            applied.screen.append((row.id, row.version + 1, traveller))
            update |= {**_columns(traveller), "data_hash": digest}
            document_rows += _document_rows(row.id, traveller)
            replaced.append(row.id)
            changed_data[row.id] = data
        updates.append(update)
        versions.append(
            _version(
                row.id,
                row.version + 1,
                message_id,
                now,
                change,
                status,
                [],
                data if data_changes else None,
            )
        )
        _count(applied, row.role, change)

    await _fill_changed_fields(repository, versions, changed_data)
    await repository.insert_travellers(new_rows)
    await repository.update_travellers(updates)
    await repository.replace_documents(replaced, document_rows)
    await repository.insert_versions(versions)


def _known(row: StoredTraveller, documents: Sequence[Any]) -> KnownTraveller:
    return KnownTraveller(
        role=row.role,
        surname=row.surname,
        given_names=row.given_names,
        date_of_birth=row.date_of_birth,
        passenger_ref=row.passenger_ref,
        documents=frozenset((d.number_key, d.issuing_state or "") for d in documents),
    )


def _version(
    traveller_id: uuid.UUID,
    version: int,
    message_id: uuid.UUID,
    now: datetime,
    change: str,
    status: str,
    changed_fields: list[str],
    data: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "traveller_id": traveller_id,
        "version": version,
        "message_id": message_id,
        "recorded_at": now,
        "change": change,
        "status": status,
        "changed_fields": changed_fields,
        "data": data,
    }


def _count(applied: AppliedManifest, role: str, change: str) -> None:
    applied.changes[change] += 1
    applied.by_role[(role, change)] += 1


async def _fill_changed_fields(
    repository: TravellerRepository,
    versions: list[dict[str, Any]],
    changed_data: dict[uuid.UUID, dict[str, Any]],
) -> None:
    """Name the fields that differ from the previous version (status-only versions carry none)
    and give status-only versions the data they keep, so that every version is complete."""
    ids = [v["traveller_id"] for v in versions if v["version"] > 1]
    if not ids:
        return
    previous = await repository.latest_data(ids)
    for version in versions:
        before = previous.get(version["traveller_id"])
        if version["version"] == 1 or before is None:
            continue
        if version["data"] is None:
            version["data"] = before
            continue
        after = changed_data[version["traveller_id"]]
        version["changed_fields"] = sorted(
            key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
        )
