"""A worker process killed mid-delivery: nothing is lost, nothing is sent twice.

A real `frontdesk worker` process claims the queued notifications and starts delivering
them to the Slack stand-in; while it waits on one (the stand-in holds that request) it is
killed with SIGKILL. Its claims expire and a second worker delivers the rest. The stand-in
counts a message only when its request completed — a request cut off by the crash was
never answered, as a real API would not have acknowledged it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from core.store.db import SessionMaker
from frontdesk.settings import Settings
from tests.notify.helpers import Worker, arrival, attempts, drain, notes
from tests.standins.fixtures import Running
from tests.standins.server import Failure

QUEUED = 6
LEASE = 3.0


async def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(
    settings: Settings, sessionmaker: SessionMaker, slack: Running, tmp_path: Path
) -> None:
    for n in range(QUEUED):
        await arrival(sessionmaker, "james.wilson@example.com", visitor=f"Visitor {n}")
    slack.api.script.fail("chat.postMessage", None, None, Failure(hang=True))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": settings.database_url,
        "SLACK_BOT_TOKEN": settings.slack_bot_token.get_secret_value(),  # type: ignore[union-attr]
        "SLACK_API_BASE_URL": settings.slack_api_base_url or "",
        "FRONTDESK_NOTIFY_TIMEOUT_SECONDS": "2.5",
        "FRONTDESK_OUTBOX_LEASE_SECONDS": str(LEASE),
        "FRONTDESK_OUTBOX_POLL_SECONDS": "0.1",
        "FRONTDESK_ESCALATION_MINUTES": "60",
        "FRONTDESK_DATA_DIR": str(tmp_path / "var"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "frontdesk.cli",
        "worker",
        env=env,
        cwd=tmp_path,  # no .env of the developer's is read
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await asyncio.wait_for(slack.api.script.hanging.wait(), timeout=30)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    assert process.returncode == -signal.SIGKILL

    held = [n.status for n in await notes(sessionmaker) if n.kind == "host_arrival"]
    assert held == ["sent"] * 2 + ["sending"] * (QUEUED - 2)  # the rest held by the dead

    survivor = Worker(settings, sessionmaker, lease=LEASE)
    try:
        assert await survivor.process_due() == 0  # the dead worker's lease still holds

        async def all_sent() -> bool:
            arrivals = [n for n in await notes(sessionmaker) if n.kind == "host_arrival"]
            return all(n.status == "sent" for n in arrivals)

        await drain(survivor, all_sent, limit=LEASE + 10)
    finally:
        await survivor.aclose()

    delivered = sorted(p["text"].split(" (")[0] for p in slack.api.posted)
    assert delivered == [f"Visitor {n}" for n in range(QUEUED)]  # each once, none lost
    for note in await notes(sessionmaker):
        if note.kind == "host_arrival":
            assert await attempts(sessionmaker, note.id) == [True]
