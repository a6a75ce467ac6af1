"""The OpenAPI document as committed in openapi/openapi.json."""

from __future__ import annotations

from typing import Any

from paxscreen.config import Settings
from paxscreen.main import create_app


def openapi_document() -> dict[str, Any]:
    # Nothing in the document depends on settings, so the environment cannot make it drift.
    return create_app(Settings()).openapi()
