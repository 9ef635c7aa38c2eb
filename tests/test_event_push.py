"""The web chat's /events stream is woken when its session gets a message, rather than
polling the database: the host's answer reaches a waiting visitor at once, also when it
was given through another server on the same database, and an idle stream costs nothing."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from core.directory_csv import parse_directory_csv
from core.store.auth import hash_token
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.event_signals import SAFETY_SECONDS, WATCH_SECONDS, EventSignals
from core.store.models import ApiToken, Visit
from frontdesk.settings import Settings
from tests.conftest import DEMO_CSV, serve_asgi
from web.app import create_app
from web.routes import chat

ROOT = Path(__file__).resolve().parent.parent
SERVE = "import sys; from frontdesk.cli import main; sys.exit(main(sys.argv[1:]))"
PROMPT_SECONDS = 5.0  # well inside SAFETY_SECONDS: only a push arrives this soon
CHECK_IN = ["Hi, I'm here to see Sarah", "Miller", "Tom Baker", "Acme"]
assert PROMPT_SECONDS < SAFETY_SECONDS


async def _prepare(database_url: str) -> str:
    """The demo directory and an admin token; returns the token."""
    token = "fd_test_" + secrets.token_urlsafe(16)
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
            db.add(ApiToken(name="tests", token_hash=hash_token(token), prefix=token[:10]))
    finally:
        await engine.dispose()
    return token


async def _visit_id(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            visit_id = await db.scalar(sa.select(Visit.id))
    finally:
        await engine.dispose()
    assert visit_id is not None
    return int(visit_id)


async def _check_in(client: httpx.AsyncClient, base: str) -> str:
    session_id = (await client.post(f"{base}/api/chat/sessions", json={})).json()["session_id"]
    for line in CHECK_IN:
        response = await client.post(
            f"{base}/api/chat/sessions/{session_id}/messages", json={"text": line}
        )
        assert response.status_code == 200, response.text
    assert response.json()["state"] == "complete", response.json()
    return str(session_id)


async def _first_event(client: httpx.AsyncClient, url: str, opened: asyncio.Event) -> Any:
    async with client.stream("GET", url) as response:
        assert response.status_code == 200
        opened.set()
        event = "message"
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "host_response":
                return json.loads(line[5:]), time.monotonic()
    return None


async def _answer_reaches_stream(answer_on: str, stream_on: str, database_url: str) -> None:
    """Check in through one server, wait on /events of the other, answer for the host
    through the first: the stream has the answer within PROMPT_SECONDS."""
    token = await _prepare(database_url)
    async with httpx.AsyncClient(timeout=30) as client:
        session_id = await _check_in(client, answer_on)
        opened = asyncio.Event()
        url = f"{stream_on}/api/chat/sessions/{session_id}/events"
        listening = asyncio.create_task(_first_event(client, url, opened))
        await asyncio.wait_for(opened.wait(), timeout=10)
        await asyncio.sleep(0.2)  # the stream has looked once and is waiting now
        visit_id = await _visit_id(database_url)
        answered = await client.post(
            f"{answer_on}/api/admin/visits/{visit_id}/host-response",
            json={"answer": "on_my_way"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answered.status_code == 200, answered.text
        sent = time.monotonic()
        data, arrived = await asyncio.wait_for(listening, timeout=SAFETY_SECONDS * 2)
    assert data["answer"] == "on_my_way" and "Sarah Miller" in data["text"]
    assert arrived - sent < PROMPT_SECONDS, f"took {arrived - sent:.1f} s"


async def test_a_host_answer_reaches_the_waiting_stream_at_once(settings: Settings) -> None:
    async with serve_asgi(create_app(settings), lifespan="on") as base:
        await _answer_reaches_stream(base, base, settings.database_url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server_processes(database_url: str, data_dirs: list[Path]) -> Iterator[list[str]]:
    """`frontdesk serve` in processes of their own, one per data folder, started together."""
    procs, bases = [], []
    for data_dir in data_dirs:
        port = _free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            "FRONTDESK_DATA_DIR": str(data_dir),
            "FRONTDESK_OUTBOX_POLL_SECONDS": "0.1",
        }
        command = [sys.executable, "-c", SERVE, "serve", "--host", "127.0.0.1"]
        procs.append(
            subprocess.Popen(
                [*command, "--port", str(port)],
                env=env,
                cwd=data_dir,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for proc, base in zip(procs, bases, strict=True):
            for _ in range(600):
                assert proc.poll() is None, "a server exited"
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise AssertionError("a server did not start")
        yield bases
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=15)


@pytest.mark.slow
async def test_a_host_answer_given_through_one_server_reaches_a_stream_on_another(
    db_url: str, tmp_path: Path
) -> None:
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
    with _server_processes(db_url, folders) as (a, b):
        await _answer_reaches_stream(a, b, db_url)


@asynccontextmanager
async def _counting_event_queries(app: Any) -> AsyncIterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "session_events" in statement:
            statements.append(statement)

    engine = app.state.runtime.engine.sync_engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


async def test_idle_streams_do_not_each_poll_the_database(settings: Settings) -> None:
    streams, seconds = 20, 2.0
    app = create_app(settings)
    async with serve_asgi(app, lifespan="on") as base, httpx.AsyncClient(timeout=30) as client:
        ids = [
            (await client.post(f"{base}/api/chat/sessions", json={})).json()["session_id"]
            for _ in range(streams)
        ]
        opened = [asyncio.Event() for _ in ids]
        tasks = [
            asyncio.create_task(_first_event(client, f"{base}/api/chat/sessions/{s}/events", flag))
            for s, flag in zip(ids, opened, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(flag.wait() for flag in opened)), timeout=10)
        await asyncio.sleep(0.5)  # every stream has taken its first look
        async with _counting_event_queries(app) as statements:
            await asyncio.sleep(seconds)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    # Polling, each stream would look twice a second (80 looks); woken, they do not look
    # at all, and at most one watcher per process does (SQLite, 4 a second).
    assert len(statements) <= seconds / WATCH_SECONDS + 2, len(statements)


async def test_a_lost_wake_up_delays_a_message_but_never_loses_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streams look by themselves every SAFETY_SECONDS (shortened here): with every wake-up
    lost, the host's answer still arrives."""
    monkeypatch.setattr(EventSignals, "wake", lambda self, session_ids: None)
    monkeypatch.setattr(chat, "SAFETY_SECONDS", 0.5)
    async with serve_asgi(create_app(settings), lifespan="on") as base:
        await _answer_reaches_stream(base, base, settings.database_url)
