"""Which recogniser the phone channel uses, and what `/health` says about it.

Deepgram when its key is set (and FRONTDESK_STT is `auto` or `deepgram`), else the
embedded faster-whisper. Choosing loads nothing: the local models load on first use (or
when the runtime preloads them), so start-up and `/health` stay fast.
"""

from __future__ import annotations

from channels.voice.stt.base import SpeechToText
from channels.voice.stt.deepgram import Deepgram
from channels.voice.stt.whisper_local import WhisperLocal, models_dir
from frontdesk.settings import Settings


def choose_stt(settings: Settings) -> tuple[SpeechToText, dict[str, object]]:
    """The provider and its health details (`provider`, `ok`, `languages`, …)."""
    key = settings.deepgram_api_key
    has_key = key is not None and bool(key.get_secret_value())
    if has_key and settings.stt_provider in ("auto", "deepgram"):
        deepgram = Deepgram.from_settings(settings)
        return deepgram, {
            "provider": deepgram.name,
            "ok": True,
            "languages": sorted(deepgram.languages),
            "identifies_language": deepgram.identifies_language,
            "model": deepgram.model,
        }

    whisper = WhisperLocal.from_settings(settings)
    missing = {name: why for name, why in whisper.model_status.items() if why is not None}
    details: dict[str, object] = {
        "provider": whisper.name,
        "ok": not missing,
        "languages": sorted(whisper.languages),
        "identifies_language": whisper.identifies_language,
        "models_dir": str(models_dir(settings)),
    }
    reasons = [f"Whisper {name}: {why}" for name, why in missing.items()]
    if settings.stt_provider == "deepgram" and not has_key:
        reasons.insert(0, "FRONTDESK_STT=deepgram but DEEPGRAM_API_KEY is not set")
    if reasons:
        details["reason"] = "; ".join(reasons)
    return whisper, details
