"""What a PNR push did, for its receipt and its metrics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from paxscreen.ingest.apply_pnr import AppliedPush, complete_full_push
from paxscreen.metrics import Metrics
from paxscreen.normalise.canonical_pnr import PnrPush


def dropped(pushes: Sequence[PnrPush]) -> dict[str, dict[str, int]]:
    """What the privacy filters dropped from a body, by category: counts, never content."""
    sensitive: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for push in pushes:
        sensitive.update({category.value: n for category, n in push.dropped_sensitive.items()})
        other.update(push.dropped_other)
    return {"sensitive": dict(sensitive), "other": dict(other)} if sensitive or other else {}


def summary(push: PnrPush, applied: AppliedPush) -> dict[str, Any]:
    leg = push.flight
    return {
        "message_type": "PNRGOV",
        "status": "applied",
        "kind": push.kind.value,
        "format": push.format,
        "flight": {
            "id": str(applied.flight.id),
            "carrier": leg.carrier,
            "flight_number": leg.flight_number,
            "origin": leg.departure_airport,
            "destination": leg.arrival_airport,
            "departure_local": leg.departure_local.isoformat() if leg.departure_local else None,
            "departure_utc": leg.departure_utc.isoformat() if leg.departure_utc else None,
        },
        "bookings": applied.bookings,
        "declared_bookings": push.declared_bookings,
        "complete": complete_full_push(push) if push.kind.value == "full" else None,
        "travellers": applied.travellers,
        "changes": dict(applied.changes),
        "dropped": dropped([push]),
        "links": {},
    }


def count(metrics: Metrics, push: PnrPush, applied: AppliedPush) -> None:
    for change, number in applied.changes.items():
        metrics.bookings_stored.labels(push.kind.value, change).inc(number)
    for category, number in push.dropped_sensitive.items():
        metrics.items_dropped.labels("sensitive", category.value).inc(number)
    for reason, number in push.dropped_other.items():
        metrics.items_dropped.labels("not_annex_i", reason).inc(number)
