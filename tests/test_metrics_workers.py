"""`/metrics` of `frontdesk serve --workers 2`: one scrape, on either worker, adds up what
both processes counted; every family is named from the first scrape; the open chat streams
are summed over the live workers and a killed worker's are forgotten while its counts stay;
the metric files live in a private directory of the run, gone when it stops. And with one
worker, the plain single-process registry serves the same families."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

import httpx
import pytest

from tests.test_event_push import CHECK_IN, _prepare
from tests.test_metrics import FAMILIES, families, samples
from tests.test_workers import _one_per_worker, _serve, _which

TOKEN = "metrics-workers-token-123"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
WEB = frozenset({("channel", "web")})


def _metric_files(folder: Path) -> list[Path]:
    return [
        *folder.glob("counter_*.db"),
        *folder.glob("gauge_*.db"),
        *folder.glob("histogram_*.db"),
    ]


async def _scrape(client: httpx.AsyncClient, base: str) -> str:
    response = await client.get(f"{base}/metrics", headers=BEARER)
    assert response.status_code == 200, response.text
    return response.text


async def _say(client: httpx.AsyncClient, base: str, session_id: str, line: str) -> None:
    url = f"{base}/api/chat/sessions/{session_id}/messages"
    response = await client.post(url, json={"text": line})
    assert response.status_code == 200, response.text


@pytest.mark.slow
async def test_one_scrape_adds_up_both_workers(db_url: str, tmp_path: Path) -> None:
    token = await _prepare(db_url)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"FRONTDESK_METRICS_TOKEN": TOKEN, "TMPDIR": str(temp)}
    # Another run's directory, inherited: the run must not count its files.
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path)
    with _serve(db_url, tmp_path, workers=2, **env) as (base, proc):
        pinned = await _one_per_worker(base, token, 2)
        try:
            by_index = {(await _which(c, base, token))["worker"]: c for c in pinned.values()}
            a, b = by_index[0], by_index[1]
            (shared,) = temp.glob("frontdesk-metrics-*")  # the run's own, private directory
            assert shared.stat().st_mode & 0o077 == 0

            first = await _scrape(a, base)
            assert families(first) >= FAMILIES, FAMILIES - families(first)

            # A check-in whose lines go alternately to the two processes, and a second
            # conversation on worker 1 alone.
            session_id = (await a.post(f"{base}/api/chat/sessions", json={})).json()["session_id"]
            for n, line in enumerate(CHECK_IN):
                await _say((a, b)[n % 2], base, session_id, line)
            other = (await b.post(f"{base}/api/chat/sessions", json={})).json()["session_id"]
            await _say(b, base, other, "Hello")
            turns = len(CHECK_IN) + 1

            for client in (a, b):  # whichever answers the scrape
                got = samples(await _scrape(client, base))
                assert got["frontdesk_turn_seconds_count", WEB] == turns, got
                checked_in = frozenset({("channel", "web"), ("booked", "false")})
                assert got["frontdesk_checkins_total", checked_in] == 1
                assert got["frontdesk_chat_streams", frozenset()] == 0
                assert got["frontdesk_active_calls", frozenset()] == 0
                assert families(await _scrape(client, base)) >= FAMILIES

            # A stream open on worker 1 counts in worker 0's scrape.
            url = f"{base}/api/chat/sessions/{other}/events"
            stream = await b.send(b.build_request("GET", url), stream=True)
            assert stream.status_code == 200
            got = samples(await _scrape(a, base))
            assert got["frontdesk_chat_streams", frozenset()] == 1

            # Worker 1 dies with its stream open: the supervisor forgets its open
            # streams, and what it counted still counts.
            victim = next(pid for pid, client in pinned.items() if client is b)
            os.kill(victim, signal.SIGKILL)
            for _ in range(100):
                if not any(shared.glob(f"gauge_livesum_{victim}.db")):
                    break
                await asyncio.sleep(0.1)
            got = samples(await _scrape(a, base))
            assert got["frontdesk_chat_streams", frozenset()] == 0
            assert got["frontdesk_turn_seconds_count", WEB] == turns
            with contextlib.suppress(httpx.TransportError):
                await stream.aclose()
        finally:
            for client in pinned.values():
                with contextlib.suppress(httpx.TransportError):
                    await client.aclose()

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=40) == 0
        assert not any(temp.glob("frontdesk-metrics-*"))  # the run's directory went with it
        assert _metric_files(tmp_path) == []  # nor were the inherited one's files used


@pytest.mark.slow
async def test_one_worker_serves_the_families_of_its_own_registry(
    db_url: str, tmp_path: Path
) -> None:
    await _prepare(db_url)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"FRONTDESK_METRICS_TOKEN": TOKEN, "TMPDIR": str(temp)}
    with _serve(db_url, tmp_path, workers=1, **env) as (base, _):
        async with httpx.AsyncClient(timeout=30) as client:
            assert families(await _scrape(client, base)) >= FAMILIES
            session_id = (await client.post(f"{base}/api/chat/sessions", json={})).json()[
                "session_id"
            ]
            await _say(client, base, session_id, "Hello")
            got = samples(await _scrape(client, base))
            assert got["frontdesk_turn_seconds_count", WEB] == 1
            assert not any(temp.glob("frontdesk-metrics-*"))  # one process: no files
