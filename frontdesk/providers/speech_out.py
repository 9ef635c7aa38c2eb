"""One voice per language for the phone: a cloud voice where a key is set, else local.

With `FRONTDESK_TTS=auto` the order per language is: ElevenLabs (for the languages its
model speaks), Azure (its Estonian voice is why it is here), then the offline voices —
Piper for English where installed, espeak-ng for everything. `elevenlabs` / `azure` put
that vendor first (falling back as above for what it lacks); `local` uses only the offline
voices. A cloud voice keeps the local one for its language as a stand-by
(`channels/voice/tts/voices.WithStandBy`).

Nothing is loaded here: Piper's model loads on first use (or `warm`), the HTTP clients
connect on their first request. Both cloud voices speak their vendor's HTTP API through
httpx, a default dependency: their extras are empty.
"""

from __future__ import annotations

from collections.abc import Mapping

from channels.voice.tts import espeak, piper
from channels.voice.tts.azure import AzureSynth
from channels.voice.tts.base import SpeechSynth
from channels.voice.tts.elevenlabs import ElevenLabsSynth
from channels.voice.tts.espeak import EspeakSynth
from channels.voice.tts.piper import PiperSynth
from channels.voice.tts.voices import WithStandBy
from core.messages import LANGUAGES, Language
from frontdesk.providers import Health
from frontdesk.settings import Settings


def choose_tts(settings: Settings) -> tuple[dict[Language, SpeechSynth], Health]:
    """The voice per language, and the `/health` details saying which is which."""
    problems: list[str] = []
    cloud = _cloud_voices(settings, problems)
    local = _local_voices(problems)
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
    health: Health = {
        "provider": "+".join(dict.fromkeys(names.values())) or "none",
        "ok": not problems,
        "voices": names,
    }
    if problems:
        health["error"] = "; ".join(problems)
    return voices, health


def tts_health(voices: Mapping[Language, SpeechSynth]) -> Health:
    """For voices a test passes in."""
    return {
        "provider": ",".join(sorted({v.name for v in voices.values()})),
        "voices": {language: synth.name for language, synth in voices.items()},
    }


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


def _local_voices(problems: list[str]) -> list[SpeechSynth]:
    """Piper (English) where installed, then espeak-ng (every installed voice)."""
    voices: list[SpeechSynth] = []
    if piper.available():
        voices.append(PiperSynth())
    if espeak.binary_path() is None:
        problems.append("espeak-ng is not installed (apt-get install espeak-ng): no offline voice")
    else:
        voices.append(EspeakSynth())
    return voices
