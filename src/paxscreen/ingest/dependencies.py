from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from paxscreen.ingest.service import IngestContext


def get_ingest_context(request: Request) -> IngestContext:
    context: IngestContext = request.app.state.ingest
    return context


IngestContextDep = Annotated[IngestContext, Depends(get_ingest_context)]
