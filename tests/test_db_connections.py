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


async def test_connections_go_to_whoever_has_waited_longest(db_url: str) -> None:
    """A connection coming back goes to the turn that has waited for one, not to one that
    asks at that very moment (which used to take it, sending the waiter to the back of
    the line, again and again under load: seconds for a few turns)."""
    engine = create_engine(db_url, pool_size=1, max_overflow=0)
    order: list[str] = []
    try:
        held = await engine.connect()  # the only connection (nothing begun on it)

        async def use(name: str, after: asyncio.Event | None = None) -> None:
            if after is not None:
                await after.wait()
            async with engine.connect() as conn:
                order.append(name)
                await conn.execute(sa.text("SELECT 1"))

        waiter = asyncio.create_task(use("waited"))
        arrives = asyncio.Event()
        newcomer = asyncio.create_task(use("just came", arrives))
        await asyncio.sleep(0.05)  # the waiter waits for the connection
        arrives.set()  # the newcomer asks next, before the waiter is woken...
        await held.close()  # ...by the connection coming back
        await asyncio.wait_for(asyncio.gather(waiter, newcomer), 10)
    finally:
        await engine.dispose()
    assert order == ["waited", "just came"]


async def test_a_wait_for_a_connection_still_times_out(db_url: str) -> None:
    """The pool's timeout holds in the line too, and who gave up is out of it: the next to
    ask gets the connection as soon as it is back."""
    engine = create_engine(db_url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    try:
        held = await engine.connect()
        with pytest.raises(sa.exc.TimeoutError):
            await engine.connect()
        await held.close()
        async with engine.connect() as conn:
            assert await conn.scalar(sa.text("SELECT 1")) == 1
    finally:
        await engine.dispose()
