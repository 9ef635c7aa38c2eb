"""A frontdesk server in a process of its own, for the voice benchmarks.

    python bench/voice_server.py --stt scripted|whisper --tts instant|local [--port 0]
                                 [--lines "Sarah Chen|mhm"]

It migrates a fresh SQLite file (a fresh Postgres database with BENCH_POSTGRES_URL),
imports the demo directory, serves the real app on loopback and prints `READY <url>` once
it listens. Twilio is configured with the test auth token (so the simulator's signatures
check out) and the REST API points nowhere.
Two routes are added for the benchmark's eyes only:

- `GET /bench/lag`: how late each inbound media frame was handled, measured in this
  process: the frame's `timestamp` says when it left the caller (on the stream's clock,
  set by the frame that arrived soonest); the lag is from then until the call handler
  asks for the next message, i.e. has handled this one.
  `?reset=1` starts a new sample.
- `GET /bench/metrics`: the call channel's own timings of the calls that ended (end of
  turn → first outbound frame, barge-in speech → clear, frame lag), `?reset=1` as above.

The benchmark stops it with SIGTERM (or it stops by itself after `--max-seconds`).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi import Request

AUTH_TOKEN = "twilio-test-token"
PUBLIC_URL = "https://lobby.example.com"
_TIMESTAMP = re.compile(r'"timestamp":"(\d+)"')


class LagProbe:
    """Frame lags (seconds) of every call, since the last reset."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.calls = 0

    def reset(self) -> None:
        self.lags = []
        self.calls = 0

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.lags)
        if not ordered:
            return {"frames": 0, "calls": self.calls}
        return {
            "frames": len(ordered),
            "calls": self.calls,
            "p50_ms": ordered[len(ordered) // 2] * 1000,
            "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
            "max_ms": ordered[-1] * 1000,
        }


class TimedSocket:
    """The route's WebSocket as the call handler sees it, timing each media frame."""

    def __init__(self, socket: Any, probe: LagProbe) -> None:
        self._socket = socket
        self._probe = probe
        self._t0: float | None = None
        self._due: float | None = None  # when the frame being handled left the caller

    async def receive_text(self) -> str:
        now = time.perf_counter()
        if self._due is not None:
            self._probe.lags.append(max(0.0, now - self._due))
            self._due = None
        text: str = await self._socket.receive_text()
        if text.startswith('{"event":"media"'):
            match = _TIMESTAMP.search(text)
            if match:
                # The stream's clock: arrival minus timestamp, at its smallest so far (the
                # frame that came soonest was on time), as the call's own metrics do it.
                sent = int(match.group(1)) / 1000
                offset = time.perf_counter() - sent
                if self._t0 is None or offset < self._t0:
                    self._t0 = offset
                self._due = self._t0 + sent
        elif text.startswith('{"event":"start"'):
            self._probe.calls += 1
        return text

    async def send_text(self, data: str) -> None:
        await self._socket.send_text(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        await self._socket.close(code, reason)


class TimedHandler:
    def __init__(self, handler: Any, probe: LagProbe) -> None:
        self._handler = handler
        self._probe = probe

    async def serve(self, socket: Any) -> None:
        await self._handler.serve(TimedSocket(socket, probe=self._probe))

    def __getattr__(self, name: str) -> Any:  # metrics and the like pass through
        return getattr(self._handler, name)


LINES = ["Hi, I'm here to see Sarah Chen", "yes", "Tom Baker", "Acme"]


def providers(stt: str, tts: str, ms_per_char: float, lines: list[str] | None = None) -> Any:
    """Scripted recognition answers each call's utterances with `lines` (LINES unless told)
    in turn, then again; the instant voice is a tone `ms_per_char` long per character."""
    from frontdesk.runtime import Providers
    from tests.voice.e2e_support import instant_tts
    from tests.voice.standin_speech import InstantTts, ScriptedStt

    chosen = Providers()
    if stt == "scripted":
        chosen.stt = ScriptedStt((lines or LINES) * 50)
    if tts == "instant":
        chosen.tts = instant_tts(InstantTts(ms_per_char=ms_per_char))
    return chosen


class Metrics:
    """Every finished call's CallMetrics (the channel's `on_call_end`)."""

    def __init__(self) -> None:
        self.calls: list[Any] = []

    def summary(self) -> dict[str, Any]:
        return {
            "calls": len(self.calls),
            "turn_ms": [s * 1000 for m in self.calls for s in m.turn_latencies()],
            "barge_in_ms": [s * 1000 for m in self.calls for s in m.barge_in_latencies()],
            "max_lag_ms": max((m.max_lag * 1000 for m in self.calls), default=0.0),
            "late_frames": sum(m.late_frames for m in self.calls),
            "frames": sum(m.frames for m in self.calls),
        }


async def warm_up(channel: Any) -> None:
    """Load every model before the first call, as a long-running server has them loaded:
    the language detector and the VAD, Whisper, Piper (what `serve` loads at start-up)."""
    await channel.warm_up()
    await channel.warm_speech()


def percentiles(values: list[float], *points: float) -> list[float]:
    ordered = sorted(values)
    if not ordered:
        return [float("nan")] * len(points)
    return [ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] for p in points]


@contextlib.contextmanager
def bench_database(folder: str) -> Iterator[str]:
    """A fresh SQLite file, or with BENCH_POSTGRES_URL (a server's admin URL, e.g.
    postgresql+asyncpg://postgres@127.0.0.1:5432/test) a fresh Postgres database on it,
    dropped afterwards."""
    admin = os.environ.get("BENCH_POSTGRES_URL")
    if not admin:
        yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    import secrets

    import sqlalchemy as sa

    from core.store.db import create_engine

    name = f"frontdesk_bench_{secrets.token_hex(4)}"

    async def execute(statement: str) -> None:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(sa.text(statement))
        finally:
            await engine.dispose()

    def run(statement: str) -> None:  # called inside the server's loop: a loop of its own
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, execute(statement)).result()

    run(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def serve(args: argparse.Namespace) -> None:
    import uvicorn
    from pydantic import SecretStr

    from core.directory_csv import parse_directory_csv
    from core.store.db import create_engine
    from core.store.directory import apply_import
    from frontdesk.settings import Settings
    from migrations import runner
    from tests.conftest import DEMO_CSV
    from web.app import create_app

    # Twilio's REST API is not reachable here: the hang-up after a goodbye fails, quietly.
    logging.getLogger("channels.voice.conversation").setLevel(logging.ERROR)
    logging.getLogger("asyncio").setLevel(logging.ERROR)  # writes to sockets a caller closed
    with tempfile.TemporaryDirectory() as folder, bench_database(folder) as url:
        engine = create_engine(url)
        await runner.upgrade(engine)
        await engine.dispose()
        settings = Settings(
            _env_file=None,
            database_url=url,
            data_dir=Path(folder) / "var",
            run_workers=False,
            twilio_account_sid="AC" + "0" * 32,
            twilio_auth_token=SecretStr(AUTH_TOKEN),
            twilio_phone_number="+3725559999",
            twilio_api_base_url="http://127.0.0.1:9",  # nowhere: no call control in a bench
            public_url=PUBLIC_URL,
            front_desk_phone="+3725550000",
            # The shared load generator opens streams without placing calls (no TwiML, so
            # no per-call token); the handshake signature is still checked.
            voice_stream_token=False,
        )
        lines = args.lines.split("|") if args.lines else None
        app = create_app(settings, providers(args.stt, args.tts, args.ms_per_char, lines))
        finished = Metrics()
        probe = LagProbe()

        @app.get("/bench/lag")
        async def lag(request: Request) -> dict[str, Any]:
            summary = probe.summary()
            if request.query_params.get("reset"):
                probe.reset()
            return summary

        @app.get("/bench/metrics")
        async def metrics(request: Request) -> dict[str, Any]:
            summary = finished.summary()
            if request.query_params.get("reset"):
                finished.calls = []
            return summary

        sock = socket.socket()
        sock.bind(("127.0.0.1", args.port))
        config = uvicorn.Config(app, log_level="warning", lifespan="on", ws_max_queue=64)
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
        runtime = app.state.runtime
        async with runtime.sessionmaker() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        if runtime.voice is None:
            raise SystemExit("the voice channel is not running in this build")
        runtime.voice.on_call_end = finished.calls.append
        await warm_up(runtime.voice)
        runtime.voice = TimedHandler(runtime.voice, probe)
        print(f"READY http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        done = asyncio.create_task(stop.wait())
        await asyncio.wait([done, task], timeout=args.max_seconds)
        server.should_exit = True
        await task
        done.cancel()
        sock.close()


@contextlib.contextmanager
def running_server(
    stt: str, tts: str, ms_per_char: float = 60.0, lines: list[str] | None = None
) -> Iterator[str]:
    """Start this script as a separate process; yields its URL; stops it at the end."""
    command = [sys.executable, __file__, "--stt", stt, "--tts", tts]
    if lines:
        command += ["--lines", "|".join(lines)]
    process = subprocess.Popen(
        [*command, "--ms-per-char", str(ms_per_char)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("READY "):
            raise SystemExit(f"the server did not start (exit status {process.wait()})")
        yield line.split()[1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def fetch_json(url: str) -> dict[str, Any]:
    import httpx

    response = httpx.get(url, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stt", choices=["scripted", "whisper"], default="scripted")
    parser.add_argument("--tts", choices=["instant", "local"], default="instant")
    parser.add_argument("--ms-per-char", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lines", default="", help="the scripted recogniser's lines, |-separated")
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    asyncio.run(serve(parser.parse_args()))
