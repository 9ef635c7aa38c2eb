"""Piper's English voice, for real: loaded once, streamed sentence by sentence, and a
stream closed early stops the worker thread at the next sentence."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from channels.voice.tts import piper
from channels.voice.tts.base import SpeechError
from channels.voice.tts.piper import PiperSynth
from tests.voice.tts_helpers import listen

SENTENCES = [
    "Hello, and welcome to the office.",
    "I found two people called Sarah.",
    "Sarah Chen works in Engineering, and Sarah Miller works in Marketing.",
    "Which one would you like to see?",
]


@pytest.fixture(scope="module")
async def synth() -> AsyncIterator[PiperSynth]:
    voice = PiperSynth()
    await voice.warm()  # seconds, once for the module
    yield voice
    await voice.aclose()


def piper_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "piper-tts"]


def test_piper_and_its_english_voice_are_installed() -> None:
    assert piper.available()
    assert PiperSynth.languages == {"en"}


async def test_speaks_english_as_ulaw_8k(synth: PiperSynth) -> None:
    heard = await listen(synth.stream(SENTENCES[1], "en"))
    assert 1.0 < heard.seconds < 6.0
    assert heard.loudness_dbfs > -30.0


async def test_first_sentence_plays_before_the_last_is_synthesised(synth: PiperSynth) -> None:
    heard = await listen(synth.stream(" ".join(SENTENCES), "en"))
    assert len(heard.chunks) >= len(SENTENCES)
    assert heard.first_after < heard.total_after / 2
    assert 6.0 < heard.seconds < 20.0


async def test_closing_midway_stops_the_worker(synth: PiperSynth) -> None:
    stream = synth.stream(" ".join(SENTENCES * 3), "en")
    await anext(stream)
    await stream.aclose()
    for _ in range(300):  # it finishes the sentence it is on, then stops
        if not piper_threads():
            break
        await asyncio.sleep(0.05)
    assert piper_threads() == []


async def test_other_languages_are_refused(synth: PiperSynth) -> None:
    with pytest.raises(SpeechError, match="Piper has no voice for 'et'"):
        await listen(synth.stream("Tere!", "et"))


async def test_a_model_without_a_known_digest_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    (tmp_path / "broken.onnx.json").write_text("{}")
    with pytest.raises(SpeechError, match=r"Piper voice .*broken\.onnx has no known SHA-256"):
        await listen(PiperSynth(model).stream("Hello.", "en"))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "I found two Sarahs: Sarah Chen in Engineering and Sarah Miller in Marketing. Which?",
            [
                "I found two Sarahs:",
                "Sarah Chen in Engineering and Sarah Miller in Marketing. Which?",
            ],
        ),
        ("Yes, that is right.", ["Yes, that is right."]),
        ("One moment, please.", ["One moment, please."]),
        (
            "Thanks. Sarah Chen, in Engineering, is on her way.",
            ["Thanks. Sarah Chen, in Engineering, is on her way."],
        ),
    ],
)
def test_a_long_first_sentence_is_cut_after_its_first_clause(text: str, pieces: list[str]) -> None:
    assert piper.lead_clause(text) == pieces


async def test_the_first_clause_plays_before_the_rest_of_its_sentence(synth: PiperSynth) -> None:
    text = (
        "I found two people called Sarah: Sarah Chen in Engineering and Sarah Miller in Marketing."
    )
    heard = await listen(synth.stream(text, "en"))
    assert len(heard.chunks) >= 2
    assert len(heard.chunks[0]) < len(heard.audio) / 2
