"""Retention and erasure, on both databases: rows and badge files really go."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core import privacy, retention
from core.store import sessions
from core.store.models import (
    AuditEntry,
    Badge,
    Base,
    ConversationSession,
    Notification,
    NotificationAttempt,
    SessionEvent,
    Visit,
    utcnow,
)
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.visitor import Visitor

VISIT_TABLES = (Visit, Badge, Notification, NotificationAttempt, ConversationSession, SessionEvent)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    # No background workers: the outbox would add attempt rows while the test counts them,
    # and the badge worker would overwrite the badge rows the test writes.
    return make_settings(db_url, tmp_path, run_workers=False)


async def _checked_in_visit(client: httpx.AsyncClient, name: str) -> str:
    visitor = await Visitor.arrive(client)
    await visitor.say(f"Hi, I'm {name} from Acme, here to see Priya Patel")
    reply = await visitor.say("yes")
    assert reply["state"] == "complete", reply
    return visitor.session_id


async def _age_everything(app: FastAPI, days: int, badge: Path) -> None:
    """Make every row `days` old, give each badge a file, and hang an event and an
    attempt off the visit, so the cascade has every kind of row to delete."""
    then = utcnow() - timedelta(days=days)
    async with app.state.runtime.sessionmaker() as db, db.begin():
        for model in (Visit, ConversationSession):
            await db.execute(sa.update(model).values(created_at=then, updated_at=then))
        await db.execute(sa.update(Visit).values(checked_in_at=then))
        await db.execute(sa.update(Badge).values(file_path=str(badge)))
        for session_id in (await db.scalars(sa.select(ConversationSession.id))).all():
            await sessions.push_event(db, session_id, "host_response", {"text": "On my way"})
        for note in (await db.scalars(sa.select(Notification))).all():
            db.add(NotificationAttempt(notification_id=note.id, channel="console", ok=True))


async def _counts(app: FastAPI) -> dict[str, int]:
    async with app.state.runtime.sessionmaker() as db:
        return {
            m.__tablename__: int(await db.scalar(sa.select(sa.func.count()).select_from(m)) or 0)
            for m in VISIT_TABLES
        }


async def test_a_visit_past_retention_goes_with_everything_hanging_off_it(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings, demo_directory: None
) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    old_badge, new_badge = settings.data_dir / "old.pdf", settings.data_dir / "new.pdf"
    old_badge.write_bytes(b"%PDF old")
    new_badge.write_bytes(b"%PDF new")
    await _checked_in_visit(client, "Tom Baker")
    await _age_everything(app, 31, old_badge)
    before = await _counts(app)
    assert all(before.values()), before  # every kind of row exists
    await _checked_in_visit(client, "Mari Maasikas")
    async with app.state.runtime.sessionmaker() as db, db.begin():
        young = utcnow() - timedelta(days=29)
        await db.execute(
            sa.update(Visit).where(Visit.visitor_name == "Mari Maasikas").values(created_at=young)
        )
        await db.execute(
            sa.update(Badge)
            .where(Badge.visit_id.in_(sa.select(Visit.id).where(Visit.created_at == young)))
            .values(file_path=str(new_badge))
        )

    async with app.state.runtime.sessionmaker() as db, db.begin():
        swept = await retention.sweep(db, settings.office_defaults(), settings.data_dir)
    assert (swept.visits, swept.badge_files) == (1, 1)
    async with app.state.runtime.sessionmaker() as db:
        names = (await db.scalars(sa.select(Visit.visitor_name))).all()
    assert names == ["Mari Maasikas"]
    after = await _counts(app)
    assert after["visits"] == 1 and after["badges"] == 1 and after["conversation_sessions"] == 1
    assert after["session_events"] == 0 and after["notifications"] == 1
    async with app.state.runtime.sessionmaker() as db:  # attempts left are Mari's alone
        theirs = await db.scalar(
            sa.select(sa.func.count())
            .select_from(NotificationAttempt)
            .join(Notification)
            .join(Visit)
            .where(Visit.visitor_name == "Mari Maasikas")
        )
    assert after["notification_attempts"] == theirs
    assert not old_badge.exists() and new_badge.exists()


async def test_a_booking_for_later_is_not_old_however_long_ago_it_was_made(
    app: FastAPI, settings: Settings
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        long_ago = utcnow() - timedelta(days=60)
        db.add(
            Visit(
                kind="visit",
                status="expected",
                visitor_name="Early Bird",
                channel="web",
                language="en",
                created_at=long_ago,
                expected_at=utcnow() + timedelta(days=5),
            )
        )
    async with app.state.runtime.sessionmaker() as db, db.begin():
        swept = await retention.sweep(db, settings.office_defaults(), settings.data_dir)
    assert swept.visits == 0


async def test_transcripts_die_with_the_session(
    client: httpx.AsyncClient, app: FastAPI, demo_directory: None
) -> None:
    done_id = await _checked_in_visit(client, "Tom Baker")
    idle = await Visitor.arrive(client)
    await idle.say("Hi, I'm here to see Priya Patel")
    async with app.state.runtime.sessionmaker() as db, db.begin():
        done = await db.get(ConversationSession, done_id)
        assert done is not None and done.transcript == []
        row = await db.get(ConversationSession, idle.session_id)
        assert row is not None and row.transcript  # still talking: kept for context
        row.updated_at = utcnow() - timedelta(hours=2)
    async with app.state.runtime.sessionmaker() as db, db.begin():
        assert await sessions.end_idle_sessions(db, idle=timedelta(minutes=30)) == 1
    async with app.state.runtime.sessionmaker() as db:
        row = await db.get(ConversationSession, idle.session_id)
        assert row is not None and row.transcript == [] and row.ended_at is not None


async def _every_text(app: FastAPI) -> str:
    """Every value in every table, as text (JSON included), for a search."""
    found: list[str] = []
    async with app.state.runtime.sessionmaker() as db:
        for table in Base.metadata.sorted_tables:
            for row in (await db.execute(sa.select(table))).all():
                found.extend(str(v) for v in row)
    return "\n".join(found).casefold()


async def test_an_erasure_leaves_no_trace_of_the_visitor(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings, demo_directory: None
) -> None:
    from tests.booking.conftest import seed_booking

    await _checked_in_visit(client, "Tom Baker")
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=utcnow() + timedelta(days=2))
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await db.execute(
            sa.update(Visit)
            .where(Visit.status == "expected")
            .values(contact_phone="+37255512345", contact_email="tom.baker@acme.example")
        )
    # a conversation that never became a visit, which asked for a person
    stray = await Visitor.arrive(client)
    await stray.say("My name is Tom Baker, my number is +372 555 12345")
    await stray.say("I want to talk to a person")
    await _checked_in_visit(client, "Mari Maasikas")  # someone else, who must stay

    needles = privacy.Needles.of(name="tom baker", phone="+372 5551 2345", email="")
    async with app.state.runtime.sessionmaker() as db:
        records = await privacy.find(db, needles)
        exported: dict[str, Any] = privacy.export(records)
    assert len(exported["visits"]) == 2 and len(exported["conversations"]) >= 2
    assert any(n["kind"] == "front_desk" for n in exported["notifications"])

    async with app.state.runtime.sessionmaker() as db, db.begin():
        records = await privacy.find(db, needles)
        counts = await privacy.erase(db, records, actor="admin:1", data_dir=settings.data_dir)
    assert counts["visits"] == 2
    text = await _every_text(app)
    for trace in ("tom baker", "37255512345", "tom.baker@acme.example"):
        assert trace not in text, trace
    assert "mari maasikas" in text
    async with app.state.runtime.sessionmaker() as db:
        [entry] = (await db.scalars(sa.select(AuditEntry))).all()
    assert entry.action == "erase_visitor" and entry.details["visits"] == 2
