"""Every Prometheus collector of the service, created per application (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess

NAMESPACE = "paxscreen"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    messages_received: Counter
    parse_failures: Counter
    ingest_duration: Histogram
    travellers_stored: Counter
    http_requests: Counter
    http_duration: Histogram
    bookings_stored: Counter
    items_dropped: Counter
    screening_duration: Histogram
    hits_raised: Counter
    index_entries: Gauge
    index_build_seconds: Gauge

    def render(self) -> bytes:
        """The exposition text. With several worker processes (PROMETHEUS_MULTIPROC_DIR set) the
        values of all workers are merged, so a scrape sees the whole service, not one worker."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            merged = CollectorRegistry()
            prometheus_multiprocess.MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
            return generate_latest(merged)
        return generate_latest(self.registry)


def create_metrics() -> Metrics:
    registry = CollectorRegistry()
    return Metrics(
        registry=registry,
        messages_received=Counter(
            "messages_received",
            "Messages received, by message type and outcome",
            ["message_type", "outcome"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        parse_failures=Counter(
            "parse_failures",
            "Messages rejected because they could not be parsed, by reason",
            ["message_type", "reason"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        ingest_duration=Histogram(
            "ingest_duration_seconds",
            "Time from receiving a message to its receipt, by message type",
            ["message_type"],
            namespace=NAMESPACE,
            registry=registry,
            buckets=LATENCY_BUCKETS,
        ),
        travellers_stored=Counter(
            "travellers_stored",
            "Traveller versions written, by role and change (added, changed, status)",
            ["role", "change"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        http_requests=Counter(
            "http_requests",
            "HTTP requests, by method, route template and status code",
            ["method", "route", "status"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        bookings_stored=Counter(
            "bookings_stored",
            "PNR booking versions written, by push kind and change",
            ["push_kind", "change"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        items_dropped=Counter(
            "pnr_items_dropped",
            "PNR items dropped at ingest by the privacy filters, by filter and category",
            ["filter", "category"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        screening_duration=Histogram(
            "screening_duration_seconds",
            "Time to screen one traveller against every active list",
            namespace=NAMESPACE,
            registry=registry,
            buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1),
        ),
        hits_raised=Counter(
            "hits_raised",
            "New watchlist hits, by list and what caused the screening",
            ["watchlist", "trigger"],
            namespace=NAMESPACE,
            registry=registry,
        ),
        index_entries=Gauge(
            "matcher_index_entries",
            "Watchlist entries in this worker's in-memory matcher index",
            namespace=NAMESPACE,
            registry=registry,
            multiprocess_mode="max",
        ),
        index_build_seconds=Gauge(
            "matcher_index_build_seconds",
            "How long the last full build of the matcher index took",
            namespace=NAMESPACE,
            registry=registry,
            multiprocess_mode="max",
        ),
        http_duration=Histogram(
            "http_request_duration_seconds",
            "HTTP request latency, by method and route template",
            ["method", "route"],
            namespace=NAMESPACE,
            registry=registry,
            buckets=LATENCY_BUCKETS,
        ),
    )
