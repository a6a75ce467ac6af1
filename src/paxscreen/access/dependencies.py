"""Authentication and role checks as FastAPI dependencies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from paxscreen.access.errors import MissingKey, RoleNotAllowed
from paxscreen.access.roles import Principal, Role
from paxscreen.access.service import KeyVerifier

# Declared so that OpenAPI shows both ways to send a key; checked by hand for clear errors.
bearer_scheme = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <API key>")


async def authenticate(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    header_key: Annotated[str | None, Depends(header_scheme)],
) -> Principal:
    presented = bearer.credentials if bearer else header_key
    if not presented:
        raise MissingKey(
            "no API key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
        )
    verifier: KeyVerifier = request.app.state.key_verifier
    principal = await verifier.verify(presented.strip())
    request.state.principal = principal
    return principal


def require(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency that lets only the given roles through (403 naming the roles that may)."""
    allowed = ", ".join(role.value for role in roles)

    async def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if principal.role not in roles:
            raise RoleNotAllowed(
                f"a {principal.role.value} key may not do this; it needs a key with role {allowed}",
                role=principal.role.value,
                allowed_roles=[role.value for role in roles],
            )
        return principal

    return check


AdminDep = Annotated[Principal, Depends(require(Role.ADMIN))]
AnalystDep = Annotated[Principal, Depends(require(Role.ANALYST))]
AuditorDep = Annotated[Principal, Depends(require(Role.AUDITOR))]
MonitorDep = Annotated[Principal, Depends(require(Role.ADMIN, Role.AUDITOR))]
PusherDep = Annotated[Principal, Depends(require(Role.CARRIER))]
MessageReaderDep = Annotated[Principal, Depends(require(Role.CARRIER, Role.ANALYST))]
ListReaderDep = Annotated[Principal, Depends(require(Role.ANALYST, Role.ADMIN))]
