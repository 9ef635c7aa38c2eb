"""The call's edges, over a real Media Stream against the real app: pressing 0, hanging up
mid-sentence, a forged signature. The receptionist speaks with the instant stand-in voice
and the caller's words come from the stand-in recogniser (`ScriptedStt`); Twilio's REST
API is the stand-in, so a transfer is seen as the `<Dial>` the server sent it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from channels.twilio.signature import sign
from core.store.models import Notification, Visit
from frontdesk.runtime import Providers
from simulator.call import CallSimulator
from simulator.dial import CallSetup
from simulator.errors import SimulatorError
from simulator.script import Pause, Press, Say
from tests.standins.twilio_api import AUTH_TOKEN
from tests.voice.e2e_support import (
    FRONT_DESK,
    PhoneLine,
    instant_tts,
    phone_line,
    settings,
    sqlite_only,
    twilio,
)
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["phone_line", "settings", "sqlite_only", "twilio"]


@pytest.fixture
def db_url(sqlite_only: str) -> str:
    return sqlite_only  # see e2e_support.sqlite_only


@pytest.fixture
def stt() -> ScriptedStt:
    return ScriptedStt()


@pytest.fixture
def providers(stt: ScriptedStt) -> Providers:
    return Providers(stt=stt, tts=instant_tts(InstantTts(ms_per_char=20)))


async def test_pressing_0_transfers_the_call_to_the_front_desk_with_a_summary(
    phone_line: PhoneLine, stt: ScriptedStt
) -> None:
    stt.script = ["Hi, I'm here to see Priya Patel"]
    report, simulator = await phone_line.call(
        [Say("Hi, I'm here to see Priya Patel."), Press("0"), Pause(10)]  # then holds on
    )

    assert report.ended_by in {"twilio", "server"}, report.events
    call = phone_line.twilio.api.calls[simulator.call_sid]
    assert call.twiml is not None, call.updates
    dial = ET.fromstring(call.twiml).find("Dial")
    assert dial is not None, call.twiml
    number = dial.find("Number")
    assert number is not None and number.text == FRONT_DESK, call.twiml
    whisper = parse_qs(urlsplit(number.get("url", "")).query)
    assert "Priya Patel" in whisper["summary"][0], whisper  # nobody asks the caller twice
    session = await phone_line.session()
    assert session.ended_at is not None and session.transcript == []


async def test_a_caller_who_hangs_up_mid_sentence_leaves_nothing_behind(
    phone_line: PhoneLine, stt: ScriptedStt
) -> None:
    stt.script = ["Hi, I'm here to see"]
    # `call` fails if any task the call started is still running once it is over.
    report, _ = await phone_line.call([Say("Hi, I'm here to see Sarah Chen.", hangup_after=0.6)])

    assert report.ended_by == "caller"
    session = await phone_line.session()
    assert session.ended_at is not None and session.transcript == []
    assert await phone_line.rows(Visit) == [] and await phone_line.rows(Notification) == []
    assert phone_line.app.state.runtime.voice.calls == set()


async def test_a_forged_signature_is_refused_on_the_webhook_and_on_the_stream(
    phone_line: PhoneLine,
) -> None:
    forged = CallSimulator(
        CallSetup(
            base_url=phone_line.url,
            auth_token="not-the-token",
            public_url=phone_line.settings.public_url,
        )
    )
    with pytest.raises(SimulatorError, match="refused the webhook's signature"):
        await forged.run([Say("Hi")])

    stream = phone_line.settings.public_url.replace("https://", "wss://") + "/twilio/media"
    socket = phone_line.url.replace("http://", "ws://") + "/twilio/media"
    for signature in (None, sign("not-the-token", stream, {}), sign(AUTH_TOKEN, socket, {})):
        headers = {"X-Twilio-Signature": signature} if signature else {}
        with pytest.raises(InvalidStatus) as refused:
            async with connect(
                socket, additional_headers=headers, open_timeout=10, compression=None
            ):
                pass
        assert refused.value.response.status_code == 403
    assert await phone_line.rows(Visit) == []
