"""Operations the CLI runs against the database outside a running server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from core import retention
from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import ImportPlan, apply_import, plan_import
from frontdesk.settings import Settings
from migrations import runner

if TYPE_CHECKING:
    from frontdesk.runtime import Runtime


MIGRATE_FIRST = "run `frontdesk migrate` to create it (or `frontdesk demo` to try frontdesk out)"


def sqlite_file(database_url: str) -> Path | None:
    """The file a SQLite URL points at (None for other databases and in-memory ones)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def require_database(settings: Settings) -> None:
    """A command that needs the schema must not leave an empty SQLite file behind: connecting
    would create one, so a missing file is reported before anything connects."""
    path = sqlite_file(settings.database_url)
    if path is not None and not path.exists():
        raise SchemaNotReady(f"there is no frontdesk database at {path} yet: {MIGRATE_FIRST}")


@asynccontextmanager
async def engine_for(settings: Settings, *, create: bool = False) -> AsyncIterator[AsyncEngine]:
    """An engine on the configured database; `create` only for `migrate`, which makes it."""
    if not create:
        require_database(settings)
    engine = create_engine(settings.database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def migrate(settings: Settings) -> tuple[str | None, str | None]:
    async with engine_for(settings, create=True) as engine:
        before = await runner.current_revision(engine)
        await runner.upgrade(engine)
        return before, await runner.current_revision(engine)


async def require_schema(engine: AsyncEngine) -> None:
    current, head = await runner.current_revision(engine), runner.head_revision()
    if current is None:
        raise SchemaNotReady(f"the database has no frontdesk tables yet: {MIGRATE_FIRST}")
    if current != head:
        raise SchemaNotReady(
            f"the database schema is older than this frontdesk (revision {current}, "
            f"newest {head}): run `frontdesk migrate` first"
        )


async def check_ready(settings: Settings) -> None:
    """Raise SchemaNotReady, in plain words, unless the database is there and migrated."""
    async with engine_for(settings) as engine:
        await require_schema(engine)


class SchemaNotReady(RuntimeError):
    pass


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Runtime]:
    """A runtime with its workers, for the commands that work without the web server."""
    from frontdesk.runtime import Runtime  # the providers' SDKs: only for commands that run

    require_database(settings)
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


async def people_besides(settings: Settings, emails: set[str]) -> int:
    """How many people the directory holds other than these (the demo asks before mixing)."""
    import sqlalchemy as sa

    from core.store.models import Employee

    async with engine_for(settings) as engine, create_sessionmaker(engine)() as db:
        query = sa.select(sa.func.count()).select_from(Employee)
        return int(await db.scalar(query.where(Employee.email.not_in(emails))) or 0)


async def run_retention(settings: Settings) -> retention.Swept:
    async with engine_for(settings) as engine:
        await require_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            return await retention.sweep(db, settings.office_defaults(), settings.data_dir)
