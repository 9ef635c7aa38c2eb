"""Chat under load: N visitors at once, each checking in over the web chat in four turns,
against `frontdesk serve` (one or more processes of this checkout) on a database of its
own, over loopback. Prints turns per second, turn latency (p50/p95/p99) and every error;
a run ends after --timeout seconds whatever happened.

    python bench/chat_load.py [--database sqlite|postgres] [--sessions 100] [--servers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import fresh_database, serve, temporary_folder

SCRIPT = [
    ("Hi, I'm here to see Sarah Miller", "confirm_host"),
    ("yes", "collect_visitor_info"),
    ("Tom Baker", "collect_visitor_info"),
    ("Acme", "complete"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def visitor(
    client: httpx.AsyncClient, base: str, latencies: list[float], errors: Counter[str]
) -> None:
    step = "open"
    try:
        created = await client.post(f"{base}/api/chat/sessions", json={})
        if created.status_code != 201:
            errors[f"open: HTTP {created.status_code}"] += 1
            return
        url = f"{base}/api/chat/sessions/{created.json()['session_id']}/messages"
        for n, (text, state) in enumerate(SCRIPT, 1):
            step = f"turn {n}"
            start = time.perf_counter()
            response = await client.post(url, json={"text": text})
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors[f"turn: HTTP {response.status_code}"] += 1
                return
            if response.json()["state"] != state:
                errors[f"turn: state {response.json()['state']}, expected {state}"] += 1
                return
    except httpx.HTTPError as exc:
        errors[f"{step}: {type(exc).__name__} {exc}"] += 1


async def main(database: str, sessions: int, servers: int, limit: float) -> None:
    with temporary_folder() as folder:
        async with fresh_database(database, Path(folder)) as url:
            with ExitStack() as stack:
                bases = []
                for n in range(servers):
                    data_dir = Path(folder) / f"server{n}"
                    data_dir.mkdir()
                    bases.append(stack.enter_context(serve(url, data_dir)).url)
                await asyncio.sleep(5)  # let start-up's warming finish
                latencies: list[float] = []
                errors: Counter[str] = Counter()
                limits = httpx.Limits(
                    max_connections=sessions,
                    max_keepalive_connections=sessions,
                    keepalive_expiry=2,  # under uvicorn's 5 s, so no request meets a closing socket
                )
                async with httpx.AsyncClient(timeout=60, limits=limits) as client:
                    start = time.perf_counter()
                    tasks = [
                        asyncio.create_task(visitor(client, bases[n % servers], latencies, errors))
                        for n in range(sessions)
                    ]
                    _, pending = await asyncio.wait(tasks, timeout=limit)
                    elapsed = time.perf_counter() - start
                    for task in pending:
                        task.cancel()
                    await asyncio.gather(*pending, return_exceptions=True)
                if pending:
                    errors["unfinished at the time limit"] += len(pending)
    turns = len(latencies)
    print(f"database: {database}; {servers} server process(es); {sessions} visitors x 4 turns")
    print(f"turns: {turns} in {elapsed:.1f} s = {turns / elapsed:.0f} turns/s")
    if latencies:
        print(
            "turn latency: "
            f"p50 {percentile(latencies, 50) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 95) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 99) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms"
        )
    print(f"errors: {sum(errors.values())}")
    for error, count in errors.most_common():
        print(f"  {count:5d}  {error}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run")
    args = parser.parse_args()
    asyncio.run(main(args.database, args.sessions, args.servers, args.timeout))
