"""One turn of a conversation at a time.

Two messages of one conversation arriving together (a double-click, a client that sends
everything at once) must be answered one after the other, each against the state the
previous one left, not raced and retried. Two locks do it:

- in this process, an asyncio lock per conversation: turns queue in memory, at no cost to
  the database;
- across instances, on Postgres, a transaction-scoped advisory lock on a hash of the
  conversation's key, taken at the start of the turn's transaction and released by its
  commit or rollback (so a crashed instance cannot leave it held). It is keyed by the
  conversation, not the session row, so it also covers the turn that creates the row (an
  SMS sender's first message). A session the client opened (the web chat's) has its row
  from the start, and the turn's first statement reads it `FOR UPDATE`: that row lock,
  held the same way until commit or rollback, is its conversation's lock, and the
  advisory lock (one more round trip a turn) is not taken.

SQLite has one writer at a time for the whole file: holding its write lock across a turn
would queue every conversation behind the one being interpreted. There the in-process lock
serialises a server's turns, the session row's version catches the rare turn raced by
another process on the same file, and that turn is taken again inside one transaction,
whose write lock (`BEGIN IMMEDIATE`, see `core.store.db`) is then the conversation's lock.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

# The first half of the two-integer advisory lock key: this lock's namespace, so it never
# meets another use of advisory locks in the same database. ("fdcv": frontdesk conversation.)
NAMESPACE = int.from_bytes(b"fdcv", "big", signed=True)


def conversation_key(channel: str, session_key: str, *, opened: bool) -> str:
    """A session the client opened is named by its id; otherwise the channel's own key (a
    phone number, a call) names the conversation, whichever session row it is in now."""
    return session_key if opened else f"{channel}:{session_key}"


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big", signed=True)


def holds_across_turn(db: AsyncSession) -> bool:
    """Whether the database can hold a conversation's lock for a whole turn (Postgres)."""
    return db.get_bind().dialect.name == "postgresql"


async def lock_conversation(db: AsyncSession, key: str) -> None:
    """Wait for, then hold until `db`'s transaction ends, the lock of conversation `key`.
    On SQLite the transaction holds the database's write lock, which covers it already."""
    if holds_across_turn(db):
        await db.execute(sa.select(sa.func.pg_advisory_xact_lock(NAMESPACE, _key_hash(key))))


class TurnLocks:
    """In-process locks per conversation; a lock is forgotten when nobody holds or awaits it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
