"""The caller's voice: the receptionist's own local voices, speaking the caller's lines.

Piper's US English voice for English (Whisper reads it at ~1 % word error), espeak-ng for
Estonian and Russian (and for English where Piper is not installed) — the very
synthesisers in `channels/voice/tts/`, so the simulator hears nothing the server could not
say. espeak-ng speaks at its own default rate and pitch, not the receptionist's slower
phone voice: the caller is someone else. Each line is trimmed to its voiced part, so its
first frame is the caller's first sound and its last the end of their speech, which is
what the report's latencies are measured from.
"""

from __future__ import annotations

import contextlib

import numpy as np

from channels.voice.codec import FRAME_BYTES, frames, pcm16_to_ulaw, rms_dbfs, ulaw_to_pcm16
from channels.voice.tts import espeak, piper
from channels.voice.tts.base import SpeechError, SpeechSynth
from core.messages import Language
from simulator.errors import SimulatorError

VOICED_DBFS = -45.0  # a synthesised frame louder than this is speech, not its padding
# espeak-ng's own defaults (words per minute, pitch 0-99).
CALLER_RATE_WPM = 175
CALLER_PITCH = 50
KEEP_LINES = 256  # lines kept once spoken: scripts repeat them call after call


class CallerVoice:
    """The caller's lines as μ-law 8 kHz, trimmed to their voiced part. One per process:
    Piper's model takes seconds to load; the synthesisers are made on first use."""

    def __init__(self) -> None:
        self._piper: SpeechSynth | None = None
        self._espeak: SpeechSynth | None = None
        self._lines: dict[tuple[str, Language], bytes] = {}

    async def speak(self, text: str, language: Language) -> bytes:
        key = (text, language)
        if key not in self._lines:
            synth = self._synth(language)
            try:
                async with contextlib.aclosing(synth.stream(text, language)) as audio:
                    ulaw = b"".join([chunk async for chunk in audio])
            except SpeechError as exc:
                raise SimulatorError(f"the caller's voice failed: {exc}") from None
            if len(self._lines) >= KEEP_LINES:
                del self._lines[next(iter(self._lines))]
            self._lines[key] = trim_to_voice(ulaw)
        return self._lines[key]

    def _synth(self, language: Language) -> SpeechSynth:
        if language == "en" and piper.available():
            if self._piper is None:
                self._piper = piper.PiperSynth()
            return self._piper
        if self._espeak is None:
            if espeak.binary_path() is None:
                raise SimulatorError(
                    "espeak-ng is not installed (apt-get install espeak-ng): it speaks the caller"
                )
            self._espeak = espeak.EspeakSynth(rate_wpm=CALLER_RATE_WPM, pitch=CALLER_PITCH)
        return self._espeak


def trim_to_voice(ulaw: bytes) -> bytes:
    """Drop the leading and trailing frames quieter than speech: the line's first frame is
    then its first voiced one and its last frame the end of speech."""
    chunks = frames(ulaw)
    loud = [i for i, f in enumerate(chunks) if rms_dbfs(ulaw_to_pcm16(f)) > VOICED_DBFS]
    if not loud:
        return b""
    return b"".join(chunks[loud[0] : loud[-1] + 1])


def comfort_noise(dbfs: float, rng: np.random.Generator) -> bytes:
    """One frame of faint white noise, the hiss of a real line."""
    scale = 32768.0 * 10 ** (dbfs / 20)
    return pcm16_to_ulaw(np.clip(rng.normal(0, scale, FRAME_BYTES), -32768, 32767))
