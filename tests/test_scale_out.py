"""State lives in the database: two server processes serve one conversation alternately,
and a server killed mid-conversation loses nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))
DEMO_CSV = Path(__file__).resolve().parent.parent / "frontdesk" / "demo_directory.csv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(db_url: str, home: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`frontdesk serve` in a folder of the test's own, with its own data folder: nothing
    it writes (badges, models) lands in the working directory."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "FRONTDESK_OUTBOX_POLL_SECONDS": "0.1",
        "FRONTDESK_DATA_DIR": str(home / "var"),
    }
    proc = subprocess.Popen(
        [FRONTDESK, "serve", "--port", str(port)],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("server did not start")
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=15)


def _say(base: str, session_id: str, text: str) -> dict[str, object]:
    response = httpx.post(
        f"{base}/api/chat/sessions/{session_id}/messages", json={"text": text}, timeout=10
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


@pytest.mark.slow
def test_two_instances_alternate_and_a_killed_one_loses_nothing(
    db_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "DATABASE_URL": db_url, "FRONTDESK_DATA_DIR": str(tmp_path / "var")}
    subprocess.run(
        [FRONTDESK, "import-directory", str(DEMO_CSV)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    with server(db_url, tmp_path) as (a, proc_a), server(db_url, tmp_path) as (b, _):
        session_id = httpx.post(f"{a}/api/chat/sessions", json={}, timeout=10).json()["session_id"]
        assert _say(a, session_id, "Hi, I'm here to see Sarah")["state"] == "disambiguate"
        assert _say(b, session_id, "Miller")["expecting"] == "visitor_name"
        assert _say(a, session_id, "Tom Baker")["expecting"] == "company"
        proc_a.send_signal(signal.SIGKILL)  # no goodbye, no flush
        proc_a.wait(timeout=10)
        with server(db_url, tmp_path) as (a2, _):
            reply = _say(a2, session_id, "Acme")
            assert reply["state"] == "complete" and reply["done"] is True
            assert "Sarah Miller" in str(reply["reply"])
        token = subprocess.run(
            [FRONTDESK, "admin", "create-token", "test"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        auth = {"Authorization": f"Bearer {token}"}
        [visit] = httpx.get(f"{b}/api/admin/visits", headers=auth, timeout=10).json()
        assert (visit["visitor_name"], visit["company"], visit["host_name"]) == (
            "Tom Baker",
            "Acme",
            "Sarah Miller",
        )
        for _ in range(50):  # the surviving instance's worker delivers the notification
            notes = httpx.get(f"{b}/api/admin/notifications", headers=auth, timeout=10).json()
            if notes and notes[0]["status"] == "sent":
                break
            time.sleep(0.1)
        assert [(n["visit_id"], n["status"], n["attempts"]) for n in notes] == [
            (visit["id"], "sent", 1)
        ]
