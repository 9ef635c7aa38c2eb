"""A caller who says nothing, over a real Media Stream against the real app: the line
carries silence (and faint comfort noise) the whole time. With no front desk to hand over
to, the receptionist asks again, then says goodbye and hangs up through Twilio's REST API.
`voice_silence_seconds` is 2 s here (8 s by default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.messages import VOICE_STYLE
from core.replies import Say, render
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from simulator.script import Pause
from tests.standins.fixtures import Running
from tests.voice.e2e_support import (
    PhoneLine,
    instant_tts,
    line_settings,
    phone_line,
    sqlite_only,
    twilio,
)
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["phone_line", "sqlite_only", "twilio"]


@pytest.fixture
def db_url(sqlite_only: str) -> str:
    return sqlite_only  # see e2e_support.sqlite_only


@pytest.fixture
def settings(db_url: str, tmp_path: Path, twilio: Running) -> Settings:
    return line_settings(db_url, tmp_path, twilio, front_desk_phone=None, voice_silence_seconds=2.0)


@pytest.fixture
def tts() -> InstantTts:
    return InstantTts(ms_per_char=20)


@pytest.fixture
def providers(tts: InstantTts) -> Providers:
    return Providers(stt=ScriptedStt(), tts=instant_tts(tts))


async def test_a_silent_caller_is_asked_again_then_told_goodbye_and_hung_up_on(
    phone_line: PhoneLine, tts: InstantTts
) -> None:
    report, simulator = await phone_line.call([Pause(20)], comfort_noise_dbfs=-70.0)

    assert report.ended_by in {"twilio", "server"}, report.events  # not after the full 20 s
    said = [text for text, _ in tts.said]
    reprompt = render(Say("voice_reprompt"), "en", VOICE_STYLE)
    goodbye = render(Say("voice_silence_goodbye"), "en", VOICE_STYLE)
    assert said.count(reprompt) == 1 and said[-1] == goodbye, said
    call = phone_line.twilio.api.calls[simulator.call_sid]
    assert call.status == "completed", call.updates
    session = await phone_line.session()
    assert session.ended_at is not None
