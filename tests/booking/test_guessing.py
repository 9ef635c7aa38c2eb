"""Booking codes and names cannot be guessed: wrong tries are limited per conversation,
per client address, per booking and in total, counted in the database — attacked over
real HTTP on loopback, through a proxy the settings trust (so each test can speak from
several addresses), on two instances sharing one database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from core.store.office import OfficeSettings
from core.tools.booking_tools import GUESSES_IN_ALL, GUESSES_PER_CLIENT, GUESSES_PER_SESSION
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.booking.conftest import later_today, notifications, seed_booking, visits
from tests.conftest import make_settings, serve_asgi
from tests.visitor import Visitor
from web.app import create_app

RIGHT = "482913"
LOCKED = {
    "en": "can't check any more booking codes",
    "et": "rohkem broneeringukoode kontrollida ei saa",
    "ru": "больше не могу проверять коды брони",
}


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, trusted_proxies="127.0.0.1")


@pytest.fixture
async def servers(settings: Settings, office: OfficeSettings) -> AsyncIterator[list[str]]:
    """Two instances of the app on loopback, one database."""
    async with AsyncExitStack() as stack:
        urls = [
            await stack.enter_async_context(
                serve_asgi(create_app(settings, Providers()), lifespan="on")
            )
            for _ in range(2)
        ]
        yield urls


_open: list[httpx.AsyncClient] = []


@pytest.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while _open:
        await _open.pop().aclose()


def _client(url: str, address: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, headers={"X-Forwarded-For": address}, timeout=30)
    _open.append(client)
    return client


async def _visitor(url: str, address: str, language: str | None = None) -> Visitor:
    return await Visitor.arrive(_client(url, address), language)


def _wrong(n: int) -> str:
    return f"My code is {700000 + n}"


async def _nothing_happened(app: FastAPI) -> None:
    assert [v.status for v in await visits(app)] == ["expected"]
    assert await notifications(app) == []  # the host was told nothing


async def test_a_conversation_gets_a_few_codes_then_the_front_desk(
    app: FastAPI, servers: list[str]
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    visitor = await _visitor(servers[0], "198.51.100.1")
    for n in range(GUESSES_PER_SESSION):
        reply = await visitor.say(_wrong(n))
        assert LOCKED["en"] not in reply["reply"]
    # The right code now, on the other instance: the limit is in the database.
    visitor.client = _client(servers[1], "198.51.100.1")
    locked = await visitor.say(f"My code is {RIGHT}")
    assert LOCKED["en"] in locked["reply"] and "front desk" in locked["reply"]
    assert locked["expecting"] == "confirmation"
    await _nothing_happened(app)
    declined = await visitor.say("no")  # they may still name their host
    assert declined["expecting"] == "host"
    still = await visitor.say(f"My code is {RIGHT}")
    assert LOCKED["en"] in still["reply"]
    await _nothing_happened(app)
    # A visitor at another address is not locked out by this one.
    other = await (await _visitor(servers[1], "198.51.100.2")).say(f"My code is {RIGHT}")
    assert other["state"] == "complete" and "Welcome back, Tom Baker" in other["reply"]


@pytest.mark.parametrize("language", ["et", "ru"])
async def test_the_front_desk_is_offered_in_the_visitors_language(
    app: FastAPI, servers: list[str], language: str
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    visitor = await _visitor(servers[0], "198.51.100.3", language)
    said = {"et": "Mul on broneering, kood {}", "ru": "У меня бронь, код {}"}[language]
    for n in range(GUESSES_PER_SESSION):
        await visitor.say(said.format(700000 + n))
    locked = await visitor.say(said.format(RIGHT))
    assert LOCKED[language] in locked["reply"] and locked["language"] == language
    await _nothing_happened(app)


async def test_fresh_conversations_from_one_address_share_its_limit(
    app: FastAPI, servers: list[str]
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    for n in range(GUESSES_PER_CLIENT):
        url = servers[n % 2]
        reply = await (await _visitor(url, "203.0.113.7")).say(_wrong(n))
        assert "can't find a booking" in reply["reply"]
    arriving = await (await _visitor(servers[0], "203.0.113.7")).say(f"My code is {RIGHT}")
    assert LOCKED["en"] in arriving["reply"]
    cancelling = await _visitor(servers[1], "203.0.113.7")
    asked = await cancelling.say(f"Cancel my booking, code {RIGHT}")
    assert LOCKED["en"] in asked["reply"]
    await cancelling.say("no")
    await _nothing_happened(app)


async def test_a_forged_forwarded_for_does_not_give_a_fresh_address(
    db_url: str, tmp_path: Path, app: FastAPI, office: OfficeSettings
) -> None:
    """Without a trusted proxy the peer is the client, whatever X-Forwarded-For says."""
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    untrusting = create_app(make_settings(db_url, tmp_path), Providers())
    async with serve_asgi(untrusting, lifespan="on") as url:
        for n in range(GUESSES_PER_CLIENT):
            await (await _visitor(url, f"192.0.2.{n + 1}")).say(_wrong(n))
        reply = await (await _visitor(url, "192.0.2.200")).say(f"My code is {RIGHT}")
    assert LOCKED["en"] in reply["reply"]
    await _nothing_happened(app)


async def test_many_addresses_together_meet_the_overall_limit(
    app: FastAPI, servers: list[str]
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    for n in range(GUESSES_IN_ALL):
        await (await _visitor(servers[n % 2], f"10.1.{n // 200}.{n % 200 + 1}")).say(_wrong(n))
    reply = await (await _visitor(servers[0], "10.9.9.9")).say(f"My code is {RIGHT}")
    assert LOCKED["en"] in reply["reply"]
    await _nothing_happened(app)


async def test_a_company_alone_checks_nobody_in(app: FastAPI, servers: list[str]) -> None:
    await seed_booking(
        app, name="Bruce Wayne", company="Wayne Enterprises", host="Priya Patel", at=later_today()
    )
    visitor = await _visitor(servers[0], "198.51.100.9")
    asked = await visitor.say("Hello, I'm from Wayne Enterprises, I have a meeting")
    assert asked["expecting"] == "visitor_name" and "Bruce" not in asked["reply"]
    await _nothing_happened(app)
    wrong = await visitor.say("John Smith")
    assert "Bruce" not in wrong["reply"] and wrong["state"] == "identify_host"
    await _nothing_happened(app)
    # Wrong names for this booking are limited like wrong codes, per booking, from anywhere.
    for n, name in enumerate(["Alex Jones", "Sam Hill", "Kim Lee", "Pat Ray"]):
        guesser = await _visitor(servers[1], f"198.51.101.{n + 1}")
        await guesser.say("Hello, I'm from Wayne Enterprises, I have a meeting")
        await guesser.say(name)
    late = await _visitor(servers[0], "198.51.102.1")
    await late.say("Hello, I'm from Wayne Enterprises, I have a meeting")
    locked = await late.say("Bruce Wayne")
    assert LOCKED["en"] in locked["reply"]
    await _nothing_happened(app)
    by_code = await (await _visitor(servers[0], "198.51.102.2")).say(f"My code is {RIGHT}")
    assert "Welcome back, Bruce Wayne" in by_code["reply"]
