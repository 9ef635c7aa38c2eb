"""Outbox throughput: notifications queued at once, delivered by N workers through the
real Slack notifier (the official SDK) to the Slack stand-in on loopback, on SQLite.
Prints deliveries per second and queued→sent latency, and checks none went twice.

    python bench/outbox_throughput.py [--notifications 300] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.models import Notification
from migrations import runner
from tests.conftest import DEMO_CSV, make_settings
from tests.notify.helpers import Worker, arrival
from tests.standins.fixtures import Running, slack_settings
from tests.standins.server import LoopbackServer
from tests.standins.slack_api import SlackStandIn


async def main(count: int, workers: int) -> None:
    stand_in = SlackStandIn()
    server = LoopbackServer(stand_in.app())
    await server.start()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        settings = make_settings(url, Path(folder), **slack_settings(Running(stand_in, server).url))
        engine = create_engine(url)
        await runner.upgrade(engine)
        maker = create_sessionmaker(engine)
        async with maker() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        for n in range(count):
            await arrival(maker, "james.wilson@example.com", visitor=f"Visitor {n}")
        pool = [Worker(settings, maker) for _ in range(workers)]

        async def drain(worker: Worker) -> None:
            while await worker.process_due(limit=10):
                pass

        start = time.perf_counter()
        await asyncio.gather(*(drain(w) for w in pool))
        elapsed = time.perf_counter() - start
        async with maker() as db:
            rows = (
                await db.scalars(sa.select(Notification).where(Notification.kind == "host_arrival"))
            ).all()
        latency = sorted((r.sent_at - r.created_at).total_seconds() for r in rows if r.sent_at)
        texts = [p["text"] for p in stand_in.posted]
        assert len(texts) == len(set(texts)) == count, "a notification went twice or not at all"
        print(f"{count} notifications, {workers} workers, SQLite, Slack stand-in on loopback")
        print(f"  {count / elapsed:.0f} deliveries/s ({elapsed:.2f} s in all)")
        print(
            f"  queued→sent: p50 {statistics.median(latency):.2f} s, "
            f"max {latency[-1]:.2f} s (all queued at once, so this is queueing time)"
        )
        for worker in pool:
            await worker.aclose()
        await engine.dispose()
    await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notifications", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.notifications, args.workers))
