"""One call end to end through a real WebSocket: Twilio's side played by `TwilioLine`,
the speech providers by the instant stand-ins (the caller's audio is real espeak-ng speech,
so VAD and turn-taking run for real; what it says comes from the script)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from channels.voice import twilio_stream as ts
from core.messages import VOICE_STYLE
from core.replies import Say, render
from core.store.db import create_engine, create_sessionmaker
from core.store.models import ConversationSession, Visit
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import Running, twilio, twilio_settings
from tests.voice.call_support import TwilioLine
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices

__all__ = ["twilio"]
US_CALLER = "+12025550123"
FRONT_DESK = "+3725550000"


@pytest.fixture
def settings(db_url: str, tmp_path: Path, twilio: Running) -> Settings:
    return make_settings(
        db_url,
        tmp_path,
        **twilio_settings(twilio.url),
        front_desk_phone=FRONT_DESK,
        voice_silence_seconds=4.0,
    )


@pytest.fixture
def tts() -> InstantTts:
    return InstantTts(ms_per_char=8)


@pytest.fixture
def stt() -> ScriptedStt:
    return ScriptedStt()


@pytest.fixture
def providers(stt: ScriptedStt, tts: InstantTts) -> Providers:
    return Providers(stt=stt, tts=instant_voices(tts))


@pytest.fixture
async def line_for(live_server: str, settings: Settings, twilio: Running) -> AsyncIterator[object]:
    lines: list[TwilioLine] = []

    def make(caller: str = US_CALLER) -> TwilioLine:
        sid = twilio.api.add_call(from_=caller)
        line = TwilioLine(live_server, settings, sid, caller=caller)
        lines.append(line)
        return line

    yield make
    for line in lines:
        await line.close()


def spoken(key: str, language: str = "en") -> str:
    return render(Say(key), language, VOICE_STYLE)  # type: ignore[arg-type]


async def test_the_greeting_in_the_callers_language_and_the_keypad_offer(
    line_for, tts: InstantTts
) -> None:
    async with line_for("+3725551234") as line:
        await line.wait_for(lambda: len(line.marks()) >= 3)
        assert line.count(ts.OutMedia) > 0
    assert tts.said[:3] == [
        (spoken("voice_greeting", "et"), "et"),
        (spoken("voice_keypad_choice", "en"), "en"),
        (spoken("voice_keypad_choice", "ru"), "ru"),
    ]


async def _rows(settings: Settings, model: type) -> list:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            return list((await db.scalars(sa.select(model))).all())
    finally:
        await engine.dispose()


@pytest.mark.usefixtures("demo_directory")
async def test_a_check_in_call(
    line_for, stt: ScriptedStt, tts: InstantTts, settings: Settings, twilio: Running
) -> None:
    stt.script = ["Hi, I'm Tom Baker from Acme, here to see Priya", "yes"]
    async with line_for() as line:
        await line.wait_quiet()  # the greeting has played
        await line.say(espeak_ulaw("Hi, I'm Tom Baker from Acme, here to see Priya."))
        await line.wait_for(lambda: any("Priya Patel" in text for text, _ in tts.said))
        await line.wait_quiet()
        await line.say(espeak_ulaw("Yes."))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    [visit] = await _rows(settings, Visit)
    assert (visit.visitor_name, visit.company, visit.host_name, visit.channel) == (
        "Tom Baker",
        "Acme",
        "Priya Patel",
        "voice",
    )
    [session] = await _rows(settings, ConversationSession)
    assert session.ended_at is not None and session.state == "complete"
    call = twilio.api.calls[line.call_sid]
    assert call.status == "completed"  # hung up through Twilio's REST API after goodbye
    [stream] = stt.streams
    assert stream.closed and "Priya Patel" in stream.keyterms
    assert stream.language == "en"  # locked after the first utterance
