"""A voice per language, as the phone channel holds them: a cloud voice with a local
stand-by, and loading and closing a set of voices once each (several languages usually
share one provider). Which voice speaks which language is chosen by the wiring, from the
settings; nothing here reads them.

A cloud voice keeps the local one for its language as a stand-by: when the vendor fails
before a sentence's first audio (outage, quota, bad key), the caller hears the local voice
rather than silence.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator, Iterable, Mapping

from channels.voice.tts.base import SpeechError, SpeechSynth
from channels.voice.tts.piper import PiperSynth
from core.messages import Language

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
