"""Alembic is the only way the schema changes: the migrations must build exactly the models."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from core.messages import SMS_STYLE, ChannelStyle
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


async def test_phone_numbers_already_stored_become_e164(db_url: str) -> None:
    """Rows written before numbers were normalised where they enter (phones_1)."""
    json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    now = datetime.now(UTC)
    employees = sa.table(
        "employees",
        *(sa.column(c) for c in ("id", "name", "department", "email", "phone", "active")),
        sa.column("aliases", json),
        sa.column("created_at"),
        sa.column("updated_at"),
    )
    visits = sa.table(
        "visits",
        *(sa.column(c) for c in ("id", "kind", "status", "party_size", "channel", "language")),
        *(sa.column(c) for c in ("contact_phone", "created_at", "updated_at")),
    )
    opt_outs = sa.table("sms_opt_outs", sa.column("phone"), sa.column("opted_out_at"))
    settings = sa.table(
        "app_settings", sa.column("key"), sa.column("value", json), sa.column("updated_at")
    )
    person = {"department": "", "active": True, "aliases": [], "created_at": now, "updated_at": now}
    engine = create_engine(db_url)
    try:
        await runner.downgrade(engine, "sms_1")
        async with engine.begin() as conn:
            await conn.execute(
                employees.insert(),
                [
                    {**person, "id": 1, "name": "A", "email": "a@x.ee", "phone": "+372 5555 0101"},
                    {**person, "id": 2, "name": "B", "email": "b@x.ee", "phone": "00372 5555 0102"},
                    {**person, "id": 3, "name": "C", "email": "c@x.ee", "phone": "5555 0103"},
                    {**person, "id": 4, "name": "D", "email": "d@x.ee", "phone": None},
                ],
            )
            await conn.execute(employees.update().values(updated_at=now).where(employees.c.id > 0))
            await conn.execute(
                visits.insert(),
                {
                    "id": 1,
                    "kind": "visit",
                    "status": "expected",
                    "party_size": 1,
                    "channel": "web",
                    "language": "en",
                    "contact_phone": "+44 20 7946 0958",
                    "created_at": now,
                    "updated_at": now,
                },
            )
            await conn.execute(
                opt_outs.insert(),
                [
                    {"phone": "+3725550104", "opted_out_at": now},
                    {"phone": "+372 5550104", "opted_out_at": now},  # the same number
                    {"phone": "+7 912 345-67-89", "opted_out_at": now},
                ],
            )
            office = {"retention_days": 30, "front_desk_phone": "+372 600 0000"}
            await conn.execute(
                settings.insert(), {"key": "office", "value": office, "updated_at": now}
            )
        await runner.upgrade(engine)
        async with engine.connect() as conn:
            phones = (await conn.execute(sa.text("SELECT id, phone FROM employees"))).all()
            contact = await conn.scalar(sa.text("SELECT contact_phone FROM visits"))
            opted = (await conn.execute(sa.text("SELECT phone FROM sms_opt_outs"))).scalars()
            stored = await conn.scalar(settings.select().with_only_columns(settings.c.value))
        assert sorted(phones) == [
            (1, "+37255550101"),
            (2, "+37255550102"),
            (3, "5555 0103"),  # no country code: left for the admin to fix, not guessed
            (4, None),
        ]
        assert contact == "+442079460958"
        assert sorted(opted) == ["+3725550104", "+79123456789"]
        assert stored == {"retention_days": 30, "front_desk_phone": "+3726000000"}
        assert await runner.current_revision(engine) == runner.head_revision()
    finally:
        await engine.dispose()


async def test_sms_conversations_under_way_keep_their_reply_style(db_url: str) -> None:
    """sessions_1: a host's answer still reaches an SMS visitor whose session predates it."""
    json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    now = datetime.now(UTC)
    sessions = sa.table(
        "conversation_sessions",
        *(sa.column(c) for c in ("id", "channel", "session_key", "language", "language_known")),
        *(sa.column(c) for c in ("flow", "state", "failures", "version", "ended_at")),
        *(sa.column(c, json) for c in ("slots", "transcript")),
        sa.column("created_at"),
        sa.column("updated_at"),
    )
    common = {"language": "et", "language_known": True, "flow": "checkin", "state": "greeting"}
    common |= {"failures": 0, "version": 1, "slots": {}, "transcript": [], "created_at": now}
    common |= {"updated_at": now, "ended_at": None}
    engine = create_engine(db_url)
    try:
        await runner.downgrade(engine, "phones_1")
        async with engine.begin() as conn:
            await conn.execute(
                sessions.insert(),
                [
                    {**common, "id": "s1", "channel": "sms", "session_key": "+3725550001"},
                    {**common, "id": "s2", "channel": "web", "session_key": "s2"},
                ],
            )
        await runner.upgrade(engine)
        async with engine.connect() as conn:
            after = sa.table(
                "conversation_sessions", sa.column("id"), sa.column("reply_style", json)
            )
            styles = {session_id: style for session_id, style in await conn.execute(after.select())}
        sms = ChannelStyle.from_dict(styles["s1"])
        assert (sms, styles["s2"]) == (SMS_STYLE, None)
    finally:
        await engine.dispose()
