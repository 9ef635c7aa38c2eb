"""A turn is one transaction: a turn that fails half-way (the visit written, its
notification not) leaves nothing behind, the conversation as it was, and the next turn
of the same conversation is taken (its lock went with the transaction)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.messages import WEB_STYLE, Inbound
from core.store.models import Badge, ConversationSession, Notification, Visit
from core.tools import visits
from frontdesk.runtime import Runtime


class Failed(RuntimeError):
    pass


async def test_a_failed_turn_writes_nothing(
    app: FastAPI, demo_directory: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime: Runtime = app.state.runtime
    agent = runtime.agent
    session_id = await agent.open_session("web", language="en")

    async def say(text: str) -> str:
        inbound = Inbound(text=text, channel="web", session_key=session_id, session_opened=True)
        return (await agent.reply(inbound, WEB_STYLE)).state

    for text in ("Hi, I'm here to see Sarah Miller", "yes", "Tom Baker"):
        await say(text)

    async def failing(*_args: Any, **_kwargs: Any) -> None:
        raise Failed("the notification could not be queued")

    monkeypatch.setattr(visits, "enqueue", failing)
    with pytest.raises(Failed):
        await say("Acme")
    async with runtime.sessionmaker() as db:
        for model in (Visit, Badge, Notification):
            assert await db.scalar(sa.select(sa.func.count()).select_from(model)) == 0
        row = await db.get(ConversationSession, session_id)
        assert row is not None
        assert row.state == "collect_visitor_info"
        assert row.visit_id is None
    monkeypatch.undo()
    assert await say("Acme") == "complete"
