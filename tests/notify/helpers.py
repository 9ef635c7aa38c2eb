"""Building blocks for notification tests: a checked-in visit, a worker with real
notifiers, and waiting (bounded) for the database to show something."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa

from core.notifications.escalation import FollowUps
from core.notifications.queue import enqueue
from core.notifications.routing import Routes
from core.outbox import OutboxWorker, RetryPolicy
from core.store.db import SessionMaker
from core.store.models import Employee, Notification, NotificationAttempt, Visit, utcnow
from frontdesk.providers.notifiers import choose_notifiers
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import Running, slack_settings, twilio_settings


def settings_with_stand_ins(
    db_url: str, tmp_path: Any, slack: Running, twilio: Running, **overrides: Any
) -> Settings:
    """Slack and Twilio configured against their stand-ins; short timeouts and retries."""
    values: dict[str, Any] = {
        **twilio_settings(twilio.url),
        **slack_settings(slack.url),
        "notify_timeout_seconds": 0.5,
        "outbox_lease_seconds": 2.0,
        "outbox_retry_seconds": 0.05,
        "escalation_minutes": 60,  # tests that escalate set their own
        "front_desk_phone": "+3725550000",
    }
    return make_settings(db_url, tmp_path, **{**values, **overrides})


async def arrival(
    sessionmaker: SessionMaker,
    host_email: str,
    *,
    visitor: str = "Tom <!channel> Baker",
    company: str | None = "Acme & Sons",
    purpose: str | None = "Quarterly review",
    channel: str = "slack",
    language: str = "en",
) -> tuple[int, int]:
    """A checked-in visit and its host notification, as the check-in writes them."""
    async with sessionmaker() as db, db.begin():
        host = await db.scalar(sa.select(Employee).where(Employee.email == host_email))
        assert host is not None
        visit = Visit(
            kind="visit",
            status="checked_in",
            visitor_name=visitor,
            company=company,
            purpose=purpose,
            host_id=host.id,
            host_name=host.name,
            channel="web",
            language=language,
            checked_in_at=utcnow(),
        )
        db.add(visit)
        await db.flush()
        payload = {"visitor_name": visitor, "company": company, "purpose": purpose}
        note = await enqueue(
            db,
            kind="host_arrival",
            channel=channel,
            visit_id=visit.id,
            host_id=host.id,
            payload={**payload, "party_size": 1, "language": language, "channel": "web"},
        )
        return visit.id, note.id


class Worker(OutboxWorker):
    """The outbox worker with the notifiers the settings choose, closed after the test."""

    def __init__(self, settings: Settings, sessionmaker: SessionMaker, **policy: Any) -> None:
        self.db = sessionmaker
        self.notifiers = choose_notifiers(settings, sessionmaker)
        super().__init__(
            sessionmaker,
            self.notifiers,
            policy=RetryPolicy(**{"first_delay": 0.05, "lease": 2.0, **policy}),
            follow_ups=FollowUps(Routes.of(self.notifiers), settings.office_defaults()),
        )

    async def aclose(self) -> None:
        for notifier in self.notifiers.values():
            if closer := getattr(notifier, "aclose", None):
                await closer()


async def drain(
    outbox: OutboxWorker, until: Callable[[], Awaitable[bool]], limit: float = 10
) -> None:
    """Run the worker until `until()` holds (or fail after `limit` seconds)."""
    deadline = asyncio.get_running_loop().time() + limit
    while not await until():
        if asyncio.get_running_loop().time() > deadline:
            found = [
                (n.kind, n.channel, n.status, n.last_error)
                for n in await notes(outbox.sessionmaker)
            ]
            raise AssertionError(f"timed out waiting; the outbox holds {found}")
        await outbox.process_due()
        await asyncio.sleep(0.03)


async def notes(sessionmaker: SessionMaker) -> list[Notification]:
    async with sessionmaker() as db:
        return list((await db.scalars(sa.select(Notification).order_by(Notification.id))).all())


async def attempts(sessionmaker: SessionMaker, note_id: int) -> list[bool]:
    async with sessionmaker() as db:
        rows = await db.scalars(
            sa.select(NotificationAttempt.ok)
            .where(NotificationAttempt.notification_id == note_id)
            .order_by(NotificationAttempt.id)
        )
        return list(rows.all())


async def eventually(check: Callable[[], Awaitable[bool]], limit: float = 10) -> None:
    """Wait (bounded) for the app's own workers to make `check()` true."""
    deadline = asyncio.get_running_loop().time() + limit
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)
