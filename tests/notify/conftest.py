"""Notifications against the Slack and Twilio stand-ins, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.directory_csv import parse_directory_csv
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.store.directory import apply_import
from frontdesk.settings import Settings
from tests.conftest import DEMO_CSV
from tests.notify.helpers import Worker, settings_with_stand_ins
from tests.standins.fixtures import Running, slack, twilio

__all__ = ["slack", "twilio"]


@pytest.fixture
def settings(db_url: str, tmp_path: Path, slack: Running, twilio: Running) -> Settings:
    return settings_with_stand_ins(db_url, tmp_path, slack, twilio)


@pytest.fixture
async def sessionmaker(settings: Settings) -> AsyncIterator[SessionMaker]:
    """The database without the app: for tests that drive a worker by hand."""
    engine = create_engine(settings.database_url)
    maker = create_sessionmaker(engine)
    async with maker() as db, db.begin():
        await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
    yield maker
    await engine.dispose()


@pytest.fixture
async def worker(settings: Settings, sessionmaker: SessionMaker) -> AsyncIterator[Worker]:
    """An outbox worker driven by hand, with the notifiers the settings choose."""
    outbox = Worker(settings, sessionmaker)
    yield outbox
    await outbox.aclose()
