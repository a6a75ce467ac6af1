"""One error hierarchy for the service, rendered by one handler as ``{"error", "detail", ...}``."""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException


class ErrorBody(BaseModel):
    """The shape of every error response. Extra keys carry the facts of the error."""

    model_config = ConfigDict(extra="allow")

    error: str
    detail: str


class AppError(Exception):
    """Base of every error the service answers with. Subclasses fix the status and the code."""

    status_code: ClassVar[int] = 500
    error: ClassVar[str] = "internal_error"

    def __init__(self, detail: str, **facts: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.facts = facts

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "detail": self.detail, **self.facts}

    def headers(self) -> dict[str, str] | None:
        return None


class BadRequest(AppError):
    status_code = 400
    error = "bad_request"


class Unauthenticated(AppError):
    status_code = 401
    error = "unauthenticated"

    def headers(self) -> dict[str, str] | None:
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(AppError):
    status_code = 403
    error = "forbidden"


class NotFound(AppError):
    status_code = 404
    error = "not_found"


class Conflict(AppError):
    status_code = 409
    error = "conflict"


class Gone(AppError):
    status_code = 410
    error = "gone"


class PayloadTooLarge(AppError):
    status_code = 413
    error = "payload_too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    error = "unsupported_media_type"


class Unprocessable(AppError):
    status_code = 422
    error = "unprocessable"


class ServiceUnavailable(AppError):
    status_code = 503
    error = "service_unavailable"


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the errors an endpoint can answer with."""
    table: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        entry = table.setdefault(error.status_code, {"model": ErrorBody, "description": ""})
        entry["description"] = ", ".join(filter(None, [entry["description"], error.error]))
    return table


def _render(
    status_code: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(status_code=status_code, content=body, headers=headers)


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return _render(exc.status_code, exc.body(), exc.headers())


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    names = {404: "not_found", 405: "method_not_allowed", 401: "unauthenticated", 403: "forbidden"}
    body = {"error": names.get(exc.status_code, "http_error"), "detail": str(exc.detail)}
    return _render(exc.status_code, body, dict(exc.headers) if exc.headers else None)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"location": list(item.get("loc", ())), "message": item.get("msg", "")}
        for item in exc.errors()
    ]
    first = problems[0] if problems else {"location": [], "message": "invalid request"}
    detail = f"{'.'.join(map(str, first['location']))}: {first['message']}"
    return _render(422, {"error": "invalid_request", "detail": detail, "problems": problems})


def document_validation_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Point FastAPI's generated 422 responses at ErrorBody: _validation_error renders request
    validation failures in the error shape, and the document must say what is really sent."""
    schemas = schema.get("components", {}).get("schemas", {})
    if "ErrorBody" not in schemas:
        schemas["ErrorBody"] = ErrorBody.model_json_schema()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            response = operation.get("responses", {}).get("422", {})
            content = response.get("content", {}).get("application/json", {})
            if content.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                content["schema"] = {"$ref": "#/components/schemas/ErrorBody"}
                response["description"] = "invalid_request"
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return schema


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
