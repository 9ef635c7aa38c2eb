"""With both keys set the understanding asks Anthropic, then OpenAI, then the rules — each
model with its own timeout and circuit breaker — against local stand-ins of both APIs
speaking to the vendors' own SDKs. Which model was used shows in the visit row: the two
stand-ins read the same message with different visitor names."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import Visit
from frontdesk.providers.understanding import choose_understanding
from frontdesk.runtime import Providers
from tests.conftest import make_settings, serve_asgi
from tests.standins.llm import ScriptedModel, anthropic_app, openai_app
from tests.test_circuit_breaker import FakeClock
from tests.visitor import Visitor
from web.app import create_app

pytestmark = pytest.mark.usefixtures("demo_directory")
# The rules find no intent in this; each model reads the host, a name and the company.
ODD = "Patel expects Tom of Acme at three"
BASE = {"intent": "check_in", "host": "Patel", "company": "Acme"}
FAILURES, COOLDOWN = 2, 30.0


@dataclass
class Models:
    anthropic: ScriptedModel
    openai: ScriptedModel
    anthropic_url: str
    openai_url: str
    clock: FakeClock


@pytest.fixture
async def models() -> AsyncIterator[Models]:
    claude = ScriptedModel(answers={ODD: {**BASE, "visitor_name": "Tom"}})
    gpt = ScriptedModel(answers={ODD: {**BASE, "visitor_name": "Olga"}})
    async with (
        serve_asgi(anthropic_app(claude, "sk-ant-test")) as anthropic_url,
        serve_asgi(openai_app(gpt, "sk-oai-test")) as openai_url,
    ):
        yield Models(claude, gpt, anthropic_url, openai_url, FakeClock())


@pytest.fixture
async def app(db_url: str, tmp_path: Path, models: Models) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        db_url,
        tmp_path,
        anthropic_api_key="sk-ant-test",
        anthropic_base_url=models.anthropic_url,
        openai_api_key="sk-oai-test",
        openai_base_url=f"{models.openai_url}/v1",
        llm_timeout_seconds=0.5,
        llm_breaker_failures=FAILURES,
        llm_breaker_cooldown_seconds=COOLDOWN,
    )
    understanding, _ = choose_understanding(settings, clock=models.clock)
    app = create_app(settings, Providers(understanding=understanding))
    async with app.router.lifespan_context(app):
        yield app


async def check_in(client: httpx.AsyncClient) -> dict[str, Any]:
    """One visitor says ODD and confirms; the reply that checks them in."""
    v = await Visitor.arrive(client, "en")
    reply = await v.say(ODD)
    assert (reply["state"], reply["expecting"]) == ("confirm_host", "confirmation"), reply
    assert "Priya Patel" in reply["reply"]
    reply = await v.say("yes")
    assert reply["done"], reply
    return reply


async def visitor_names(app: FastAPI) -> list[str | None]:
    async with app.state.runtime.sessionmaker() as db:
        visits = (await db.scalars(sa.select(Visit).order_by(Visit.id))).all()
    assert all(v.status == "checked_in" and v.host_name == "Priya Patel" for v in visits)
    return [v.visitor_name for v in visits]


async def understanding_check(client: httpx.AsyncClient, auth: dict[str, str]) -> Any:
    return (await client.get("/health", headers=auth)).json()["checks"]["understanding"]


async def test_anthropic_answering_is_used(
    client: httpx.AsyncClient, app: FastAPI, models: Models, auth: dict[str, str]
) -> None:
    line = await understanding_check(client, auth)
    assert line["provider"] == "anthropic→openai→rules" and line["ok"] is True
    assert line["breakers"] == {
        "anthropic": {"state": "closed", "failures_in_a_row": 0},
        "openai": {"state": "closed", "failures_in_a_row": 0},
    }
    await check_in(client)
    assert await visitor_names(app) == ["Tom"]
    assert len(models.anthropic.requests) == 1 and models.openai.requests == []


@pytest.mark.parametrize("failure", ["500", "slow", "no_tool"])
async def test_anthropic_failing_hands_the_same_turn_to_openai(
    client: httpx.AsyncClient, app: FastAPI, models: Models, failure: str
) -> None:
    """ "slow" answers after 2 s — with Tom: the 0.5 s timeout is what makes it Olga."""
    models.anthropic.failure = failure
    await check_in(client)
    assert await visitor_names(app) == ["Olga"]
    assert models.anthropic.requests and len(models.openai.requests) == 1


async def test_both_failing_leaves_the_rules_and_the_visitor_is_checked_in(
    client: httpx.AsyncClient, app: FastAPI, models: Models, auth: dict[str, str]
) -> None:
    models.anthropic.failure, models.openai.failure = "no_tool", "500"
    v = await Visitor.arrive(client, "en")
    reply = await v.say(ODD)  # neither model answers; the rules do not understand it
    assert (reply["state"], reply["expecting"]) == ("identify_host", "host")
    assert models.anthropic.requests and models.openai.requests
    for text, expecting in [
        ("I'm here to see Priya Patel", "confirmation"),
        ("yes", "visitor_name"),
        ("Tom Baker", "company"),
    ]:
        reply = await v.say(text)
        assert reply["expecting"] == expecting, reply
    reply = await v.say("Acme")
    assert reply["done"], reply
    assert await visitor_names(app) == ["Tom Baker"]
    line = await understanding_check(client, auth)
    assert {name: b["failures_in_a_row"] for name, b in line["breakers"].items()} == {
        "anthropic": 1,
        "openai": 1,
    }


async def test_a_failing_anthropic_rests_for_the_cool_down_then_is_tried_again(
    client: httpx.AsyncClient, app: FastAPI, models: Models, auth: dict[str, str]
) -> None:
    models.anthropic.failure = "no_tool"
    for _ in range(FAILURES):
        await check_in(client)
    assert len(models.anthropic.requests) == FAILURES
    line = await understanding_check(client, auth)
    assert line["breakers"]["anthropic"] == {
        "state": "open",
        "failures_in_a_row": FAILURES,
        "retry_in_seconds": COOLDOWN,
    }
    models.clock.now += COOLDOWN - 1
    await check_in(client)  # during the cool-down Anthropic is not asked at all
    assert len(models.anthropic.requests) == FAILURES
    assert len(models.openai.requests) == FAILURES + 1

    models.anthropic.failure = None  # it recovers; after the cool-down it is tried once
    models.clock.now += 1
    line = await understanding_check(client, auth)
    assert line["breakers"]["anthropic"]["state"] == "half_open"
    await check_in(client)
    assert len(models.anthropic.requests) == FAILURES + 1
    assert len(models.openai.requests) == FAILURES + 1
    assert await visitor_names(app) == ["Olga"] * (FAILURES + 1) + ["Tom"]
    line = await understanding_check(client, auth)
    assert line["breakers"]["anthropic"] == {"state": "closed", "failures_in_a_row": 0}
