"""deploy/ as it ships, proven on loopback: Debian's nginx with the site file from
deploy/nginx/frontdesk.conf in front of two `frontdesk serve` instances and one
`frontdesk worker`, started with the command lines and environment of the systemd units
in deploy/systemd, all on a fresh Postgres database.

Through nginx: a web chat check-in whose turns alternate instances, a host's Slack answer
(posted to one instance) reaching the visitor's /events stream held open on the other, an
SMS check-in signed over the public URL nginx answers at, a call (signed webhook, then the
Media Stream's WebSocket upgraded through nginx), a body over the limit stopped at nginx,
and — after one instance is killed — a conversation finished on the survivor. Outcomes are
read from the database; which instance answered, from a header only the test's nginx adds.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import sqlalchemy as sa

from channels.twilio.signature import sign
from channels.voice.stream_events import Connected, Start, Stop
from channels.voice.twilio_stream import encode
from core.store.db import create_engine, create_sessionmaker
from core.store.models import ConversationSession, Visit
from frontdesk.settings import Settings
from simulator.dial import CallSetup, answer_webhook, open_stream
from tests.conftest import DEMO_CSV, IN_CI, POSTGRES_ADMIN_URL, _execute, _migrate
from tests.sms.phone import message_of, new_sid
from tests.standins import twilio_api
from tests.standins.fixtures import SIGNING_SECRET, Running, slack
from tests.standins.slack_api import TOKEN as SLACK_TOKEN
from tests.standins.slack_api import button_press, signed

__all__ = ["slack"]

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent.parent
SITE = REPO / "deploy" / "nginx" / "frontdesk.conf"
UNITS = REPO / "deploy" / "systemd"
FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))
Row = TypeVar("Row")
UPSTREAM = "X-Frontdesk-Upstream"  # added by the test's nginx only: which instance answered


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if found is None:
        if IN_CI:
            pytest.fail("nginx is missing: scripts/test should have installed it")
        pytest.skip("Debian's nginx is not installed")
    return found


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh, migrated Postgres database of this test's own, dropped afterwards."""
    name = f"frontdesk_deploy_{secrets.token_hex(4)}"
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
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        asyncio.run(_execute(POSTGRES_ADMIN_URL, drop, autocommit=True))


def render_site(listen: int, upstreams: list[int]) -> str:
    """The shipped site file with loopback ports, and a header naming the instance."""
    site = SITE.read_text("utf-8")
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+(.*);$", site, flags=re.M)
    assert len(servers) == 2, "the site file should list two instances"
    block = "".join(f"    server 127.0.0.1:{port}{servers[0]};\n" for port in upstreams)
    site = re.sub(r"(?:^\s*server 127\.0\.0\.1:\d+.*;\n)+", block, site, count=1, flags=re.M)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    site = site.replace("listen [::]:80;\n", "")
    marker = "    server_name frontdesk.example.com;\n"
    assert marker in site
    return site.replace(marker, f"{marker}    add_header {UPSTREAM} $upstream_addr always;\n")


def nginx_conf(prefix: Path, site: str) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root (CI), nginx's workers would drop to `nobody`, who cannot reach the
    # test's private temp folder: they stay the test's user. Not root: ignored, as nginx
    # cannot switch users then.
    user = pwd.getpwuid(os.geteuid()).pw_name
    return f"""user {user};
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "logs" / "error.log"} info;
events {{ worker_connections 256; }}
http {{
    access_log {prefix / "logs" / "access.log"};
{temp}
{site}
}}
"""


@dataclass
class Deployment:
    url: str  # nginx, the public address
    ports: list[int]
    database_url: str
    nginx_prefix: Path
    logs: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)


async def _until(check: Any, what: str, limit: float = 20) -> Any:
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        result = await check()
        if result:
            return result
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def _healthy(base: str, proc: subprocess.Popen[bytes], name: str) -> None:
    async with httpx.AsyncClient(timeout=2) as client:

        async def up() -> bool:
            assert proc.poll() is None, f"{name} exited with {proc.returncode}"
            try:
                return (await client.get(f"{base}/health")).status_code == 200
            except httpx.TransportError:
                return False

        await _until(up, f"{name} to answer /health", limit=90)


@pytest.fixture
async def deployment(
    tmp_path: Path, nginx_binary: str, database: str, slack: Running
) -> AsyncIterator[Deployment]:
    listen, ports = _free_port(), [_free_port(), _free_port()]
    public = f"http://127.0.0.1:{listen}"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        # "test": no speech models loaded at start-up (three processes on a busy machine).
        "FRONTDESK_ENV": "test",
        "FRONTDESK_DATA_DIR": str(tmp_path / "var"),
        "FRONTDESK_PUBLIC_URL": public,
        "FRONTDESK_TRUSTED_PROXIES": "127.0.0.1",
        "FRONTDESK_OUTBOX_POLL_SECONDS": "0.1",
        "FRONTDESK_ESCALATION_MINUTES": "60",
        "TWILIO_ACCOUNT_SID": twilio_api.ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": twilio_api.AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": twilio_api.LOBBY_NUMBER,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_BASE_URL": slack.url + "/api/",
    }
    for vendor_key in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "DEEPGRAM_API_KEY"):
        env.pop(vendor_key, None)
    await asyncio.to_thread(
        subprocess.run,
        [FRONTDESK, "import-directory", str(DEMO_CSV)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    prefix = tmp_path / "nginx"
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True)
    # Its own prefix, configuration and error log (before the configuration is read, too).
    paths = ["-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    paths += ["-e", str(prefix / "logs" / "error.log")]
    (prefix / "nginx.conf").write_text(nginx_conf(prefix, render_site(listen, ports)), "utf-8")
    test = await asyncio.to_thread(
        subprocess.run,
        [nginx_binary, "-t", *paths],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert test.returncode == 0, test.stderr

    found = Deployment(public, ports, database, prefix, tmp_path / "logs")
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(name: str, args: list[str], **extra: str) -> subprocess.Popen[bytes]:
        with open(logs / f"{name}.log", "wb") as log:
            proc = subprocess.Popen(
                args, env={**env, **extra}, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
            )
        found.processes[name] = proc
        return proc

    try:
        for i, port in enumerate(ports):
            serve, serve_env = unit("frontdesk-serve@.service", instance=str(port))
            start(f"serve{i}", serve, **serve_env)
        worker, worker_env = unit("frontdesk-worker.service")
        start("worker", worker, **worker_env)
        start("nginx", [nginx_binary, *paths, "-g", "daemon off;"])
        for i, port in enumerate(ports):
            await _healthy(f"http://127.0.0.1:{port}", found.processes[f"serve{i}"], f"serve{i}")
        await _healthy(public, found.processes["nginx"], "nginx")
        yield found
    finally:
        for proc in found.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in found.processes.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for log in sorted(logs.iterdir()):  # shown by pytest when the test failed
            print(f"--- {log.name}\n{log.read_text('utf-8', 'replace')[-4000:]}")


def unit(name: str, instance: str = "") -> tuple[list[str], dict[str, str]]:
    """The command line and environment a systemd unit of deploy/ runs frontdesk with
    (the installed `frontdesk` replaced by this checkout's)."""
    command: list[str] = []
    env: dict[str, str] = {}
    for line in (UNITS / name).read_text("utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == "ExecStart":
            command = [FRONTDESK, *value.replace("%i", instance).split()[1:]]
        elif key == "Environment":
            variable, _, setting = value.partition("=")
            env[variable] = setting
    assert command, f"{name} has no ExecStart"
    return command, env


def _instance(response: httpx.Response) -> str:
    """The instance that answered (the last address nginx tried)."""
    return response.headers[UPSTREAM].split(",")[-1].strip()


async def _say(client: httpx.AsyncClient, session_id: str, text: str) -> httpx.Response:
    response = await client.post(
        f"/api/chat/sessions/{session_id}/messages",
        json={"text": text},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    return response


async def _rows(database_url: str, model: type[Row]) -> list[Row]:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            return list((await db.scalars(sa.select(model))).all())
    finally:
        await engine.dispose()


async def _call(deployment: Deployment) -> None:
    """Twilio's side of a call: the signed webhook and the signed Media Stream, both
    through nginx; the receptionist's greeting arrives as audio over the socket."""
    setup = CallSetup(
        base_url=deployment.url,
        auth_token=twilio_api.AUTH_TOKEN,
        lobby=twilio_api.LOBBY_NUMBER,
        account_sid=twilio_api.ACCOUNT_SID,
    )
    call_sid = "CA" + secrets.token_hex(16)
    stream_url, parameters = await answer_webhook(setup, call_sid)
    assert stream_url.startswith(deployment.url.replace("http://", "ws://") + "/twilio/media")
    stream_sid = "MZ" + secrets.token_hex(16)
    async with open_stream(setup, stream_url) as ws:
        await ws.send(encode(Connected()))
        start = Start(stream_sid, call_sid, twilio_api.ACCOUNT_SID, parameters)
        await ws.send(encode(start))

        async def greeting() -> int:
            frames = 0
            async for message in ws:
                if json.loads(message)["event"] == "media":
                    frames += 1
                    if frames == 5:
                        return frames
            return frames

        assert await asyncio.wait_for(greeting(), timeout=60) == 5
        await ws.send(encode(Stop(stream_sid, call_sid, twilio_api.ACCOUNT_SID, 3)))

    async def ended() -> list[tuple[str, bool]]:
        rows = await _rows(deployment.database_url, ConversationSession)
        calls = [(c.session_key, c.ended_at is not None) for c in rows if c.channel == "voice"]
        return calls if calls and all(over for _, over in calls) else []

    assert await _until(ended, "the call to be recorded as over") == [(call_sid, True)]
    access_log = (deployment.nginx_prefix / "logs" / "access.log").read_text("utf-8")
    assert re.search(r'"GET /twilio/media\S* HTTP/1.1" 101 ', access_log), access_log


async def test_two_instances_behind_nginx(deployment: Deployment, slack: Running) -> None:
    a, b = (f"127.0.0.1:{port}" for port in deployment.ports)
    async with httpx.AsyncClient(base_url=deployment.url, timeout=15) as client:
        # A web chat check-in: nginx takes turns, the conversation does not notice.
        opened = await client.post("/api/chat/sessions", json={"language": "en"})
        assert opened.status_code == 201, opened.text
        session_id = opened.json()["session_id"]
        answered_by = [_instance(opened)]
        lines = ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"]
        for line in lines:
            reply = await _say(client, session_id, line)
            answered_by.append(_instance(reply))
        assert reply.json()["state"] == "complete", reply.json()
        assert set(answered_by) == {a, b}
        assert all(x != y for x, y in itertools.pairwise(answered_by))

        # The worker (not a web instance) tells the host in Slack.
        async def posted() -> bool:
            return bool(slack.api.posted)

        await _until(posted, "the worker to post the arrival to Slack")
        post: dict[str, Any] = slack.api.posted[0]
        assert post["channel"] == "U0JAMESWILS"

        # The visitor waits on one instance; the host's press arrives at the other.
        host_said: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        streaming_on: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        async def listen() -> None:
            path = f"/api/chat/sessions/{session_id}/events"
            async with client.stream("GET", path, timeout=httpx.Timeout(15, read=30)) as events:
                assert events.status_code == 200
                assert events.headers["content-type"].startswith("text/event-stream")
                streaming_on.set_result(_instance(events))
                event = "message"
                async for line in events.aiter_lines():
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:") and event == "host_response":
                        host_said.set_result(json.loads(line[5:]))
                        return

        listening = asyncio.create_task(listen())
        try:
            stream_instance = await asyncio.wait_for(streaming_on, timeout=15)
            body, headers = signed(button_press(post, "on_my_way"), SIGNING_SECRET)
            pressed = await client.post("/slack/events", content=body, headers=headers)
            assert pressed.status_code == 200, pressed.text
            assert _instance(pressed) != stream_instance
            data = await asyncio.wait_for(host_said, timeout=20)
        finally:
            listening.cancel()
            await asyncio.gather(listening, return_exceptions=True)
        assert data["answer"] == "on_my_way"
        assert data["text"] == "James Wilson is on the way to meet you."

        # SMS: Twilio signs the public URL, which is nginx's, not an instance's.
        phone = "+3725551234"
        texts = ["Tere! Mul on kohtumine Jüri Tammega", "jah", "Mari Kask", "Telia"]
        sms_instances = set()
        for text in texts:
            form = {
                "MessageSid": new_sid(),
                "AccountSid": twilio_api.ACCOUNT_SID,
                "From": phone,
                "To": twilio_api.LOBBY_NUMBER,
                "Body": text,
                "NumMedia": "0",
            }
            signature = sign(twilio_api.AUTH_TOKEN, f"{deployment.url}/twilio/sms", form)
            answer = await client.post(
                "/twilio/sms", data=form, headers={"X-Twilio-Signature": signature}
            )
            assert answer.status_code == 200, answer.text
            assert message_of(answer.text), answer.text
            sms_instances.add(_instance(answer))
        assert sms_instances == {a, b}

        # A call: the webhook through nginx, then the Media Stream's WebSocket through it.
        await _call(deployment)

        # A body over FRONTDESK_MAX_BODY_BYTES stops at nginx, as the app would answer it.
        limit = Settings.model_fields["max_body_bytes"].default
        assert re.search(rf"^\s*client_max_body_size {limit // 1024}k;", SITE.read_text(), re.M)
        too_large = await client.post(
            f"/api/chat/sessions/{session_id}/messages", json={"text": "x" * limit}
        )
        assert too_large.status_code == 413
        assert too_large.headers.get(UPSTREAM, "") == ""  # no instance saw it

        # One instance dies mid-conversation; nginx passes the rest to the other.
        opened = await client.post("/api/chat/sessions", json={"language": "en"})
        late_session = opened.json()["session_id"]
        await _say(client, late_session, "Hello, I'm here to see Sarah Chen")
        await _say(client, late_session, "yes")
        killed = deployment.processes["serve0"]
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=10)
        for line in ["Anna Smith", "Globex"]:
            reply = await _say(client, late_session, line)
            assert _instance(reply) == b
        assert reply.json()["state"] == "complete", reply.json()
        assert (await client.get("/health")).status_code == 200
        # A body larger than nginx's memory buffer (16k) goes through its temp folder.
        padded = await client.post("/api/chat/sessions", json={"note": "x" * 40_000})
        assert padded.status_code < 500 and _instance(padded), padded.text

    # Web instances run no workers (their unit says so): every delivery was the worker's.
    logs = {n: (deployment.logs / f"{n}.log").read_text("utf-8") for n in deployment.processes}
    assert "posted to Slack" in logs["worker"]
    assert not [n for n in ("serve0", "serve1") if "core.outbox" in logs[n]]

    errors = (deployment.nginx_prefix / "logs" / "error.log").read_text("utf-8")
    assert not re.findall(r"\[(?:emerg|alert|crit)\].*", errors)

    visits = {v.visitor_name: v for v in await _rows(deployment.database_url, Visit)}
    assert set(visits) == {"Tom Baker", "Mari Kask", "Anna Smith"}
    tom, mari, anna = visits["Tom Baker"], visits["Mari Kask"], visits["Anna Smith"]
    assert (tom.channel, tom.host_name, tom.company, tom.status) == (
        "web",
        "James Wilson",
        "Acme",
        "checked_in",
    )
    assert (tom.host_response, tom.host_response_via) == ("on_my_way", "slack")
    assert (mari.channel, mari.host_name, mari.company) == ("sms", "Jüri Tamm", "Telia")
    assert (anna.channel, anna.host_name, anna.company) == ("web", "Sarah Chen", "Globex")
