"""Fixtures for the call tests (imported by name): the app on a real socket with the
instant speech stand-ins, Twilio's REST API stand-in, and Twilio's side of each call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import make_settings, serve_asgi
from tests.standins.fixtures import Running, twilio, twilio_settings
from tests.voice.call_support import FRONT_DESK, VoiceServer
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices
from web.app import create_app

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]


@pytest.fixture
def options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Settings for one test: `@pytest.mark.parametrize("options", [{…}], indirect=True)`."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def settings(db_url: str, tmp_path: Path, twilio: Running, options: dict[str, Any]) -> Settings:
    values: dict[str, Any] = {
        **twilio_settings(twilio.url),
        "front_desk_phone": FRONT_DESK,
        "voice_silence_seconds": 5.0,
    }
    values.update(options)
    return make_settings(db_url, tmp_path, **values)


@pytest.fixture
def tts() -> InstantTts:
    return InstantTts(ms_per_char=8)


@pytest.fixture
def stt() -> ScriptedStt:
    return ScriptedStt()


@pytest.fixture
def providers(stt: ScriptedStt, tts: InstantTts) -> Providers:
    return Providers(stt=stt, tts=instant_voices(tts))


@pytest.fixture
async def server(
    settings: Settings, providers: Providers, twilio: Running
) -> AsyncIterator[VoiceServer]:
    app = create_app(settings, providers)
    async with serve_asgi(app, lifespan="on") as url:
        voice = VoiceServer(url, app, settings, twilio.api)
        try:
            yield voice
        finally:
            for line in voice.lines:
                await line.close()
