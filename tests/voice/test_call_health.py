"""`/health` names the phone's recogniser and voices."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.runtime import Providers
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices


@pytest.fixture
def providers() -> Providers:
    return Providers(stt=ScriptedStt(), tts=instant_voices(InstantTts()))


async def test_health_names_the_speech_providers(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    checks = (await client.get("/health", headers=auth)).json()["checks"]
    assert checks["stt"]["provider"] == "scripted" and checks["stt"]["ok"]
    assert checks["tts"]["provider"] == "instant"
    assert checks["tts"]["voices"] == {"en": "instant", "et": "instant", "ru": "instant"}


@pytest.mark.parametrize("providers", [Providers()])
async def test_by_default_the_local_speech_providers(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    checks = (await client.get("/health", headers=auth)).json()["checks"]
    assert checks["stt"]["provider"] == "whisper-local"
    assert checks["tts"]["provider"]
    assert set(checks["stt"]["languages"]) == {"en", "et", "ru"}
