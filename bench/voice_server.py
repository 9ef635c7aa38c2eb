"""A frontdesk server in a process of its own, for the voice benchmarks.

    python bench/voice_server.py --stt scripted|whisper --tts instant|local [--port 0]
                                 [--lines "Sarah Chen|mhm"] [--workers N]

It migrates a fresh SQLite file (a fresh Postgres database with BENCH_POSTGRES_URL),
imports the demo directory, serves the real app on loopback and prints `READY <url>` once
it listens and every worker has its models loaded. Like `frontdesk serve`, it runs one
worker process per CPU on the one port (frontdesk/serving.py; `--workers 1`: a single
process), each on uvloop as uvicorn runs `serve`. Twilio is configured with the test
auth token (so the simulator's signatures check out) and the REST API points nowhere.
Two routes are added for the benchmark's eyes only:

- `GET /bench/lag`: how late each inbound media frame was handled, measured in this
  process: the frame's `timestamp` says when it left the caller (on the stream's clock,
  set by the frame that arrived soonest); the lag is from then until the call handler
  asks for the next message, i.e. has handled this one.
  `?reset=1` starts a new sample.
- `GET /bench/metrics`: the call channel's own timings of the calls that ended (end of
  turn → first outbound frame, barge-in speech → clear, frame lag), `?reset=1` as above.

`--no-lag-probe` leaves the frame timing out (a regex and a histogram update per inbound
frame, counted as the server's CPU; the shared load generator never reads it).

Both answer for every worker, whichever worker is asked: each keeps its figures in files
of the run's temporary folder that the others read.

With `BENCH_VAD_STATS=/some/file` each worker adds a line there when it stops: how many VAD
windows it scored in how many runs (vad.py's `WindowBatch`).

With `BENCH_PROFILE=/some/folder` each worker runs under cProfile from the moment it is
warm and writes `worker-PID.pstats` there when it stops (for finding where a call's CPU
goes; cProfile's own overhead inflates small Python functions most).

The benchmark stops it with SIGTERM (or it stops by itself after `--max-seconds`).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from fastapi import Request

AUTH_TOKEN = "twilio-test-token"
PUBLIC_URL = "https://lobby.example.com"
_TIMESTAMP = re.compile(r'"timestamp":"(\d+)"')


LAG_BINS = 4000  # 0.5 ms each, up to 2 s; the last bin holds everything later
LAG_SLOTS = LAG_BINS + 3  # …, then calls seen, the largest lag (µs), frames


class LagProbe:
    """Frame lags of every call since the last reset, as a histogram in a file that every
    worker process of the server maps: any worker answers `/bench/lag` for all of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._file = np.memmap(
            folder / f"lag-{os.getpid()}.bin", dtype=np.int64, mode="w+", shape=(LAG_SLOTS,)
        )
        # The same memory as a plain array: a memmap's indexing goes through Python, and
        # this runs for every frame of every call (its cost is counted as the server's).
        self.counts = self._file.view(np.ndarray)

    def add(self, lag: float) -> None:
        counts = self.counts
        counts[min(int(lag * 2000), LAG_BINS)] += 1
        micros = int(lag * 1e6)
        if micros > counts[LAG_BINS + 1]:
            counts[LAG_BINS + 1] = micros

    def call(self) -> None:
        self.counts[LAG_BINS] += 1

    def _all(self) -> list[np.ndarray]:
        return [
            np.memmap(path, dtype=np.int64, mode="r+", shape=(LAG_SLOTS,))
            for path in sorted(self.folder.glob("lag-*.bin"))
        ]

    def reset(self) -> None:
        for counts in self._all():
            counts[:] = 0

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of every live worker so far (Linux's /proc)."""
        total = 0
        for path in self.folder.glob("lag-*.bin"):
            try:
                stat = Path(f"/proc/{path.stem[4:]}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def summary(self) -> dict[str, Any]:
        total = np.sum(self._all(), axis=0)
        hist = total[: LAG_BINS + 1]
        frames, calls = int(hist.sum()), int(total[LAG_BINS])
        if not frames:
            return {"frames": 0, "calls": calls, "cpu_s": self.cpu_seconds()}
        cumulative = np.cumsum(hist)

        def at(share: float) -> float:
            return float(np.searchsorted(cumulative, share * frames)) / 2  # ms (bin's start)

        return {
            "frames": frames,
            "calls": calls,
            "cpu_s": self.cpu_seconds(),
            "p50_ms": at(0.5),
            "p99_ms": at(0.99),
            "max_ms": float(total[LAG_BINS + 1]) / 1000,
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
            self._probe.add(max(0.0, now - self._due))
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
            self._probe.call()
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


# The first line is said in one breath, as the shared load generator's caller says "I am
# here to see James Wilson": the scripted recogniser knows a phrase once a pause ends it (a
# comma's phrase "Hi," would end only the first), so its line has that shape too.
LINES = ["I'm here to see Sarah Chen", "yes", "Tom Baker", "Acme"]


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
    """Every finished call's CallMetrics (the channel's `on_call_end`), one JSON line per
    call in a file per worker process, so that any worker answers for all of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / f"metrics-{os.getpid()}.jsonl"
        self.path.write_text("")

    def add(self, call: Any) -> None:
        line = {
            "turn_ms": [s * 1000 for s in call.turn_latencies()],
            "barge_in_ms": [s * 1000 for s in call.barge_in_latencies()],
            "max_lag_ms": call.max_lag * 1000,
            "late_frames": call.late_frames,
            "frames": call.frames,
        }
        with self.path.open("a") as out:
            out.write(json.dumps(line) + "\n")

    def reset(self) -> None:
        for path in self.folder.glob("metrics-*.jsonl"):
            path.write_text("")

    def summary(self) -> dict[str, Any]:
        calls = [
            json.loads(line)
            for path in sorted(self.folder.glob("metrics-*.jsonl"))
            for line in path.read_text().splitlines()
            if line
        ]
        return {
            "calls": len(calls),
            "turn_ms": [ms for c in calls for ms in c["turn_ms"]],
            "barge_in_ms": [ms for c in calls for ms in c["barge_in_ms"]],
            "max_lag_ms": max((c["max_lag_ms"] for c in calls), default=0.0),
            "late_frames": sum(c["late_frames"] for c in calls),
            "frames": sum(c["frames"] for c in calls),
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


def bench_settings(url: str, folder: str) -> Any:
    from pydantic import SecretStr

    from frontdesk.settings import Settings

    return Settings(
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


async def prepare(url: str) -> None:
    """The schema and the demo directory, before any worker starts."""
    from core.directory_csv import parse_directory_csv
    from core.store.db import create_engine, create_sessionmaker
    from core.store.directory import apply_import
    from migrations import runner
    from tests.conftest import DEMO_CSV

    engine = create_engine(url)
    try:
        await runner.upgrade(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
    finally:
        await engine.dispose()


async def serve_worker(
    args: argparse.Namespace, url: str, folder: str, sock: socket.socket, ready: Any
) -> None:
    """One worker: the real app on the shared socket, until SIGTERM; `ready()` once it
    listens with every model loaded."""
    import uvicorn

    from channels.voice.vad import WindowBatch, shared_session
    from web.app import create_app

    # Twilio's REST API is not reachable here: the hang-up after a goodbye fails, quietly.
    logging.getLogger("channels.voice.conversation").setLevel(logging.ERROR)
    logging.getLogger("asyncio").setLevel(logging.ERROR)  # writes to sockets a caller closed
    lines = args.lines.split("|") if args.lines else None
    app = create_app(
        bench_settings(url, folder), providers(args.stt, args.tts, args.ms_per_char, lines)
    )
    finished = Metrics(Path(folder))
    probe = LagProbe(Path(folder))

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
            finished.reset()
        return summary

    # What uvicorn's handlers hand the signal back to once the server stopped: nothing to do.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    config = uvicorn.Config(
        app, log_level="warning", lifespan="on", ws_max_queue=64, ws=args.ws or "auto"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    runtime = app.state.runtime
    if runtime.voice is None:
        raise SystemExit("the voice channel is not running in this build")
    runtime.voice.on_call_end = finished.add
    await warm_up(runtime.voice)
    if args.lag_probe:
        runtime.voice = TimedHandler(runtime.voice, probe)
    profile = os.environ.get("BENCH_PROFILE")
    profiler = None
    if profile:  # a folder: each worker writes cProfile's stats there when it stops
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    ready()
    # SIGTERM and SIGINT: uvicorn's own handlers stop the server (and so this wait).
    try:
        await asyncio.wait([task], timeout=args.max_seconds)
        server.should_exit = True
        await task
    finally:
        if profiler is not None and profile:
            profiler.disable()
            profiler.dump_stats(str(Path(profile) / f"worker-{os.getpid()}.pstats"))
        if vad_stats := os.environ.get("BENCH_VAD_STATS"):  # a file: how windows shared runs
            batch = WindowBatch.of_running_loop(shared_session())
            line = f"worker {os.getpid()}: {batch.windows} VAD windows in {batch.runs} runs\n"
            with Path(vad_stats).open("a") as out:  # noqa: ASYNC230 (the server has stopped)
                out.write(line)


def run_worker(
    args: argparse.Namespace, url: str, folder: str, sock: socket.socket, ready: Any
) -> int:
    """A worker's event loop: uvloop, as `frontdesk serve` runs it (uvicorn's default)."""
    try:
        import uvloop

        factory: Any = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(serve_worker(args, url, folder, sock, ready))
    return 0


def quietly(job: Any) -> Any:
    """`job` for a thread that leaves SIGTERM and SIGINT to the main thread."""

    def run() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        job()

    return run


def serve(args: argparse.Namespace) -> None:
    """Prepare the database, take the port, start the workers; READY once all are warm."""
    from frontdesk.serving import Supervisor, cpu_count

    workers = args.workers or cpu_count()
    with tempfile.TemporaryDirectory() as folder, bench_database(folder) as url:
        asyncio.run(prepare(url))
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", args.port))
        sock.listen(2048)
        address = f"http://127.0.0.1:{sock.getsockname()[1]}"
        if workers == 1:
            run_worker(args, url, folder, sock, lambda: print(f"READY {address}", flush=True))
            sock.close()
            return
        readable, writable = os.pipe()

        def announce() -> None:  # in the supervisor: READY when every worker said it is
            with os.fdopen(readable, "rb", buffering=0) as pipe:
                seen = 0
                while seen < workers:
                    got = pipe.read(1)
                    if not got:
                        return
                    seen += 1
            print(f"READY {address}", flush=True)

        def stop_later() -> None:
            time.sleep(args.max_seconds)
            os.kill(os.getpid(), signal.SIGTERM)

        def work(index: int, sock: socket.socket) -> int:
            os.close(readable)
            return run_worker(args, url, folder, sock, lambda: os.write(writable, b"1"))

        for job in (announce, stop_later):
            threading.Thread(target=quietly(job), daemon=True).start()
        try:
            Supervisor(workers, sock, work).run()
        finally:
            os.close(writable)
            sock.close()


@contextlib.contextmanager
def running_server(
    stt: str,
    tts: str,
    ms_per_char: float = 60.0,
    lines: list[str] | None = None,
    workers: int | None = None,
) -> Iterator[str]:
    """Start this script as a separate process; yields its URL; stops it at the end."""
    command = [sys.executable, __file__, "--stt", stt, "--tts", tts]
    if lines:
        command += ["--lines", "|".join(lines)]
    if workers:
        command += ["--workers", str(workers)]
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stt", choices=["scripted", "whisper"], default="scripted")
    parser.add_argument("--tts", choices=["instant", "local"], default="instant")
    parser.add_argument("--ms-per-char", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lines", default="", help="the scripted recogniser's lines, |-separated")
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    parser.add_argument(
        "--no-lag-probe",
        dest="lag_probe",
        action="store_false",
        help="serve calls without timing every inbound frame (`/bench/lag` then has none): "
        "for a benchmark that measures from the caller's side and counts the server's CPU",
    )
    parser.add_argument(
        "--ws", default="", help="uvicorn's WebSocket implementation (default: auto)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes sharing the port, as `frontdesk serve --workers` (default: "
        "one per CPU)",
    )
    serve(parser.parse_args())
