"""`core.store.db.execute`: a Core statement in the session's transaction, run in one
greenlet (each greenlet maps a frame stack of its own and unmaps it at the end)."""

from __future__ import annotations

from typing import Any

import greenlet
import pytest
import sqlalchemy as sa

from core.store import sessions
from core.store.db import create_engine, create_sessionmaker, execute
from core.store.models import ConversationSession


async def test_it_runs_in_the_sessions_transaction(db_url: str) -> None:
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    count = sa.select(sa.func.count()).select_from(ConversationSession)
    try:
        with pytest.raises(RuntimeError):
            async with maker() as db, db.begin():
                row = await sessions.insert_session(
                    db, channel="web", language="en", language_known=False
                )
                assert await db.get(ConversationSession, row.id) is not None  # seen inside
                raise RuntimeError("rolled back")
        async with maker() as db:
            assert (await execute(db, count)).scalar() == 0
    finally:
        await engine.dispose()


async def test_a_statement_takes_one_greenlet(db_url: str) -> None:
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    started: set[int] = set()

    def tracing(event: str, args: Any) -> None:
        if event == "switch":
            started.add(id(args[1]))

    try:
        async with maker() as db, db.begin():
            await execute(db, sa.select(1))  # the connection: checked out, begun
            started.clear()
            previous = greenlet.settrace(tracing)
            try:
                found = (await execute(db, sa.select(sa.literal(7)))).scalar()
            finally:
                greenlet.settrace(previous)
        assert found == 7
        started.discard(id(greenlet.getcurrent()))  # switches back to the event loop's
        assert len(started) == 1
    finally:
        await engine.dispose()
