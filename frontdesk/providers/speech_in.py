"""Which recogniser the phone channel uses, and what `/health` says about it.

Deepgram when its key is set (and FRONTDESK_STT is `auto` or `deepgram`), else the
embedded faster-whisper. Choosing loads nothing: the local models load on first use (or
when the runtime preloads them), so start-up and `/health` stay fast. Deepgram needs no
SDK (its wire protocol is spoken with httpx and websockets), so no extra either.
"""

from __future__ import annotations

from pathlib import Path

from channels.voice.stt.base import SpeechToText
from channels.voice.stt.deepgram import Deepgram
from channels.voice.stt.whisper_local import WhisperLocal
from frontdesk.providers import Health
from frontdesk.settings import Settings


def models_dir(settings: Settings) -> Path:
    """Where the local models are unpacked (FRONTDESK_MODELS_DIR, else under the data
    folder)."""
    return settings.models_dir or settings.data_dir / "models"


def choose_stt(settings: Settings) -> tuple[SpeechToText, Health]:
    """The provider and its health details (`provider`, `ok`, `languages`, …)."""
    secret = settings.deepgram_api_key
    key = secret.get_secret_value() if secret is not None else ""
    if key and settings.stt_provider in ("auto", "deepgram"):
        deepgram = Deepgram(key, model=settings.deepgram_model, base_url=settings.deepgram_base_url)
        return deepgram, {
            "provider": deepgram.name,
            "ok": True,
            "languages": sorted(deepgram.languages),
            "identifies_language": deepgram.identifies_language,
            "model": deepgram.model,
        }

    whisper = WhisperLocal(models_dir(settings))
    missing = {name: why for name, why in whisper.model_status.items() if why is not None}
    details: Health = {
        "provider": whisper.name,
        "ok": not missing,
        "languages": sorted(whisper.languages),
        "identifies_language": whisper.identifies_language,
        "models_dir": str(whisper.models_dir),
    }
    reasons = [f"Whisper {name}: {why}" for name, why in missing.items()]
    if settings.stt_provider == "deepgram" and not key:
        reasons.insert(0, "FRONTDESK_STT=deepgram but DEEPGRAM_API_KEY is not set")
    if reasons:
        details["reason"] = "; ".join(reasons)
    return whisper, details


def stt_health(stt: SpeechToText) -> Health:
    """For a recogniser a test passes in."""
    return {"provider": stt.name, "languages": sorted(stt.languages)}
