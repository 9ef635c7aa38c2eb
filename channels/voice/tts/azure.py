"""Azure Speech over its REST API: neural voices for Estonian (and English, Russian).

`POST https://{region}.tts.speech.microsoft.com/cognitiveservices/v1` with SSML naming the
voice, `X-Microsoft-OutputFormat: raw-8khz-8bit-mono-mulaw` (headerless μ-law 8 kHz, the
phone line's own format) and the resource key; the body streams back as it is
synthesised and passes through untouched. Azure's Estonian voices are why it is here:
ElevenLabs' fast models have none.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncGenerator, Mapping
from xml.sax.saxutils import escape, quoteattr

import httpx

from channels.voice.tts.base import SpeechError
from channels.voice.tts.http_stream import new_client, stream_audio
from core.messages import Language

OUTPUT_FORMAT = "raw-8khz-8bit-mono-mulaw"
USER_AGENT = "frontdesk-voice"
VENDOR = "Azure Speech"
PATH = "/cognitiveservices/v1"

# (xml:lang, voice) per language: the prebuilt neural voices.
VOICES: Mapping[Language, tuple[str, str]] = {
    "en": ("en-US", "en-US-JennyNeural"),
    "et": ("et-EE", "et-EE-AnuNeural"),
    "ru": ("ru-RU", "ru-RU-SvetlanaNeural"),
}
# Characters XML 1.0 forbids outright (escaping cannot save them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def endpoint(region: str, base_url: str | None = None) -> str:
    base = base_url or f"https://{region}.tts.speech.microsoft.com"
    return base.rstrip("/") + PATH


def ssml(text: str, language: Language, voices: Mapping[Language, tuple[str, str]] = VOICES) -> str:
    """The SSML document for one sentence; the text is escaped, never markup."""
    locale, voice = voices[language]
    spoken = escape(_NOT_XML.sub(" ", text))
    return (
        f"<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' "
        f"xml:lang={quoteattr(locale)}><voice name={quoteattr(voice)}>{spoken}</voice></speak>"
    )


class AzureSynth:
    """Azure Speech behind the `SpeechSynth` Protocol; one shared HTTP client."""

    name = "azure"

    def __init__(
        self,
        key: str,
        *,
        region: str,
        base_url: str | None = None,
        voices: Mapping[Language, tuple[str, str]] = VOICES,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._key = key
        self._url = endpoint(region, base_url)
        self._voices = dict(voices)
        self._client = client or new_client()
        self.languages: frozenset[Language] = frozenset(self._voices)

    async def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        if language not in self._voices:
            raise SpeechError(f"{VENDOR}: no voice configured for {language!r}")
        spoken = " ".join(_NOT_XML.sub(" ", text).split())
        if not spoken:
            return
        audio = stream_audio(
            self._client,
            VENDOR,
            self._url,
            headers={
                "Ocp-Apim-Subscription-Key": self._key,
                "Content-Type": "application/ssml+xml",
                "X-Microsoft-OutputFormat": OUTPUT_FORMAT,
                "User-Agent": USER_AGENT,
            },
            content=ssml(spoken, language, self._voices).encode("utf-8"),
            describe=describe_refusal,
        )
        async with contextlib.aclosing(audio):  # closed at once when cut short
            async for chunk in audio:
                yield chunk

    async def aclose(self) -> None:
        await self._client.aclose()


def describe_refusal(status: int, body: bytes) -> str:
    """Azure answers refusals mostly without a body: the status says what happened."""
    text = body.decode("utf-8", "replace").strip()
    detail = f": {text[:200]}" if text else ""
    if status in (401, 403):
        return f"the subscription key or region was refused ({status}){detail}"
    if status == 429:
        return f"too many requests for the resource's quota (429){detail}"
    if status == 400:
        return f"the SSML or a header was rejected (400){detail}"
    if status >= 500:
        return f"the service failed ({status}){detail}"
    return f"the request was refused ({status}){detail}"
