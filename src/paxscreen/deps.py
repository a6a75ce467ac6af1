"""Shared request dependencies: the settings, the request's database session, paging."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BaseModel

from paxscreen.config import Settings
from paxscreen.metrics import Metrics
from paxscreen.storage.session import Session, SessionFactory, session_scope


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session_factory(request: Request) -> SessionFactory:
    factory: SessionFactory = request.app.state.sessions
    return factory


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request owns the transaction: commit when the handler succeeds, roll back otherwise."""
    async with session_scope(request.app.state.sessions) as session:
        yield session


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, description="items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
SessionFactoryDep = Annotated[SessionFactory, Depends(get_session_factory)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
PageDep = Annotated[PageParams, Depends(page_params)]
