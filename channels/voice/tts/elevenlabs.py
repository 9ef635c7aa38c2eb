"""ElevenLabs streaming text-to-speech, straight to the phone line's format.

`POST /v1/text-to-speech/{voice_id}/stream?output_format=ulaw_8000` answers with μ-law
8 kHz audio in a chunked body as it is generated, which is exactly what Twilio plays: the
bytes pass through untouched. The fast models (Flash / Turbo v2.5) speak English and
Russian but not Estonian; Estonian goes to another provider (see `choose`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncGenerator, Mapping

import httpx

from channels.voice.tts.base import SpeechError
from channels.voice.tts.http_stream import new_client, stream_audio
from core.messages import Language

API_BASE = "https://api.elevenlabs.io"
OUTPUT_FORMAT = "ulaw_8000"
VENDOR = "ElevenLabs"

# Which of our languages each model speaks, and whether it takes a `language_code`.
_ENGLISH_ONLY = frozenset({"eleven_flash_v2", "eleven_turbo_v2", "eleven_monolingual_v1"})
_WITH_ESTONIAN = frozenset({"eleven_v3"})
_TAKES_LANGUAGE_CODE = frozenset({"eleven_flash_v2_5", "eleven_turbo_v2_5", "eleven_v3"})

# A steady, clear voice for a receptionist (the vendor's defaults are 0.5 / 0.75).
VOICE_SETTINGS: Mapping[str, float] = {"stability": 0.6, "similarity_boost": 0.75}
# 0-4: higher trades a little quality for earlier first audio; 4 also switches off the
# text normaliser (numbers and dates read out oddly), so 3.
STREAMING_LATENCY = 3


def model_languages(model: str) -> frozenset[Language]:
    if model in _ENGLISH_ONLY:
        return frozenset({"en"})
    if model in _WITH_ESTONIAN:
        return frozenset({"en", "et", "ru"})
    return frozenset({"en", "ru"})


class ElevenLabsSynth:
    """ElevenLabs behind the `SpeechSynth` Protocol; one shared HTTP client."""

    name = "elevenlabs"

    def __init__(
        self,
        api_key: str,
        *,
        voice_id: str,
        model: str,
        base_url: str | None = None,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._api_key = api_key
        self._voice_id = voice_id
        self._model = model
        self._base = (base_url or API_BASE).rstrip("/")
        self._client = client or new_client()
        self.languages: frozenset[Language] = model_languages(model)

    async def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        if language not in self.languages:
            raise SpeechError(f"{VENDOR}: model {self._model} does not speak {language!r}")
        spoken = " ".join(text.split())
        if not spoken:
            return
        body: dict[str, object] = {
            "text": spoken,
            "model_id": self._model,
            "voice_settings": dict(VOICE_SETTINGS),
        }
        if self._model in _TAKES_LANGUAGE_CODE:
            body["language_code"] = language
        audio = stream_audio(
            self._client,
            VENDOR,
            f"{self._base}/v1/text-to-speech/{self._voice_id}/stream",
            params={
                "output_format": OUTPUT_FORMAT,
                "optimize_streaming_latency": str(STREAMING_LATENCY),
            },
            headers={"xi-api-key": self._api_key, "Accept": "audio/basic"},
            json=body,
            describe=describe_refusal,
        )
        async with contextlib.aclosing(audio):  # closed at once when cut short
            async for chunk in audio:
                yield chunk

    async def aclose(self) -> None:
        await self._client.aclose()


def describe_refusal(status: int, body: bytes) -> str:
    """ElevenLabs' error document (`{"detail": {"status", "message"}}`) in one line."""
    detail = _detail(body)
    if status == 401:
        return f"the API key was refused (401){detail}"
    if status == 429:
        return f"too many requests or concurrent streams (429){detail}"
    if status >= 500:
        return f"the service failed ({status}){detail}"
    return f"the request was refused ({status}){detail}"


def _detail(body: bytes) -> str:
    try:
        document = json.loads(body)
    except ValueError:
        text = body.decode("utf-8", "replace").strip()
        return f": {text[:200]}" if text else ""
    detail = document.get("detail") if isinstance(document, dict) else None
    if isinstance(detail, dict):
        parts = [str(detail.get(key)) for key in ("status", "message") if detail.get(key)]
        return f": {' — '.join(parts)}" if parts else ""
    if detail:
        return f": {str(detail)[:200]}"
    return ""
