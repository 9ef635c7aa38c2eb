"""What one conversation turn costs the server, without HTTP: N four-turn check-ins played
straight through the agent in this process, one after the other, on a database of their
own (SQLite file or a fresh Postgres database). Prints CPU ms per turn (this process only:
the Postgres backend's CPU is not in it), statements and transactions per turn, and, with
--workers, what the outbox and badge workers then spend per check-in.

    python bench/turn_cost.py [--database sqlite|postgres] [--conversations 200]
                              [--channel web|voice] [--workers] [--profile 25]

Run it from one checkout against another's code with PYTHONPATH pointing at that
checkout (`cd /work/main && PYTHONPATH=$PWD python /path/to/bench/turn_cost.py`): the
path of this file is used only when PYTHONPATH is not set. Issues 11 and 12 (voice calls
per core, chat turns per second) are what the number is for.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import os
import pstats
import secrets
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event

from bench.serving import fresh_database, temporary_folder
from core.messages import VOICE_STYLE, WEB_STYLE, Inbound
from frontdesk.runtime import Runtime
from frontdesk.settings import Settings

SCRIPT = [
    ("Hi, I'm here to see Sarah Miller", "confirm_host"),
    ("yes", "collect_visitor_info"),
    ("Tom Baker", "collect_visitor_info"),
    ("Acme", "complete"),
]
WARM_UP = 5  # conversations played before measuring (index, caches, prepared statements)


class Counts:
    """Statements and transactions on the engine, as the driver sees them."""

    def __init__(self, runtime: Runtime) -> None:
        self.counter: Counter[str] = Counter()
        sync = runtime.engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._statement)
        for name in ("begin", "commit", "rollback"):
            event.listen(sync, name, self._tally(name))

        if sync.dialect.name == "postgresql":
            self._count_sent()

    def _count_sent(self) -> None:
        """BEGIN, COMMIT and ROLLBACK as sent to Postgres (`sent BEGIN`…): SQLAlchemy's
        begin event fires for a connection in autocommit too, which sends none."""
        import asyncpg

        original = asyncpg.Connection.execute
        counter = self.counter

        async def execute(conn: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            counter["sent " + query.split(None, 1)[0].rstrip(";").upper()] += 1
            return await original(conn, query, *args, **kwargs)

        asyncpg.Connection.execute = execute

    def _statement(self, *args: Any) -> None:
        statement = str(args[2]).lstrip().split(None, 1)[0].upper()
        self.counter["statements"] += 1
        self.counter[statement] += 1

    def _tally(self, name: str) -> Any:
        def tally(*_args: Any) -> None:
            self.counter[name] += 1

        return tally


async def conversation(runtime: Runtime, channel: str, opened: bool) -> None:
    agent = runtime.agent
    if channel == "web":
        key, style, meta = await agent.open_session("web"), WEB_STYLE, {"client": "127.0.0.1"}
        opened = True
    else:
        call_sid = "CA" + secrets.token_hex(16)
        session_id = await agent.open_session("voice", session_key=call_sid, language="en")
        key = session_id if opened else call_sid
        style, meta = VOICE_STYLE, {"from": "+15550100", "call_sid": call_sid}
    for text, state in SCRIPT:
        inbound = Inbound(text, channel=channel, session_key=key, meta=meta, session_opened=opened)  # type: ignore[arg-type]
        reply = await agent.reply(inbound, style)
        assert reply.state == state, (text, reply)


async def run(args: argparse.Namespace) -> None:
    with temporary_folder() as tmp:
        async with fresh_database(args.database, Path(tmp)) as url:
            settings = Settings(
                _env_file=None,
                database_url=url,
                run_workers=False,
                data_dir=Path(tmp) / "data",
                environment="test",
            )
            runtime = Runtime.open(settings)
            try:
                await measure(runtime, args)
            finally:
                await runtime.engine.dispose()


async def measure(runtime: Runtime, args: argparse.Namespace) -> None:
    for _ in range(WARM_UP):
        await conversation(runtime, args.channel, args.opened)
    await workers(runtime)
    counts = Counts(runtime)
    turns = args.conversations * len(SCRIPT)
    # CPU per turn: the quietest of several rounds (the machine is shared; other load
    # only ever adds), and the Python function calls per turn, which load does not move.
    rounds = []
    for _ in range(args.rounds):
        gc.collect()
        before, wall = os.times(), time.perf_counter()
        for _ in range(args.conversations):
            await conversation(runtime, args.channel, args.opened)
        after = os.times()
        user, system = after.user - before.user, after.system - before.system
        rounds.append((user + system, time.perf_counter() - wall, user, system))
    cpu, wall, user, system = min(rounds)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.conversations):
        await conversation(runtime, args.channel, args.opened)
    profile.disable()
    stats = pstats.Stats(profile)
    calls = stats.total_calls / turns  # type: ignore[attr-defined]
    turn_counts = Counter({k: v / (args.rounds + 1) for k, v in counts.counter.items()})
    counts.counter.clear()
    worker_cpu = time.process_time()
    worker_profile = cProfile.Profile() if args.workers and args.profile else None
    if worker_profile:
        worker_profile.enable()
    outbox_cpu = badges_cpu = 0.0
    if args.workers:
        outbox_cpu, badges_cpu = await workers(runtime)
    if worker_profile:
        worker_profile.disable()
    worker_cpu = time.process_time() - worker_cpu
    print(
        f"{args.database:<8} {args.channel:<5} {turns} turns: "
        f"{cpu * 1000 / turns:6.2f} CPU ms/turn (user {user * 1000 / turns:.2f}, "
        f"system {system * 1000 / turns:.2f}; {wall * 1000 / turns:.2f} ms wall)  "
        f"{calls:,.0f} calls/turn  "
        + "  ".join(f"{k} {v / turns:.2f}" for k, v in sorted(turn_counts.items()))
    )
    if args.workers:
        done = args.conversations * (args.rounds + 1)  # every round checked visitors in
        print(
            f"{'':<8} workers: {worker_cpu * 1000 / done:6.2f} CPU ms per check-in "
            f"(outbox {outbox_cpu * 1000 / done:.2f}, badges {badges_cpu * 1000 / done:.2f})  "
            + "  ".join(f"{k} {v / done:.2f}" for k, v in sorted(counts.counter.items()))
        )
    if worker_profile:
        print("workers' profile:")
        pstats.Stats(worker_profile).sort_stats(args.sort).print_stats(args.profile)
    if args.profile:
        stats.sort_stats(args.sort).print_stats(args.profile)
        spent, called = by_package(stats)
        print("by package, per turn: own time (profiled ms; load moves it), calls")
        for place, seconds in spent.most_common(14):
            print(f"  {seconds * 1000 / turns:6.3f}  {called[place] / turns:7.0f}  {place}")


def by_package(stats: pstats.Stats) -> tuple[Counter[str], Counter[str]]:
    """Where the profiled time went: own time summed by package (the project's modules by
    their package, third-party ones by distribution, C functions by their name)."""
    spent: Counter[str] = Counter()
    called: Counter[str] = Counter()
    for (filename, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        own = row[2]
        if filename == "~":
            place = "builtin " + name
        elif "site-packages/" in filename:
            place = filename.split("site-packages/", 1)[1].split("/", 1)[0]
        elif "/lib/python3" in filename:
            place = "stdlib " + filename.rsplit("/lib/python3", 1)[1].split("/")[1]
        else:
            parts = Path(filename).parts
            place = "/".join(parts[-3:-1]) if len(parts) > 2 else filename
        spent[place] += own
        called[place] += row[1]
    return spent, called


async def workers(runtime: Runtime) -> tuple[float, float]:
    """Drain the outbox, then the badges; returns the CPU seconds each took (the process's:
    the badge worker renders in a thread)."""
    start = time.process_time()
    while await runtime.outbox.process_due(limit=50):
        pass
    middle = time.process_time()
    if runtime.badges is not None:
        while await runtime.badges.process_due():
            pass
    return middle - start, time.process_time() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--channel", choices=["web", "voice"], default="web")
    parser.add_argument(
        "--opened", action="store_true", help="voice: key turns by the session id, not the call"
    )
    parser.add_argument("--rounds", type=int, default=3, help="the quietest one counts")
    parser.add_argument("--workers", action="store_true", help="also run the workers after")
    parser.add_argument("--profile", type=int, default=0, help="print this many cProfile rows")
    parser.add_argument("--sort", default="tottime", help="cProfile order: tottime, cumulative")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
