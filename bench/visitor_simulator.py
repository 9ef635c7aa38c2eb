"""The visitor simulator's report: completion per perturbation kind × language.

Scripted visitors (tests/visitor_sim.py) who over-share, acknowledge, ask a question
midway, wrap their answers, type in lower case, have no company, correct themselves,
switch language or misread a question talk to the real app — web chat over HTTP and SMS
through Twilio's signed webhook — with the demo directory in a fresh SQLite database.
Each conversation is judged by its visit row: the host, name and company the visitor
gave, and nothing they did not say.

    python bench/visitor_simulator.py [--per-cell 12] [--channels web,sms] [--failures 20]

Target (issue 10): ≥ 98 % complete for every kind and language, 0 loops, 0 invented values.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from frontdesk.settings import Settings
from migrations import runner
from tests.standins.fixtures import twilio_settings
from tests.visitor_sim import failures, simulate, table
from web.app import create_app

DEMO_CSV = Path(__file__).resolve().parent.parent / "frontdesk" / "demo_directory.csv"


async def main(per_cell: int, channels: list[str], shown: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        engine = create_engine(url)
        await runner.upgrade(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        await engine.dispose()
        settings = Settings(
            _env_file=None,
            database_url=url,
            environment="test",
            data_dir=Path(tmp) / "var",
            run_workers=False,
            **twilio_settings(),
        )
        app = create_app(settings)
        started = time.perf_counter()
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                outcomes = await simulate(
                    app, client, settings, per_cell=per_cell, channels=channels
                )
    took = time.perf_counter() - started
    print(
        f"{len(outcomes)} conversations ({per_cell} per kind × language × channel, "
        f"channels {', '.join(channels)}) in {took:.0f} s"
    )
    print(table(outcomes))
    if shown and any(not o.ok for o in outcomes):
        print(failures(outcomes, shown))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-cell", type=int, default=12)
    parser.add_argument("--channels", default="web,sms")
    parser.add_argument("--failures", type=int, default=20, help="transcripts to print")
    args = parser.parse_args()
    asyncio.run(main(args.per_cell, args.channels.split(","), args.failures))
