"""The text-to-speech seam: a sentence in, μ-law 8 kHz audio out as it is produced.

Chunks may be any length; the player cuts them into 20 ms frames. A provider lists the
languages it can speak; `choose` picks one provider per language and falls back to one
that has the language when the preferred one lacks it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Protocol

from core.messages import Language


class SpeechError(Exception):
    """A synthesiser could not speak: the message names the vendor and what went wrong."""


class SpeechSynth(Protocol):
    name: str
    languages: frozenset[Language]

    def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        """μ-law 8 kHz audio of `text`, chunk by chunk, the first as early as possible.

        Consume it inside `contextlib.aclosing(...)`: a sentence cut short (barge-in,
        hang-up, cancellation) then releases its process or connection at once.
        Failures raise `SpeechError`.
        """

    async def aclose(self) -> None: ...
