"""Run the Alembic migrations from code (``paxscreen serve`` migrates before it starts)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config


def _alembic_ini() -> Path:
    """alembic.ini sits at the project root: beside the src/ tree in a checkout, or in the working
    directory of a container (see Dockerfile). PAXSCREEN_ALEMBIC_INI overrides both."""
    if override := os.environ.get("PAXSCREEN_ALEMBIC_INI"):
        return Path(override)
    candidates = [Path(__file__).resolve().parents[3] / "alembic.ini", Path.cwd() / "alembic.ini"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "alembic.ini not found beside the source tree or in the working directory; "
        "set PAXSCREEN_ALEMBIC_INI"
    )


def alembic_config(database_url: str) -> Config:
    config = Config(str(_alembic_ini()))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate synchronously. Call it outside a running event loop (or in a worker thread)."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)
