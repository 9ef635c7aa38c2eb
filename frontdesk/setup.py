"""Operations the CLI runs against the database outside a running server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from core import retention
from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import ImportPlan, apply_import, plan_import
from frontdesk.settings import Settings
from migrations import runner

if TYPE_CHECKING:
    from frontdesk.runtime import Runtime


@asynccontextmanager
async def engine_for(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def migrate(settings: Settings) -> tuple[str | None, str | None]:
    async with engine_for(settings) as engine:
        before = await runner.current_revision(engine)
        await runner.upgrade(engine)
        return before, await runner.current_revision(engine)


async def require_schema(engine: AsyncEngine) -> None:
    current, head = await runner.current_revision(engine), runner.head_revision()
    if current != head:
        raise SchemaNotReady(
            f"the database schema is at {current or 'nothing'}, not {head}: "
            "run `frontdesk migrate` first"
        )


class SchemaNotReady(RuntimeError):
    pass


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Runtime]:
    """A runtime with its workers, for the commands that work without the web server."""
    from frontdesk.runtime import Runtime  # the providers' SDKs: only for commands that run

    runtime = Runtime.open(settings)
    try:
        await require_schema(runtime.engine)
        runtime.start_workers()
        yield runtime
    finally:
        await runtime.close()


async def import_directory(
    settings: Settings, data: bytes, *, deactivate_missing: bool = False, dry_run: bool = False
) -> ImportPlan:
    rows = parse_directory_csv(data)  # raises before anything touches the database
    async with engine_for(settings) as engine:
        await require_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            if dry_run:
                return await plan_import(db, rows, deactivate_missing=deactivate_missing)
            return await apply_import(db, rows, deactivate_missing=deactivate_missing)


async def run_retention(settings: Settings) -> retention.Swept:
    async with engine_for(settings) as engine:
        await require_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            return await retention.sweep(db, settings.office_defaults(), settings.data_dir)
