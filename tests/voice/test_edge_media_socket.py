"""`WS /twilio/media` on a real server: the handshake's signature decides before the socket
is accepted; once accepted, the socket is the call handler's until the call ends."""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from sqlalchemy.exc import OperationalError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from channels.twilio.signature import public_url, sign
from channels.voice import stream_gate, stream_token
from channels.voice.stream_events import Connected, Media, OutMark, OutMedia, Start, Stop
from channels.voice.twilio_stream import encode, parse_outbound
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import make_settings, serve_asgi
from tests.standins.fixtures import twilio_settings
from tests.standins.twilio_api import ACCOUNT_SID, AUTH_TOKEN
from tests.voice.edge_support import CALLER, EchoCall, new_call_sid
from web.app import create_app

STREAM = "MZ" + "a" * 32
FRAME = bytes(range(96, 256))  # 160 μ-law bytes


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings())


class Server:
    def __init__(self, app: FastAPI, url: str, settings: Settings) -> None:
        self.app = app
        self.ws_url = url.replace("http://", "ws://") + "/twilio/media"
        self.settings = settings

    def signature(self, query: str = "", token: str = AUTH_TOKEN) -> str:
        return sign(
            token, public_url(self.settings.public_url, "/twilio/media", query, websocket=True), {}
        )

    def connect(self, signature: str | None, query: str = "") -> Any:
        headers = {"X-Twilio-Signature": signature} if signature is not None else {}
        url = f"{self.ws_url}?{query}" if query else self.ws_url
        return connect(url, additional_headers=headers, proxy=None, open_timeout=5)


async def _serve(settings: Settings, handler: EchoCall | None) -> AsyncGenerator[Server]:
    app = create_app(settings, Providers())
    async with serve_asgi(app, lifespan="on") as url:
        app.state.runtime.voice = handler
        yield Server(app, url, settings)


@pytest.fixture
async def server(settings: Settings) -> AsyncIterator[Server]:
    async for running in _serve(settings, EchoCall()):
        yield running


def _start(call_sid: str, token: str | None = "issue") -> Start:
    """Twilio's `start`, with the custom parameters our TwiML gave that call."""
    params = {"from": CALLER, "call_sid": call_sid}
    if token == "issue":
        token = stream_token.issue(AUTH_TOKEN, call_sid)
    if token is not None:
        params[stream_token.PARAMETER] = token
    return Start(STREAM, call_sid, ACCOUNT_SID, params)


async def _play_call(ws: ClientConnection, frames: int) -> list[Any]:
    """Twilio's side of a short call; returns what the server sent back."""
    call_sid = new_call_sid()
    await ws.send(encode(Connected()))
    start = _start(call_sid)
    await ws.send(encode(start))
    received = []
    for chunk in range(1, frames + 1):
        media = Media(STREAM, FRAME, chunk=chunk, timestamp=20 * chunk, sequence_number=chunk + 2)
        await ws.send(encode(media))
        received.append(parse_outbound(await ws.recv()))
        received.append(parse_outbound(await ws.recv()))
    await ws.send(encode(Stop(STREAM, call_sid, ACCOUNT_SID, frames + 3)))
    return received


async def test_a_signed_handshake_reaches_the_call_handler(server: Server) -> None:
    handler = server.app.state.runtime.voice
    async with server.connect(server.signature()) as ws:
        received = await _play_call(ws, frames=3)
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 5)
        assert ws.close_code == 1000
    assert received[0] == OutMedia(STREAM, FRAME)
    assert received[1] == OutMark(STREAM, "echo-1")
    assert [type(event) for event in received] == [OutMedia, OutMark] * 3
    assert handler.frames == 3 and handler.stopped
    assert handler.starts[0].custom_parameters["from"] == CALLER


@pytest.mark.parametrize("token", ["none", "another call's", "expired", "forged"])
async def test_a_captured_handshake_opens_no_stream_without_the_calls_token(
    server: Server, token: str
) -> None:
    """The handshake signature is the same for every call; the token in `start` is not."""
    call_sid = new_call_sid()
    tokens = {
        "none": None,
        "another call's": stream_token.issue(AUTH_TOKEN, new_call_sid()),
        "expired": stream_token.issue(AUTH_TOKEN, call_sid, now=time.time() - 600),
        "forged": stream_token.issue("not-our-token", call_sid),
    }
    async with server.connect(server.signature()) as ws:
        await ws.send(encode(Connected()))
        await ws.send(encode(_start(call_sid, tokens[token])))
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 5)
        assert ws.close_code == 1008
    assert server.app.state.runtime.voice.starts == []


async def test_with_the_token_switched_off_a_signed_stream_needs_no_token(
    settings: Settings,
) -> None:
    """FRONTDESK_VOICE_STREAM_TOKEN=false (load generators that place no call): the
    handshake signature is still required, the per-call token is not."""
    running = _serve(settings.model_copy(update={"voice_stream_token": False}), EchoCall())
    server = await anext(running)
    try:
        async with server.connect(server.signature()) as ws:
            await ws.send(encode(Connected()))
            await ws.send(encode(_start(new_call_sid(), None)))
            await ws.send(encode(Media(STREAM, FRAME, chunk=1, timestamp=20, sequence_number=3)))
            assert parse_outbound(await asyncio.wait_for(ws.recv(), 5)) == OutMedia(STREAM, FRAME)
        with pytest.raises(InvalidStatus) as refused:
            async with server.connect(None):
                pass
        assert refused.value.response.status_code == 403
    finally:
        await running.aclose()


async def test_a_socket_that_never_starts_is_closed(server: Server) -> None:
    began = time.monotonic()
    async with server.connect(server.signature()) as ws:
        await ws.send(encode(Connected()))
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), stream_gate.START_TIMEOUT_SECONDS + 5)
        assert ws.close_code == 1008
    assert time.monotonic() - began < stream_gate.START_TIMEOUT_SECONDS + 3
    assert server.app.state.runtime.voice.starts == []


async def test_the_signature_covers_the_query_string(server: Server) -> None:
    async with server.connect(server.signature("tenant=lobby"), "tenant=lobby") as ws:
        await _play_call(ws, frames=1)
    with pytest.raises(InvalidStatus) as refused:
        async with server.connect(server.signature("tenant=lobby"), "tenant=other"):
            pass
    assert refused.value.response.status_code == 403


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "other-token", "http"])
async def test_a_missing_or_bad_signature_is_refused_before_accept(
    server: Server, signature: str | None
) -> None:
    if signature == "other-token":
        signature = server.signature(token="not-our-token")
    elif signature == "http":  # signed over https://, not the wss:// URL Twilio uses
        signature = sign(AUTH_TOKEN, public_url(server.settings.public_url, "/twilio/media"), {})
    with pytest.raises(InvalidStatus) as refused:
        async with server.connect(signature):
            pass
    assert refused.value.response.status_code == 403
    assert server.app.state.runtime.voice.starts == []


async def test_without_an_auth_token_the_handshake_is_refused(db_url: str, tmp_path: Path) -> None:
    values = twilio_settings()
    del values["twilio_auth_token"]
    settings = make_settings(db_url, tmp_path, **values)
    async for running in _serve(settings, EchoCall()):
        with pytest.raises(InvalidStatus) as refused:
            async with running.connect(running.signature()):
                pass
        assert refused.value.response.status_code == 403


async def test_without_a_voice_channel_the_stream_closes_1011(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async for running in _serve(settings, None):
        with caplog.at_level(logging.ERROR, logger="web.routes.twilio_voice"):
            async with running.connect(running.signature()) as ws:
                with pytest.raises(ConnectionClosed):
                    await asyncio.wait_for(ws.recv(), 5)
                assert ws.close_code == 1011
        assert "voice channel is not running" in caplog.text


async def test_a_failing_call_handler_closes_the_stream_1011(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async for running in _serve(settings, EchoCall(fail=True)):
        with caplog.at_level(logging.ERROR, logger="web.routes.twilio_voice"):
            async with running.connect(running.signature()) as ws:
                await ws.send(encode(Connected()))
                await ws.send(encode(_start(new_call_sid())))
                with pytest.raises(ConnectionClosed):
                    await asyncio.wait_for(ws.recv(), 5)
                assert ws.close_code == 1011
        assert "media stream failed" in caplog.text
        assert CALLER not in caplog.text


async def test_the_caller_hanging_up_ends_the_handler_quietly(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    """A socket closed without Twilio's `stop` ends the handler through the disconnect,
    which the route takes as the end of the call: nothing logged, nothing left waiting."""
    handler = server.app.state.runtime.voice
    with caplog.at_level(logging.WARNING):
        async with server.connect(server.signature()) as ws:
            await ws.send(encode(Connected()))
            await ws.send(encode(_start(new_call_sid())))
            await ws.send(encode(Media(STREAM, FRAME, chunk=1, timestamp=20, sequence_number=3)))
            await asyncio.wait_for(ws.recv(), 5)  # the handler has the call; now a hang-up
        await asyncio.wait_for(handler.ended.wait(), 5)  # not stuck on the closed socket
    assert isinstance(handler.ended_with, WebSocketDisconnect), handler.ended_with
    assert not handler.stopped and len(handler.starts) == 1
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("error", ["database", "bug"])
async def test_error_handlers_close_a_websocket_instead_of_answering_500(
    settings: Settings, error: str
) -> None:
    """`web/errors.py` handles errors raised in any WebSocket route: no HTTP page is sent
    into a socket; the socket is closed (before accept the server answers 403)."""
    app = create_app(settings, Providers())

    @app.websocket("/test/broken-socket")
    async def broken(websocket: WebSocket) -> None:
        await websocket.accept()
        if error == "database":
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))
        raise RuntimeError("a bug")

    @app.websocket("/test/broken-handshake")
    async def broken_handshake(websocket: WebSocket) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    async with serve_asgi(app, lifespan="on") as url:
        base = url.replace("http://", "ws://")
        async with connect(base + "/test/broken-socket", proxy=None) as ws:
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 5)
            assert ws.close_code == 1011
        with pytest.raises(InvalidStatus) as refused:
            async with connect(base + "/test/broken-handshake", proxy=None):
                pass
        assert refused.value.response.status_code == 403


def test_frames_are_real_sized() -> None:
    assert len(FRAME) == 160
    assert base64.b64decode(base64.b64encode(FRAME)) == FRAME
