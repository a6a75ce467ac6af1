"""The committed OpenAPI document is the app's.

Regenerate it with `paxscreen openapi --output openapi/openapi.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from paxscreen.openapi import openapi_document

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))

    assert committed == openapi_document(), (
        "openapi/openapi.json is stale: run `paxscreen openapi --output openapi/openapi.json`"
    )


def test_every_operation_lists_its_error_responses_in_the_error_shape() -> None:
    document = openapi_document()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in ("/healthz",):
                continue
            errors = [code for code in operation["responses"] if code.startswith(("4", "5"))]
            assert errors, f"{method.upper()} {path} lists no error responses"
            for code in errors:
                assert "ErrorBody" in json.dumps(operation["responses"][code]), (method, path, code)
    assert "HTTPValidationError" not in json.dumps(document)


def test_protected_operations_declare_the_key_schemes() -> None:
    document = openapi_document()
    schemes = set(document["components"]["securitySchemes"])
    assert schemes == {"HTTPBearer", "APIKeyHeader"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in ("/healthz", "/readyz"):
                assert "security" not in operation
            else:
                assert operation.get("security"), f"{method.upper()} {path} has no security"
