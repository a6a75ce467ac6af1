from __future__ import annotations

from paxscreen.schemas import Schema


class Health(Schema):
    status: str
