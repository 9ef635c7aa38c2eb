"""How calls end: asked for a person, hung up on while espeak-ng is speaking (its process
must not outlive the call)."""

from __future__ import annotations

import asyncio

import pytest

from channels.voice.tts.espeak import EspeakSynth
from core.store.models import ConversationSession
from frontdesk.runtime import Providers
from tests.voice.call_fixtures import options, server, settings, stt, tts, twilio
from tests.voice.call_support import FRONT_DESK, VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices
from tests.voice.tts_helpers import children_named

__all__ = ["options", "server", "settings", "stt", "tts", "twilio"]
pytestmark = pytest.mark.usefixtures("demo_directory")


@pytest.fixture
def espeak() -> bool:
    return False


@pytest.fixture
def providers(stt: ScriptedStt, tts: InstantTts, espeak: bool) -> Providers:
    if espeak:
        return Providers(stt=stt, tts=dict.fromkeys(("en", "et", "ru"), EspeakSynth()))
    return Providers(stt=stt, tts=instant_voices(tts))


async def test_asking_for_a_person_says_the_reply_then_transfers(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    stt.script = ["Can I speak to a person, please?"]
    async with server.line() as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Can I speak to a person, please?"))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    said = [text for text, _ in tts.said]
    assert "Someone from the front desk will be with you shortly." in said
    [update] = server.twilio.calls[line.call_sid].updates
    assert FRONT_DESK in update["Twiml"]
    [row] = await server.rows(ConversationSession)
    assert row.state == "transfer_human" and row.ended_at is not None


@pytest.mark.parametrize("espeak", [True])
async def test_hanging_up_while_espeak_speaks_leaves_no_process(
    server: VoiceServer, stt: ScriptedStt
) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: len(line.received) > 0)  # the greeting has begun
        await line.hang_up()
    await server.wait_calls_over()
    for _ in range(50):
        if not children_named("espeak-ng"):
            break
        await asyncio.sleep(0.02)
    assert children_named("espeak-ng") == []
    assert stt.streams[0].closed
