"""A session id belongs to the channel that opened it: an SMS or phone conversation's id
does not work on the web chat API (no turn, no re-opening, no /events), and logs carry
only the first characters of any session id. Over real HTTP on loopback."""

from __future__ import annotations

import logging

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.logcontext import ref
from core.store.models import ConversationSession, utcnow
from tests.sms.phone import Phone
from tests.visitor import Visitor


async def _session(app: FastAPI, channel: str) -> ConversationSession:
    async with app.state.runtime.sessionmaker() as db:
        row = await db.scalar(
            sa.select(ConversationSession).where(ConversationSession.channel == channel)
        )
    assert isinstance(row, ConversationSession)
    return row


async def test_an_sms_or_call_session_id_is_no_chat_session(
    app: FastAPI, demo_directory: None, live_server: str, settings: object
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        phone = Phone(client, app.state.runtime.settings, "+3725550123")
        assert await phone.text("Hi, I'm here to see Priya Patel")
        call_id = await app.state.runtime.agent.open_session("voice", session_key="CA" + "1" * 32)
        sms = await _session(app, "sms")
        async with app.state.runtime.sessionmaker() as db, db.begin():  # the SMS chat ended
            row = await db.get(ConversationSession, sms.id)
            assert row is not None
            row.ended_at = utcnow()
        for session_id in (sms.id, call_id):
            turn = await client.post(
                f"/api/chat/sessions/{session_id}/messages",
                json={"text": "yes"},
                headers={"Accept": "application/json"},
            )
            assert turn.status_code == 404, turn.text
            events = await client.get(f"/api/chat/sessions/{session_id}/events")
            assert events.status_code == 404
        after = await _session(app, "sms")
        assert after.ended_at is not None and after.version == sms.version + 1
        assert after.transcript == sms.transcript  # no turn was taken


async def test_logs_carry_no_whole_session_id(
    app: FastAPI, demo_directory: None, live_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        with caplog.at_level(logging.INFO), caplog.at_level(logging.INFO, "uvicorn.access"):
            visitor = await Visitor.arrive(client)
            await visitor.say("Hi, I'm here to see Priya Patel")
            await client.post("/api/chat/sessions/" + "x" * 24 + "/messages", json={"text": "hi"})
    ours = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = "\n".join(r.getMessage() for r in ours)
    assert "turn state=" in logged  # the turn was logged (its conversation ref is context)
    assert "/api/chat/sessions/" + ref(visitor.session_id) in logged  # and the request
    assert visitor.session_id not in logged
