"""Inputs that used to answer 500, sent over real HTTP on loopback: a lone surrogate in
chat text, a body larger than the limit, a malformed unsigned Slack request, ids beyond
the database's integer range — each a clear 4xx, nothing written, nothing leaked to logs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from fastapi import FastAPI

from core.store.models import AdminUser, ConversationSession
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.admin_ui.conftest import EMAIL, PASSWORD, sign_in
from tests.conftest import make_settings, serve_asgi
from tests.standins.fixtures import slack, slack_settings
from web.app import create_app

__all__ = ["slack"]


async def _transcript(app: FastAPI, session_id: str) -> list[object]:
    async with app.state.runtime.sessionmaker() as db:
        row = await db.get(ConversationSession, session_id)
    assert row is not None
    return list(row.transcript)


async def test_a_lone_surrogate_is_a_400_and_the_text_is_not_logged(
    app: FastAPI, demo_directory: None, live_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        session_id = (await client.post("/api/chat/sessions", json={})).json()["session_id"]
        with caplog.at_level(logging.DEBUG):
            response = await client.post(
                f"/api/chat/sessions/{session_id}/messages",
                content=b'{"text": "\\ud800 hi, I am Tom Baker"}',
                headers={"Content-Type": "application/json", "Accept": "application/json"},
            )
        assert response.status_code == 400
        assert "not valid Unicode" in response.json()["detail"]
        ok = await client.post(
            f"/api/chat/sessions/{session_id}/messages",
            json={"text": "Hi, I'm here to see Priya Patel \U0001f600"},  # a valid pair is fine
            headers={"Accept": "application/json"},
        )
        assert ok.status_code == 200
    assert len(await _transcript(app, session_id)) == 2  # only the valid turn
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("web", "core")))
    assert "Tom Baker" not in ours


async def test_a_body_over_the_limit_is_a_413(db_url: str, tmp_path: Path, app: FastAPI) -> None:
    small = create_app(make_settings(db_url, tmp_path, max_body_bytes=4096), Providers())
    async with (
        serve_asgi(small, lifespan="on") as url,
        httpx.AsyncClient(base_url=url, timeout=30) as client,
    ):
        session_id = (await client.post("/api/chat/sessions", json={})).json()["session_id"]
        path = f"/api/chat/sessions/{session_id}/messages"
        big = b'{"text": "' + b"a" * 5000 + b'"}'
        declared = await client.post(
            path, content=big, headers={"Content-Type": "application/json"}
        )
        assert declared.status_code == 413 and "4096" in declared.json()["detail"]

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as read
            for _ in range(10):
                yield b" " * 1000

        streamed = await client.post(
            path, content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert streamed.status_code == 413
        assert (await client.post("/twilio/sms", content=b"x" * 5000)).status_code == 413
    assert await _transcript(app, session_id) == []


def test_the_default_limit_is_64_kb(db_url: str, tmp_path: Path) -> None:
    assert make_settings(db_url, tmp_path).max_body_bytes == 65536


async def test_a_malformed_unsigned_slack_request_is_refused_before_parsing(
    db_url: str, tmp_path: Path, slack: object
) -> None:
    settings = make_settings(db_url, tmp_path, **slack_settings(slack.url))  # type: ignore[attr-defined]
    async with (
        serve_asgi(create_app(settings, Providers()), lifespan="on") as url,
        httpx.AsyncClient(base_url=url, timeout=30) as client,
    ):
        for body, kind in (
            (b"payload=%7Bnot json", "application/x-www-form-urlencoded"),
            (b"\xff\xfe{", "application/json"),
            (b"", "application/x-www-form-urlencoded"),
        ):
            response = await client.post(
                "/slack/events",
                content=body,
                headers={"Content-Type": kind, "X-Slack-Signature": "v0=00"},
            )
            assert response.status_code == 401, (body, response.text)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path)


async def test_ids_beyond_the_integer_range_are_404(
    app: FastAPI, live_server: str, auth: dict[str, str]
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(AdminUser(email=EMAIL, password_hash=PasswordHasher().hash(PASSWORD)))
    huge = ["2147483648", "99999999999999999999", "0", "-1"]
    async with httpx.AsyncClient(base_url=live_server, headers=auth, timeout=30) as api:
        for n in huge:
            for method, path in (
                ("GET", f"/api/admin/visits/{n}/badge"),
                ("POST", f"/api/admin/visits/{n}/badge"),
                ("GET", f"/api/admin/notifications/{n}"),
            ):
                response = await api.request(method, path)
                assert response.status_code == 404, (path, response.text)
        assert (await api.get("/api/admin/notifications/2147483647")).status_code == 404
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as browser:
        assert (await sign_in(browser)).status_code == 303
        for path in ("/admin/visits/2147483648", "/admin/directory/99999999999999999999"):
            assert (await browser.get(path)).status_code == 404, path
    async with app.state.runtime.sessionmaker() as db:
        assert await db.scalar(sa.text("SELECT count(*) FROM badges")) == 0
