from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from paxscreen.screening.live_index import LiveIndex


@dataclass(frozen=True)
class ScreeningWindow:
    window: timedelta  # flights departing this soon are screened again when a list changes


def get_live_index(request: Request) -> LiveIndex:
    live: LiveIndex = request.app.state.live
    return live


def get_screening_window(request: Request) -> ScreeningWindow:
    hours = request.app.state.settings.screening.rescreen_window_hours
    return ScreeningWindow(timedelta(hours=hours))


LiveIndexDep = Annotated[LiveIndex, Depends(get_live_index)]
ScreeningSettingsDep = Annotated[ScreeningWindow, Depends(get_screening_window)]
