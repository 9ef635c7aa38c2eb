"""The database dropping its connections (a restart, an administrator, an idle timeout)
costs no visitor a turn: a pooled connection the server has closed is replaced before a
turn uses it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from core.store.db import create_engine
from tests.conftest import POSTGRES_ADMIN_URL, make_settings
from web.app import create_app


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_a_turn_after_the_database_closed_every_connection_is_answered(
    db_url: str, tmp_path: Path
) -> None:
    # No workers: their polling would be the first to meet a closed connection.
    settings = make_settings(db_url, tmp_path, run_workers=False)
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://frontdesk.test") as client,
    ):
        created = await client.post("/api/chat/sessions", json={"language": "en"})
        url = f"/api/chat/sessions/{created.json()['session_id']}/messages"
        first = await client.post(url, json={"text": "Where can I park?"})
        assert first.status_code == 200

        await _close_every_connection_to(settings.database_url.rsplit("/", 1)[1])
        await asyncio.sleep(0.1)  # the pooled connections' sockets see the server's goodbye

        second = await client.post(url, json={"text": "What is the wifi password?"})
        assert second.status_code == 200, second.text
        assert second.json()["reply"] != first.json()["reply"]


async def _close_every_connection_to(database: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            rows = await conn.execute(
                sa.text("SELECT pid FROM pg_stat_activity WHERE datname = :name"),
                {"name": database},
            )
            pids = [row[0] for row in rows]
            for pid in pids:  # one by one: only this test's database's connections
                # waits until the connection is gone
                await conn.execute(sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
    finally:
        await admin.dispose()
    assert pids
