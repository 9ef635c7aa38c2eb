"""Turn latency: message in → reply object out, through the real app over HTTP (in-process
ASGI transport), on a 10,000-person directory in SQLite. Prints p50/p99 per turn kind.

    python bench/turn_latency.py [--people 10000] [--conversations 150]

Target (issue 2): p99 under 20 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import generate_people
from core.directory_csv import DirectoryRow
from core.store.db import create_engine
from core.store.directory import apply_import
from frontdesk.settings import Settings
from migrations import runner
from web.app import create_app

SCRIPT = [
    ("greeting+host", "Hi, I'm here to see Sarah Chen"),
    ("confirm", "yes"),
    ("name", "Tom Baker"),
    ("company+check-in", "Acme"),
]


def watch_full_collections() -> list[float]:
    """Durations (ms) of every full collection from now on: the usual cause of a p99."""
    pauses: list[float] = []
    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(callback)
    return pauses


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def main(people: int, conversations: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        engine = create_engine(url)
        await runner.upgrade(engine)
        rows = [
            DirectoryRow(
                line=i + 2,
                name=p.name,
                department=p.department,
                email=f"person{i}@example.com",
                phone=None,
                slack_id=None,
                aliases=p.aliases,
                active=p.active,
            )
            for i, p in enumerate(generate_people(people - 1))
        ]
        rows.append(
            DirectoryRow(
                line=0,
                name="Sarah Chen",
                department="Engineering",
                email="sarah.chen@example.com",
                phone=None,
                slack_id=None,
                aliases=(),
                active=True,
            )
        )
        from core.store.db import create_sessionmaker

        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, rows)
        await engine.dispose()
        del rows  # the set-up's objects are not the server's: don't let the GC walk them
        gc.collect()

        settings = Settings(_env_file=None, database_url=url, run_workers=False)
        app = create_app(settings)
        timings: dict[str, list[float]] = {kind: [] for kind, _ in SCRIPT}
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                # Warm-up, as a running server would have done: the language detector and
                # the VAD (loaded in a thread at start-up), and the directory index.
                if app.state.runtime.voice is not None:
                    await app.state.runtime.voice.warm_up()
                sid = (await client.post("/api/chat/sessions", json={})).json()["session_id"]
                await client.post(f"/api/chat/sessions/{sid}/messages", json={"text": "Sarah"})
                gen2 = watch_full_collections()
                for _ in range(conversations):
                    sid = (await client.post("/api/chat/sessions", json={"language": "en"})).json()[
                        "session_id"
                    ]
                    for kind, text in SCRIPT:
                        start = time.perf_counter()
                        response = await client.post(
                            f"/api/chat/sessions/{sid}/messages", json={"text": text}
                        )
                        timings[kind].append((time.perf_counter() - start) * 1000)
                        assert response.status_code == 200, response.text
                    assert response.json()["done"], response.json()
    every = [t for values in timings.values() for t in values]
    print(
        f"full GC collections while timing: {len(gen2)}"
        + (f", longest {max(gen2):.1f} ms" if gen2 else "")
    )
    print(
        f"directory: {people:,} people; {conversations} conversations, {len(every)} turns (SQLite)"
    )
    for kind, values in [*timings.items(), ("all turns", every)]:
        print(
            f"  {kind:<18} p50 {statistics.median(values):6.2f} ms   "
            f"p99 {percentile(values, 99):6.2f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=150)
    args = parser.parse_args()
    asyncio.run(main(args.people, args.conversations))
