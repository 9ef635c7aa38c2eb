"""ElevenLabs against its stand-in: the request as the API documents it, the μ-law body
passed through as it streams, and every failure a SpeechError that names ElevenLabs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from channels.voice.tts.base import SpeechError
from channels.voice.tts.elevenlabs import ElevenLabsSynth, model_languages
from tests.standins import elevenlabs
from tests.standins.elevenlabs import API_KEY, VOICE_ID, Dropped, ElevenLabsStandIn
from tests.standins.server import Failure, LoopbackServer
from tests.standins.tts_audio import CHUNKS, speech_for
from tests.voice.tts_helpers import listen

TEXT = "I found two people called Sarah. Which one would you like to see?"


@pytest.fixture
async def standin() -> AsyncIterator[tuple[ElevenLabsStandIn, str]]:
    api = ElevenLabsStandIn()
    server = LoopbackServer(api.app())
    url = await server.start()
    yield api, url
    await server.stop()


@pytest.fixture
async def synth(standin: tuple[ElevenLabsStandIn, str]) -> AsyncIterator[ElevenLabsSynth]:
    voice = ElevenLabsSynth(
        API_KEY, voice_id=VOICE_ID, model="eleven_flash_v2_5", base_url=standin[1]
    )
    yield voice
    await voice.aclose()


async def test_request_is_shaped_as_the_api_documents(
    standin: tuple[ElevenLabsStandIn, str], synth: ElevenLabsSynth
) -> None:
    await listen(synth.stream(f"  {TEXT}\n", "ru"))
    [request] = standin[0].requests
    assert request["voice_id"] == VOICE_ID
    assert request["query"]["output_format"] == "ulaw_8000"
    assert request["query"]["optimize_streaming_latency"] == "3"
    assert request["body"]["text"] == TEXT
    assert request["body"]["model_id"] == "eleven_flash_v2_5"
    assert request["body"]["language_code"] == "ru"
    assert set(request["body"]["voice_settings"]) == {"stability", "similarity_boost"}


async def test_streamed_audio_passes_through_chunk_by_chunk(synth: ElevenLabsSynth) -> None:
    heard = await listen(synth.stream(TEXT, "en"))
    assert heard.audio == speech_for(TEXT)  # μ-law 8 kHz, untouched
    assert len(heard.chunks) >= CHUNKS - 1  # as sent, not buffered into one
    assert heard.first_after < heard.total_after / 2


def test_flash_has_no_estonian() -> None:
    assert model_languages("eleven_flash_v2_5") == {"en", "ru"}
    assert model_languages("eleven_flash_v2") == {"en"}
    assert model_languages("eleven_v3") == {"en", "et", "ru"}


async def test_a_language_the_model_lacks_is_refused_without_a_request(
    standin: tuple[ElevenLabsStandIn, str], synth: ElevenLabsSynth
) -> None:
    with pytest.raises(SpeechError, match=r"ElevenLabs: model eleven_flash_v2_5 .* 'et'"):
        await listen(synth.stream("Tere!", "et"))
    assert standin[0].requests == []


async def test_a_wrong_key_says_so(standin: tuple[ElevenLabsStandIn, str]) -> None:
    voice = ElevenLabsSynth(
        "wrong", voice_id=VOICE_ID, model="eleven_flash_v2_5", base_url=standin[1]
    )
    with pytest.raises(SpeechError, match=r"ElevenLabs: the API key was refused \(401\)"):
        await listen(voice.stream(TEXT, "en"))
    await voice.aclose()


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (Failure(status=429), r"ElevenLabs: too many .* \(429\): too_many_concurrent_requests"),
        (Failure(status=500), r"ElevenLabs: the service failed \(500\): internal_error"),
        (Failure(status=503), r"ElevenLabs: the service failed \(503\)"),
    ],
)
async def test_refusals_are_clear(
    standin: tuple[ElevenLabsStandIn, str], synth: ElevenLabsSynth, failure: Failure, message: str
) -> None:
    standin[0].script.fail(elevenlabs.STREAM, failure)
    with pytest.raises(SpeechError, match=message):
        await listen(synth.stream(TEXT, "en"))


async def test_a_stream_that_breaks_off_is_an_error_after_the_audio_so_far(
    standin: tuple[ElevenLabsStandIn, str], synth: ElevenLabsSynth
) -> None:
    standin[0].script.fail(elevenlabs.STREAM, Dropped(after_chunks=2))
    received: list[bytes] = []
    with pytest.raises(SpeechError, match="ElevenLabs: the audio stream broke off"):
        async for chunk in synth.stream(TEXT, "en"):
            received.append(chunk)
    assert 0 < len(b"".join(received)) < len(speech_for(TEXT))


async def test_closing_midway_then_speaking_again(synth: ElevenLabsSynth) -> None:
    stream = synth.stream(TEXT, "en")
    assert await anext(stream)
    await stream.aclose()  # barge-in: the response is closed, its connection released
    heard = await listen(synth.stream("Of course.", "en"))
    assert heard.audio == speech_for("Of course.")


async def test_blank_text_makes_no_request(
    standin: tuple[ElevenLabsStandIn, str], synth: ElevenLabsSynth
) -> None:
    assert (await listen(synth.stream(" ", "en"))).chunks == []
    assert standin[0].requests == []
