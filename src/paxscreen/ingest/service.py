"""Ingest: record the body first, then parse, authorise, de-duplicate and apply it."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from paxscreen.access.errors import CarrierNotAllowed
from paxscreen.access.roles import Principal
from paxscreen.audit import service as audit_service
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.config import Settings
from paxscreen.edifact.errors import EdifactError
from paxscreen.errors import ServiceUnavailable
from paxscreen.ingest import parts, pushes
from paxscreen.ingest.apply import AppliedManifest, apply_manifest
from paxscreen.ingest.apply_pnr import apply_push
from paxscreen.ingest.errors import error_record, rejection_of
from paxscreen.ingest.redact import redact_card_numbers
from paxscreen.ingest.relink import relink_flight
from paxscreen.ingest.screen_new import assess_ingested, screen_manifest, screen_push
from paxscreen.metrics import Metrics
from paxscreen.normalise.body import NormalisedBody, normalise_body
from paxscreen.normalise.canonical import Manifest
from paxscreen.normalise.privacy import PrivacyPolicy, policy_from_settings
from paxscreen.normalise.xml_errors import PnrXmlError
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.pipeline import Subject
from paxscreen.storage.base import utcnow
from paxscreen.storage.errors import AlreadyExists
from paxscreen.storage.models import InboundMessage
from paxscreen.storage.repositories.bookings import LinkRepository
from paxscreen.storage.repositories.messages import MessageRepository
from paxscreen.storage.session import Session, SessionFactory, session_scope

log = logging.getLogger(__name__)

# Where a body came in, as the audit log names it.
PUSH_ENDPOINT = "POST /v1/messages"
CLI_ENDPOINT = "paxscreen ingest"


@dataclass(frozen=True)
class Submission:
    body: bytes
    content_type: str
    principal: Principal | None  # None for the operator's offline CLI ingest
    submitted_by: str


@dataclass(frozen=True)
class IngestContext:
    """What ingest needs besides the body: the database, the counters, the privacy policy."""

    sessions: SessionFactory
    metrics: Metrics
    policy: PrivacyPolicy
    max_xml_bytes: int = 10 * 1024 * 1024
    live: LiveIndex | None = None  # the matcher; None screens nothing (it is always set in the app)


def ingest_context(
    settings: Settings, sessions: SessionFactory, metrics: Metrics, live: LiveIndex | None
) -> IngestContext:
    """Built once at start-up, so that a bad privacy setting stops the service from starting."""
    policy = policy_from_settings(**settings.privacy.model_dump())
    return IngestContext(sessions, metrics, policy, settings.ingest.max_body_bytes, live)


async def ingest(submission: Submission, context: IngestContext) -> InboundMessage:
    """Returns the message record (accepted, awaiting_parts or duplicate); raises MessageRejected
    or CarrierNotAllowed after recording why on the stored message."""
    sessions, metrics = context.sessions, context.metrics
    if context.live is not None and not context.live.ready:
        # Accepting now would store travellers nobody screened.
        raise ServiceUnavailable("screening is not ready yet (watchlists loading); retry shortly")
    started = time.perf_counter()
    body, masked = redact_card_numbers(submission.body)
    message_id = await _record(submission, body, masked, sessions)
    try:
        parsed = normalise_body(body, context.policy, max_xml_bytes=context.max_xml_bytes)
    except (EdifactError, PnrXmlError) as exc:
        record = error_record(exc)
        await _finish(sessions, message_id, status="rejected", error=record)
        metrics.parse_failures.labels("unknown", record["error"]).inc()
        metrics.messages_received.labels("unknown", "rejected").inc()
        raise rejection_of(exc)(
            f"message rejected: {exc.describe()}", message_id=str(message_id), **_facts(record)
        ) from exc
    try:
        _authorise(submission.principal, parsed, message_id)
    except CarrierNotAllowed as exc:
        await _finish(sessions, message_id, status="rejected", error=exc.body())
        metrics.messages_received.labels(parsed.message_type, "rejected").inc()
        raise
    try:
        async with session_scope(sessions) as session:
            message = await _apply_body(session, message_id, submission, parsed, context)
    except Exception:
        log.exception("message %s failed after it was stored", message_id)
        await _finish(sessions, message_id, status="failed", error={"error": "internal_error"})
        raise
    metrics.messages_received.labels(parsed.message_type, message.status).inc()
    metrics.ingest_duration.labels(parsed.message_type).observe(time.perf_counter() - started)
    return message


async def _record(
    submission: Submission, body: bytes, masked: int, sessions: SessionFactory
) -> uuid.UUID:
    """Commit the raw body before anything else can fail: nothing received is ever lost. The
    body is as received except for full card numbers (``masked`` of them), which are never
    stored; the SHA-256 is of the bytes as received."""
    async with session_scope(sessions) as session:
        message = InboundMessage(
            key_id=submission.principal.key_id if submission.principal else None,
            submitted_by=submission.submitted_by,
            content_type=submission.content_type,
            size=len(submission.body),
            sha256=hashlib.sha256(submission.body).hexdigest(),
            raw=body,
            status="received",
            carriers=[],
            warnings=[],
            summary=[],
            dropped={"masked": {"card_numbers": masked}} if masked else {},
        )
        await MessageRepository(session).add(message)
        await audit_service.record(
            session,
            submission.principal,
            AuditAction.COLLECTION,
            RecordType.MESSAGE,
            [message.id],
            PUSH_ENDPOINT if submission.principal else CLI_ENDPOINT,
            {"bytes": message.size, "content_type": message.content_type},
            operator=submission.submitted_by,
        )
        return message.id


async def _finish(
    sessions: SessionFactory, message_id: uuid.UUID, *, status: str, error: dict[str, Any]
) -> None:
    async with session_scope(sessions) as session:
        message = await MessageRepository(session).get(message_id)
        assert message is not None
        message.status = status
        message.error = error
        message.processed_at = utcnow()


def _facts(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in ("error", "detail")}


def _authorise(principal: Principal | None, parsed: NormalisedBody, message_id: uuid.UUID) -> None:
    if principal is None:
        return
    carriers = sorted({flight.carrier for flight in parsed.flights})
    foreign = [c for c in carriers if not principal.may_act_for(c)]
    if foreign:
        raise CarrierNotAllowed(
            f"this key may push for {', '.join(sorted(principal.carriers))} only; the message is "
            f"for {', '.join(foreign)}",
            message_id=str(message_id),
            carriers=foreign,
        )


async def _apply_body(
    session: Session,
    message_id: uuid.UUID,
    submission: Submission,
    parsed: NormalisedBody,
    context: IngestContext,
) -> InboundMessage:
    metrics = context.metrics
    repository = MessageRepository(session)
    message = await repository.get(message_id)
    assert message is not None
    now = utcnow()
    first = parsed.interchanges[0] if parsed.interchanges else None
    message.message_type = parsed.message_type
    message.directory = parsed.directory
    message.sender = first.sender if first else None
    message.interchange_ref = first.reference if first else None
    message.carriers = sorted({flight.carrier for flight in parsed.flights})
    message.processed_at = now
    message.traveller_count = sum(len(m.travellers) for m in parsed.manifests) + sum(
        len(b.travellers) for p in parsed.pushes for b in p.bookings
    )
    message.dropped = {**message.dropped, **pushes.dropped(parsed.pushes)}
    warnings = [w.model_dump() for w in parsed.warnings]
    warnings += [w.model_dump() for m in parsed.manifests for w in m.warnings]
    warnings += [w.model_dump() for p in parsed.pushes for w in p.warnings]

    original = await _claim(repository, message, submission, parsed)
    if original is not None:
        message.status = "duplicate"
        message.duplicate_of = original
        message.warnings = warnings
        return message

    summary: list[dict[str, Any]] = []
    to_relink: set[uuid.UUID] = set()
    to_assess: list[Subject] = []
    for index, manifest in enumerate(parsed.manifests):
        if parts.is_part(manifest):
            entry = await _apply_part(session, message, manifest, index, now, context, to_assess)
            if entry["status"] == "applied":  # the parts of this body it completed are in it
                summary = [
                    s for s in summary if (s["part"] or {}).get("group") != entry["part"]["group"]
                ]
        else:
            applied = await apply_manifest(session, manifest, messages=[message.id], now=now)
            _count_stored(metrics, applied)
            entry = _summary(manifest, applied)
            screened = await screen_manifest(session, context.live, applied, message.id)
            entry["hits"] = screened.hits
            to_assess += screened.subjects
        if entry["flight"]["id"]:
            to_relink.add(uuid.UUID(entry["flight"]["id"]))
        summary.append(entry)
    links = LinkRepository(session)
    to_relink = {f for f in to_relink if await links.flight_has_bookings(f)}
    for push in parsed.pushes:
        applied_push = await apply_push(session, push, message_id=message.id, now=now)
        pushes.count(metrics, push, applied_push)
        entry = pushes.summary(push, applied_push)
        screened = await screen_push(session, context.live, applied_push, message.id)
        entry["hits"] = screened.hits
        to_assess += screened.subjects
        summary.append(entry)
        to_relink.add(applied_push.flight.id)
    for flight_id in to_relink:
        linked = await relink_flight(session, flight_id, now)
        for entry in summary:
            if entry["flight"]["id"] == str(flight_id):
                entry["links"] = dict(linked)
    rule_hits = await assess_ingested(session, to_assess, to_relink, message.id)
    for entry in summary:  # each flight's new rule hits, counted on its first entry
        flight = entry["flight"]["id"]
        if flight and uuid.UUID(flight) in rule_hits:
            entry["hits"] = entry.get("hits", 0) + rule_hits.pop(uuid.UUID(flight))
    message.summary = summary
    message.warnings = warnings
    waiting = any(entry["status"] == "awaiting_parts" for entry in summary)
    message.status = "awaiting_parts" if waiting else "accepted"
    return message


async def _claim(
    repository: MessageRepository,
    message: InboundMessage,
    submission: Submission,
    parsed: NormalisedBody,
) -> uuid.UUID | None:
    """The accepted message this one duplicates (same bytes, or every interchange already seen),
    or None after claiming this one's fingerprints."""
    by_bytes = f"sha256:{message.sha256}"
    by_interchange = [f"interchange:{i.sender}:{i.reference}" for i in parsed.interchanges]
    for _ in range(2):  # a concurrent twin may claim between our look-up and our claim
        seen = await repository.originals([by_bytes, *by_interchange])
        if by_bytes in seen:
            return seen[by_bytes]
        if by_interchange and all(fp in seen for fp in by_interchange):
            return seen[by_interchange[0]]
        fresh = [fp for fp in [by_bytes, *by_interchange] if fp not in seen]
        try:
            await repository.claim_fingerprints(fresh, message.id)
            return None
        except AlreadyExists:
            continue
    raise RuntimeError(f"could not settle whether message {message.id} is a duplicate")


async def _apply_part(
    session: Session,
    message: InboundMessage,
    manifest: Manifest,
    index: int,
    now: datetime,
    context: IngestContext,
    to_assess: list[Subject],
) -> dict[str, Any]:
    state, repeated = await parts.buffer_part(session, manifest, message.id, index, now)
    part_info = {
        "number": manifest.source.part_number,
        "final": manifest.source.part_flag == "F",
        "group": state.group_key,
        "received": list(state.received),
        "missing": list(state.missing),
        "repeated": repeated,
    }
    if not state.complete:
        return {**_summary(manifest, None), "part": part_info, "status": "awaiting_parts"}
    assembled = await parts.assemble(session, state.group_key, now)
    assert assembled is not None
    applied = await _apply_assembled(session, assembled, now)
    _count_stored(context.metrics, applied)
    entry = {**_summary(assembled.manifest, applied), "part": part_info}
    screened = await screen_manifest(session, context.live, applied, message.id)
    entry["hits"] = screened.hits
    to_assess += screened.subjects
    others = [m for m in assembled.messages if m != message.id]
    await _complete_parts(session, others, entry, [])
    return entry


async def _apply_assembled(
    session: Session, assembled: parts.Assembled, now: datetime
) -> AppliedManifest:
    return await apply_manifest(
        session,
        assembled.manifest,
        messages=assembled.messages,
        now=now,
        traveller_sources=assembled.traveller_sources,
    )


async def _complete_parts(
    session: Session,
    message_ids: Sequence[uuid.UUID],
    entry: dict[str, Any],
    warnings: list[dict[str, Any]],
) -> None:
    """Mark the messages that held the parts of an applied manifest accepted, with its summary."""
    repository = MessageRepository(session)
    for message_id in message_ids:
        message = await repository.get(message_id)
        if message is None or message.status != "awaiting_parts":
            continue
        message.status = "accepted"
        message.summary = [
            *(s for s in message.summary if s.get("status") != "awaiting_parts"),
            entry,
        ]
        message.warnings = [*message.warnings, *warnings]


def _summary(manifest: Manifest, applied: AppliedManifest | None) -> dict[str, Any]:
    leg = manifest.flight
    flight: dict[str, Any] = {
        "id": str(applied.flight.id) if applied else None,
        "carrier": leg.carrier,
        "flight_number": leg.flight_number,
        "origin": leg.departure_airport,
        "destination": leg.arrival_airport,
        "departure_local": leg.departure_local.isoformat() if leg.departure_local else None,
        "departure_utc": leg.departure_utc.isoformat() if leg.departure_utc else None,
    }
    party = manifest.reporting_party
    return {
        "message_type": "PAXLST",
        "status": "applied" if applied else "awaiting_parts",
        "kind": manifest.kind.value,
        "action": manifest.action.value,
        "document_code": manifest.document_code,
        "document_subtype": manifest.document_subtype,
        "transaction_ref": manifest.transaction_ref,
        "reporting_party": party.model_dump(mode="json") if party else None,
        "flight": flight,
        "travellers": len(manifest.travellers),
        "declared_passengers": manifest.declared_passengers,
        "declared_crew": manifest.declared_crew,
        "changes": dict(applied.changes) if applied else {},
        "part": None,
    }


def _count_stored(metrics: Metrics, applied: AppliedManifest) -> None:
    for (role, change), count in applied.by_role.items():
        metrics.travellers_stored.labels(role, change).inc(count)


async def sweep_stale_parts(context: IngestContext, settings: Settings) -> int:
    """Apply multi-part manifests whose missing parts did not come within the timeout."""
    cutoff = utcnow() - timedelta(seconds=settings.ingest.multipart_timeout_seconds)
    async with session_scope(context.sessions) as session:
        keys = await parts.stale_groups(session, cutoff)
    for key in keys:
        async with session_scope(context.sessions) as session:
            now = utcnow()
            assembled = await parts.assemble(session, key, now)
            if assembled is None:
                continue
            applied = await _apply_assembled(session, assembled, now)
            _count_stored(context.metrics, applied)
            last = assembled.messages[-1]
            screened = await screen_manifest(session, context.live, applied, last)
            rule_hits = await assess_ingested(session, screened.subjects, [], last)
            hits = screened.hits + sum(rule_hits.values())
            incomplete = [
                w.model_dump()
                for w in assembled.manifest.warnings
                if w.code == parts.INCOMPLETE_MULTIPART
            ]
            entry = {**_summary(assembled.manifest, applied), "hits": hits}
            await _complete_parts(session, assembled.messages, entry, incomplete)
    return len(keys)


async def sweep_forever(context: IngestContext, settings: Settings) -> None:
    while True:
        await asyncio.sleep(settings.ingest.multipart_sweep_seconds)
        try:
            await sweep_stale_parts(context, settings)
        except Exception:  # keep sweeping; the next round retries
            log.exception("sweeping stale multi-part manifests failed")
