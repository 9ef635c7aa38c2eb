"""Call control against the Twilio stand-in: what Twilio receives for each operation."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from channels.voice.control import (
    CallControlError,
    CallInfo,
    CallNotFound,
    InvalidNumber,
    NotConfigured,
    TwilioCallControl,
    phone_number,
)
from frontdesk.providers.telephony import call_control, twilio_account
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import Running, twilio, twilio_settings
from tests.standins.server import Failure
from tests.standins.twilio_api import (
    CALLS_CREATE,
    CALLS_UPDATE,
    LOBBY_NUMBER,
    RECORDINGS_CREATE,
)

__all__ = ["twilio"]

FRONT_DESK = "+3725550000"


def _settings(tmp_path: Path, url: str | None, **overrides: object) -> Settings:
    # No database is touched here: call control talks to Twilio only.
    values = {**twilio_settings(url), **overrides}
    return make_settings(f"sqlite+aiosqlite:///{tmp_path}/unused.db", tmp_path, **values)


def _plain(settings: Settings, *, timeout: float) -> TwilioCallControl:
    """Made with its plain constructor, as the wiring makes it."""
    account = twilio_account(settings)
    assert account is not None
    return TwilioCallControl(
        account,
        server_url=settings.public_url,
        staff_language=settings.staff_language,
        timeout=timeout,
    )


@pytest.fixture
async def control(twilio: Running, tmp_path: Path) -> AsyncIterator[TwilioCallControl]:
    made = call_control(_settings(tmp_path, twilio.url, staff_language="et"), timeout=3)
    assert made is not None
    yield made
    await made.aclose()


async def test_transfer_dials_with_a_whisper_for_whoever_answers(
    control: TwilioCallControl, twilio: Running
) -> None:
    sid = twilio.api.add_call()
    await control.transfer(
        sid, to="+372 555 0000", summary="Anna from Telia\nasks for Jüri.", language="ru"
    )
    [update] = twilio.api.calls[sid].updates
    root = ET.fromstring(update["Twiml"])
    dial = root.find("Dial")
    assert dial is not None
    assert dial.get("callerId") == LOBBY_NUMBER
    assert dial.get("method") == "POST"
    action = urlsplit(dial.get("action") or "")
    assert (action.scheme, action.netloc, action.path) == (
        "https",
        "lobby.example.com",
        "/twilio/voice/dial-result",
    )
    assert parse_qs(action.query) == {"language": ["ru"]}
    [number] = dial.findall("Number")
    assert number.text == FRONT_DESK
    whisper = urlsplit(number.get("url") or "")
    assert (whisper.scheme, whisper.netloc, whisper.path) == (
        "https",
        "lobby.example.com",
        "/twilio/voice/whisper",
    )
    query = parse_qs(whisper.query)
    assert query == {"summary": ["Anna from Telia asks for Jüri."], "language": ["et"]}


async def test_hangup_completes_the_call(control: TwilioCallControl, twilio: Running) -> None:
    sid = twilio.api.add_call()
    await control.hangup(sid)
    assert twilio.api.calls[sid].updates == [{"Status": "completed"}]
    assert twilio.api.calls[sid].status == "completed"
    with pytest.raises(CallControlError, match="Twilio refused the request: 400"):
        await control.hangup(sid)  # Twilio: the call is no longer in progress


async def test_start_recording(control: TwilioCallControl, twilio: Running) -> None:
    sid = twilio.api.add_call()
    recording = await control.start_recording(sid)
    assert recording.startswith("RE")
    assert twilio.api.calls[sid].recordings == [recording]


async def test_place_call_says_the_purpose_in_the_staff_language(
    control: TwilioCallControl, twilio: Running
) -> None:
    info = await control.place_call("+372 5555 1234", "Teie pakk on fuajees.")
    assert info == CallInfo(info.sid, "+37255551234", "queued", "Teie pakk on fuajees.")
    call = twilio.api.calls[info.sid]
    assert call.created_with["To"] == ["+37255551234"]
    assert call.created_with["From"] == [LOBBY_NUMBER]
    assert call.created_with["StatusCallback"] == ["https://lobby.example.com/twilio/voice/status"]
    assert call.created_with["StatusCallbackEvent"] == [
        "initiated",
        "ringing",
        "answered",
        "completed",
    ]
    root = ET.fromstring(call.twiml or "")
    assert [child.tag for child in root] == ["Say", "Pause", "Say"]
    says = root.findall("Say")
    assert all(say.get("language") == "et-EE" for say in says)
    assert says[0].text == "Tere, see on kõne infolauast. Teie pakk on fuajees."
    assert says[1].text == "Kordan: Teie pakk on fuajees."


async def test_status_follows_the_call(control: TwilioCallControl, twilio: Running) -> None:
    info = await control.place_call(FRONT_DESK, "The courier is here.")
    twilio.api.set_status(info.sid, "in-progress")
    assert await control.status(info.sid) == CallInfo(
        info.sid, FRONT_DESK, "in-progress", "The courier is here."
    )
    other = twilio.api.add_call()
    assert (await control.status(other)).purpose is None
    with pytest.raises(CallNotFound, match="Twilio has no call"):
        await control.status("CA" + "f" * 32)


@pytest.mark.parametrize("bad", ["", "5551234", "+0123456", "+372abc", "call me", "+1" + "2" * 20])
async def test_numbers_must_be_e164(control: TwilioCallControl, twilio: Running, bad: str) -> None:
    with pytest.raises(InvalidNumber, match=r"to: must be a phone number in international E\.164"):
        await control.place_call(bad, "hello")
    with pytest.raises(InvalidNumber):
        await control.transfer(twilio.api.add_call(), to=bad, summary="s", language="en")
    assert twilio.api.script.calls[CALLS_CREATE] == 0
    assert twilio.api.script.calls[CALLS_UPDATE] == 0


def test_formatted_numbers_are_forgiven() -> None:
    assert phone_number("00372 (555) 12-34") == "+3725551234"
    assert phone_number("+44 7700 900123") == "+447700900123"


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (Failure(500), "Twilio refused the request: 500"),
        (Failure(429, retry_after=2), "throttling"),
        (Failure(400, error="21215"), "code 21215"),
    ],
)
async def test_twilio_failures_are_call_control_errors(
    control: TwilioCallControl, twilio: Running, failure: Failure, message: str
) -> None:
    twilio.api.script.fail(CALLS_CREATE, failure)
    with pytest.raises(CallControlError, match=message):
        await control.place_call(FRONT_DESK, "hello")
    twilio.api.script.fail(RECORDINGS_CREATE, failure)
    with pytest.raises(CallControlError, match=message):
        await control.start_recording(twilio.api.add_call())


async def test_a_hanging_twilio_times_out(twilio: Running, tmp_path: Path) -> None:
    control = _plain(_settings(tmp_path, twilio.url), timeout=0.3)
    twilio.api.script.fail(CALLS_UPDATE, Failure(hang=True))
    try:
        with pytest.raises(CallControlError, match=r"did not answer within 0\.3s"):
            await control.hangup(twilio.api.add_call())
    finally:
        await control.aclose()


async def test_an_unreachable_twilio(tmp_path: Path) -> None:
    control = _plain(_settings(tmp_path, "http://127.0.0.1:9"), timeout=3)
    try:
        with pytest.raises(CallControlError, match="cannot reach Twilio"):
            await control.status("CA" + "0" * 32)
    finally:
        await control.aclose()


async def test_wrong_credentials(twilio: Running, tmp_path: Path) -> None:
    settings = _settings(tmp_path, twilio.url, twilio_auth_token="wrong-token")
    control = _plain(settings, timeout=3)
    try:
        with pytest.raises(CallControlError, match="401"):
            await control.place_call(FRONT_DESK, "hello")
    finally:
        await control.aclose()


async def test_without_credentials_there_is_no_call_control(tmp_path: Path) -> None:
    assert call_control(_settings(tmp_path, None, twilio_auth_token=None)) is None
    settings = _settings(tmp_path, None, twilio_phone_number=None)
    control = call_control(settings)
    assert control is not None
    with pytest.raises(NotConfigured, match="TWILIO_PHONE_NUMBER"):
        await control.place_call(FRONT_DESK, "hello")
    await control.aclose()
