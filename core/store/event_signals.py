"""Waking the streams that wait for a session's events, instead of each stream polling.

A session's later messages (the host's answer) are rows in `session_events`, written by
`sessions.push_event` in some instance's transaction. A stream waiting for them (the web
chat's `/events`) subscribes here and sleeps until woken:

- on Postgres, `push_event` also sends `NOTIFY frontdesk_session_events, '<session id>'`
  in the same transaction, which Postgres delivers at commit to every listening
  connection; each process keeps one, outside the pool, and wakes that session's streams;
- on SQLite (one file, no NOTIFY), one watcher per process reads the events added since
  it last looked, every WATCH_SECONDS while any stream is open: one query for all the
  process's streams instead of one per stream, and it sees other processes' events too.

Either way a stream also looks by itself every SAFETY_SECONDS, so a wake-up that goes
missing (the listening connection dropped, a notification in flight) delays a message
and never loses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from core.store.models import SessionEvent

log = logging.getLogger(__name__)
CHANNEL = "frontdesk_session_events"
SAFETY_SECONDS = 15.0  # a subscriber's own look, for a wake-up that went missing
WATCH_SECONDS = 0.25  # SQLite: how often the process looks for new events
RECONNECT_SECONDS = 2.0  # Postgres: pause before listening again after a failure
SQLALCHEMY_ONLY = ("prepared_statement_cache_size", "prepared_statement_name_func")


async def announce(db: AsyncSession, session_id: str) -> None:
    """In the transaction that adds an event: tell every instance at commit (Postgres)."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(sa.select(sa.func.pg_notify(CHANNEL, session_id)))


class EventSignals:
    """One per process: wakes the subscribers of a session when it has new events."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._waiting: dict[str, set[asyncio.Event]] = {}
        self._task: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def subscribe(self, session_id: str) -> Iterator[asyncio.Event]:
        """An event set whenever `session_id` may have new events. Clear it before looking,
        then wait on it (with a timeout of SAFETY_SECONDS)."""
        woken = asyncio.Event()
        self._waiting.setdefault(session_id, set()).add(woken)
        self._ensure_running()
        try:
            yield woken
        finally:
            waiting = self._waiting.get(session_id, set())
            waiting.discard(woken)
            if not waiting:
                self._waiting.pop(session_id, None)

    def wake(self, session_ids: Iterable[str]) -> None:
        for session_id in session_ids:
            for woken in self._waiting.get(session_id, ()):
                woken.set()

    def wake_all(self) -> None:
        self.wake(list(self._waiting))

    @property
    def subscribers(self) -> int:
        return sum(len(waiting) for waiting in self._waiting.values())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    def _ensure_running(self) -> None:
        if self._task is None or self._task.done():
            postgres = self._engine.dialect.name == "postgresql"
            run = self._listen() if postgres else self._watch()
            self._task = asyncio.create_task(run, name="event signals")

    # --- Postgres: LISTEN on one connection of our own -------------------------------------

    async def _listen(self) -> None:
        while True:
            try:
                await self._listen_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("listening for session events failed; trying again", exc_info=True)
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _listen_once(self) -> None:
        import asyncpg  # the Postgres driver; only a Postgres deployment has it loaded

        args, kwargs = self._engine.dialect.create_connect_args(self._engine.url)
        for own in SQLALCHEMY_ONLY:  # options of SQLAlchemy's adapter, not of asyncpg
            kwargs.pop(own, None)
        conn = await asyncpg.connect(*args, **kwargs)
        lost = asyncio.Event()

        def on_notify(_conn: Any, _pid: int, _channel: str, session_id: str) -> None:
            self.wake((session_id,))

        try:
            conn.add_termination_listener(lambda _conn: lost.set())
            await conn.add_listener(CHANNEL, on_notify)
            self.wake_all()  # what was added while nobody listened
            await lost.wait()
            log.warning("the connection listening for session events was lost")
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), timeout=5)

    # --- SQLite: one look for the whole process --------------------------------------------

    async def _watch(self) -> None:
        after: int | None = None
        while self._waiting:
            try:
                async with self._engine.connect() as conn:
                    if after is None:
                        after = int(await conn.scalar(sa.select(sa.func.max(SessionEvent.id))) or 0)
                        self.wake_all()  # what was added before this first look
                    rows = (
                        await conn.execute(
                            sa.select(SessionEvent.id, SessionEvent.session_id)
                            .where(SessionEvent.id > after)
                            .order_by(SessionEvent.id)
                        )
                    ).all()
                if rows:
                    after = rows[-1].id
                    self.wake({row.session_id for row in rows})
            except Exception:
                log.warning("looking for new session events failed", exc_info=True)
            await asyncio.sleep(WATCH_SECONDS)
