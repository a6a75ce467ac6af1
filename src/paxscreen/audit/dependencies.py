"""The audit trail as a request dependency: it knows who is calling and through which endpoint,
so that a router records a processing step in one line."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request

from paxscreen.access.roles import Principal
from paxscreen.audit import service as audit_service
from paxscreen.audit.actions import AuditAction, RecordType
from paxscreen.storage.session import Session


class Auditor:
    def __init__(self, request: Request) -> None:
        self.request = request

    @property
    def endpoint(self) -> str:
        """The route template, never the raw path: e.g. "GET /v1/travellers/{traveller_id}"."""
        route = self.request.scope.get("route")
        path = getattr(route, "path", None) or self.request.url.path
        return f"{self.request.method} {path}"

    @property
    def principal(self) -> Principal:
        principal = getattr(self.request.state, "principal", None)
        if not isinstance(principal, Principal):
            raise RuntimeError("audit needs an authenticated request")
        return principal

    async def record(
        self,
        session: Session,
        action: AuditAction,
        record_type: RecordType,
        record_ids: Iterable[uuid.UUID | str | int],
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        await audit_service.record(
            session, self.principal, action, record_type, record_ids, self.endpoint, detail
        )

    async def consulted(
        self,
        session: Session,
        record_type: RecordType,
        record_ids: Iterable[uuid.UUID | str | int],
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Personal data was read: who, which records, through which endpoint, when."""
        await self.record(session, AuditAction.CONSULTATION, record_type, record_ids, detail)


def get_auditor(request: Request) -> Auditor:
    return Auditor(request)


AuditDep = Annotated[Auditor, Depends(get_auditor)]
