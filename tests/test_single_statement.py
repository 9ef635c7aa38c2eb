"""`core.store.db.single_statement`: a new session's row is one statement. On Postgres it
runs on its own, without the BEGIN and COMMIT round trips of a transaction, and the pooled
connection it used takes the next turn in a transaction again; on SQLite it is an ordinary
transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.store import sessions
from core.store.db import create_engine, create_sessionmaker, single_statement
from core.store.models import ConversationSession


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_on_postgres_the_row_is_written_on_its_own(db_url: str) -> None:
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    try:
        async with single_statement(maker) as db:
            row = await sessions.insert_session(
                db, channel="web", language="en", language_known=False
            )
            # Another connection, before the block ends: autocommit has written it already.
            async with engine.connect() as other:
                seen = await other.scalar(
                    sa.select(sa.func.count())
                    .select_from(ConversationSession)
                    .where(ConversationSession.id == row.id)
                )
        assert seen == 1
        async with maker() as db:
            assert await db.get(ConversationSession, row.id) is not None
    finally:
        await engine.dispose()


async def test_the_connection_takes_transactions_again_afterwards(db_url: str) -> None:
    # One pooled connection on Postgres: the next session gets the very one that ran the
    # statement on its own, and must find it transactional again.
    engine = create_engine(db_url, pool_size=1) if "postgresql" in db_url else create_engine(db_url)
    maker = create_sessionmaker(engine)
    try:
        async with single_statement(maker) as db:
            await sessions.insert_session(db, channel="web", language="en", language_known=False)
        kept = None
        with pytest.raises(RuntimeError):
            async with maker() as db, db.begin():
                kept = await sessions.insert_session(
                    db, channel="web", language="en", language_known=False
                )
                raise RuntimeError("the turn failed")
        assert kept is not None
        async with maker() as db:
            assert await db.get(ConversationSession, kept.id) is None  # rolled back
    finally:
        await engine.dispose()
