"""Offline ingest of message files by the operator (``paxscreen ingest``)."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from pathlib import Path

import click

from paxscreen.config import get_settings
from paxscreen.errors import AppError
from paxscreen.ingest import service as ingest_service
from paxscreen.metrics import create_metrics
from paxscreen.screening.live_index import LiveIndex
from paxscreen.storage.session import SessionFactory


def operator_name() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # containers may have no user name
        return "cli:operator"


async def ingest_files(
    sessions: SessionFactory, files: Sequence[Path]
) -> list[tuple[Path, str, str]]:
    """Each file as one submission: (path, outcome, reason for a rejection)."""
    live = LiveIndex()
    await live.load(sessions)
    context = ingest_service.ingest_context(get_settings(), sessions, create_metrics(), live)
    operator = operator_name()
    results: list[tuple[Path, str, str]] = []
    with click.progressbar(
        files, label="ingesting", item_show_func=lambda p: p.name if p else ""
    ) as bar:
        for path in bar:
            submission = ingest_service.Submission(
                path.read_bytes(), "application/edifact", None, operator
            )
            try:
                message = await ingest_service.ingest(submission, context)
                results.append((path, message.status, ""))
            except AppError as exc:
                results.append((path, "rejected", exc.detail))
    return results
