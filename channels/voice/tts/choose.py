"""One voice per language, from the settings: a cloud voice where a key is set, else local.

With `FRONTDESK_TTS=auto` the order per language is: ElevenLabs (for the languages its
model speaks), Azure (its Estonian voice is why it is here), then the offline voices —
Piper for English where installed, espeak-ng for everything. `elevenlabs` / `azure` put
that vendor first (falling back as above for what it lacks); `local` uses only the offline
voices. A cloud voice keeps the local one for its language as a stand-by: when the
vendor fails before a sentence's first audio (outage, quota, bad key), the caller hears
the local voice rather than silence.

Nothing is loaded here: Piper's model loads on first use (or `warm`), the HTTP clients
connect on their first request.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator, Iterable, Mapping
from typing import Any

from channels.voice.tts import espeak, piper
from channels.voice.tts.azure import AzureSynth
from channels.voice.tts.base import SpeechError, SpeechSynth
from channels.voice.tts.elevenlabs import ElevenLabsSynth
from channels.voice.tts.espeak import EspeakSynth
from channels.voice.tts.piper import PiperSynth
from core.messages import LANGUAGES, Language
from frontdesk.settings import Settings

log = logging.getLogger(__name__)


class WithStandBy:
    """A cloud voice that hands a sentence to a local one when it fails before speaking.

    Once audio has gone out the failure is passed on: a sentence restarted in another
    voice would repeat its first words.
    """

    def __init__(self, primary: SpeechSynth, stand_by: SpeechSynth) -> None:
        self.primary = primary
        self.stand_by = stand_by
        self.name = primary.name
        self.languages = primary.languages

    async def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        started = False
        try:
            async with contextlib.aclosing(self.primary.stream(text, language)) as audio:
                async for chunk in audio:
                    started = True
                    yield chunk
            return
        except SpeechError as error:
            if started or language not in self.stand_by.languages:
                raise
            log.warning(
                "tts %s failed, %s speaks instead: %s", self.name, self.stand_by.name, error
            )
        async with contextlib.aclosing(self.stand_by.stream(text, language)) as audio:
            async for chunk in audio:
                yield chunk

    async def aclose(self) -> None:
        await self.primary.aclose()
        await self.stand_by.aclose()


def choose_tts(settings: Settings) -> tuple[dict[Language, SpeechSynth], dict[str, Any]]:
    """The voice per language, and the `/health` details saying which is which."""
    problems: list[str] = []
    cloud = _cloud_voices(settings, problems)
    local = _local_voices(settings, problems)
    voices: dict[Language, SpeechSynth] = {}
    stand_bys: dict[tuple[int, int], WithStandBy] = {}
    for language in LANGUAGES:
        local_voice = next((v for v in local if language in v.languages), None)
        cloud_voice = next((v for v in cloud if language in v.languages), None)
        if cloud_voice is not None and local_voice is not None:
            key = (id(cloud_voice), id(local_voice))
            voices[language] = stand_bys.setdefault(key, WithStandBy(cloud_voice, local_voice))
        elif (only := cloud_voice or local_voice) is not None:
            voices[language] = only
        else:
            problems.append(f"no voice speaks {language!r}")
    names = {language: voice.name for language, voice in voices.items()}
    health: dict[str, Any] = {
        "provider": "+".join(dict.fromkeys(names.values())) or "none",
        "ok": not problems,
        "voices": names,
    }
    if problems:
        health["error"] = "; ".join(problems)
    return voices, health


def _cloud_voices(settings: Settings, problems: list[str]) -> list[SpeechSynth]:
    """The configured cloud voices, the preferred one first."""
    wanted = settings.tts_provider
    if wanted == "local":
        return []
    found: dict[str, SpeechSynth] = {}
    if settings.elevenlabs_api_key is not None:
        found["elevenlabs"] = ElevenLabsSynth(
            settings.elevenlabs_api_key.get_secret_value(),
            voice_id=settings.elevenlabs_voice_id,
            model=settings.elevenlabs_model,
            base_url=settings.elevenlabs_base_url,
        )
    if settings.azure_speech_key is not None:
        found["azure"] = AzureSynth(
            settings.azure_speech_key.get_secret_value(),
            region=settings.azure_speech_region,
            base_url=settings.azure_speech_base_url,
        )
    if wanted in ("elevenlabs", "azure") and wanted not in found:
        variable = "ELEVENLABS_API_KEY" if wanted == "elevenlabs" else "AZURE_SPEECH_KEY"
        problems.append(f"FRONTDESK_TTS={wanted} but {variable} is not set")
    order = [wanted] if wanted in found else []
    order += [name for name in ("elevenlabs", "azure") if name not in order]
    return [found[name] for name in order if name in found]


def _local_voices(settings: Settings, problems: list[str]) -> list[SpeechSynth]:
    """Piper (English) where installed, then espeak-ng (every installed voice)."""
    voices: list[SpeechSynth] = []
    if piper.available():
        voices.append(PiperSynth())
    if espeak.binary_path() is None:
        problems.append("espeak-ng is not installed (apt-get install espeak-ng): no offline voice")
    else:
        voices.append(EspeakSynth())
    return voices


def distinct(voices: Mapping[Language, SpeechSynth]) -> list[SpeechSynth]:
    """Each provider once (several languages usually share one)."""
    return list({id(voice): voice for voice in voices.values()}.values())


async def warm(voices: Mapping[Language, SpeechSynth]) -> None:
    """Load what loads slowly (Piper's model) before the first call needs it."""
    for voice in _with_stand_bys(distinct(voices)):
        if isinstance(voice, PiperSynth):
            await voice.warm()


async def close_all(voices: Mapping[Language, SpeechSynth]) -> None:
    """Release every provider once: HTTP clients, models."""
    for voice in _with_stand_bys(distinct(voices)):
        await voice.aclose()


def _with_stand_bys(voices: Iterable[SpeechSynth]) -> list[SpeechSynth]:
    unwrapped: dict[int, SpeechSynth] = {}
    for voice in voices:
        parts = [voice.primary, voice.stand_by] if isinstance(voice, WithStandBy) else [voice]
        for part in parts:
            unwrapped.setdefault(id(part), part)
    return list(unwrapped.values())
