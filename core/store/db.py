"""Engine and session factory. Created by the app's lifespan or the CLI, never at import."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import CursorResult, Executable, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import await_
from sqlalchemy.util.queue import AsyncAdaptedQueue, Empty

SessionMaker = async_sessionmaker[AsyncSession]

# A pooled connection unused for longer than this is pinged before it is handed out.
PING_IDLE_SECONDS = 10.0
# Postgres connections a process keeps, and how many more it may open at a peak.
POOL_SIZE = 20
POOL_OVERFLOW = 0


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # A database error names the statement, never its values: they are what visitors said
    # (a transcript, a name, a phone number), and an error is logged with its message.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        if ":memory:" not in url:  # (a database in memory has one connection, kept)
            kwargs.setdefault("poolclass", FairPool)
        # Several writers (web turns, the outbox worker) share one file: wait for the lock
        # instead of failing, and let readers work while one writes.
        engine = _create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")  # cascades are how deletion works
            if ":memory:" not in url:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()
            # Let SQLAlchemy, not the driver, start transactions (see _sqlite_begin).
            dbapi_connection.isolation_level = None

        @event.listens_for(engine.sync_engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            # Take the write lock up front: a deferred transaction that reads and then
            # writes fails with "database is locked" when another writer got in between,
            # and busy_timeout cannot help it. IMMEDIATE waits its turn instead.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # Connections kept open: under load a turn waits for one of these rather than opening
    # its own (SQLAlchemy's default keeps 5 and closes the rest as they come back, so a
    # busy server connected and disconnected all the time, each new connection asking
    # for its types and preparing its statements again).
    kwargs.setdefault("pool_size", POOL_SIZE)
    kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    kwargs.setdefault("poolclass", FairPool)
    engine = _create_async_engine(url, **kwargs)
    _check_on_checkout(engine)
    return engine


class _FairQueue(AsyncAdaptedQueue[ConnectionPoolEntry]):
    """The pool's connections, each handed to whoever has waited longest for one.

    SQLAlchemy's queue gives a connection coming back to the first to ask after it came
    back: a request that has just arrived takes it from under one woken to take it, which
    then waits again, behind everyone. Under load (500 chats on 20 connections) most turns
    waited little and a few waited over and over: turn latency's p95 twice its median and
    a maximum of seven seconds or more. Here, while anyone waits, a newcomer queues behind
    them."""

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        super().__init__(maxsize, use_lifo)
        self._waiting = 0
        self._line: asyncio.Lock | None = None  # made in the event loop that uses it

    def get(self, block: bool = True, timeout: float | None = None) -> ConnectionPoolEntry:
        if not block or not self._waiting:
            try:
                return self.get_nowait()
            except Empty:
                if not block:
                    raise
        return await_(self._wait(timeout))

    async def _wait(self, seconds: float | None) -> ConnectionPoolEntry:
        """In line (asyncio's lock wakes its waiters in the order they came), then, first in
        line, for the next connection back."""
        self._line = self._line or asyncio.Lock()
        self._waiting += 1
        try:
            async with asyncio.timeout(seconds), self._line:
                return await self._queue.get()
        except TimeoutError as err:
            raise Empty() from err
        finally:
            self._waiting -= 1


class FairPool(AsyncAdaptedQueuePool):
    """SQLAlchemy's pool for asyncio, with connections handed out in the order asked for."""

    _queue_class = _FairQueue
    # Its log lines ("Pool disposed", "Pool recreating") are SQLAlchemy's, under its name,
    # held at WARNING with the rest of SQLAlchemy's (frontdesk/logs.py), not this module's.
    _sqla_logger_namespace = "sqlalchemy.pool.FairPool"


def _check_on_checkout(engine: AsyncEngine) -> None:
    """A pooled connection the server has closed (a restart, an idle timeout) is replaced
    before anybody uses it, like SQLAlchemy's `pool_pre_ping`, for less: that pings every
    checkout, three round trips on asyncpg (BEGIN, a query, ROLLBACK), several per turn.
    Here a connection is only asked whether its socket is still open, which the driver
    knows without asking the server (the server's goodbye closes it); one that has sat
    unused for PING_IDLE_SECONDS, long enough for a connection to die silently on the
    way (a firewall's idle timeout), is pinged as before."""

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in_at = record.info.pop("checked_in_at", None)
        if checked_in_at is None:
            return  # just connected
        is_closed = getattr(dbapi_connection.driver_connection, "is_closed", None)
        if is_closed is not None and is_closed():  # asyncpg's
            raise DisconnectionError("the database closed this connection")
        if is_closed is None or time.monotonic() - checked_in_at > PING_IDLE_SECONDS:
            try:
                dbapi_connection.ping()
            except Exception as exc:
                raise DisconnectionError("this idle connection no longer answers") from exc


def create_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def single_statement(sessionmaker: SessionMaker) -> AsyncIterator[AsyncSession]:
    """A session for work that is one statement (a new row, written on its own), committed
    on the way out. On Postgres the statement runs in autocommit: atomic by itself, without
    the BEGIN and COMMIT round trips a transaction adds around it (two of its three, each
    costing the server about what the statement does). Elsewhere (SQLite, whose
    transaction is in process and takes the write lock) it is an ordinary transaction."""
    async with sessionmaker() as db:
        if db.get_bind().dialect.name != "postgresql":
            async with db.begin():
                yield db
            return
        await db.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield db
        await db.commit()  # no round trip: there is no transaction to end


async def execute(
    db: AsyncSession, statement: Executable, params: Mapping[str, Any] | None = None
) -> CursorResult[Any]:
    """A Core statement on the session's connection (in its transaction), without the
    ORM's work, in one greenlet: `await db.connection()` and then `await conn.execute()`
    take one each, and on Python 3.11+ every greenlet maps a fresh frame stack of its own
    and unmaps it at the end (two system calls and the page faults of new memory). The
    rows come back buffered, as they do from `AsyncConnection.execute`."""
    return await db.run_sync(_execute, statement, params)


def _execute(
    session: Session, statement: Executable, params: Mapping[str, Any] | None
) -> CursorResult[Any]:
    return session.connection().execute(statement, params)
