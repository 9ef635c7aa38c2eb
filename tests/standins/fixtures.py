"""Fixtures for the stand-ins, and the settings that point frontdesk at them. A test
module (or a conftest) imports the fixtures it uses by name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.standins import slack_api, twilio_api
from tests.standins.server import LoopbackServer

SIGNING_SECRET = "slack-signing-secret"


class Running:
    """A started stand-in and its base URL."""

    def __init__(self, stand_in: Any, server: LoopbackServer) -> None:
        self.api = stand_in
        self.url = server.url


async def _serve(stand_in: Any, app: Any) -> AsyncIterator[Running]:
    server = LoopbackServer(app)
    await server.start()
    yield Running(stand_in, server)
    await server.stop()


@pytest.fixture
async def slack() -> AsyncIterator[Running]:
    stand_in = slack_api.SlackStandIn()
    async for running in _serve(stand_in, stand_in.app()):
        yield running


@pytest.fixture
async def twilio() -> AsyncIterator[Running]:
    stand_in = twilio_api.TwilioStandIn()
    async for running in _serve(stand_in, stand_in.app()):
        yield running


def twilio_settings(url: str | None = None) -> dict[str, Any]:
    """Twilio configured; with `url`, its REST API is the stand-in there."""
    values: dict[str, Any] = {
        "twilio_account_sid": twilio_api.ACCOUNT_SID,
        "twilio_auth_token": twilio_api.AUTH_TOKEN,
        "twilio_phone_number": twilio_api.LOBBY_NUMBER,
        "public_url": "https://lobby.example.com",
    }
    if url:
        values["twilio_api_base_url"] = url
    return values


def slack_settings(url: str) -> dict[str, Any]:
    return {
        "slack_bot_token": slack_api.TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_base_url": url + "/api/",
    }
