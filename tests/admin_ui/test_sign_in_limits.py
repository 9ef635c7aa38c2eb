"""Wrong passwords cannot lock an admin out, and X-Forwarded-For counts only from a
trusted proxy — over real HTTP on loopback, the limits read back from the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store import attempts
from core.store.models import AdminSession, LoginAttempt, utcnow
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.admin_ui.conftest import sign_in
from tests.conftest import make_settings, serve_asgi
from web.admin import auth
from web.app import create_app


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, trusted_proxies="127.0.0.1/32")


@pytest.fixture
async def url(settings: Settings, admin_user: str) -> AsyncIterator[str]:
    async with serve_asgi(create_app(settings, Providers()), lifespan="on") as url:
        yield url


async def _sign_in_from(url: str, address: str, password: str | None = None) -> httpx.Response:
    async with httpx.AsyncClient(base_url=url, headers={"X-Forwarded-For": address}) as client:
        return await (sign_in(client) if password is None else sign_in(client, password))


async def _sessions(app: FastAPI) -> int:
    async with app.state.runtime.sessionmaker() as db:
        return int(await db.scalar(sa.select(sa.func.count()).select_from(AdminSession)) or 0)


async def test_wrong_passwords_from_one_address_do_not_lock_the_admin_out(
    url: str, app: FastAPI
) -> None:
    attacker = "203.0.113.66"
    codes = [(await _sign_in_from(url, attacker, "guess")).status_code for _ in range(8)]
    assert codes[: auth.FREE_TRIES] == [401] * auth.FREE_TRIES
    assert set(codes[auth.FREE_TRIES :]) == {429}  # then it must wait, longer each time
    # Even the right password waits at the attacker's address …
    assert (await _sign_in_from(url, attacker)).status_code == 429
    assert await _sessions(app) == 0
    # … while the admin, elsewhere, signs in at once.
    admin = await _sign_in_from(url, "198.51.100.4")
    assert admin.status_code == 303 and auth.COOKIE in admin.headers["set-cookie"]
    assert await _sessions(app) == 1


async def test_an_account_under_attack_still_admits_a_fresh_address(url: str, app: FastAPI) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        for n in range(auth.ACCOUNT_UNDER_ATTACK):  # failures from many addresses
            pair, ip, account = auth._keys("manager@example.com", f"10.0.{n // 250}.{n % 250}")
            attempts.record(db, [pair, ip, account], ok=False)
    assert (await _sign_in_from(url, "198.51.100.5")).status_code == 303
    # An address that has failed against the account waits out the window.
    assert (await _sign_in_from(url, "198.51.100.6", "guess")).status_code == 401
    assert (await _sign_in_from(url, "198.51.100.6")).status_code == 429


async def test_the_wait_ends(url: str, app: FastAPI) -> None:
    for _ in range(auth.FREE_TRIES + 1):
        await _sign_in_from(url, "203.0.113.70", "guess")
    assert (await _sign_in_from(url, "203.0.113.70")).status_code == 429
    async with app.state.runtime.sessionmaker() as db, db.begin():  # time passes
        await db.execute(
            sa.update(LoginAttempt).values(attempted_at=utcnow() - timedelta(minutes=16))
        )
    assert (await _sign_in_from(url, "203.0.113.70")).status_code == 303


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(
    db_url: str, tmp_path: Path, admin_user: str
) -> None:
    untrusting = create_app(make_settings(db_url, tmp_path), Providers())
    async with serve_asgi(untrusting, lifespan="on") as url:
        for n in range(auth.FREE_TRIES):
            await _sign_in_from(url, f"192.0.2.{n + 1}", "guess")
        rotated = await _sign_in_from(url, "192.0.2.99", "guess")
    assert rotated.status_code == 429  # all of them were 127.0.0.1, the real peer


def test_a_bad_trusted_proxy_setting_is_refused(db_url: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not an IP address"):
        make_settings(db_url, tmp_path, trusted_proxies="10.0.0.1, nginx")
