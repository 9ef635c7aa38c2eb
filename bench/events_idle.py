"""Idle `/events` streams: what N open, quiet web-chat event streams cost one server process.
Starts `frontdesk serve` on its own database, opens N streams, and prints the share of a core
the server process used while they stayed open, and with none open, for comparison.

    python bench/events_idle.py [--database sqlite|postgres] [--streams 200] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import fresh_database, measure_cpu, serve, temporary_folder

QUIET = 0.05  # share of a core below which the server counts as settled


async def settle(pid: int, at_most: float = 60.0) -> None:
    """Wait for start-up's warming (models, indexes) to finish: a quiet second."""
    for _ in range(int(at_most)):
        if await measure_cpu(pid, 1.0) < QUIET:
            return


async def main(database: str, streams: int, seconds: float) -> None:
    with temporary_folder() as folder:
        async with fresh_database(database, Path(folder)) as url:
            with serve(url, Path(folder)) as server:
                limits = httpx.Limits(max_connections=streams + 10)
                async with httpx.AsyncClient(
                    base_url=server.url, timeout=60, limits=limits
                ) as client:
                    await settle(server.pid)
                    idle = await measure_cpu(server.pid, min(seconds, 5))
                    ids = [
                        (await client.post("/api/chat/sessions", json={})).json()["session_id"]
                        for _ in range(streams)
                    ]
                    opened = 0
                    all_open = asyncio.Event()
                    stop = asyncio.Event()

                    async def listen(session_id: str) -> None:
                        nonlocal opened
                        path = f"/api/chat/sessions/{session_id}/events"
                        async with client.stream("GET", path) as response:
                            response.raise_for_status()
                            opened += 1
                            if opened == streams:
                                all_open.set()
                            await stop.wait()

                    tasks = [asyncio.create_task(listen(s)) for s in ids]
                    await asyncio.wait_for(all_open.wait(), timeout=60)
                    await asyncio.sleep(1)  # let the opening settle
                    busy = await measure_cpu(server.pid, seconds)
                    stop.set()
                    await asyncio.gather(*tasks, return_exceptions=True)
    print(f"database: {database}; {streams} idle /events streams for {seconds:.0f} s")
    print(f"server CPU with no streams:      {idle * 100:5.1f} % of a core")
    print(f"server CPU with {streams} streams open: {busy * 100:5.1f} % of a core")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(main(args.database, args.streams, args.seconds))
