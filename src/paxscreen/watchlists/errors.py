from __future__ import annotations

from paxscreen.errors import Unprocessable


class ImportRejected(Unprocessable):
    """A list file that cannot be read; the body says where."""

    error = "watchlist_import_rejected"
