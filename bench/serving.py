"""What the server benchmarks share: a database of their own (a SQLite file in a temporary
folder, or a fresh Postgres database dropped afterwards) and `frontdesk serve` processes on
loopback running this checkout's code."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import sqlalchemy as sa

from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from migrations import runner

ROOT = Path(__file__).resolve().parent.parent
# The code the servers run: PYTHONPATH's checkout when it is set (to measure another
# checkout with this one's benchmark, alternating, in one session), else this one.
CODE = os.environ.get("PYTHONPATH") or str(ROOT)
DEMO_CSV = ROOT / "frontdesk" / "demo_directory.csv"
POSTGRES_ADMIN_URL = os.environ.get(
    "FRONTDESK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SERVE = "import sys; from frontdesk.cli import main; sys.exit(main(sys.argv[1:]))"


@asynccontextmanager
async def fresh_database(kind: str, folder: Path) -> AsyncIterator[str]:
    """A migrated database holding the demo directory; yields its URL."""
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await _prepare(url)
        yield url
        return
    name = f"frontdesk_bench_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
        await _prepare(url)
        yield url
    finally:
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def _prepare(url: str) -> None:
    engine = create_engine(url)
    try:
        await runner.upgrade(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(database_url: str, data_dir: Path, *, floor: bool = False) -> Iterator[Server]:
    """`frontdesk serve` of this checkout on a loopback port, stopped on the way out; with
    `floor`, bench/stack_floor.py (this checkout's) in its place."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT) if floor else CODE,
        "DATABASE_URL": database_url,
        "FRONTDESK_DATA_DIR": str(data_dir),
    }
    command = (
        [sys.executable, "-m", "bench.stack_floor"]
        if floor
        else [sys.executable, "-c", SERVE, "serve"]
    )
    proc = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=data_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 60 s")
            time.sleep(0.1)
        yield Server(url, proc.pid)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (a server's worker processes), Linux."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def niceness(pid: int) -> int:
    """A process's nice value (Linux)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def cpu_by_process(pids: list[int]) -> dict[int, float]:
    """CPU seconds so far of each process still running; read twice and subtract
    (`cpu_used`) to learn what a stretch of work cost."""
    used = {}
    for pid in pids:
        try:
            used[pid] = cpu_seconds(pid)
        except (OSError, IndexError):
            continue
    return used


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings by the processes in `after` (a process that
    started in between counts from zero)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


async def postgres_backends(url: str) -> list[int]:
    """The process ids of the Postgres backends connected to the database of `url` (they
    run on this machine: the benchmarks use loopback)."""
    name = url.rsplit("/", 1)[1]
    admin = create_engine(POSTGRES_ADMIN_URL)
    try:
        async with admin.connect() as conn:
            rows = await conn.execute(
                sa.text("SELECT pid FROM pg_stat_activity WHERE datname = :name"), {"name": name}
            )
            return [int(row[0]) for row in rows]
    finally:
        await admin.dispose()


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="frontdesk-bench-")


async def measure_cpu(pid: int, seconds: float) -> float:
    """Share of one core the process used over the next `seconds`."""
    before, start = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - start)
