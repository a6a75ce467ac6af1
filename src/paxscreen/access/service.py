"""Creating, listing, revoking and verifying API keys."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from paxscreen.access import keys
from paxscreen.access.errors import InvalidKey, InvalidKeyRequest
from paxscreen.access.roles import Principal, Role
from paxscreen.errors import NotFound
from paxscreen.storage.base import utcnow
from paxscreen.storage.models import ApiKey
from paxscreen.storage.repositories.keys import KeyRepository
from paxscreen.storage.session import Session, SessionFactory, session_scope


@dataclass(frozen=True, slots=True)
class CreatedKey:
    row: ApiKey
    plaintext: str


async def create_key(session: Session, role: Role, carriers: list[str], label: str) -> CreatedKey:
    try:
        codes = keys.normalise_carriers(carriers)
    except ValueError as exc:
        raise InvalidKeyRequest(str(exc)) from exc
    if role is Role.CARRIER and not codes:
        raise InvalidKeyRequest(
            "a carrier key must be bound to at least one airline (use '*' for an integrator "
            "that pushes for every airline)"
        )
    if role is not Role.CARRIER and codes:
        raise InvalidKeyRequest(f"only carrier keys are bound to airlines, not {role} keys")
    new = keys.generate_key()
    row = ApiKey(
        prefix=new.prefix, secret_hash=new.secret_hash, role=role.value, carriers=codes, label=label
    )
    await KeyRepository(session).add(row)
    return CreatedKey(row=row, plaintext=new.plaintext)


async def list_keys(session: Session, *, include_revoked: bool) -> Sequence[ApiKey]:
    return await KeyRepository(session).list(include_revoked=include_revoked)


async def revoke_key(session: Session, key_id: uuid.UUID) -> ApiKey:
    repository = KeyRepository(session)
    row = await repository.get(key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    if row.revoked_at is None:
        await repository.revoke(row, utcnow())
    return row


@dataclass
class KeyVerifier:
    """Verifies presented keys, trusting a verified key for ``cache_seconds`` so that a busy
    ingest client costs one database lookup every few seconds, not one per request. A revoked key
    therefore stops working within ``cache_seconds``."""

    sessions: SessionFactory
    cache_seconds: float
    _cache: dict[str, tuple[float, Principal]] = field(default_factory=dict)

    async def verify(self, plaintext: str) -> Principal:
        digest = keys.hash_key(plaintext)
        cached = self._cache.get(digest)
        now = time.monotonic()
        if cached and cached[0] > now:
            return cached[1]
        prefix = keys.prefix_of(plaintext)
        if prefix is None:
            raise InvalidKey("API key not recognised: it is not of the form pxs_<prefix>_<secret>")
        async with session_scope(self.sessions) as session:
            row = await KeyRepository(session).by_prefix(prefix)
        if row is None or not keys.hashes_equal(row.secret_hash, digest):
            raise InvalidKey("API key not recognised")
        if row.revoked_at is not None:
            raise InvalidKey(f"API key {prefix} was revoked at {row.revoked_at.isoformat()}")
        principal = principal_of(row)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[digest] = (now + self.cache_seconds, principal)
        return principal


def principal_of(row: ApiKey) -> Principal:
    return Principal(
        key_id=row.id,
        prefix=row.prefix,
        role=Role(row.role),
        carriers=frozenset(row.carriers),
        label=row.label,
    )
