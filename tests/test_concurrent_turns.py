"""Turns of one conversation are taken one at a time: messages sent all at once to one chat
session, through one server or through two on the same database, are each answered, none
is lost, and the stored conversation holds every message next to the reply its sender got."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import sqlalchemy as sa

from core.messages import SMS_STYLE, Inbound
from core.store.db import create_engine, create_sessionmaker
from core.store.models import ConversationSession
from frontdesk.runtime import Providers, Runtime
from frontdesk.settings import Settings
from tests.conftest import serve_asgi
from web.app import create_app

# Questions the receptionist answers without moving the conversation on, so that twenty
# of them in any order leave it open, with its transcript (it keeps 20 turns) complete.
QUESTIONS = (
    "Where can I park?",
    "What is the wifi password?",
    "When are you open?",
    "What is your address?",
)
PARALLEL = 20


async def _send_all_at_once(servers: list[str]) -> tuple[str, Counter[tuple[str, str]]]:
    """Opens a session on the first server, then sends PARALLEL messages at once, spread
    over the servers; every one must be answered. Returns the session and what was said."""
    async with httpx.AsyncClient(timeout=60) as client:
        created = await client.post(f"{servers[0]}/api/chat/sessions", json={"language": "en"})
        session_id = created.json()["session_id"]
        texts = [QUESTIONS[n % len(QUESTIONS)] for n in range(PARALLEL)]
        responses = await asyncio.gather(
            *(
                client.post(
                    f"{servers[n % len(servers)]}/api/chat/sessions/{session_id}/messages",
                    json={"text": text},
                )
                for n, text in enumerate(texts)
            )
        )
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: PARALLEL}, [r.text for r in responses if r.status_code != 200]
    return session_id, Counter(
        (t, r.json()["reply"]) for t, r in zip(texts, responses, strict=True)
    )


async def _assert_stored(
    database_url: str, session_id: str, said: Counter[tuple[str, str]]
) -> None:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            row = await db.get(ConversationSession, session_id)
            assert row is not None
            transcript, version = list(row.transcript), row.version
    finally:
        await engine.dispose()
    assert [e["who"] for e in transcript] == ["visitor", "receptionist"] * PARALLEL
    stored = Counter(
        (asked["text"], answer["text"])
        for asked, answer in zip(transcript[::2], transcript[1::2], strict=True)
    )
    assert stored == said  # every message, beside the very reply its sender got
    assert version == 1 + PARALLEL  # exactly one write per turn


async def test_twenty_messages_at_once_are_all_answered_in_turn(
    live_server: str, settings: Settings
) -> None:
    session_id, said = await _send_all_at_once([live_server])
    await _assert_stored(settings.database_url, session_id, said)


async def test_two_servers_on_one_database_take_the_turns_one_at_a_time(
    settings: Settings, providers: Providers
) -> None:
    async with (
        serve_asgi(create_app(settings, providers), lifespan="on") as a,
        serve_asgi(create_app(settings, providers), lifespan="on") as b,
    ):
        session_id, said = await _send_all_at_once([a, b])
    await _assert_stored(settings.database_url, session_id, said)


async def test_a_senders_first_messages_at_once_open_one_conversation(
    settings: Settings,
) -> None:
    """An SMS sender's messages name no session: the first turn creates it. Arriving at
    once, through two instances on Postgres (one process on SQLite, whose write lock is
    the whole file's), they still make one conversation with every message in it."""
    instances = 1 if settings.database_url.startswith("sqlite") else 2
    runtimes = [Runtime.open(settings) for _ in range(instances)]
    sender = "+3725550123"
    try:
        texts = [QUESTIONS[n % len(QUESTIONS)] for n in range(PARALLEL)]
        replies = await asyncio.gather(
            *(
                runtimes[n % instances].agent.reply(
                    Inbound(text=text, channel="sms", session_key=sender), SMS_STYLE
                )
                for n, text in enumerate(texts)
            )
        )
        async with runtimes[0].sessionmaker() as db:
            rows = (
                await db.scalars(
                    sa.select(ConversationSession).where(ConversationSession.session_key == sender)
                )
            ).all()
    finally:
        for runtime in runtimes:
            await runtime.close()
    assert len(rows) == 1
    assert Counter(e["text"] for e in rows[0].transcript[::2]) == Counter(texts)
    assert Counter(e["text"] for e in rows[0].transcript[1::2]) == Counter(r.reply for r in replies)
