from __future__ import annotations

from paxscreen.errors import Conflict, Unprocessable


class TransitionNotAllowed(Conflict):
    """The hit's status does not allow that move (reopen a decided hit first)."""

    error = "transition_not_allowed"


class ReasonMissing(Unprocessable):
    error = "reason_required"


class AlreadyLifted(Conflict):
    error = "suppression_already_lifted"
