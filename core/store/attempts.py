"""Failed attempts at something secret — a password, a booking code, the name on a
booking — counted in the database per key, so a limit holds however many instances
answer. Keys are stored hashed: the table names nobody ("code:client:203.0.113.9" and
"login:email:ann@example.com" become SHA-256 digests).

A key is a scope and what it counts ("code:session:<id>", "code:client:<address>",
"code:all"); a `Limit` says how many failures a key may collect within its window.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.models import LoginAttempt, utcnow


@dataclass(frozen=True, slots=True)
class Limit:
    key: str
    failures: int
    window: timedelta


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def serialise(db: AsyncSession, name: str) -> None:
    """Hold `name`'s lock until this transaction ends, so that counting the failures and
    recording the next one cannot interleave with another instance doing the same (fifty
    guesses sent at once must not all see a count of zero). SQLite needs nothing: every
    write transaction there begins IMMEDIATE and so runs alone (core/store/db.py)."""
    if db.get_bind().dialect.name == "postgresql":
        digest = hashlib.sha256(f"attempts:{name}".encode()).digest()
        lock_id = int.from_bytes(digest[:8], "big", signed=True)  # a Postgres bigint
        await db.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})


async def failures(db: AsyncSession, key: str, since: datetime) -> int:
    count = await db.scalar(
        sa.select(sa.func.count()).where(
            LoginAttempt.key_hash == key_hash(key),
            LoginAttempt.ok.is_(False),
            LoginAttempt.attempted_at >= since,
        )
    )
    return int(count or 0)


async def last_failure(db: AsyncSession, key: str) -> datetime | None:
    return await db.scalar(
        sa.select(sa.func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.key_hash == key_hash(key), LoginAttempt.ok.is_(False)
        )
    )


async def reached(db: AsyncSession, limits: Iterable[Limit]) -> Limit | None:
    """The first limit that has collected its failures within its window, if any."""
    now = utcnow()
    for limit in limits:
        if await failures(db, limit.key, now - limit.window) >= limit.failures:
            return limit
    return None


def record(db: AsyncSession, keys: Iterable[str], *, ok: bool) -> None:
    for key in keys:
        db.add(LoginAttempt(key_hash=key_hash(key), ok=ok))


async def forget_failures(db: AsyncSession, key: str) -> None:
    await db.execute(
        sa.delete(LoginAttempt).where(
            LoginAttempt.key_hash == key_hash(key), LoginAttempt.ok.is_(False)
        )
    )
