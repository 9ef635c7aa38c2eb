"""The admin JSON API: the UI's cookie alone cannot change anything (another site could
make the browser send it) — it needs the session's CSRF token; bearer tokens need none and
can be revoked from the command line. Over real HTTP on loopback."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import ApiToken, Badge, Visit, utcnow
from tests.admin_ui.conftest import csrf_of, sign_in
from tests.test_cli import run


async def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in its own process, while this loop keeps serving the live app."""
    return await asyncio.to_thread(run, db_url, *args)


@pytest.fixture
async def visit_id(app: FastAPI) -> int:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        visit = Visit(
            kind="visit",
            status="checked_in",
            visitor_name="Tom Baker",
            channel="web",
            language="en",
            checked_in_at=utcnow(),
        )
        db.add(visit)
        await db.flush()
        return visit.id


@pytest.fixture
async def browser(live_server: str, admin_user: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        assert (await sign_in(client)).status_code == 303
        yield client


async def _badges(app: FastAPI) -> int:
    async with app.state.runtime.sessionmaker() as db:
        return int(await db.scalar(sa.select(sa.func.count()).select_from(Badge)) or 0)


async def test_the_cookie_alone_changes_nothing(
    app: FastAPI, browser: httpx.AsyncClient, visit_id: int
) -> None:
    url = f"/api/admin/visits/{visit_id}/badge"
    forged = await browser.post(url, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and "X-CSRF-Token" in forged.json()["detail"]
    wrong = await browser.post(url, headers={"X-CSRF-Token": "made-up"})
    assert wrong.status_code == 403
    assert await _badges(app) == 0
    assert (await browser.get("/api/admin/visits")).status_code == 200  # reading is fine
    csrf = csrf_of((await browser.get("/admin/today")).text)
    ok = await browser.post(url, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 202
    assert await _badges(app) == 1


async def test_a_bearer_token_needs_no_csrf_and_can_be_revoked(
    app: FastAPI, db_url: str, live_server: str, visit_id: int
) -> None:
    made = await _cli(db_url, "admin", "create-token", "visitor-screen")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    bearer = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=live_server, headers=bearer, timeout=30) as api:
        assert (await api.post(f"/api/admin/visits/{visit_id}/badge")).status_code == 202
        listed = await _cli(db_url, "admin", "list-tokens")
        assert listed.returncode == 0 and "visitor-screen" in listed.stdout
        assert token not in listed.stdout and "live" in listed.stdout  # never the secret
        revoked = await _cli(db_url, "admin", "revoke-token", token[:10])
        assert revoked.returncode == 0 and "Revoked 1 API token" in revoked.stdout
        assert (await api.get("/api/admin/visits")).status_code == 401
        assert (await api.post(f"/api/admin/visits/{visit_id}/badge")).status_code == 401
    assert await _badges(app) == 1
    async with app.state.runtime.sessionmaker() as db:
        [row] = (await db.scalars(sa.select(ApiToken))).all()
    assert row.revoked_at is not None
    again = await _cli(db_url, "admin", "revoke-token", "visitor-screen")
    assert again.returncode == 2 and "no live API token" in again.stderr


def test_token_commands_have_help() -> None:
    for command in ("list-tokens", "revoke-token"):
        result = run("sqlite://", "admin", command, "--help")
        assert result.returncode == 0 and "usage: frontdesk admin" in result.stdout
