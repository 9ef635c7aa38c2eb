"""Azure Speech against its stand-in: SSML with the right voice per language, the text
escaped, μ-law 8 kHz streamed through, and failures that name Azure."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from channels.voice.tts.azure import AzureSynth, endpoint
from channels.voice.tts.base import SpeechError
from core.messages import Language
from tests.standins import azure_speech
from tests.standins.azure_speech import KEY, AzureSpeechStandIn
from tests.standins.elevenlabs import Dropped
from tests.standins.server import Failure, LoopbackServer
from tests.standins.tts_audio import CHUNKS, speech_for
from tests.voice.tts_helpers import listen

LINES: dict[Language, str] = {
    "en": "Sarah Chen is on her way.",
    "et": "Sarah Chen on teel, palun oodake fuajees.",
    "ru": "Сара Чен уже идёт, подождите, пожалуйста, в холле.",
}


@pytest.fixture
async def standin() -> AsyncIterator[tuple[AzureSpeechStandIn, str]]:
    api = AzureSpeechStandIn()
    server = LoopbackServer(api.app())
    url = await server.start()
    yield api, url
    await server.stop()


@pytest.fixture
async def synth(standin: tuple[AzureSpeechStandIn, str]) -> AsyncIterator[AzureSynth]:
    voice = AzureSynth(KEY, region="westeurope", base_url=standin[1])
    yield voice
    await voice.aclose()


def test_the_endpoint_is_the_regions_unless_overridden() -> None:
    assert (
        endpoint("westeurope") == "https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1"
    )
    assert endpoint("x", "http://127.0.0.1:9/") == "http://127.0.0.1:9/cognitiveservices/v1"


@pytest.mark.parametrize(
    ("language", "locale", "voice"),
    [
        ("en", "en-US", "en-US-JennyNeural"),
        ("et", "et-EE", "et-EE-AnuNeural"),
        ("ru", "ru-RU", "ru-RU-SvetlanaNeural"),
    ],
)
async def test_each_language_gets_its_neural_voice(
    standin: tuple[AzureSpeechStandIn, str],
    synth: AzureSynth,
    language: Language,
    locale: str,
    voice: str,
) -> None:
    heard = await listen(synth.stream(LINES[language], language))
    [request] = standin[0].requests
    assert (request["locale"], request["voice"]) == (locale, voice)
    assert request["text"] == LINES[language]
    assert request["format"] == "raw-8khz-8bit-mono-mulaw"
    assert request["user_agent"]
    assert heard.audio == speech_for(LINES[language])
    assert len(heard.chunks) >= CHUNKS - 1
    assert heard.first_after < heard.total_after / 2


async def test_text_is_escaped_not_read_as_markup(
    standin: tuple[AzureSpeechStandIn, str], synth: AzureSynth
) -> None:
    text = "Tom & Jerry <break time='5s'/> said \"hi\" \x07"
    await listen(synth.stream(text, "en"))
    assert standin[0].requests[0]["text"] == "Tom & Jerry <break time='5s'/> said \"hi\""


async def test_a_wrong_key_says_so(standin: tuple[AzureSpeechStandIn, str]) -> None:
    voice = AzureSynth("wrong", region="westeurope", base_url=standin[1])
    with pytest.raises(SpeechError, match=r"Azure Speech: the subscription key .* \(401\)"):
        await listen(voice.stream("Hello.", "en"))
    await voice.aclose()


async def test_an_unknown_voice_is_reported_with_azures_words(
    standin: tuple[AzureSpeechStandIn, str],
) -> None:
    voice = AzureSynth(
        KEY, region="westeurope", base_url=standin[1], voices={"et": ("et-EE", "et-EE-NoSuch")}
    )
    assert voice.languages == {"et"}
    with pytest.raises(SpeechError, match=r"\(400\): Unsupported voice et-EE-NoSuch"):
        await listen(voice.stream("Tere!", "et"))
    with pytest.raises(SpeechError, match="Azure Speech: no voice configured for 'ru'"):
        await listen(voice.stream("Привет", "ru"))
    await voice.aclose()


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (Failure(status=429, retry_after=1), r"Azure Speech: too many requests .*\(429\)"),
        (Failure(status=500), r"Azure Speech: the service failed \(500\)"),
        (Failure(status=502), r"Azure Speech: the service failed \(502\)"),
        (Dropped(after_chunks=1), "Azure Speech: the audio stream broke off"),
    ],
)
async def test_failures_are_clear(
    standin: tuple[AzureSpeechStandIn, str], synth: AzureSynth, failure: Failure, message: str
) -> None:
    standin[0].script.fail(azure_speech.SYNTHESIZE, failure)
    with pytest.raises(SpeechError, match=message):
        await listen(synth.stream(LINES["et"], "et"))
    heard = await listen(synth.stream(LINES["et"], "et"))  # the next sentence is fine
    assert heard.audio == speech_for(LINES["et"])
