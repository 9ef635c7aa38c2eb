"""Deepgram's client against a loopback stand-in speaking its wire protocol: the first
utterance identified by the pre-recorded API, then a streaming socket locked to that
language; names sent as keyterms; Finalize answered by the utterance's transcript;
KeepAlive through silence; a bad key; a dropped socket reopened once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from channels.voice import codec
from channels.voice.stt.deepgram import Deepgram, keyterms_for
from channels.voice.stt.deepgram_stream import DeepgramStream
from channels.voice.stt.errors import SttAuthError, SttError
from tests.standins.deepgram import API_KEY, DeepgramStandIn, serve

NAMES = ["Kadri Kask", "Sarah Chen", "Tõnu Õunapuu"]
SECOND = codec.SAMPLE_RATE  # μ-law bytes per second of audio
SPEECH = bytes([0x20]) * SECOND  # stands for a second of the caller talking


@pytest.fixture
def stand_in() -> DeepgramStandIn:
    return DeepgramStandIn()


@pytest.fixture
async def deepgram(stand_in: DeepgramStandIn) -> AsyncIterator[Deepgram]:
    async with serve(stand_in) as url:
        provider = Deepgram(API_KEY, base_url=url, keepalive_seconds=0.2, finalize_timeout=1.0)
        yield provider
        await provider.aclose()


async def say(stream: DeepgramStream, audio: bytes = SPEECH) -> None:
    for frame in codec.frames(audio):
        await stream.send(frame)


async def eventually(check: Callable[[], bool], limit: float = 3.0) -> None:
    """Wait (bounded) for the stream's background tasks to make `check()` true."""
    deadline = asyncio.get_running_loop().time() + limit
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


async def test_first_utterance_is_identified_then_the_socket_is_locked_to_it(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("et", "Tere, ma tulin Kadri Kaski juurde.")
    stand_in.hear("et", "Jah,", "aitäh.")
    stream = await deepgram.open(None, keyterms=NAMES)
    assert not stand_in.streams  # no language yet: no socket

    await say(stream)
    first = await stream.finalize()
    assert (first.text, first.language) == ("Tere, ma tulin Kadri Kaski juurde.", "et")
    [request] = stand_in.requests
    assert request.param("detect_language") == ["en", "et", "ru"]
    assert request.param("keyterm") == NAMES
    assert request.param("model") == ["nova-3"]
    assert request.audio_bytes == SECOND

    await stream.set_language("et")  # what the call does; already locked, nothing changes
    await say(stream)
    second = await stream.finalize()
    assert (second.text, second.language) == ("Jah, aitäh.", "et")

    [socket] = stand_in.streams
    assert socket.param("language") == ["et"]
    assert socket.param("keyterm") == NAMES
    assert socket.param("encoding") == ["mulaw"] and socket.param("sample_rate") == ["8000"]
    assert socket.param("interim_results") == ["true"]
    assert socket.param("model") == ["nova-3"]
    assert socket.audio_bytes == SECOND
    assert socket.finalizes == 1

    await stream.close()
    assert socket.close_stream and socket.closed_by == "close_stream"
    assert socket.sent[-1]["type"] == "Metadata"


async def test_a_known_language_streams_from_the_first_word(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("en", "Hi, I'm here to see", "Sarah Chen.")
    stream = await deepgram.open("en", keyterms=NAMES)
    await say(stream)
    transcript = await stream.finalize()
    await stream.close()

    assert (transcript.text, transcript.language) == ("Hi, I'm here to see Sarah Chen.", "en")
    assert not stand_in.requests
    [socket] = stand_in.streams
    finals = [m for m in socket.sent if m["type"] == "Results" and m["is_final"]]
    assert [m["from_finalize"] for m in finals] == [False, True]  # endpointed, then flushed
    assert any(not m["is_final"] for m in socket.sent if m["type"] == "Results")  # interims


async def test_keepalive_holds_a_quiet_socket_open(stand_in: DeepgramStandIn) -> None:
    stand_in.idle_timeout = 0.5
    stand_in.hear("en", "Still there.")
    async with serve(stand_in) as url:
        provider = Deepgram(API_KEY, base_url=url, keepalive_seconds=0.2)
        stream = await provider.open("en")
        await asyncio.sleep(1.2)  # the caller listens: no audio for longer than the timeout
        [socket] = stand_in.streams
        assert socket.keepalives >= 3 and socket.closed_by is None
        await say(stream)
        assert (await stream.finalize()).text == "Still there."
        await stream.close()
        await provider.aclose()
    assert len(stand_in.streams) == 1


async def test_discarded_noise_does_not_leak_into_the_next_utterance(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("en", "uh huh", "cough")
    stand_in.hear("en", "I have a delivery.")
    stream = await deepgram.open("en")
    await say(stream, SPEECH[: SECOND // 2])  # the stand-in endpoints "uh huh" at 0.4 s
    await eventually(lambda: len(stream._finals) == 1)
    stream.discard()  # it was noise
    await say(stream)
    transcript = await stream.finalize()
    await stream.close()
    assert transcript.text == "I have a delivery."
    assert stand_in.streams[0].finalizes == 2  # the noise was flushed, then the utterance


async def test_a_bad_key_is_a_clear_error(stand_in: DeepgramStandIn) -> None:
    async with serve(stand_in) as url:
        provider = Deepgram("not-the-key", base_url=url)
        with pytest.raises(SttAuthError, match=r"rejected the API key \(HTTP 401\)"):
            await provider.open("en")
        stream = await provider.open(None)
        await say(stream)
        with pytest.raises(SttAuthError):
            await stream.finalize()
        await stream.close()
        await provider.aclose()


async def test_an_unreachable_api_is_an_error_not_a_hang() -> None:
    provider = Deepgram(API_KEY, base_url="http://127.0.0.1:9", connect_timeout=1.0)
    with pytest.raises(SttError, match="unreachable"):
        await provider.open("ru")
    await provider.aclose()


async def test_a_dropped_socket_is_reopened_and_the_utterance_sent_again(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("ru", "Здравствуйте, я к Сара Чен.")
    stand_in.drops.append(SECOND // 2)  # the first socket dies half-way through
    stream = await deepgram.open("ru", keyterms=NAMES)
    await say(stream)
    await eventually(lambda: len(stand_in.streams) == 2 and stream.connected)
    transcript = await stream.finalize()
    await stream.close()

    assert (transcript.text, transcript.language) == ("Здравствуйте, я к Сара Чен.", "ru")
    first, second = stand_in.streams
    assert first.closed_by == "drop"
    assert second.audio_bytes == SECOND  # the whole utterance, not just what came after
    assert second.param("language") == ["ru"] and second.param("keyterm") == NAMES


async def test_after_a_second_drop_utterances_go_to_the_prerecorded_api(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("en", "Hello?")
    stand_in.hear("en", "Hello, is anyone there?")
    stand_in.drops.extend([SECOND // 4, SECOND // 4])
    stream = await deepgram.open("en")
    await say(stream)
    await eventually(lambda: len(stand_in.streams) == 2 and stand_in.streams[1].closed_by == "drop")
    await asyncio.sleep(0.05)
    assert not stream.connected
    first = await stream.finalize()
    await say(stream)
    second = await stream.finalize()
    await stream.close()

    assert [first.text, second.text] == ["Hello?", "Hello, is anyone there?"]
    assert len(stand_in.streams) == 2  # reopened once, not again
    assert [r.param("language") for r in stand_in.requests] == [["en"], ["en"]]


async def test_switching_language_opens_a_new_socket(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("ru", "Говорите по-русски?")
    stream = await deepgram.open("en")
    await stream.set_language("ru")
    await say(stream)
    transcript = await stream.finalize()
    await stream.close()
    assert (transcript.text, transcript.language) == ("Говорите по-русски?", "ru")
    assert [s.param("language") for s in stand_in.streams] == [["en"], ["ru"]]
    assert stand_in.streams[0].close_stream


async def test_empty_utterance_and_keyterm_caps(deepgram: Deepgram) -> None:
    stream = await deepgram.open(None)
    assert (await stream.finalize()).text == ""
    await stream.close()
    many = keyterms_for([f"Person {i}" for i in range(200)] + ["x" * 500])
    assert len(many) == 50 and all(len(t) <= 60 for t in many)
    assert keyterms_for(["  Sarah   Chen ", "Sarah Chen", ""]) == ["Sarah Chen"]


async def test_interim_is_the_finals_and_the_latest_interim_of_the_utterance(
    deepgram: Deepgram, stand_in: DeepgramStandIn
) -> None:
    stand_in.hear("en", "I'm here to see", "Sarah Chen")
    stream = await deepgram.open("en", keyterms=NAMES)
    assert stream.interim_live
    await say(stream, SPEECH[: SECOND * 7 // 10])  # 0.7 s: one phrase final, one interim
    await eventually(lambda: stream._interim != "")
    assert await stream.interim() == "I'm here to see Sarah"  # the stand-in's half phrase
    transcript = await stream.finalize()
    assert transcript.text == "I'm here to see Sarah Chen"
    assert await stream.interim() == ""  # a new utterance: nothing said yet
    await stream.close()


async def test_no_interim_before_the_language_is_known(deepgram: Deepgram) -> None:
    stream = await deepgram.open(None, keyterms=NAMES)  # the first utterance: pre-recorded
    await say(stream)
    assert await stream.interim() is None
    await stream.close()
