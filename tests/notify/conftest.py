"""Notifications against the Slack and Twilio stand-ins, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.directory_csv import parse_directory_csv
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.store.directory import apply_import
from frontdesk.settings import Settings
from tests.conftest import DEMO_CSV, make_settings
from tests.notify.helpers import Worker
from tests.standins.fixtures import Running, slack, slack_settings, twilio, twilio_settings

__all__ = ["slack", "twilio"]


@pytest.fixture
def settings(db_url: str, tmp_path: Path, slack: Running, twilio: Running) -> Settings:
    return make_settings(
        db_url,
        tmp_path,
        **twilio_settings(twilio.url),
        **slack_settings(slack.url),
        notify_timeout_seconds=0.5,
        outbox_lease_seconds=2.0,
        outbox_retry_seconds=0.05,
        escalation_minutes=60,  # tests that escalate set their own
        front_desk_phone="+3725550000",
    )


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
