"""HTTP ingest throughput: the real service (uvicorn workers) on a fresh database, pushed over HTTP
with 300-traveller manifests, measured from the first request to the last receipt."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import httpx

from bench.parse import GTAS
from bench.synth import load_names, manifest
from paxscreen.storage.scratch import scratch_database

UN_LIST = GTAS.parent / "lists" / "un_consolidated_2026-02-27.xml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def fresh_database(server_url: str | None, folder: str) -> Iterator[str]:
    """A scratch PostgreSQL database on ``server_url``, or a new SQLite file in ``folder``."""
    if server_url is None:
        yield f"sqlite+aiosqlite:///{folder}/bench-{uuid.uuid4().hex[:8]}.db"
        return
    with scratch_database(server_url, "paxscreen_bench") as url:
        yield url


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "paxscreen", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"paxscreen {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


@contextmanager
def running_service(
    database_url: str, workers: int, rules: Sequence[str] = ()
) -> Iterator[tuple[str, str]]:
    """The real service on ``database_url``, with the UN Consolidated List loaded (when the corpus
    has it) so that every ingested traveller is screened as in production, and ``rules`` (CEL
    expressions) active so that every traveller is assessed by them."""
    env = {**os.environ, "PAXSCREEN_DATABASE_URL": database_url, "PAXSCREEN_LOG_LEVEL": "WARNING"}
    key = _cli(env, "keys", "create", "--role", "carrier", "--carrier", "*")
    if UN_LIST.exists():
        _cli(env, "watchlist", "create", "UN Consolidated List")
        _cli(env, "watchlist", "import", "--list", "UN Consolidated List", str(UN_LIST))
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "paxscreen",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the service did not become ready")
            time.sleep(0.2)
        if rules:
            admin = {"Authorization": f"Bearer {_cli(env, 'keys', 'create', '--role', 'admin')}"}
            for number, expression in enumerate(rules):
                rule = {"title": f"bench rule {number}", "expression": expression}
                httpx.post(
                    f"{base}/v1/rules", json=rule, headers=admin, timeout=60
                ).raise_for_status()
        yield base, key
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _push_all(base: str, key: str, bodies: list[bytes], concurrency: int) -> list[float]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/edifact"}
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            body = queue.get_nowait()
            started = time.perf_counter()
            response = await client.post("/v1/messages", content=body, headers=headers)
            if response.status_code != 201:
                raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies


def run(
    server_url: str | None,
    *,
    manifests: int = 60,
    travellers: int = 300,
    workers: int = 2,
    concurrency: int = 4,
    folder: str = "/tmp",
) -> dict[str, float]:
    """PAXLST: ``manifests`` synthetic manifests of ``travellers`` passengers, distinct flights."""
    names = load_names()
    warmup = [manifest(100_000 + i, travellers, names) for i in range(4)]
    bodies = [manifest(i, travellers, names) for i in range(manifests)]
    label = f"{manifests} PAXLST manifests x {travellers} travellers"
    return _measure(
        server_url, warmup, bodies, manifests * travellers, label, workers, concurrency, folder
    )


def run_pnrgov(
    server_url: str | None,
    pushes: list[tuple[bytes, int]],
    *,
    workers: int = 2,
    concurrency: int = 4,
    folder: str = "/tmp",
    rules: Sequence[str] = (),
) -> dict[str, float]:
    """PNRGOV: the given pushes (body, travellers), each under its own interchange reference so
    that none is a duplicate of another (the synthetic pushes all share one)."""
    bodies = [_with_reference(body, f"BENCH{i:06d}") for i, (body, _) in enumerate(pushes)]
    warmup = [_with_reference(body, f"WARM{i:06d}") for i, (body, _) in enumerate(pushes[:2])]
    travellers = sum(count for _, count in pushes)
    label = f"{len(bodies)} PNRGOV pushes, {travellers} travellers"
    if rules:
        label += f", {len(rules)} active rules"
    return _measure(
        server_url, warmup, bodies, travellers, label, workers, concurrency, folder, rules
    )


def _with_reference(body: bytes, reference: str) -> bytes:
    """The body with its UNB interchange control reference (UNB element 5) replaced."""
    start = body.index(b"UNB")
    end = body.index(b"'", start)
    elements = body[start:end].split(b"+")
    elements[5] = reference.encode()
    return body[:start] + b"+".join(elements) + body[end:]


def _measure(
    server_url: str | None,
    warmup: list[bytes],
    bodies: list[bytes],
    travellers: int,
    label: str,
    workers: int,
    concurrency: int,
    folder: str,
    rules: Sequence[str] = (),
) -> dict[str, float]:
    engine = "PostgreSQL" if server_url else "SQLite"
    with (
        fresh_database(server_url, folder) as url,
        running_service(url, workers, rules) as (base, key),
    ):
        asyncio.run(_push_all(base, key, warmup, concurrency))
        started = time.perf_counter()
        latencies = asyncio.run(_push_all(base, key, bodies, concurrency))
        elapsed = time.perf_counter() - started
    rate = travellers / elapsed
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(
        f"HTTP ingest into {engine}: {label}, {workers} workers, {concurrency} concurrent "
        f"clients: {rate:,.0f} travellers/s ({len(bodies) / elapsed:.1f} messages/s; latency "
        f"p50 {p50:.0f} ms, p99 {p99:.0f} ms)"
    )
    return {"travellers_per_second": rate, "p50_ms": p50, "p99_ms": p99}
