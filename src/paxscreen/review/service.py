"""The review of hits: who decided what, when and why. Every change writes an event; a dismissal
remembers the false positive, and reopening forgets it."""

from __future__ import annotations

import uuid
from datetime import datetime

from paxscreen.access.roles import Principal
from paxscreen.assessment.pipeline import reassess
from paxscreen.errors import NotFound
from paxscreen.review.errors import AlreadyLifted, ReasonMissing, TransitionNotAllowed
from paxscreen.review.schemas import (
    HitDetail,
    HitEventRead,
    HitFlight,
    HitPage,
    QueuedHitRead,
    SuppressionPage,
    SuppressionRead,
)
from paxscreen.review.states import (
    HitStatus,
    ReasonRequired,
    TransitionRefused,
    check_transition,
)
from paxscreen.screening.pipeline import NO_QUERY, Subject
from paxscreen.screening.schemas import HitRead
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import HitEvent, HitSuppression, ScreeningHit
from paxscreen.storage.repositories.reviews import QueuedHit, QueueFilter, ReviewRepository
from paxscreen.storage.session import Session


async def _reassess(session: Session, hit: ScreeningHit) -> None:
    """A dismissed hit stops counting (and a reopened one counts again): score it again."""
    await session.flush()
    kind = hit.subject.partition(":")[0]
    person = hit.traveller_id or hit.pnr_traveller_id
    assert person is not None  # every hit belongs to an API or a PNR traveller
    await reassess(session, [Subject(kind, person, hit.flight_id, hit.subject_version, NO_QUERY)])


def memory_key(hit: ScreeningHit) -> tuple[uuid.UUID, int, str] | None:
    """What the false-positive memory of a watchlist hit keys on; rule hits have none."""
    if hit.entry_id is None or hit.entry_version is None or not hit.fingerprint:
        return None
    return hit.entry_id, hit.entry_version, hit.fingerprint


def _queued_read(item: QueuedHit, now: datetime) -> QueuedHitRead:
    flight = item.flight
    hours = (flight.departure_utc - now).total_seconds() / 3600 if flight.departure_utc else None
    hit = item.hit
    data = HitRead.model_validate(hit).model_dump()
    data.update(
        subject=hit.subject,
        traveller_id=hit.traveller_id,
        pnr_traveller_id=hit.pnr_traveller_id,
        assignee=hit.assignee,
        updated_at=hit.updated_at,
        surname=item.surname,
        given_names=item.given_names,
        watchlist_name=item.watchlist_name,
        band=item.band,
        flight=HitFlight(
            id=flight.id,
            carrier=flight.carrier,
            flight_number=flight.flight_number,
            origin=flight.origin,
            destination=flight.destination,
            departure_utc=flight.departure_utc,
            hours_to_departure=round(hours, 2) if hours is not None else None,
        ),
    )
    return QueuedHitRead.model_validate(data)


async def queue(session: Session, wanted: QueueFilter, limit: int, offset: int) -> HitPage:
    items, total = await ReviewRepository(session).queue(wanted, limit, offset)
    now = utcnow()
    return HitPage(
        items=[_queued_read(item, now) for item in items], total=total, limit=limit, offset=offset
    )


async def _hit(repository: ReviewRepository, hit_id: uuid.UUID, lock: bool = False) -> QueuedHit:
    item = await repository.get(hit_id, for_update=lock)
    if item is None:
        raise NotFound(f"no hit {hit_id}")
    return item


async def detail(session: Session, hit_id: uuid.UUID) -> HitDetail:
    repository = ReviewRepository(session)
    item = await _hit(repository, hit_id)
    hit = item.hit
    key = memory_key(hit)
    suppression = await repository.suppression_of(*key) if key else None
    mine = suppression is not None and suppression.hit_id == hit.id
    return HitDetail.model_validate(
        {
            **_queued_read(item, utcnow()).model_dump(),
            "history": [HitEventRead.model_validate(e) for e in await repository.events(hit_id)],
            "suppression": SuppressionRead.model_validate(suppression) if mine else None,
        }
    )


async def transition(
    session: Session, hit_id: uuid.UUID, target: HitStatus, reason: str, principal: Principal
) -> HitStatus:
    """Move the hit to ``target``; answers the status it had before."""
    repository = ReviewRepository(session)
    hit = (await _hit(repository, hit_id, lock=True)).hit
    current = HitStatus(hit.status)
    try:
        check_transition(current, target, reason)
    except TransitionRefused as refused:
        raise TransitionNotAllowed(str(refused), status=current.value) from None
    except ReasonRequired as missing:
        raise ReasonMissing(str(missing)) from None
    now, actor = utcnow(), principal.shown_as
    hit.status, hit.updated_at = target.value, now
    await _reassess(session, hit)
    repository.add(
        HitEvent(
            hit_id=hit.id,
            action="transition",
            from_status=current.value,
            to_status=target.value,
            text=reason,
            actor=actor,
            actor_key_id=principal.key_id,
            recorded_at=now,
        )
    )
    key = memory_key(hit)
    if key is None or hit.watchlist_id is None:
        return current
    memory = await repository.suppression_of(*key)
    if target == HitStatus.DISMISSED:
        if memory is None:
            entry_id, entry_version, fingerprint = key
            repository.add(
                HitSuppression(
                    entry_id=entry_id,
                    entry_version=entry_version,
                    fingerprint=fingerprint,
                    watchlist_id=hit.watchlist_id,
                    hit_id=hit.id,
                    reason=reason,
                    created_by=actor,
                    created_at=now,
                    active=True,
                    times_applied=0,
                )
            )
        elif not memory.active or memory.hit_id != hit.id:
            # The same false positive dismissed again: this dismissal becomes the memory.
            memory.active, memory.hit_id, memory.reason = True, hit.id, reason
            memory.created_by, memory.created_at = actor, now
            memory.lifted_by = memory.lifted_reason = None
            memory.lifted_at = None
    elif current == HitStatus.DISMISSED and memory is not None and memory.active:
        _lift(memory, actor, f"hit {hit.id} reopened: {reason}", now)
    return current


def _lift(memory: HitSuppression, actor: str, reason: str, now: datetime) -> None:
    memory.active = False
    memory.lifted_by, memory.lifted_reason, memory.lifted_at = actor, reason, now


async def assign(
    session: Session, hit_id: uuid.UUID, assignee: str | None, principal: Principal
) -> None:
    repository = ReviewRepository(session)
    hit = (await _hit(repository, hit_id, lock=True)).hit
    now = utcnow()
    hit.assignee, hit.updated_at = (assignee or "").strip() or None, now
    repository.add(
        HitEvent(
            hit_id=hit.id,
            action="assign",
            assignee=hit.assignee,
            actor=principal.shown_as,
            actor_key_id=principal.key_id,
            recorded_at=now,
        )
    )


async def note(session: Session, hit_id: uuid.UUID, text: str, principal: Principal) -> None:
    if not text.strip():
        raise ReasonMissing("a note needs some text")
    repository = ReviewRepository(session)
    hit = (await _hit(repository, hit_id)).hit
    repository.add(
        HitEvent(
            hit_id=hit.id,
            action="note",
            text=text.strip(),
            actor=principal.shown_as,
            actor_key_id=principal.key_id,
            recorded_at=utcnow(),
        )
    )


async def suppressions(
    session: Session, active: bool | None, watchlist_id: uuid.UUID | None, limit: int, offset: int
) -> SuppressionPage:
    items, total = await ReviewRepository(session).suppressions(active, watchlist_id, limit, offset)
    return SuppressionPage(
        items=[SuppressionRead.model_validate(s) for s in items],
        total=total,
        limit=limit,
        offset=offset,
    )


async def lift(
    session: Session, suppression_id: uuid.UUID, reason: str, principal: Principal
) -> SuppressionRead:
    memory = await ReviewRepository(session).suppression(suppression_id)
    if memory is None:
        raise NotFound(f"no suppression {suppression_id}")
    if not memory.active:
        raise AlreadyLifted(f"suppression {suppression_id} was lifted at {memory.lifted_at}")
    _lift(memory, principal.shown_as, reason, utcnow())
    await session.flush()
    return SuppressionRead.model_validate(memory)
