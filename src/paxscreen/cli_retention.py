"""``paxscreen retention run``: mask and delete what the retention periods say is due."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import click

from paxscreen.config import get_settings
from paxscreen.retention.run import RetentionReport, run_retention
from paxscreen.retention.vault import Vault
from paxscreen.storage.engine import create_engine, create_sessionmaker
from paxscreen.storage.migrate import upgrade


@click.group()
def retention() -> None:
    """Retention of personal data: masking after one period, deletion after another."""


@retention.command("run")
@click.option("--batch-size", type=int, default=None, help="records per transaction")
@click.option(
    "--now",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"]),
    default=None,
    help="judge the periods as of this time (for a dry look ahead on a copy, or tests)",
)
def retention_run(batch_size: int | None, now: datetime | None) -> None:
    """Mask and delete what is due, in batches: idempotent, and safe to run again after a crash
    (each batch commits whole or not at all). The audit log is never touched."""
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    settings = get_settings()
    policy = settings.retention
    if batch_size:
        policy = policy.model_copy(update={"batch_size": batch_size})
    vault = Vault.from_file(policy.vault_key_file)
    upgrade(settings.database_url)

    def progress(kind: str, what: str, count: int) -> None:
        click.echo(f"{kind} {count} {what}")

    async def work() -> RetentionReport:
        engine = create_engine(settings.database_url)
        try:
            return await run_retention(
                create_sessionmaker(engine), policy, vault, now=now, progress=progress
            )
        finally:
            await engine.dispose()

    report = asyncio.run(work())
    click.echo(f"retention run done: {report.text()}")
