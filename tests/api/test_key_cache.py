"""Verified keys are trusted for a few seconds, so a revocation takes effect within that time."""

from __future__ import annotations

import pytest

from paxscreen.access import service as access_service
from paxscreen.access.errors import InvalidKey
from paxscreen.access.roles import Role
from paxscreen.access.service import KeyVerifier
from paxscreen.storage.session import SessionFactory, session_scope


async def test_revocation_is_seen_once_the_cache_expires(db: SessionFactory) -> None:
    async with session_scope(db) as session:
        created = await access_service.create_key(session, Role.ANALYST, [], "cache test")
    caching = KeyVerifier(db, cache_seconds=3600)
    uncached = KeyVerifier(db, cache_seconds=0)
    assert (await caching.verify(created.plaintext)).role is Role.ANALYST

    async with session_scope(db) as session:
        await access_service.revoke_key(session, created.row.id)

    assert (await caching.verify(created.plaintext)).key_id == created.row.id  # still cached
    with pytest.raises(InvalidKey, match="revoked"):
        await uncached.verify(created.plaintext)
