"""Chat under load: N visitors at once, each checking in over the web chat in four turns,
against `frontdesk serve` (one or more processes of this checkout, or of the checkout
PYTHONPATH names) on a database of its own, over loopback. Prints turns per second, turn
latency (p50/p95/p99), every error, and what the CPU went on per turn: the server
processes (with any worker processes they start; the web workers and, apart, the
background jobs' process), the Postgres backends of the benchmark's database, and this
client. A run ends after --timeout seconds whatever happened.

    python bench/chat_load.py [--database sqlite|postgres] [--sessions 100] [--servers 1]
                              [--think 0] [--think-times exponential|fixed]
                              [--duration 0 [--warm-up 10]]
                              [--py-spy PREFIX [--py-spy-seconds 5]]
                              [--server frontdesk|floor|both]

Without --think the visitors never pause: each sends its next message the moment the last
answer arrives (a closed loop), so by Little's law the mean turn latency is the number of
visitors over the throughput: 500 visitors at 400 turns/s wait 1.25 s a turn on average,
and a p95 of 1 s for 500 of them would take more than 600 turns/s. People read and type:
`--think 1.0` has each visitor pause a second on average between one answer and their
next message (exponentially distributed, or exactly with `--think-times fixed`; each
visitor also starts within its first think time, so they do not all arrive at once). Then
N visitors offer at most N / think turns per second, and the latency is the server's,
not the queue's. The report says the offered load, turns/s over the whole run and while
the middle 80 % of the turns were answered (without the arrivals and the tail of slow
visitors), p50/p95/p99 and the errors.

Each visitor plays one check-in and leaves, so a short run is mostly arrivals and the
tail. `--duration 60` holds N visitors for a minute instead: a visitor who has checked in
is followed at once by a new one (a new conversation), and the report covers the window
from --warm-up to the end: turns/s, latency of the turns answered in it, CPU per turn
spent in it (the background jobs' included only as far as they kept up), and the
notifications and badges still queued at its end, which grow if the jobs fall behind
(the jobs run at a lower priority than the web workers: under overload, answers come
first and badges wait), with how long the oldest of those notifications has waited.

`--server floor` runs bench/stack_floor.py in place of `frontdesk serve`: the same stack
doing only a check-in's database writes. Its figures are the most any app on this stack
gets on this machine, with this client beside it; the app's are read against them.
`--server both` runs the floor and then the app, and prints the app's turns/s and p95
as multiples of the floor's.

The client is light on purpose (aiohttp on uvloop: about a tenth of httpx's CPU per
request), because it shares the machine's cores with the servers it measures. The
environment reaches the servers, so `FRONTDESK_…` settings apply to them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from subprocess import DEVNULL, Popen

import aiohttp
import sqlalchemy as sa
import uvloop
from sqlalchemy.ext.asyncio import AsyncEngine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import (
    cpu_by_process,
    cpu_used,
    fresh_database,
    niceness,
    postgres_backends,
    process_tree,
    serve,
    temporary_folder,
)
from core.store.db import create_engine

SCRIPT = [
    ("Hi, I'm here to see Sarah Miller", "confirm_host"),
    ("yes", "collect_visitor_info"),
    ("Tom Baker", "collect_visitor_info"),
    ("Acme", "complete"),
]
QUIET = 0.05  # share of a core below which a server counts as settled after start-up
DRAIN_SECONDS = 120.0  # at most, after the last turn, for the workers to finish
BACKLOG = """
    SELECT n.notifications, n.oldest, b.badges
    FROM (SELECT count(*) AS notifications, min(created_at) AS oldest FROM notifications
          WHERE status IN ('pending', 'sending')
            AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) AS n,
         (SELECT count(*) AS badges FROM badges WHERE status IN ('pending', 'rendering')
            AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) AS b
"""


class BackendCpu:
    """CPU of the Postgres backends serving the benchmark's database, looked at every
    second (a backend that comes and goes between two looks is missed: a lower bound)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    async def look(self) -> None:
        now = cpu_by_process(await postgres_backends(self.url))
        started = bool(self.last)  # a backend first seen later started during the load
        for pid, seconds in now.items():
            self.first.setdefault(pid, 0.0 if started else seconds)
        self.last.update(now)

    async def watch(self) -> None:
        while True:
            await self.look()
            await asyncio.sleep(1.0)

    @property
    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


async def settle(pids: list[int], at_most: float = 60.0) -> None:
    """Wait for start-up's warming (speech models, the directory's index) to finish: a
    quiet second of every server process, so the load does not pay for it."""
    for _ in range(int(at_most)):
        tree = [p for pid in pids for p in process_tree(pid)]
        before = cpu_by_process(tree)
        await asyncio.sleep(1.0)
        if cpu_used(before, cpu_by_process(tree)) < QUIET * len(pids):
            return


async def drain(url: str) -> float:
    """Wait until the workers have sent the notifications and made the badges the
    check-ins queued (their CPU is the check-ins' too); returns how long that took."""
    engine = create_engine(url)
    started = time.perf_counter()
    now = datetime.now(UTC)  # reminders due later are not the load's backlog
    try:
        while time.perf_counter() - started < DRAIN_SECONDS:
            if not await queued_in(engine, now):
                break
            await asyncio.sleep(0.25)
    finally:
        await engine.dispose()
    return time.perf_counter() - started


def jobs_only(servers: list[int], used: dict[int, float]) -> dict[int, float]:
    """Of `used`, the background jobs' processes: those `serve` starts at a lower priority
    than itself (frontdesk/serving.py), the outbox and badge workers of `--workers N`."""
    own = {pid: niceness(pid) for pid in servers}
    jobs = {}
    for server in servers:
        for pid in process_tree(server):
            try:
                if pid in used and niceness(pid) > own[server]:
                    jobs[pid] = used[pid]
            except (OSError, IndexError):
                continue
    return jobs


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Thinking:
    """How long a visitor pauses before each message: `mean` seconds, exponentially
    distributed or `fixed`; none at all when the mean is 0 (the closed loop)."""

    mean: float = 0.0
    fixed: bool = False

    def pause(self) -> float:
        if self.mean <= 0:
            return 0.0
        return self.mean if self.fixed else random.expovariate(1 / self.mean)

    def arrival(self) -> float:
        """When a visitor starts: spread over the first think time."""
        return random.uniform(0, self.mean) if self.mean > 0 else 0.0


@dataclass
class Timeline:
    """When each turn was answered."""

    answered: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # of the same turns
    steps: list[int] = field(default_factory=list)  # which turn of its check-in each was

    def middle_rate(self, share: float = 0.8) -> float | None:
        """Turns per second while the middle `share` of the turns were answered: without
        the start, when visitors are still arriving, and the end, when only the slowest
        are left (with think times, a long tail). None for too few turns."""
        times = sorted(self.answered)
        first = round(len(times) * (1 - share) / 2)
        last = len(times) - 1 - first
        if last - first < 10 or times[last] <= times[first]:
            return None
        return (last - first) / (times[last] - times[first])


async def visitor(
    client: aiohttp.ClientSession,
    base: str,
    latencies: list[float],
    errors: Counter[str],
    thinking: Thinking = Thinking(),
    timeline: Timeline | None = None,
    until: float | None = None,
) -> None:
    """One check-in; with `until` (a perf_counter time), one after another (each a new
    visitor in a new conversation) until then: no message is sent after it."""
    timeline = timeline or Timeline()
    await asyncio.sleep(thinking.arrival())
    while await check_in(client, base, latencies, errors, thinking, timeline, until):
        if until is None or time.perf_counter() >= until:
            return


async def check_in(
    client: aiohttp.ClientSession,
    base: str,
    latencies: list[float],
    errors: Counter[str],
    thinking: Thinking,
    timeline: Timeline,
    until: float | None,
) -> bool:
    """A visitor's four turns; False if one failed (counted in `errors`) or time is up."""
    step = "open"
    try:
        async with client.post(f"{base}/api/chat/sessions", json={}) as created:
            if created.status != 201:
                errors[f"open: HTTP {created.status}"] += 1
                return False
            session_id = (await created.json())["session_id"]
        url = f"{base}/api/chat/sessions/{session_id}/messages"
        for n, (text, state) in enumerate(SCRIPT, 1):
            step = f"turn {n}"
            await asyncio.sleep(thinking.pause())
            start = time.perf_counter()
            if until is not None and start >= until:
                return False
            async with client.post(url, json={"text": text}) as response:
                body = await response.read()
            answered = time.perf_counter()
            latencies.append(answered - start)
            timeline.answered.append(answered)
            timeline.latencies.append(answered - start)
            timeline.steps.append(n)
            if response.status != 200:
                errors[f"turn: HTTP {response.status}"] += 1
                return False
            reached = json.loads(body)["state"]
            if reached != state:
                errors[f"turn: state {reached}, expected {state}"] += 1
                return False
    except (aiohttp.ClientError, TimeoutError) as exc:
        errors[f"{step}: {type(exc).__name__} {exc}"] += 1
        return False
    return True


def spy(processes: list[int], supervisors: list[int], profile: Profile) -> list[Popen[bytes]]:
    """py-spy (if installed beside this Python) recording each server process for the
    first `profile.seconds` of the load, as collapsed stacks in `profile.prefix`.<pid>."""
    py_spy = Path(sys.executable).with_name("py-spy")
    return [
        Popen(
            [
                py_spy,
                "record",
                "--rate",
                "50",
                "--duration",
                str(profile.seconds),
                "--format",
                "raw",
                "-o",
                f"{profile.prefix}.{pid}",
                "-p",
                str(pid),
            ],
            stdout=DEVNULL,
            stderr=DEVNULL,
        )
        for pid in processes
        if pid not in supervisors
    ]


@dataclass(frozen=True)
class Profile:
    prefix: str
    seconds: int


@dataclass(frozen=True)
class Steady:
    """Hold the visitors for `duration` seconds, measuring from `warm_up` on."""

    duration: float
    warm_up: float


@dataclass
class Reading:
    """CPU seconds so far (servers by process, Postgres backends, this client), the
    background jobs' queue, and when."""

    at: float
    servers: dict[int, float]
    jobs: dict[int, float]  # of `servers`, the background jobs' processes
    postgres: dict[int, float]
    client: float
    queued: Backlog


async def read_now(pids: list[int], url: str, database: str) -> Reading:
    backends = await postgres_backends(url) if database == "postgres" else []
    servers = cpu_by_process([p for pid in pids for p in process_tree(pid)])
    return Reading(
        at=time.perf_counter(),
        servers=servers,
        jobs=jobs_only(pids, servers),
        postgres=cpu_by_process(backends),
        client=time.process_time(),
        queued=await backlog(url),
    )


@dataclass(frozen=True)
class Backlog:
    """Notifications and badges due and not yet done, and how long the oldest of those
    notifications has waited (a host told that late)."""

    notifications: int
    badges: int
    oldest_notification: float  # seconds, 0 with none waiting

    def __bool__(self) -> bool:
        return bool(self.notifications or self.badges)

    def __str__(self) -> str:
        return (
            f"{self.notifications} notifications (the oldest waiting "
            f"{self.oldest_notification:.1f} s) and {self.badges} badges"
        )


async def backlog(url: str) -> Backlog:
    """What is due now and not yet done."""
    engine = create_engine(url)
    try:
        return await queued_in(engine, datetime.now(UTC))
    finally:
        await engine.dispose()


async def queued_in(engine: AsyncEngine, now: datetime) -> Backlog:
    """What is due by `now` and not yet done, on `engine`'s database."""
    async with engine.connect() as conn:
        row = (await conn.execute(sa.text(BACKLOG), {"now": now})).one()
    oldest = row.oldest
    if isinstance(oldest, str):  # SQLite hands back the text it stored
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    waited = (now - oldest).total_seconds() if oldest is not None else 0.0
    return Backlog(int(row.notifications), int(row.badges), max(waited, 0.0))


async def main(
    database: str,
    sessions: int,
    servers: int,
    limit: float,
    thinking: Thinking = Thinking(),
    profile: Profile | None = None,
    steady: Steady | None = None,
    floor: bool = False,
) -> Measured | None:
    """Play the load and print the report; returns its headline (None without turns)."""
    timeline = Timeline()
    window: tuple[Reading, Reading] | None = None
    with temporary_folder() as folder:
        async with fresh_database(database, Path(folder)) as url:
            with ExitStack() as stack:
                bases, pids = [], []
                for n in range(servers):
                    data_dir = Path(folder) / f"server{n}"
                    data_dir.mkdir()
                    server = stack.enter_context(serve(url, data_dir, floor=floor))
                    bases.append(server.url)
                    pids.append(server.pid)
                await settle(pids)
                latencies: list[float] = []
                errors: Counter[str] = Counter()
                connector = aiohttp.TCPConnector(
                    limit=sessions,
                    keepalive_timeout=2,  # under uvicorn's 5 s: no request meets a closing socket
                )
                timeout = aiohttp.ClientTimeout(total=60)
                async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
                    server_pids = [p for pid in pids for p in process_tree(pid)]
                    server_before = cpu_by_process(server_pids)
                    db_cpu = BackendCpu(url) if database == "postgres" else None
                    watching = asyncio.create_task(db_cpu.watch()) if db_cpu else None
                    spies = spy(server_pids, pids, profile) if profile else []
                    client_cpu = time.process_time()
                    start = time.perf_counter()
                    until = start + steady.duration if steady else None
                    tasks = [
                        asyncio.create_task(
                            visitor(
                                client,
                                bases[n % servers],
                                latencies,
                                errors,
                                thinking,
                                timeline,
                                until,
                            )
                        )
                        for n in range(sessions)
                    ]
                    if steady:
                        await asyncio.sleep(steady.warm_up)
                        first = await read_now(pids, url, database)
                        await asyncio.sleep(max(0.0, steady.duration - steady.warm_up))
                        window = (first, await read_now(pids, url, database))
                    done, pending = await asyncio.wait(tasks, timeout=limit)
                    elapsed = time.perf_counter() - start
                    client_cpu = time.process_time() - client_cpu
                    for task in pending:
                        task.cancel()
                    await asyncio.gather(*pending, return_exceptions=True)
                    for process in spies:
                        process.wait()
                    drained = await drain(url)
                    server_after = cpu_by_process([p for pid in pids for p in process_tree(pid)])
                    server_cpu = cpu_used(server_before, server_after)
                    jobs_cpu = cpu_used(server_before, jobs_only(pids, server_after))
                    if db_cpu and watching:
                        watching.cancel()
                        await asyncio.gather(watching, return_exceptions=True)
                        await db_cpu.look()
                for task in done:
                    if task.exception() is not None:
                        errors[f"client: {task.exception()!r}"] += 1
                if pending:
                    errors["unfinished at the time limit"] += len(pending)
    turns = len(latencies)
    what = "the stack's floor (bench/stack_floor.py)" if floor else "frontdesk serve"
    print(
        f"server: {what}; database: {database}; {servers} server process(es); "
        f"{sessions} visitors x 4 turns"
    )
    if thinking.mean > 0:
        how = "exactly" if thinking.fixed else "on average (exponential)"
        print(
            f"offered load: think {thinking.mean:g} s {how} between turns, so at most "
            f"{sessions / thinking.mean:.0f} turns/s"
        )
    else:
        print("offered load: closed loop, no think time (mean latency = visitors / throughput)")
    measured = None
    if steady and window:
        measured = report_window(steady, window, timeline, database)
        print(f"whole run (arrivals and tail included): {turns} turns in {elapsed:.1f} s")
    else:
        print(f"turns: {turns} in {elapsed:.1f} s = {turns / elapsed:.0f} turns/s")
    rate = timeline.middle_rate()
    if rate is not None and not steady:
        print(f"turns/s while the middle 80 % of the turns were answered: {rate:.0f}")
        measured = Measured(rate, percentile(latencies, 95))
    if latencies and not steady:
        print(f"turn latency: {spread(latencies)}")
    if turns and not steady:
        # Per turn, though each visitor's opening request is in it too (5 requests a visitor).
        line = (
            f"CPU per turn: servers {server_cpu * 1000 / turns:.2f} ms (web "
            f"{(server_cpu - jobs_cpu) * 1000 / turns:.2f}, background jobs "
            f"{jobs_cpu * 1000 / turns:.2f})"
        )
        if db_cpu:
            line += f", Postgres backends {db_cpu.seconds * 1000 / turns:.2f} ms"
        print(f"{line}, this client {client_cpu * 1000 / turns:.2f} ms")
    if turns:
        print(f"the workers finished the check-ins' notifications and badges {drained:.1f} s later")
    print(f"errors: {sum(errors.values())}")
    for error, count in errors.most_common():
        print(f"  {count:5d}  {error}")
    return measured


@dataclass(frozen=True)
class Measured:
    """A run's headline: turns/s (the steady window's, or the middle 80 %'s) and p95."""

    turns_per_second: float
    p95: float  # seconds


def against_floor(app: Measured | None, floor: Measured | None) -> str:
    """The app's headline as a share of the floor's, measured in the same run."""
    if app is None or floor is None:
        return "the app against the floor: not enough turns to compare"
    return (
        f"the app against the floor: {app.turns_per_second / floor.turns_per_second:.2f}× "
        f"its turns/s ({app.turns_per_second:.0f} / {floor.turns_per_second:.0f}), "
        f"{app.p95 / floor.p95:.2f}× its p95 ({app.p95 * 1000:.0f} / {floor.p95 * 1000:.0f} ms)"
    )


def spread(latencies: list[float]) -> str:
    return (
        f"p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 95) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )


def report_window(
    steady: Steady,
    window: tuple[Reading, Reading],
    timeline: Timeline,
    database: str,
) -> Measured | None:
    """Turns/s, latency and CPU per turn between the two readings."""
    first, last = window
    seconds = last.at - first.at
    steps = [
        (latency, step)
        for answered, latency, step in zip(
            timeline.answered, timeline.latencies, timeline.steps, strict=True
        )
        if first.at <= answered < last.at
    ]
    inside = [latency for latency, _ in steps]
    print(
        f"held for {steady.duration:g} s; measured from {steady.warm_up:g} s on: "
        f"{len(inside)} turns in {seconds:.1f} s = {len(inside) / seconds:.0f} turns/s"
    )
    if not inside:
        return None
    print(f"turn latency in the window: {spread(inside)}")
    for n in range(1, len(SCRIPT) + 1):
        if of_step := [latency for latency, step in steps if step == n]:
            print(f"  turn {n} of a check-in: {spread(of_step)}")
    server_cpu = cpu_used(first.servers, last.servers)
    jobs_cpu = cpu_used(first.jobs, last.jobs)
    line = (
        f"CPU per turn in the window: servers {server_cpu * 1000 / len(inside):.2f} ms (web "
        f"{(server_cpu - jobs_cpu) * 1000 / len(inside):.2f}, background jobs "
        f"{jobs_cpu * 1000 / len(inside):.2f})"
    )
    if database == "postgres":
        pg = cpu_used(first.postgres, last.postgres)
        line += f", Postgres backends {pg * 1000 / len(inside):.2f} ms"
    client = last.client - first.client
    print(f"{line}, this client {client * 1000 / len(inside):.2f} ms")
    cores = (server_cpu + client + (cpu_used(first.postgres, last.postgres))) / seconds
    print(f"cores busy in the window (servers, Postgres, client): {cores:.2f}")
    print(
        f"queued for the background jobs: {first.queued} at the start of the window; "
        f"{last.queued} at its end"
    )
    return Measured(len(inside) / seconds, percentile(inside, 95))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument(
        "--server",
        choices=["frontdesk", "floor", "both"],
        default="frontdesk",
        help="what answers: `frontdesk serve` (default), or the stack's floor: the same "
        "stack doing only a check-in's database writes (bench/stack_floor.py); `both`: the "
        "floor, then the app, each on a fresh database, and the app's figures as a share "
        "of the floor's",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="each visitor's mean pause before each message (default 0: none, a closed "
        "loop, where the mean latency is visitors / throughput by Little's law)",
    )
    parser.add_argument(
        "--think-times",
        choices=["exponential", "fixed"],
        default="exponential",
        help="how the pauses are spread around --think (default exponential)",
    )
    parser.add_argument(
        "--py-spy",
        metavar="PREFIX",
        help="record each server process with py-spy during the load's first --py-spy-seconds "
        "(collapsed stacks in PREFIX.<pid>)",
    )
    parser.add_argument("--py-spy-seconds", type=int, default=5)
    parser.add_argument(
        "--duration",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="hold the visitors this long, each check-in followed by a new visitor's "
        "(default 0: each visitor checks in once)",
    )
    parser.add_argument(
        "--warm-up",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="with --duration: measure from this many seconds on (default 10)",
    )
    args = parser.parse_args()
    if args.duration and not 0 <= args.warm_up < args.duration:
        parser.error("--warm-up must be shorter than --duration")
    thinking = Thinking(args.think, fixed=args.think_times == "fixed")
    profile = Profile(args.py_spy, args.py_spy_seconds) if args.py_spy else None
    steady = Steady(args.duration, args.warm_up) if args.duration else None

    def run(floor: bool) -> Measured | None:
        return uvloop.run(
            main(
                args.database,
                args.sessions,
                args.servers,
                args.timeout,
                thinking,
                profile,
                steady,
                floor=floor,
            )
        )

    if args.server == "both":
        floor_measured = run(floor=True)
        print()
        print(against_floor(run(floor=False), floor_measured))
    else:
        run(floor=args.server == "floor")
