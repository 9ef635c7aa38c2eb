"""Fixtures: a migrated database on SQLite and on Postgres, and the real app around it.

Every database test runs twice, once per backend (`db_url` is parametrized). Postgres is
the CI server at 127.0.0.1:5432 (override with FRONTDESK_TEST_POSTGRES_URL); when it is not
reachable the Postgres half is skipped locally, and fails under CI=true, where a skipped
Postgres test would hide a broken half of the product.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.db import create_engine
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from migrations import runner
from web.app import create_app

POSTGRES_ADMIN_URL = os.environ.get(
    "FRONTDESK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The `serve` processes tests start run one worker each unless a test asks for more
# (tests/test_workers.py): a worker per CPU in every test server would only slow the suite.
os.environ.setdefault("FRONTDESK_WORKERS", "1")
DEMO_CSV = Path(__file__).resolve().parent.parent / "frontdesk" / "demo_directory.csv"
TABLES_IN_DELETE_ORDER = (
    "admin_sessions",
    "login_attempts",
    "audit_log",
    "notification_attempts",
    "notifications",
    "session_events",
    "badges",
    "conversation_sessions",
    "visits",
    "employees",
    "app_settings",
    "api_tokens",
    "admin_users",
    "sms_opt_outs",
    "sms_inbound",
    "kiosks",
)


def _working_data(folder: Path) -> dict[str, tuple[int, int]]:
    """What the checkout's own data is: the default SQLite file and the data folder."""
    found: dict[str, tuple[int, int]] = {}
    for path in [folder / "frontdesk.db", folder / "var", *(folder / "var").rglob("*")]:
        if path.exists():
            stat = path.stat()
            size = stat.st_size if path.is_file() else -1
            found[str(path.relative_to(folder))] = (size, stat.st_mtime_ns)
    return found


@pytest.fixture(autouse=True)
def working_directory_untouched() -> Iterator[None]:
    """Tests never touch the working directory's data (a demo may be running there): every
    server a test starts has its own database and data folder. Checked around each test,
    so a failure names the test that did it."""
    folder = Path.cwd()
    before = _working_data(folder)
    yield
    after = _working_data(folder)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the test run changed the working directory's data: {changed[:10]}"


# Database set-up runs in its own short event loop (asyncio.run in sync fixtures): the
# engines used to migrate and clean are created and disposed there, apart from the app's.


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await runner.upgrade(engine)
    finally:
        await engine.dispose()


async def _execute(url: str, *statements: str, autocommit: bool = False) -> None:
    kwargs: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    engine = create_engine(url, **kwargs)
    try:
        async with engine.begin() as conn:
            for statement in statements:
                await conn.execute(sa.text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated Postgres database for this test session, dropped at the end."""
    name = f"frontdesk_test_{secrets.token_hex(4)}"
    try:
        asyncio.run(_execute(POSTGRES_ADMIN_URL, f'CREATE DATABASE "{name}"', autocommit=True))
    except Exception as exc:
        message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc!r}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    asyncio.run(_migrate(url))
    try:
        yield url
    finally:
        asyncio.run(
            _execute(
                POSTGRES_ADMIN_URL,
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                autocommit=True,
            )
        )


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "frontdesk.db"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    tables = ", ".join(TABLES_IN_DELETE_ORDER)
    asyncio.run(_execute(url, f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def make_settings(db_url: str, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": db_url,
        "environment": "test",
        "data_dir": tmp_path / "var",
        "outbox_poll_seconds": 0.05,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path)


@pytest.fixture
def providers() -> Providers:
    return Providers()


@pytest.fixture
async def app(settings: Settings, providers: Providers) -> AsyncIterator[FastAPI]:
    app = create_app(settings, providers)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontdesk.test") as c:
        yield c


@pytest.fixture
async def demo_directory(app: FastAPI) -> None:
    """The demo directory, imported through the same code path as the CLI."""
    from core.directory_csv import parse_directory_csv
    from core.store.directory import apply_import

    async with app.state.runtime.sessionmaker() as db, db.begin():
        await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))


@pytest.fixture
async def admin_token(app: FastAPI) -> str:
    from core.store.auth import hash_token
    from core.store.models import ApiToken

    token = "fd_test_" + secrets.token_urlsafe(16)
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(ApiToken(name="tests", token_hash=hash_token(token), prefix=token[:10]))
    return token


@pytest.fixture
def auth(admin_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token}"}


@pytest.fixture
def repo_root() -> Iterator[Path]:
    yield Path(__file__).resolve().parent.parent


@pytest.fixture
async def live_server(settings: Settings, providers: Providers) -> AsyncIterator[str]:
    """The app on a real uvicorn socket on loopback, for streams that must arrive as they
    are produced (httpx's in-process transport buffers a response until it ends)."""
    async with serve_asgi(create_app(settings, providers), lifespan="on") as url:
        yield url


@asynccontextmanager
async def serve_asgi(
    app: Any, *, lifespan: Literal["auto", "on", "off"] = "off"
) -> AsyncIterator[str]:
    """Run an ASGI app (ours, or a vendor's stand-in) on a loopback port; yields its URL."""
    import socket

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # As `frontdesk serve` runs it: X-Forwarded-For is judged by the app, not by uvicorn.
    config = uvicorn.Config(app, log_level="warning", lifespan=lifespan, proxy_headers=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():  # start-up failed: raise its error instead of waiting forever
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """Debian's headless Chromium driven by Playwright (never a browser Playwright downloads).
    Missing locally: skipped; missing under CI: a failure, since scripts/test installs it."""
    import shutil

    from playwright.async_api import async_playwright

    if shutil.which(CHROMIUM) is None:
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: scripts/test should have installed chromium")
        pytest.skip("Debian's chromium is not installed")
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            yield browser
        finally:
            await browser.close()
