"""Stand-in speech providers for the call's tests, the simulator and the benches.

They implement the real Protocols (`SpeechToText`, `SpeechSynth`) and answer at once, so
what is measured with them is the server's own work:

- `ScriptedStt`: each stream answers `finalize()` with the next line of a script (each call
  starts at the top), or with `recognise(audio)` — a function of the utterance's μ-law.
  A line may be a `Transcript` to say which language was "identified". `interim()` (asked
  during a pause) answers, without moving on, what a recogniser could know by then: the
  line's phrases up to the pause, never a word the caller has not said yet (`heard_so_far`);
  with `recognise`, that function of the audio so far; with `interims`, what it says for
  each utterance instead (None: as above). It counts how often it was asked.
- `InstantTts`: a soft 440 Hz tone, `ms_per_char` long per character of the text, in
  chunks, produced instantly. It records what it was asked to say.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from channels.voice.codec import FRAME_BYTES, FRAME_MS, SAMPLE_RATE, pcm16_to_ulaw, ulaw_to_pcm16
from channels.voice.stt.base import Transcript
from core.messages import LANGUAGES, Language

Line = str | Transcript

PAUSE_MARK = " … "  # a pause inside a line, written as the simulator's `Say` writes it
HEARD_PAUSE_MS = 180.0  # quiet in the audio that ends a phrase: longer than a word's stop
VOICED_DBFS = -45.0  # a frame louder than this is speech (simulator.voices.VOICED_DBFS)
_PHRASE_END = re.compile(rf"(?<=[,;:.!?])\s+|{PAUSE_MARK}")


def phrases(line: str) -> list[str]:
    """The stretches of a line a speaker may pause between: at a " … " (the simulator's
    pause) and after a comma or a sentence's end (a synthesiser's)."""
    return [part.strip() for part in _PHRASE_END.split(line) if part.strip()]


def as_said(line: str) -> str:
    """The line as recognised once it is over: its pause marks are no words."""
    return " ".join(phrases(line))


@dataclass
class PauseCounter:
    """Counts the pauses in audio fed to it: quiet of `HEARD_PAUSE_MS` or more after speech,
    the one going on now included (it counts once it is that long)."""

    pauses: int = 0
    _quiet_ms: float = 0.0
    _spoke: bool = False
    _seen: int = 0  # bytes of the audio already looked at

    def feed(self, ulaw: bytes) -> int:
        """`ulaw`: all the audio so far (only what is new is looked at); the pauses in it."""
        whole = (len(ulaw) - self._seen) // FRAME_BYTES * FRAME_BYTES
        if whole > 0:
            pcm = ulaw_to_pcm16(ulaw[self._seen : self._seen + whole]).astype(np.float64)
            power = np.mean(np.square(pcm.reshape(-1, FRAME_BYTES)), axis=1) / 32768.0**2
            self._seen += whole
            for voiced in power > 10 ** (VOICED_DBFS / 10):
                if voiced:
                    self._spoke, self._quiet_ms = True, 0.0
                    continue
                self._quiet_ms += FRAME_MS
                if self._spoke and self._quiet_ms - FRAME_MS < HEARD_PAUSE_MS <= self._quiet_ms:
                    self.pauses += 1
        return self.pauses


def heard_so_far(line: str, pauses: int) -> str:
    """What a recogniser knows of `line` once the caller paused `pauses` times: the phrases
    that ended in a pause it has heard. Each pause is taken for the end of the next phrase,
    the earliest it can be, so a phrase spoken on without a pause (a comma read on) shows
    only with a later one: the answer may lag what was said, never run ahead of it. That is
    the point: a real recogniser cannot know the words still to come, and a test must not
    pass by knowing them."""
    return " ".join(phrases(line)[:pauses])


@dataclass
class ScriptedStream:
    script: list[Line]
    recognise: Callable[[bytes], Line] | None
    language: Language | None
    keyterms: tuple[str, ...]
    interims: list[str | None] = field(default_factory=list)  # per utterance, else heard so far
    interim_live: bool = True
    peeks: int = 0
    audio: bytearray = field(default_factory=bytearray)
    heard: PauseCounter = field(default_factory=PauseCounter)  # in `audio`
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
        audio, self.audio, self.heard = bytes(self.audio), bytearray(), PauseCounter()
        self.utterances.append(audio)
        if self.recognise is not None:
            line: Line = self.recognise(audio)
        elif self._next < len(self.script):
            line = self.script[self._next]
            self._next += 1
        else:
            line = ""
        if isinstance(line, Transcript):
            transcript = dataclasses.replace(line, text=as_said(line.text))
        else:
            transcript = Transcript(as_said(line), self.language)
        self.finalized.append(transcript)
        return transcript

    async def interim(self) -> str | None:
        self.peeks += 1
        turn = len(self.finalized)
        if turn < len(self.interims) and self.interims[turn] is not None:
            return self.interims[turn]
        if self.recognise is not None:
            line: Line = self.recognise(bytes(self.audio))
            return line.text if isinstance(line, Transcript) else line
        if self._next >= len(self.script):
            return None
        line = self.script[self._next]
        text = line.text if isinstance(line, Transcript) else line
        return heard_so_far(text, self.heard.feed(bytes(self.audio)))

    def discard(self) -> None:
        self.audio, self.heard = bytearray(), PauseCounter()
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
