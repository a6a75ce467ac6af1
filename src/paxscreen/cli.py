"""The ``paxscreen`` command: serve, keys, ingest, db, openapi, watchlist, audit, retention."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import click
import uvicorn

from paxscreen.access import service as access_service
from paxscreen.access.roles import Role
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.cli_audit import audit, operator_record
from paxscreen.cli_ingest import ingest_files, operator_name
from paxscreen.cli_retention import retention
from paxscreen.config import Settings, get_settings
from paxscreen.errors import AppError
from paxscreen.openapi import openapi_document
from paxscreen.screening.live_index import LiveIndex
from paxscreen.storage.engine import create_engine, create_sessionmaker
from paxscreen.storage.migrate import upgrade
from paxscreen.storage.repositories.watchlists import WatchlistRepository
from paxscreen.storage.session import SessionFactory, session_scope
from paxscreen.watchlists import service as watchlists_service
from paxscreen.watchlists.importing import import_file
from paxscreen.watchlists.schemas import ImportResult

T = TypeVar("T")


def _with_database(settings: Settings, work: Callable[[SessionFactory], Awaitable[T]]) -> T:
    """Migrate, then run ``work`` with a session factory on the configured database."""
    upgrade(settings.database_url)

    async def run() -> T:
        engine = create_engine(settings.database_url)
        try:
            return await work(create_sessionmaker(engine))
        finally:
            await engine.dispose()

    return asyncio.run(run())


@click.group()
def main() -> None:
    """paxscreen: screens airline passenger data for border security."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="worker processes")
def serve(host: str, port: int, workers: int) -> None:
    """Migrate the database, then serve the API (interactive docs at /docs)."""
    settings = get_settings()
    upgrade(settings.database_url)
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # Each worker counts in its own process; a shared directory lets /metrics add them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="paxscreen-metrics-")
    click.echo(f"paxscreen on http://{host}:{port} (docs at http://{host}:{port}/docs)")
    uvicorn.run(
        "paxscreen.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level.lower(),
    )


main.add_command(audit)
main.add_command(retention)


@main.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the configured database (default: to the newest revision)."""
    upgrade(get_settings().database_url, revision)


@main.group()
def keys() -> None:
    """API keys."""


@keys.command("create")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option(
    "--carrier", "carriers", multiple=True, help="airline this carrier key pushes for; '*' for all"
)
@click.option("--label", default="", help="who or what uses the key")
def keys_create(role: str, carriers: tuple[str, ...], label: str) -> None:
    """Create a key and print it once."""

    async def work(sessions: SessionFactory) -> str:
        async with session_scope(sessions) as session:
            created = await access_service.create_key(session, Role(role), list(carriers), label)
            change = {"change": "create", "role": role, "carriers": created.row.carriers}
            await operator_record(
                session,
                AuditAction.KEY_CHANGE,
                RecordType.KEY,
                [created.row.id],
                "paxscreen keys create",
                change,
            )
            return created.plaintext

    try:
        plaintext = _with_database(get_settings(), work)
    except AppError as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(plaintext)
    click.echo("Store this key now: it is not shown again.", err=True)


@keys.command("list")
@click.option("--all", "include_revoked", is_flag=True, help="include revoked keys")
def keys_list(include_revoked: bool) -> None:
    """List keys (prefix, role, carriers; never the keys themselves)."""

    async def work(sessions: SessionFactory) -> list[str]:
        async with session_scope(sessions) as session:
            rows = await access_service.list_keys(session, include_revoked=include_revoked)
            return [
                f"{r.id}  {r.prefix}  {r.role:<8} {','.join(r.carriers) or '-':<12} "
                f"{'revoked' if r.revoked_at else 'active'}  {r.label}"
                for r in rows
            ]

    for line in _with_database(get_settings(), work):
        click.echo(line)


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke a key by its id."""

    async def work(sessions: SessionFactory) -> None:
        async with session_scope(sessions) as session:
            await access_service.revoke_key(session, uuid.UUID(key_id))
            await operator_record(
                session,
                AuditAction.KEY_CHANGE,
                RecordType.KEY,
                [uuid.UUID(key_id)],
                "paxscreen keys revoke",
                {"change": "revoke"},
            )

    try:
        _with_database(get_settings(), work)
    except AppError as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(f"revoked {key_id}")


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def ingest(files: tuple[Path, ...]) -> None:
    """Load message files into the configured database, offline, as the operator."""
    summary = _with_database(get_settings(), lambda sessions: ingest_files(sessions, files))
    counts = Counter(outcome for _, outcome, _ in summary)
    click.echo(
        f"{len(files)} file(s): {counts['accepted']} accepted, {counts['awaiting_parts']} "
        f"awaiting parts, {counts['duplicate']} duplicates, {counts['rejected']} rejected"
    )
    for path, outcome, reason in summary:
        if outcome == "rejected":
            click.echo(f"  rejected {path.name}: {reason}")


@main.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def openapi(output: Path | None) -> None:
    """Print (or write) the OpenAPI document of the service."""
    text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.group()
def watchlist() -> None:
    """Watchlists."""


@watchlist.command("create")
@click.argument("name")
@click.option("--description", default="")
@click.option("--category", default="terrorism", show_default=True)
@click.option(
    "--severity",
    default="high",
    show_default=True,
    type=click.Choice(["low", "medium", "high", "critical"]),
)
@click.option("--threshold", type=float, default=None, help="default: the matcher's")
def watchlist_create(
    name: str, description: str, category: str, severity: str, threshold: float | None
) -> None:
    """Create a watchlist and print its id."""

    async def work(sessions: SessionFactory) -> uuid.UUID:
        async with session_scope(sessions) as session:
            values = {
                "name": name,
                "description": description,
                "category": category,
                "severity": severity,
                "threshold": threshold,
                "active": True,
            }
            created = await watchlists_service.create_list(session, values)
            await operator_record(
                session,
                AuditAction.LIST_CHANGE,
                RecordType.WATCHLIST,
                [created.id],
                "paxscreen watchlist create",
                {"change": "create_list", "name": name},
            )
            return created.id

    try:
        click.echo(_with_database(get_settings(), work))
    except AppError as exc:
        raise click.ClickException(exc.detail) from exc


@watchlist.command("import")
@click.option("--list", "list_name", required=True, help="the watchlist's name")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["un_xml", "csv"]),
    default=None,
    help="default: from the file name (.xml or .csv)",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def watchlist_import(list_name: str, fmt: str | None, file: Path) -> None:
    """Import a list file into a watchlist: a newer edition applies the difference."""
    chosen = fmt or ("un_xml" if file.suffix.lower() == ".xml" else "csv")
    settings = get_settings()
    body = file.read_bytes()

    async def work(sessions: SessionFactory) -> ImportResult:
        async with session_scope(sessions) as session:
            found = await WatchlistRepository(session).by_name(list_name)
        if found is None:
            raise click.ClickException(
                f"no watchlist named {list_name!r} (paxscreen watchlist create)"
            )
        live = LiveIndex()
        await live.load(sessions)
        window = timedelta(hours=settings.screening.rescreen_window_hours)
        with click.progressbar(length=3, label=f"importing {file.name}") as bar:
            result = await import_file(
                sessions,
                live,
                window,
                found.id,
                chosen,
                body,
                operator_name(),
                progress=lambda _: bar.update(1),
            )
        counts = result.model_dump(
            include={"format", "entries_read", "added", "changed", "removed", "list_version"}
        )
        async with session_scope(sessions) as session:
            await operator_record(
                session,
                AuditAction.LIST_CHANGE,
                RecordType.WATCHLIST,
                [found.id],
                "paxscreen watchlist import",
                {"change": "import", **counts},
            )
        return result

    try:
        result = _with_database(settings, work)
    except AppError as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(
        f"{result.entries_read} entries read: {result.added} added, {result.changed} changed, "
        f"{result.removed} removed, {result.unchanged} unchanged (list version "
        f"{result.list_version}); {result.rescreened} travellers screened again, "
        f"{result.new_hits} new hits"
    )
    for warning in result.warnings[:50]:
        click.echo(f"  {warning.code}: {warning.detail}")
    if len(result.warnings) > 50:
        click.echo(f"  ... and {len(result.warnings) - 50} more warnings")
