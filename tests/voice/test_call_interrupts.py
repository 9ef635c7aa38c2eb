"""Cutting in, listener noises, the keypad, silence, hanging up, a broken provider — each
through a real WebSocket with Twilio's side played by `TwilioLine`."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from channels.voice.metrics import CallMetrics
from channels.voice.stream_events import Clear, OutMark
from core.messages import VOICE_STYLE
from core.replies import Say, render
from core.store.models import ConversationSession
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import FRONT_DESK, TwilioLine, VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
pytestmark = pytest.mark.usefixtures("demo_directory")

SARAHS = "I found two people who match: Sarah Chen in Engineering or Sarah Miller in Marketing."


def spoken(key: str, language: str = "en") -> str:
    return render(Say(key), language, VOICE_STYLE)  # type: ignore[arg-type]


def said(tts: InstantTts) -> list[str]:
    return [text for text, _ in tts.said]


def metrics_of(server: VoiceServer) -> list[CallMetrics]:
    collected: list[CallMetrics] = []
    server.runtime.voice.on_call_end = collected.append
    return collected


async def session_row(server: VoiceServer) -> Any:
    [row] = await server.rows(ConversationSession)
    return row


async def ask_for_sarah(line: TwilioLine, tts: InstantTts) -> int:
    """Greeting heard, the caller asks for Sarah; returns when the answer begins to play.
    Answers the index in `tts.said` of the sentence naming both Sarahs."""
    await line.wait_quiet()
    await line.say(espeak_ulaw("Hi, I'm here to see Sarah."))
    await line.wait_for(lambda: SARAHS in said(tts))
    return said(tts).index(SARAHS)


async def test_a_barge_in_clears_the_line_and_only_what_was_heard_is_kept(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    metrics = metrics_of(server)
    tts.ms_per_char = 30  # the first sentence takes ~2.5 s, the question ~0.7 s
    stt.script = ["Hi, I'm here to see Sarah", "Chen"]
    async with server.line() as line:
        index = await ask_for_sarah(line, tts)
        # cut in just as the first sentence has played (Twilio echoed its mark)
        await line.wait_for(lambda: len(line.echoed) > index)
        await line.say(espeak_ulaw("Chen!"))
        await line.wait_for(lambda: line.count(Clear) == 1)
        await line.wait_for(lambda: "May I have your name, please?" in said(tts))
        row = await session_row(server)
        assert row.state == "collect_visitor_info"
        visitor, cut, again, _ = row.transcript
        assert visitor == {"who": "visitor", "text": "Hi, I'm here to see Sarah"}
        # "Which one do you mean?" was cut: the conversation holds what they heard
        assert cut == {"who": "receptionist", "text": f"Hello! {SARAHS}", "cut_short": True}
        assert again == {"who": "visitor", "text": "Chen"}
        await line.hang_up()
    await server.wait_calls_over()
    [call] = metrics
    [barge_in] = call.barge_ins
    assert 0 < barge_in.latency < 0.25  # first voiced frame → clear sent


async def test_a_backchannel_is_not_a_turn_and_the_receptionist_carries_on(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah", "mhm"]
    async with server.line() as line:
        index = await ask_for_sarah(line, tts)
        await line.wait_for(lambda: len(line.echoed) >= index)  # "Hello!" heard
        await asyncio.sleep(0.5)  # … and some of the 2.6 s sentence naming the Sarahs
        await line.say(espeak_ulaw("mhm"))
        await line.wait_for(lambda: "Which one do you mean?" in said(tts))
        await line.wait_quiet()
        # "mhm" cut the sentence naming the Sarahs: it carried on from the word it was
        # cut at (said again whole), not from the sentence's start
        assert line.count(Clear) == 1
        resumed = said(tts)[index + 1]
        assert resumed != SARAHS and SARAHS.endswith(" " + resumed), resumed
        row = await session_row(server)
        assert row.state == "disambiguate"
        assert [e["who"] for e in row.transcript] == ["visitor", "receptionist"]
        assert "cut_short" not in row.transcript[1]  # in the end they heard it all
        assert SARAHS in row.transcript[1]["text"]  # the heard head and the resumed rest
        assert len(stt.streams[0].finalized) == 2  # "mhm" was heard, and dropped


async def test_pressing_0_transfers_to_the_front_desk_with_a_summary(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: line.count(OutMark) >= 1)
        await line.press("0")
        await line.wait_for(lambda: line.closed_by_server)
    assert spoken("voice_transferring") in said(tts)
    call = server.twilio.calls[line.call_sid]
    [update] = call.updates
    assert "<Dial" in update["Twiml"] and FRONT_DESK in update["Twiml"]
    assert "summary=" in update["Twiml"]  # the whisper for whoever answers
    await server.wait_calls_over()
    assert (await session_row(server)).ended_at is not None


@pytest.mark.parametrize("options", [{"front_desk_phone": None}], indirect=True)
async def test_pressing_0_without_a_front_desk_number_says_so(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_quiet()
        await line.press("0")
        await line.wait_for(lambda: spoken("voice_no_transfer") in said(tts))
        assert not line.closed_by_server
    assert server.twilio.calls[line.call_sid].updates == []


async def test_pressing_2_switches_to_estonian(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_quiet()
        await line.press("2")
        await line.wait_for(lambda: ("Hästi, jätkame eesti keeles.", "et") in tts.said)
        row = await session_row(server)
        assert (row.language, row.language_known) == ("et", True)
        assert stt.streams[0].language == "et"


@pytest.mark.parametrize(
    "options", [{"voice_silence_seconds": 1.0, "front_desk_phone": None}], indirect=True
)
async def test_a_silent_caller_is_reprompted_then_told_goodbye(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: line.closed_by_server, within=15)
    texts = said(tts)
    reprompt = texts.index(spoken("voice_reprompt"))
    assert texts[reprompt + 1 :] == [spoken("voice_silence_goodbye")]
    assert server.twilio.calls[line.call_sid].status == "completed"


@pytest.mark.parametrize("options", [{"voice_silence_seconds": 1.0}], indirect=True)
async def test_a_silent_caller_is_put_through_when_there_is_a_front_desk(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: line.closed_by_server, within=15)
    assert said(tts)[-2:] == [spoken("voice_reprompt"), spoken("voice_silence_transfer")]
    assert FRONT_DESK in server.twilio.calls[line.call_sid].updates[0]["Twiml"]


async def test_a_caller_who_hangs_up_mid_sentence_leaves_nothing_running(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah"]
    async with server.line() as line:
        await ask_for_sarah(line, tts)
        await asyncio.sleep(0.3)
        await line.hang_up()
    await server.wait_calls_over()
    row = await session_row(server)
    assert row.ended_at is not None and row.transcript == []
    assert stt.streams[0].closed
    left = [
        t.get_name()
        for t in asyncio.all_tasks()
        if line.call_sid in t.get_name() or t.get_name().startswith("speech-")
    ]
    assert left == []


async def test_a_broken_recogniser_apologises_and_transfers(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    def broken(audio: bytes) -> str:
        raise ConnectionError("the recogniser went away")

    stt.recognise = broken
    async with server.line() as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Hello, I'm here to see Sarah."))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    texts = said(tts)
    assert texts[-2:] == [spoken("voice_sorry_technical"), spoken("voice_transferring")]
    assert FRONT_DESK in server.twilio.calls[line.call_sid].updates[0]["Twiml"]
