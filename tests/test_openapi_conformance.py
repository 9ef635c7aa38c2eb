"""Every operation in /openapi.json answers as the document says: schemathesis, against a
real `frontdesk serve` over HTTP, on SQLite and on Postgres, each with a database of its own.

It runs `st run` as a developer would (all its phases: coverage, fuzzing, stateful; the
pytest plugin of schemathesis 4 does not run on pytest 9), with four checks on every
response: no 5xx, the status code is documented, the content type is one documented for it,
and the body matches the documented schema — error bodies included (one `ErrorBody` shape,
web/api_errors.py). Event streams are checked too: schemathesis reads a `text/event-stream`
answer event by event and validates each against the documented `itemSchema` (the event
name, and its `data` as JSON against its own schema). The endless `/events` stream is judged
on what arrives before the reading stops (see CONFIG_TOML); later events cannot be waited for.

Admin routes are exercised past 401 with an API token made in the test's database. Generated
ids miss every row, so about half of them are pointed at rows that exist (a checked-in
visit, its notification, its chat session), and the Twilio webhooks get a valid signature
over what schemathesis sends, so the handlers behind the signature run too
(tests/schemathesis_hooks.py); Twilio's REST API (placed calls) is the local stand-in.
Bounded by MAX_EXAMPLES per operation and a fixed seed (FRONTDESK_SCHEMATHESIS_SEED to vary
it); a failure prints schemathesis's report, with a `curl` line that reproduces each case.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import pytest

from core.directory_csv import parse_directory_csv
from core.store.auth import hash_token
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.models import ApiToken
from tests import schemathesis_hooks as hooks
from tests.conftest import DEMO_CSV, IN_CI, POSTGRES_ADMIN_URL, _execute, _migrate
from tests.schemathesis_hooks import Seeded
from tests.standins import twilio_api
from tests.standins.server import LoopbackServer

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 20  # per operation: ~900 requests per backend in all
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def twilio_rest() -> Iterator[str]:
    """Twilio's REST API stand-in, on a loop of its own: the schemathesis test is synchronous
    and would block a loop it shared."""
    loop = asyncio.new_event_loop()
    server = LoopbackServer(twilio_api.TwilioStandIn().app())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    url = asyncio.run_coroutine_threadsafe(server.start(), loop).result(timeout=30)
    try:
        yield url
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def database(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[str]:
    """A migrated database of this module's own."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schemathesis") / "frontdesk.db"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    name = f"frontdesk_schemathesis_{secrets.token_hex(4)}"
    try:
        asyncio.run(_execute(POSTGRES_ADMIN_URL, f'CREATE DATABASE "{name}"', autocommit=True))
    except Exception as exc:
        message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc!r}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        asyncio.run(_migrate(url))
        yield url
    finally:
        asyncio.run(
            _execute(
                POSTGRES_ADMIN_URL,
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                autocommit=True,
            )
        )


async def _seed_directory_and_token(url: str) -> str:
    token = "fd_schemathesis_" + secrets.token_urlsafe(16)
    engine = create_engine(url)
    try:
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
            db.add(ApiToken(name="schemathesis", token_hash=hash_token(token), prefix=token[:10]))
    finally:
        await engine.dispose()
    return token


@pytest.fixture(scope="module")
def server(
    database: str, twilio_rest: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    home = tmp_path_factory.mktemp("serve")
    token = asyncio.run(_seed_directory_and_token(database))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "FRONTDESK_DATA_DIR": str(home / "var"),
        "FRONTDESK_PUBLIC_URL": base,  # what Twilio's signatures are made over
        "TWILIO_ACCOUNT_SID": twilio_api.ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": twilio_api.AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": twilio_api.LOBBY_NUMBER,
        "TWILIO_API_BASE_URL": twilio_rest,
    }
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontdesk.cli", "serve", "--port", str(port)],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("server did not start: " + (home / "server.log").read_text())
        yield _check_in(base, token)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def _check_in(base: str, token: str) -> Seeded:
    """A visitor checks in through the chat, and the host answers: a visit, its
    notification, and a chat session with one event waiting on its stream."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        session_id = client.post("/api/chat/sessions", json={}).json()["session_id"]
        for text in ("Hi, I'm here to see Sarah", "Miller", "Tom Baker", "Acme"):
            reply = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
            assert reply.status_code == 200, reply.text
        assert reply.json()["state"] == "complete", reply.json()
        [visit] = client.get("/api/admin/visits", headers=auth).json()
        answered = client.post(
            f"/api/admin/visits/{visit['id']}/host-response",
            json={"answer": "on_my_way"},
            headers=auth,
        )
        assert answered.status_code == 200, answered.text
        notes = client.get("/api/admin/notifications", headers=auth).json()
        assert notes, "the check-in notified nobody"
    return Seeded(base, token, visit["id"], notes[-1]["id"], session_id)


CONFIG_TOML = """
request-timeout = 10

# The `/events` stream never ends by itself: it is read up to its first event (the seeded
# session has one waiting) or for a second (a new session's, in the stateful phase, has
# none yet), and what arrived is judged; what would come later cannot be waited for.
[[operations]]
include-path-regex = "/events$"
max-stream-events = 1
request-timeout = 1
"""


def test_every_operation_answers_as_documented(server: Seeded, tmp_path: Path) -> None:
    """`st run` as the command line runs it (all phases: examples, coverage, fuzzing,
    stateful), its hooks in tests/schemathesis_hooks.py."""
    (tmp_path / "schemathesis.toml").write_text(CONFIG_TOML)
    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])),
        "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks",
        hooks.SEEDED_ENV: json.dumps(asdict(server)),
    }
    seed = os.environ.get("FRONTDESK_SCHEMATHESIS_SEED", "1")
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(tmp_path / "schemathesis.toml"),
        "run",
        f"{server.url}/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--header",
        f"Authorization: Bearer {server.token}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        seed,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
    ]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-20_000:]
    # Every operation was run, none of them only into 401/403 (the token works).
    document = httpx.get(f"{server.url}/openapi.json", timeout=10).json()
    operations = sum(len(methods) for methods in document["paths"].values())
    assert f"Tested: {operations}" in report, report[-5_000:]
    assert "Authentication failed" not in report, report[-5_000:]


def test_the_event_stream_is_documented_as_one(server: Seeded) -> None:
    """The document says SSE for `/events`, and the seeded stream answers one at once."""
    document: dict[str, Any] = httpx.get(f"{server.url}/openapi.json", timeout=10).json()
    events = document["paths"]["/api/chat/sessions/{session_id}/events"]["get"]["responses"]
    assert list(events["200"]["content"]) == ["text/event-stream"]
    with httpx.stream(
        "GET", f"{server.url}/api/chat/sessions/{server.session_id}/events", timeout=10
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event:"):
                assert line == "event: host_response"
                break
