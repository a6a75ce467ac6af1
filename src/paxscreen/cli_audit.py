"""``paxscreen audit``: check the audit log's hash chain, show its newest entries."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import click

from paxscreen.audit import service as audit_service
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.cli_ingest import operator_name
from paxscreen.config import get_settings
from paxscreen.storage.engine import create_engine, create_sessionmaker
from paxscreen.storage.repositories.audit import AuditFilter
from paxscreen.storage.session import Session, SessionFactory, session_scope

T = TypeVar("T")


def _run(work: Callable[[SessionFactory], Awaitable[T]]) -> T:
    """Read-only: the database is opened as it is, never migrated."""

    async def run() -> T:
        engine = create_engine(get_settings().database_url)
        try:
            return await work(create_sessionmaker(engine))
        finally:
            await engine.dispose()

    return asyncio.run(run())


async def operator_record(
    session: Session,
    action: AuditAction,
    record_type: RecordType,
    record_ids: list[uuid.UUID],
    command: str,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Record what the operator did through the CLI, in the command's transaction."""
    await audit_service.record(
        session, None, action, record_type, record_ids, command, detail, operator=operator_name()
    )


@click.group()
def audit() -> None:
    """The audit log of every processing step on personal data."""


@audit.command("verify")
def audit_verify() -> None:
    """Walk the hash chain in order; exit 1 at the first changed, removed or reordered entry."""
    checked, broken = _run(audit_service.verify)
    if broken is not None:
        click.echo(f"audit log BROKEN at entry {broken.seq}: {broken.reason}", err=True)
        click.echo(f"{checked:,} entries checked")
        raise SystemExit(1)
    click.echo(f"audit log intact: {checked:,} entries")


@audit.command("tail")
@click.option("-n", "count", default=20, show_default=True, type=click.IntRange(1, 500))
def audit_tail(count: int) -> None:
    """Print the newest entries, newest first."""

    async def work(sessions: SessionFactory) -> list[str]:
        async with session_scope(sessions) as session:
            page = await audit_service.entries(session, AuditFilter(), count, 0)
        return [
            f"{e.seq:>8} {e.at:%Y-%m-%d %H:%M:%S} {e.actor:<14} {e.role:<8} {e.action:<16} "
            f"{e.record_type} {','.join(e.record_ids[:3])}{' ...' if len(e.record_ids) > 3 else ''}"
            f" {e.endpoint}"
            for e in page.items
        ]

    for line in _run(work):
        click.echo(line)
