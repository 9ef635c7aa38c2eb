"""`frontdesk serve --workers 2`: two worker processes share the port, a conversation goes
on whichever answers, a host's answer written through one reaches a visitor's /events
stream on the other, the background jobs run in a process of their own beside them (not
in a web worker), a worker or that process that dies is reported and started again, and
SIGTERM or Ctrl-C leaves no process behind."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.test_event_push import CHECK_IN, PROMPT_SECONDS, _first_event, _prepare, _visit_id

ROOT = Path(__file__).resolve().parent.parent
SERVE = "import sys; from frontdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(
    db_url: str, home: Path, workers: int, **more_env: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The real CLI in a session of its own (so a Ctrl-C can be sent to its group); its
    stderr goes to home/serve.log; `more_env` is added to its environment."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": db_url,
        "FRONTDESK_ENV": "test",  # no speech models loaded: the workers start quickly
        "FRONTDESK_DATA_DIR": str(home / "var"),
        "FRONTDESK_OUTBOX_POLL_SECONDS": "0.1",
        **more_env,
    }
    env.pop("FRONTDESK_WORKERS", None)
    log = (home / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            assert proc.poll() is None, "the server exited"
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        yield base, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        log.close()


async def _which(client: httpx.AsyncClient, base: str, token: str) -> dict[str, Any]:
    """The worker that answers on this client's one connection."""
    response = await client.get(f"{base}/health", headers={"Authorization": f"Bearer {token}"})
    process: dict[str, Any] = response.json()["checks"]["process"]
    return process


async def _one_per_worker(base: str, token: str, workers: int) -> dict[int, httpx.AsyncClient]:
    """A client whose single kept-alive connection is served by each worker, by pid."""
    pinned: dict[int, httpx.AsyncClient] = {}
    for _ in range(200):
        client = httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=1))
        pid = (await _which(client, base, token))["pid"]
        if pid in pinned:
            await client.aclose()
        else:
            pinned[pid] = client
        if len(pinned) == workers:
            return pinned
    raise AssertionError(f"only {len(pinned)} of {workers} workers answered 200 connections")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.extend(int(child) for child in task.read_text().split())
    return found


def _jobs_processes(supervisor: int, web: Any) -> list[int]:
    """The supervisor's children that are not the web workers `web` (pids)."""
    return [pid for pid in _children(supervisor) if pid not in web]


def _gone(pids: list[int]) -> bool:
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        return False
    return True


@pytest.mark.slow
async def test_two_workers_share_one_conversation_and_sigterm_stops_both(
    db_url: str, tmp_path: Path
) -> None:
    token = await _prepare(db_url)
    with _serve(db_url, tmp_path, workers=2) as (base, proc):
        pinned = await _one_per_worker(base, token, 2)
        try:
            (pid_a, a), (pid_b, b) = pinned.items()
            processes = [await _which(c, base, token) for c in (a, b)]
            assert sorted(p["worker"] for p in processes) == [0, 1]
            assert {p["workers"] for p in processes} == {2}
            # The outbox, badges, sweeper and retention run in a process of their own.
            assert [p["background_jobs"] for p in processes] == [False, False]
            assert len(_jobs_processes(proc.pid, pinned)) == 1

            # One check-in, its lines taken alternately by the two processes.
            session_id = (await a.post(f"{base}/api/chat/sessions", json={})).json()["session_id"]
            for n, line in enumerate(CHECK_IN):
                client = (a, b)[n % 2]
                response = await client.post(
                    f"{base}/api/chat/sessions/{session_id}/messages", json={"text": line}
                )
                assert response.status_code == 200, response.text
            assert response.json()["state"] == "complete", response.json()

            # The visitor's stream is on worker B; the host answers through worker A.
            opened = asyncio.Event()
            url = f"{base}/api/chat/sessions/{session_id}/events"
            listening = asyncio.create_task(_first_event(b, url, opened))
            await asyncio.wait_for(opened.wait(), timeout=10)
            await asyncio.sleep(0.3)  # the stream has looked once and waits now
            visit_id = await _visit_id(db_url)
            answered = await a.post(
                f"{base}/api/admin/visits/{visit_id}/host-response",
                json={"answer": "on_my_way"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert answered.status_code == 200, answered.text
            sent = time.monotonic()
            data, arrived = await asyncio.wait_for(listening, timeout=PROMPT_SECONDS * 3)
            assert data["answer"] == "on_my_way" and "Sarah Miller" in data["text"]
            assert arrived - sent < PROMPT_SECONDS, f"took {arrived - sent:.1f} s"
            # The notification was delivered, once, by the worker that runs the outbox.
            for _ in range(100):
                notes = (
                    await a.get(
                        f"{base}/api/admin/notifications",
                        headers={"Authorization": f"Bearer {token}"},
                    )
                ).json()
                if notes and notes[0]["attempts"]:
                    break
                await asyncio.sleep(0.1)
            # (acknowledged: the host has answered it)
            assert [(n["status"], n["attempts"]) for n in notes][:1] == [("acknowledged", 1)]
        finally:
            for client in pinned.values():
                await client.aclose()

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=40) == 0
        assert _gone([pid_a, pid_b])


@pytest.mark.slow
async def test_a_dead_worker_is_reported_and_replaced_and_ctrl_c_stops_all(
    tmp_path: Path, sqlite_template: Path
) -> None:
    import shutil

    path = tmp_path / "frontdesk.db"
    shutil.copyfile(sqlite_template, path)
    db_url = f"sqlite+aiosqlite:///{path}"
    token = await _prepare(db_url)
    with _serve(db_url, tmp_path, workers=2) as (base, proc):
        pinned = await _one_per_worker(base, token, 2)
        processes = {pid: await _which(c, base, token) for pid, c in pinned.items()}
        for client in pinned.values():
            await client.aclose()
        victim = next(pid for pid, p in processes.items() if p["worker"] == 0)
        os.kill(victim, signal.SIGKILL)
        replaced: dict[str, Any] | None = None
        for _ in range(600):  # until the new worker 0 answers
            try:
                async with httpx.AsyncClient(timeout=5) as client:
                    process = await _which(client, base, token)
            except httpx.TransportError:
                process = {}
            if process.get("worker") == 0 and process["pid"] not in processes:
                replaced = process
                break
            await asyncio.sleep(0.1)
        assert replaced is not None, "worker 0 was not started again"
        assert replaced["background_jobs"] is False

        # The background jobs' process too is reported and started again.
        web = {*processes, replaced["pid"]}
        (jobs,) = _jobs_processes(proc.pid, web)
        os.kill(jobs, signal.SIGKILL)
        again: list[int] = []
        for _ in range(600):
            again = [pid for pid in _jobs_processes(proc.pid, web) if pid != jobs]
            if again:
                break
            await asyncio.sleep(0.1)
        assert len(again) == 1, "the background jobs process was not started again"

        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in its terminal: the whole group
        assert proc.wait(timeout=40) == 0
        errors = (tmp_path / "serve.log").read_text()
        assert f"worker 0 (pid {victim}) was killed by SIGKILL; starting it again" in errors
        assert (
            f"the background jobs process (pid {jobs}) was killed by SIGKILL; starting it again"
            in errors
        )
        assert _gone([*web, jobs, *again])
