"""The speech-to-text seam.

A call opens one `SttStream`. It is fed the
caller's audio (the line's own μ-law 8 kHz, 20 ms frames) while our VAD hears speech, and
`finalize()` is called when our turn-taking decides the caller has finished; it returns
what was said in that utterance. The first utterance of a call may be recognised with no
language set (`language=None`): the provider identifies it where it can and says which
in `Transcript.language`; the call then locks the stream to that language with
`set_language`.

While the caller pauses, the call asks `interim()` what was said so far, to judge whether
the turn is over (endpointing.py). A streaming recogniser answers from its interim results
at no cost (`interim_live`: ask as often as you like); a local one recognises the audio so
far (asked once per pause), and may reuse that for `finalize()` when no audio came since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.messages import Language


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    language: Language | None = None  # what the provider identified, when it can tell
    confidence: float = 1.0


class SttStream(Protocol):
    interim_live: bool  # `interim()` costs nothing (a streaming recogniser's results)

    async def send(self, ulaw: bytes) -> None:
        """One frame of the caller's audio (μ-law, 8 kHz)."""

    async def finalize(self) -> Transcript:
        """The caller finished an utterance: what they said since the last finalize."""

    async def interim(self) -> str | None:
        """What was said since the last finalize, so far, without finalizing; None when
        the recogniser cannot tell."""

    def discard(self) -> None:
        """Forget the audio since the last finalize (it was noise, not a turn)."""

    async def set_language(self, language: Language) -> None:
        """Lock recognition to one language from now on."""

    async def close(self) -> None: ...


class SpeechToText(Protocol):
    name: str
    languages: frozenset[Language]  # languages it can recognise
    identifies_language: bool  # can it tell en / et / ru from audio alone?

    async def open(self, language: Language | None, keyterms: Sequence[str] = ()) -> SttStream:
        """A stream for one call; `keyterms` are names to boost (the directory's)."""

    async def aclose(self) -> None:
        """Release what the provider holds (models, HTTP sessions)."""
