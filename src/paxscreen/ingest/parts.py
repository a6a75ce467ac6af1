"""Multi-part manifests (UNH S010 ``01:C`` ... ``nn:F``): buffer the parts, in any order, and put
the manifest together when the last one is in (or, after a timeout, with what arrived)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from paxscreen.ingest.flights import flight_key
from paxscreen.normalise.body import normalise_body
from paxscreen.normalise.canonical import DataWarning, Manifest
from paxscreen.normalise.paxlst import merge_parts
from paxscreen.storage.errors import AlreadyExists
from paxscreen.storage.models import ManifestPart
from paxscreen.storage.repositories.messages import MessageRepository, PartRepository
from paxscreen.storage.session import Session

INCOMPLETE_MULTIPART = "incomplete_multipart"


def is_part(manifest: Manifest) -> bool:
    """``01:F`` (or no S010) is a whole manifest; ``C`` or a number above 1 is one part."""
    source = manifest.source
    return source.part_flag == "C" or (source.part_number or 1) > 1


def group_key(manifest: Manifest) -> str:
    """Parts of one manifest share sender, document, common access reference and flight."""
    source = manifest.source
    return "|".join(
        (
            source.sender,
            manifest.document_code,
            source.common_access_ref,
            flight_key(manifest.flight),
        )
    )


@dataclass(frozen=True)
class PartsState:
    group_key: str
    received: tuple[int, ...]
    final_part: int | None

    @property
    def missing(self) -> tuple[int, ...]:
        last = self.final_part or max(self.received, default=0)
        return tuple(n for n in range(1, last + 1) if n not in self.received)

    @property
    def complete(self) -> bool:
        return self.final_part is not None and not self.missing


@dataclass(frozen=True)
class Assembled:
    manifest: Manifest
    messages: tuple[uuid.UUID, ...]  # every message that held a part
    traveller_sources: tuple[uuid.UUID, ...]


async def buffer_part(
    session: Session, manifest: Manifest, message_id: uuid.UUID, index: int, now: datetime
) -> tuple[PartsState, bool]:
    """Store a part; answers the group's state and whether this part number was already there."""
    key = group_key(manifest)
    repository = PartRepository(session)
    number = manifest.source.part_number or 1
    part = ManifestPart(
        group_key=key,
        part_number=number,
        is_final=manifest.source.part_flag == "F",
        message_id=message_id,
        message_index=index,
        received_at=now,
    )
    try:
        await repository.add(part)
        repeated = False
    except AlreadyExists:
        repeated = True
    return await parts_state(session, key), repeated


async def parts_state(session: Session, key: str) -> PartsState:
    parts = await PartRepository(session).pending(key)
    finals = [p.part_number for p in parts if p.is_final]
    return PartsState(key, tuple(p.part_number for p in parts), min(finals) if finals else None)


async def assemble(session: Session, key: str, now: datetime) -> Assembled | None:
    """Merge the pending parts of a group in part order (re-read from their stored bodies) and
    mark them assembled. Missing parts are named in a warning on the result."""
    parts = await PartRepository(session).pending(key)
    if not parts:
        return None
    state = await parts_state(session, key)
    bodies = await MessageRepository(session).raw_bodies({p.message_id for p in parts})
    parsed = {message_id: normalise_body(raw) for message_id, raw in bodies.items()}
    ordered = [(p, parsed[p.message_id].manifests[p.message_index]) for p in parts]
    merged = merge_parts([manifest for _, manifest in ordered])
    if not state.complete:
        missing = ", ".join(map(str, state.missing)) or "the final part"
        warning = DataWarning(
            code=INCOMPLETE_MULTIPART,
            detail=f"applied without part(s) {missing}: they did not arrive in time",
        )
        merged = merged.model_copy(update={"warnings": (*merged.warnings, warning)})
    sources = tuple(p.message_id for p, m in ordered for _ in m.travellers)
    await PartRepository(session).mark_assembled(key, now)
    return Assembled(merged, tuple(dict.fromkeys(p.message_id for p in parts)), sources)


async def stale_groups(session: Session, received_before: datetime) -> list[str]:
    return await PartRepository(session).stale_groups(received_before)
