"""Which recogniser the wiring chooses from the settings, and what `/health` is told about
it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from channels.voice.stt import whisper_local
from channels.voice.stt.deepgram import Deepgram
from channels.voice.stt.whisper_local import WhisperLocal
from frontdesk.providers.speech_in import choose_stt
from tests.conftest import make_settings
from tests.standins.deepgram import deepgram_settings


def settings_with(tmp_path: Path, **values: Any) -> Any:
    return make_settings("sqlite+aiosqlite:///:memory:", tmp_path, **values)


async def test_without_a_key_the_embedded_whisper_is_chosen_and_nothing_is_loaded(
    tmp_path: Path,
) -> None:
    provider, health = choose_stt(settings_with(tmp_path))
    assert isinstance(provider, WhisperLocal)
    assert health["provider"] == "whisper-local" and health["ok"] is True
    assert health["languages"] == ["en", "et", "ru"] and health["identifies_language"] is True
    assert health["models_dir"] == str(tmp_path / "var" / "models")
    assert provider.tiny.load_seconds is None and provider.base.load_seconds is None
    assert not (tmp_path / "var" / "models").exists()  # not even joined yet
    await provider.aclose()


@pytest.mark.parametrize("choice", ["auto", "deepgram"])
async def test_a_deepgram_key_chooses_deepgram(tmp_path: Path, choice: str) -> None:
    values = deepgram_settings("http://127.0.0.1:1") | {"stt_provider": choice}
    provider, health = choose_stt(settings_with(tmp_path, **values))
    assert isinstance(provider, Deepgram)
    assert health == {
        "provider": "deepgram",
        "ok": True,
        "languages": ["en", "et", "ru"],
        "identifies_language": True,
        "model": "nova-3",
    }
    await provider.aclose()


async def test_whisper_can_be_chosen_over_a_key(tmp_path: Path) -> None:
    values = deepgram_settings("http://127.0.0.1:1") | {"stt_provider": "whisper"}
    provider, health = choose_stt(settings_with(tmp_path, **values))
    assert health["provider"] == "whisper-local" and "reason" not in health
    await provider.aclose()


async def test_deepgram_asked_for_without_a_key_falls_back_and_says_why(tmp_path: Path) -> None:
    provider, health = choose_stt(settings_with(tmp_path, stt_provider="deepgram"))
    assert health["provider"] == "whisper-local"
    assert "DEEPGRAM_API_KEY is not set" in str(health["reason"])
    await provider.aclose()


async def test_missing_model_files_make_whisper_unhealthy_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whisper_local, "BASE_PART2_PACKAGE", "no_such_model_package")
    provider, health = choose_stt(settings_with(tmp_path))
    assert health["ok"] is False
    assert "no_such_model_package is not installed" in str(health["reason"])
    assert health["languages"] == ["en"] and health["identifies_language"] is False
    await provider.aclose()
