"""After a list or a rule changed: every traveller on flights departing within the window is
screened and assessed again, and only what is new is raised."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from paxscreen.assessment.pipeline import RULE_CHANGE, assess
from paxscreen.screening.live_index import LiveIndex
from paxscreen.screening.pipeline import LIST_CHANGE, departing_subjects, screen
from paxscreen.storage.session import SessionFactory, session_scope


@dataclass(frozen=True, slots=True)
class Rescreen:
    travellers: int  # screened and assessed again
    new_hits: int  # watchlist hits, or rule hits after a rule change


async def rescreen_upcoming(
    sessions: SessionFactory, live: LiveIndex, window: timedelta, watchlist_id: uuid.UUID
) -> Rescreen:
    """After a list changed: bring this process's index up to date, then screen every traveller
    on flights departing within ``window`` against that list, and reassess them."""
    await live.refresh(sessions)
    info = live.lists.get(watchlist_id)
    async with session_scope(sessions) as session:
        subjects = await departing_subjects(session, window)
        new = 0
        if info is not None and info.active:
            new = await screen(session, live, subjects, trigger=LIST_CHANGE, lists=[watchlist_id])
        # Even with no new hit the scores may move (a list's severity changed): reassess.
        await assess(session, subjects, trigger=LIST_CHANGE, with_rules=False)
    return Rescreen(len(subjects), new)


async def reassess_upcoming(sessions: SessionFactory, window: timedelta) -> Rescreen:
    """After a rule changed: evaluate the rules again on every traveller departing soon."""
    async with session_scope(sessions) as session:
        subjects = await departing_subjects(session, window)
        assessed = await assess(session, subjects, trigger=RULE_CHANGE)
    return Rescreen(assessed.travellers, assessed.new_rule_hits)
