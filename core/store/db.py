"""Engine and session factory. Created by the app's lifespan or the CLI, never at import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

SessionMaker = async_sessionmaker[AsyncSession]


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # An error's text never quotes the values of its statement: they are visitors' names,
    # numbers and words (frontdesk/logs.py).
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
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
    return _create_async_engine(url, pool_pre_ping=True, **kwargs)


def create_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return async_sessionmaker(engine, expire_on_commit=False)
