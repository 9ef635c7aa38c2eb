"""Stand-in speech providers for the call's tests, the simulator and the benches.

They implement the real Protocols (`SpeechToText`, `SpeechSynth`) and answer at once, so
what is measured with them is the server's own work:

- `ScriptedStt`: each stream answers `finalize()` with the next line of a script (each call
  starts at the top), or with `recognise(audio)` — a function of the utterance's μ-law.
  A line may be a `Transcript` to say which language was "identified". `interim()` (asked
  during a pause) answers the same, without moving on: with `interims`, what it says for
  each utterance instead (None: the line itself); it counts how often it was asked.
- `InstantTts`: a soft 440 Hz tone, `ms_per_char` long per character of the text, in
  chunks, produced instantly. It records what it was asked to say.
"""

from __future__ import annotations

import math
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from channels.voice.codec import SAMPLE_RATE, pcm16_to_ulaw
from channels.voice.stt.base import Transcript
from core.messages import LANGUAGES, Language

Line = str | Transcript


@dataclass
class ScriptedStream:
    script: list[Line]
    recognise: Callable[[bytes], Line] | None
    language: Language | None
    keyterms: tuple[str, ...]
    interims: list[str | None] = field(default_factory=list)  # per utterance, else the line
    interim_live: bool = True
    peeks: int = 0
    audio: bytearray = field(default_factory=bytearray)
    finalized: list[Transcript] = field(default_factory=list)
    utterances: list[bytes] = field(default_factory=list)  # the audio of each finalize
    discarded: int = 0
    closed: bool = False
    _next: int = 0

    async def send(self, ulaw: bytes) -> None:
        if self.closed:
            raise RuntimeError("send on a closed stream")
        self.audio += ulaw

    async def finalize(self) -> Transcript:
        audio, self.audio = bytes(self.audio), bytearray()
        self.utterances.append(audio)
        if self.recognise is not None:
            line: Line = self.recognise(audio)
        elif self._next < len(self.script):
            line = self.script[self._next]
            self._next += 1
        else:
            line = ""
        transcript = line if isinstance(line, Transcript) else Transcript(line, self.language)
        self.finalized.append(transcript)
        return transcript

    async def interim(self) -> str | None:
        self.peeks += 1
        turn = len(self.finalized)
        if turn < len(self.interims) and self.interims[turn] is not None:
            return self.interims[turn]
        if self.recognise is not None:
            line: Line = self.recognise(bytes(self.audio))
        elif self._next < len(self.script):
            line = self.script[self._next]
        else:
            return None
        return line.text if isinstance(line, Transcript) else line

    def discard(self) -> None:
        self.audio = bytearray()
        self.discarded += 1

    async def set_language(self, language: Language) -> None:
        self.language = language

    async def close(self) -> None:
        self.closed = True


@dataclass
class ScriptedStt:
    script: Sequence[Line] = ()
    recognise: Callable[[bytes], Line] | None = None
    interims: Sequence[str | None] = ()
    name: str = "scripted"
    languages: frozenset[Language] = frozenset(LANGUAGES)
    identifies_language: bool = True
    streams: list[ScriptedStream] = field(default_factory=list)
    closed: bool = False

    async def open(self, language: Language | None, keyterms: Sequence[str] = ()) -> ScriptedStream:
        stream = ScriptedStream(
            list(self.script), self.recognise, language, tuple(keyterms), list(self.interims)
        )
        self.streams.append(stream)
        return stream

    async def aclose(self) -> None:
        self.closed = True


@dataclass
class InstantTts:
    ms_per_char: float = 60.0
    chunk_ms: float = 100.0
    name: str = "instant"
    languages: frozenset[Language] = frozenset(LANGUAGES)
    said: list[tuple[str, Language]] = field(default_factory=list)
    closed: bool = False

    def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        self.said.append((text, language))
        return self._tone(len(text) * self.ms_per_char / 1000)

    async def _tone(self, seconds: float) -> AsyncGenerator[bytes, None]:
        samples = max(1, math.ceil(seconds * SAMPLE_RATE))
        t = np.arange(samples) / SAMPLE_RATE
        tone = (0.1 * 32767 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
        ulaw = pcm16_to_ulaw(tone)
        step = max(1, int(self.chunk_ms * SAMPLE_RATE / 1000))
        for start in range(0, len(ulaw), step):
            yield ulaw[start : start + step]

    async def aclose(self) -> None:
        self.closed = True


def instant_voices(tts: InstantTts | None = None) -> dict[Language, InstantTts]:
    """One InstantTts speaking every language, as `Providers.tts` wants it."""
    tts = tts or InstantTts()
    return dict.fromkeys(LANGUAGES, tts)
