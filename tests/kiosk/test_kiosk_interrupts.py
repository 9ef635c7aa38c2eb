"""Cutting in at the kiosk behaves as on a call, because it is the same pipeline: the
visitor's voice over the receptionist clears the tablet's audio at once and only what was
heard is kept; a lone "mhm" costs nothing — the receptionist carries on from the word it
was cut at. The tablet is played by `KioskLine` (kiosk_support.py), which does what
kiosk.js does."""

from __future__ import annotations

import asyncio

import pytest

from channels.voice.stream_events import Clear
from tests.kiosk.kiosk_support import KioskLine, kiosk, said, session_row
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
pytestmark = [
    pytest.mark.usefixtures("demo_directory"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),  # the line, not the database
]

SARAHS = "I found two people who match: Sarah Chen in Engineering or Sarah Miller in Marketing."


async def ask_for_sarah(line: KioskLine, tts: InstantTts) -> int:
    await line.wait_quiet()
    assert line.captions()[0] == "Hello and welcome! Who are you here to see?"
    await line.say(espeak_ulaw("Hi, I'm here to see Sarah."))
    await line.wait_for(lambda: SARAHS in said(tts))
    return said(tts).index(SARAHS)


async def test_a_visitor_cuts_in_at_the_kiosk(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah", "Chen"]
    async with kiosk(server) as line:
        index = await ask_for_sarah(line, tts)
        await line.wait_for(lambda: len(line.echoed) > index)  # that sentence was heard
        await line.say(espeak_ulaw("Chen!"))
        await line.wait_for(lambda: line.count(Clear) == 1)
        await line.wait_for(lambda: "May I have your name, please?" in line.captions())
        assert "Chen" in line.captions("visitor")
        row = await session_row(server)
        assert row.state == "collect_visitor_info"
        _, cut, again, _ = row.transcript
        assert cut == {"who": "receptionist", "text": f"Hello! {SARAHS}", "cut_short": True}
        assert again == {"who": "visitor", "text": "Chen"}


async def test_a_mhm_at_the_kiosk_loses_no_words(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah", "mhm"]
    async with kiosk(server) as line:
        index = await ask_for_sarah(line, tts)
        await line.wait_for(lambda: len(line.echoed) >= index)
        await asyncio.sleep(0.5)  # some of the sentence naming the Sarahs has played
        await line.say(espeak_ulaw("mhm"))
        await line.wait_for(lambda: "Which one do you mean?" in said(tts))
        await line.wait_quiet()
        assert line.count(Clear) == 1
        resumed = said(tts)[index + 1]
        assert resumed != SARAHS and SARAHS.endswith(" " + resumed), resumed
        assert resumed in line.captions()  # the rest is shown as it is said
        row = await session_row(server)
        assert row.state == "disambiguate"
        assert "cut_short" not in row.transcript[1] and SARAHS in row.transcript[1]["text"]


@pytest.mark.parametrize("options", [{"voice_silence_seconds": 2.0}], indirect=True)
async def test_a_kiosk_left_alone_says_goodbye_and_resets(
    server: VoiceServer, tts: InstantTts
) -> None:
    tts.ms_per_char = 5
    async with kiosk(server) as line:
        await line.wait_for(lambda: line.closed_by_server, within=20)
        assert line.captions() == [
            "Hello and welcome! Who are you here to see?",
            "Sorry, I didn't hear anything. Are you still there?",
            "I still can't hear anyone, so I'll start over for the next visitor. Goodbye!",
        ]
    await server.wait_calls_over()
    row = await session_row(server)
    assert row.ended_at is not None and row.visit_id is None
