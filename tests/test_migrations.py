"""Alembic is the only way the schema changes: the migrations must build exactly the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from core.store.db import create_engine
from core.store.models import Base
from migrations import runner


async def test_migrated_schema_matches_the_models(db_url: str) -> None:
    engine = create_engine(db_url)

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(diff)
        assert differences == []
        assert await runner.current_revision(engine) == runner.head_revision()
    finally:
        await engine.dispose()


async def test_downgrade_to_nothing_and_back(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await runner.downgrade(engine, "base")
        assert await runner.current_revision(engine) is None
        await runner.upgrade(engine)
        assert await runner.current_revision(engine) == runner.head_revision()
    finally:
        await engine.dispose()
