"""The voice webhooks: signatures, and the TwiML Twilio gets back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI

from channels.twilio.signature import public_url, sign
from channels.voice import stream_token
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import twilio_settings
from tests.standins.twilio_api import AUTH_TOKEN, LOBBY_NUMBER
from tests.voice.edge_support import CALLER, EchoCall, new_call_sid, post_signed, twiml, voice_form
from web.app import create_app

FRONT_DESK = "+3725550000"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings())


@pytest.fixture
def voice_app(app: FastAPI) -> FastAPI:
    """The app with a call handler at the media seam (the voice channel's place)."""
    app.state.runtime.voice = EchoCall()
    return app


async def test_an_incoming_call_is_connected_to_the_media_stream(
    voice_app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    call_sid = new_call_sid()
    response = await post_signed(client, settings, "/twilio/voice", voice_form(call_sid))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    root = twiml(response.text)
    [connect] = list(root)
    assert connect.tag == "Connect"
    [stream] = list(connect)
    assert stream.tag == "Stream"
    assert stream.get("url") == "wss://lobby.example.com/twilio/media"
    params = {p.get("name"): p.get("value") for p in stream.findall("Parameter")}
    token = params.pop(stream_token.PARAMETER)
    assert params == {"from": CALLER, "call_sid": call_sid}
    assert stream_token.valid(AUTH_TOKEN, call_sid, token)  # this call's, and only its
    assert not stream_token.valid(AUTH_TOKEN, new_call_sid(), token)


@pytest.mark.parametrize(
    "signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "other-token", "other-url"]
)
async def test_a_missing_or_bad_signature_is_refused(
    voice_app: FastAPI, client: httpx.AsyncClient, settings: Settings, signature: str | None
) -> None:
    form = voice_form(new_call_sid())
    if signature == "other-token":
        signature = sign("not-our-token", public_url(settings.public_url, "/twilio/voice"), form)
    elif signature == "other-url":
        signature = sign(AUTH_TOKEN, "https://elsewhere.example.com/twilio/voice", form)
    response = await post_signed(client, settings, "/twilio/voice", form, signature=signature)
    assert response.status_code == 403
    assert "Connect" not in response.text


async def test_a_signature_over_other_fields_is_refused(
    voice_app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    form = voice_form(new_call_sid())
    signature = sign(AUTH_TOKEN, public_url(settings.public_url, "/twilio/voice"), form)
    form["From"] = "+3725559876"  # tampered after signing
    response = await post_signed(client, settings, "/twilio/voice", form, signature=signature)
    assert response.status_code == 403


@pytest.fixture
async def unsigned_app(db_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """Twilio's account is set but TWILIO_AUTH_TOKEN is not: nothing can be verified."""
    values = twilio_settings()
    del values["twilio_auth_token"]
    app = create_app(make_settings(db_url, tmp_path, **values), Providers())
    async with app.router.lifespan_context(app):
        app.state.runtime.voice = EchoCall()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


async def test_without_an_auth_token_every_webhook_is_refused(
    unsigned_app: httpx.AsyncClient, settings: Settings
) -> None:
    for path in ("/twilio/voice", "/twilio/voice/whisper", "/twilio/voice/status"):
        response = await post_signed(unsigned_app, settings, path, voice_form(new_call_sid()))
        assert response.status_code == 403, path


async def test_a_webhook_without_a_call_sid_names_the_field(
    voice_app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    form = voice_form("")
    del form["CallSid"]
    response = await post_signed(client, settings, "/twilio/voice", form)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "CallSid"


async def test_without_a_voice_channel_the_caller_is_told_and_hung_up(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    app.state.runtime.voice = None  # e.g. the phone's speech providers could not be set up
    response = await post_signed(client, settings, "/twilio/voice", voice_form(new_call_sid()))
    assert response.status_code == 200
    verbs = [child.tag for child in twiml(response.text)]
    assert verbs == ["Say", "Hangup"]


@pytest.fixture
def settings_with_front_desk(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings(), front_desk_phone=FRONT_DESK)


async def test_without_a_voice_channel_the_caller_is_put_through_to_the_front_desk(
    settings_with_front_desk: Settings,
) -> None:
    settings = settings_with_front_desk
    app = create_app(settings, Providers())
    async with app.router.lifespan_context(app):
        app.state.runtime.voice = None  # the phone's speech could not be set up
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await post_signed(
                client, settings, "/twilio/voice", voice_form(new_call_sid())
            )
    root = twiml(response.text)
    assert [child.tag for child in root] == ["Say", "Dial"]
    dial = root.find("Dial")
    assert dial is not None
    assert dial.get("callerId") == LOBBY_NUMBER
    assert dial.findtext("Number") == FRONT_DESK


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "putting a caller through"), ("et", "suunab teile kõne"), ("ru", "переводит")],
)
async def test_the_whisper_says_the_summary(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, language: str, words: str
) -> None:
    summary = "Anna Smirnova from Telia\nasks about\tparking."
    query = urlencode({"summary": summary, "language": language})
    form = voice_form(new_call_sid(), CallStatus="in-progress")
    response = await post_signed(client, settings, "/twilio/voice/whisper", form, query=query)
    assert response.status_code == 200
    [say] = list(twiml(response.text))
    assert say.tag == "Say"
    assert say.get("language") == {"en": "en-US", "et": "et-EE", "ru": "ru-RU"}[language]
    assert words in (say.text or "")
    assert (say.text or "").endswith("Anna Smirnova from Telia asks about parking.")


async def test_the_whisper_is_signed_over_its_query(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    form = voice_form(new_call_sid())
    signature = sign(
        AUTH_TOKEN,
        public_url(settings.public_url, "/twilio/voice/whisper", "summary=something+else"),
        form,
    )
    response = await post_signed(
        client,
        settings,
        "/twilio/voice/whisper",
        form,
        query="summary=forged",
        signature=signature,
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("dial_status", "verbs"),
    [("completed", ["Hangup"]), ("no-answer", ["Say", "Hangup"]), ("busy", ["Say", "Hangup"])],
)
async def test_after_a_transfer(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, dial_status: str, verbs: list[str]
) -> None:
    form = voice_form(new_call_sid(), DialCallStatus=dial_status)
    response = await post_signed(
        client, settings, "/twilio/voice/dial-result", form, query="language=et"
    )
    assert response.status_code == 200
    root = twiml(response.text)
    assert [child.tag for child in root] == verbs
    if "Say" in verbs:
        assert "infolauas" in (root.findtext("Say") or "")


async def test_status_callbacks_are_signed_and_acknowledged(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    form = voice_form(new_call_sid(), CallStatus="completed")
    response = await post_signed(client, settings, "/twilio/voice/status", form)
    assert response.status_code == 204
    response = await post_signed(client, settings, "/twilio/voice/status", form, signature=None)
    assert response.status_code == 403
