"""The phone channel, made of the chosen speech providers and Twilio's call control, with
the `/health` entries for its recogniser (`stt`) and voices (`tts`)."""

from __future__ import annotations

from collections.abc import Mapping

from channels.voice.call_seams import CallSettings
from channels.voice.channel import VoiceChannel
from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from core.agent import Agent
from core.messages import Language
from frontdesk.providers import Health
from frontdesk.providers.speech_in import choose_stt, stt_health
from frontdesk.providers.speech_out import choose_tts, tts_health
from frontdesk.providers.telephony import call_control
from frontdesk.settings import Settings


def voice_channel(
    settings: Settings,
    agent: Agent,
    *,
    stt: SpeechToText | None = None,
    voices: Mapping[Language, SpeechSynth] | None = None,
) -> tuple[VoiceChannel, dict[str, Health]]:
    """The given speech providers (tests pass stand-ins), else the ones the settings
    choose (the cloud one whose key is set, else the local default)."""
    health: dict[str, Health] = {}
    if stt is None:
        stt, health["stt"] = choose_stt(settings)
    else:
        health["stt"] = stt_health(stt)
    if voices is None:
        voices, health["tts"] = choose_tts(settings)
    else:
        health["tts"] = tts_health(voices)
    channel = VoiceChannel(
        agent,
        stt,
        voices,
        control=call_control(settings),
        settings=CallSettings(
            record_calls=settings.record_calls,
            silence_seconds=settings.voice_silence_seconds,
            default_language=settings.default_language,
        ),
    )
    return channel, health
