"""One call end to end through a real WebSocket: Twilio's side played by `TwilioLine`,
the speech providers by the instant stand-ins (the caller's audio is real espeak-ng speech,
so VAD and turn-taking run for real; what it says comes from the script)."""

from __future__ import annotations

import pytest

from channels.voice.stream_events import OutMedia
from core.messages import VOICE_STYLE
from core.replies import Say, render
from core.store.models import ConversationSession, Visit
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]


def spoken(key: str, language: str = "en") -> str:
    return render(Say(key), language, VOICE_STYLE)  # type: ignore[arg-type]


async def test_the_greeting_in_the_callers_language_and_the_keypad_offer(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line("+3725551234") as line:
        await line.wait_for(lambda: len(line.marks()) >= 3)
        assert line.count(OutMedia) > 0
    assert tts.said[:3] == [
        (spoken("voice_greeting", "et"), "et"),
        (spoken("voice_keypad_choice", "en"), "en"),
        (spoken("voice_keypad_choice", "ru"), "ru"),
    ]
    await server.wait_calls_over()


@pytest.mark.parametrize("options", [{"record_calls": True}], indirect=True)
async def test_with_recording_on_the_caller_is_told_first(
    server: VoiceServer, tts: InstantTts
) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: len(line.echoed) >= 1)
        await line.wait_for(lambda: bool(server.twilio.calls[line.call_sid].recordings))
    assert tts.said[0] == (spoken("voice_recording_notice"), "en")
    assert tts.said[1] == (spoken("voice_greeting"), "en")


async def test_without_recording_nothing_is_recorded(server: VoiceServer, tts: InstantTts) -> None:
    async with server.line() as line:
        await line.wait_quiet()
    assert spoken("voice_recording_notice") not in [text for text, _ in tts.said]
    assert server.twilio.calls[line.call_sid].recordings == []


@pytest.mark.usefixtures("demo_directory")
async def test_a_check_in_call(server: VoiceServer, stt: ScriptedStt, tts: InstantTts) -> None:
    stt.script = ["Hi, I'm Tom Baker from Acme, here to see Priya", "yes"]
    async with server.line() as line:
        await line.wait_quiet()  # the greeting has played
        await line.say(espeak_ulaw("Hi, I'm Tom Baker from Acme, here to see Priya."))
        await line.wait_for(lambda: any("Priya Patel" in text for text, _ in tts.said))
        await line.wait_quiet()
        await line.say(espeak_ulaw("Yes."))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    [visit] = await server.rows(Visit)
    assert (visit.visitor_name, visit.company, visit.host_name, visit.channel) == (
        "Tom Baker",
        "Acme",
        "Priya Patel",
        "voice",
    )
    [session] = await server.rows(ConversationSession)
    assert session.ended_at is not None and session.state == "complete"
    assert server.twilio.calls[line.call_sid].status == "completed"  # hung up via REST
    [stream] = stt.streams
    assert stream.closed and "Priya Patel" in stream.keyterms
    assert stream.language == "en"  # locked to the language of the first utterance


async def test_a_message_for_the_caller_sent_later_is_spoken(
    server: VoiceServer, tts: InstantTts
) -> None:
    """The host's answer reaches a caller still on the line, as it reaches a web visitor."""
    from core.store.sessions import push_event

    async with server.line() as line:
        await line.wait_quiet()
        [session] = await server.rows(ConversationSession)
        async with server.runtime.sessionmaker() as db, db.begin():
            await push_event(
                db,
                session.id,
                "host_response",
                {
                    "text": "Priya is on her way.",
                    "spoken": "Priya is on her way.",
                    "language": "en",
                },
            )
        await line.wait_for(lambda: ("Priya is on her way.", "en") in tts.said, within=10)
