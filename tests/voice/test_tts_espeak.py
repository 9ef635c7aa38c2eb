"""espeak-ng, for real: the embedded voice speaks en, et and ru as μ-law 8 kHz, streams,
and leaves no process behind when the caller cuts it off."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import pytest

from channels.voice.tts.base import SpeechError
from channels.voice.tts.espeak import EspeakSynth, installed_voices
from core.messages import Language
from tests.voice.tts_helpers import children_named, listen

LINES: dict[Language, str] = {
    "en": "Hello! I found two people called Sarah. Which one would you like to see?",
    "et": "Tere! Leidsin kaks inimest nimega Sarah. Kellega te soovite kohtuda?",
    "ru": "Здравствуйте! Я нашла двух сотрудниц по имени Сара. С кем вы хотите встретиться?",
}
LONG_TEXT = " ".join([LINES["en"]] * 12)  # ~45 s of speech: far more than the pipes hold


def test_languages_are_the_installed_voices() -> None:
    voices = installed_voices()
    assert set(voices) == {"en", "et", "ru"}
    assert voices["en"] in {"en-us", "en"}
    assert EspeakSynth().languages == frozenset(voices)


@pytest.mark.parametrize("language", ["en", "et", "ru"])
async def test_speaks_each_language_as_ulaw_8k(language: Language) -> None:
    synth = EspeakSynth()
    heard = await listen(synth.stream(LINES[language], language))
    # ~12 words at 160 wpm: a few seconds, not milliseconds and not a minute.
    assert 2.0 < heard.seconds < 12.0
    assert heard.loudness_dbfs > -35.0
    assert len(heard.chunks) > 1
    await synth.aclose()


async def test_first_chunk_comes_while_the_text_is_still_being_spoken() -> None:
    synth = EspeakSynth()
    stream = synth.stream(LONG_TEXT, "en")
    first = await anext(stream)
    assert first
    # ~45 s of audio is ~2 MB of PCM, more than the pipe and the reader buffer hold:
    # had espeak-ng finished, it would have exited; it is still at work.
    assert [state for _, state in children_named("espeak-ng")] not in ([], ["Z"])
    rest = await listen(stream)
    assert rest.seconds > 30.0


async def test_closing_the_stream_midway_kills_and_reaps_espeak() -> None:
    synth = EspeakSynth()
    stream = synth.stream(LONG_TEXT, "ru" if "ru" in synth.languages else "en")
    await anext(stream)
    assert children_named("espeak-ng")
    await stream.aclose()
    assert children_named("espeak-ng") == []
    gc.collect()  # an unclosed pipe transport would warn here (warnings are errors)


async def test_cancelling_the_speaking_task_kills_and_reaps_espeak() -> None:
    synth = EspeakSynth()
    started = asyncio.Event()

    async def speak() -> None:
        async with contextlib.aclosing(synth.stream(LONG_TEXT, "en")) as stream:
            async for _ in stream:
                started.set()
                await asyncio.sleep(0.01)  # a player pacing frames out

    task = asyncio.create_task(speak())
    await started.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert children_named("espeak-ng") == []
    gc.collect()


async def test_an_abandoned_stream_is_reaped_once_garbage_collected() -> None:
    stream = EspeakSynth().stream(LONG_TEXT, "en")
    await anext(stream)
    del stream
    gc.collect()  # the event loop's async-generator finaliser schedules the close
    for _ in range(200):
        if not children_named("espeak-ng"):
            break
        await asyncio.sleep(0.01)
    assert children_named("espeak-ng") == []


async def test_a_language_without_a_voice_is_a_clear_error() -> None:
    synth = EspeakSynth(voices={"en": "en-us"})
    assert synth.languages == {"en"}
    with pytest.raises(SpeechError, match=r"espeak-ng has no voice.*'et'"):
        await listen(synth.stream("Tere!", "et"))


async def test_a_missing_binary_is_a_clear_error(tmp_path: object) -> None:
    synth = EspeakSynth(voices={"en": "en-us"}, binary="/nonexistent/espeak-ng")
    with pytest.raises(SpeechError, match="espeak-ng could not be started"):
        await listen(synth.stream("Hello", "en"))


async def test_text_that_looks_like_options_is_spoken_not_obeyed() -> None:
    heard = await listen(EspeakSynth().stream("--version -v ru", "en"))
    assert heard.seconds > 0.5
    assert children_named("espeak-ng") == []


async def test_blank_text_is_silence_without_a_process() -> None:
    heard = await listen(EspeakSynth().stream("  \n ", "en"))
    assert heard.chunks == []
