"""Twilio's side of a Media Stream, for the call's tests: a real WebSocket client.

`TwilioLine` connects to `/twilio/media` with a signed handshake, sends `connected` and
`start`, then a 20 ms `media` frame every 20 ms of real time (silence unless the test says
something), like Twilio does. It plays what the server sends as Twilio would: frames are
buffered and played in real time, a `mark` is echoed when the audio before it has played,
`clear` drops what is buffered and echoes the marks still pending at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from channels.twilio.signature import public_url, sign
from channels.voice import stream_token
from channels.voice.codec import FRAME_BYTES, SILENCE_BYTE, frames
from channels.voice.stream_events import (
    Clear,
    Connected,
    Dtmf,
    Mark,
    Media,
    OutboundEvent,
    OutMark,
    OutMedia,
    Start,
    Stop,
)
from channels.voice.twilio_stream import encode, parse_outbound
from frontdesk.settings import Settings
from tests.standins.twilio_api import ACCOUNT_SID, AUTH_TOKEN

MEDIA_PATH = "/twilio/media"
CALLER = "+3725551234"  # an Estonian number
SILENT_FRAME = bytes([SILENCE_BYTE]) * FRAME_BYTES


@dataclass
class Heard:
    at: float
    event: OutboundEvent


@dataclass
class TwilioLine:
    base_url: str
    settings: Settings
    call_sid: str
    caller: str = CALLER
    stream_sid: str = "MZ" + "1" * 32
    received: list[Heard] = field(default_factory=list)
    echoed: list[str] = field(default_factory=list)
    closed_by_server: bool = False
    _ws: ClientConnection | None = None
    _outgoing: asyncio.Queue[bytes] = field(default_factory=asyncio.Queue)
    _play_until: float = 0.0
    _generation: int = 0
    _pending_marks: list[str] = field(default_factory=list)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    _chunk: int = 0
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _start_time: float = 0.0
    _sent_all: asyncio.Event = field(default_factory=asyncio.Event)

    async def __aenter__(self) -> TwilioLine:
        url = self.base_url.replace("http://", "ws://") + MEDIA_PATH
        signed = public_url(self.settings.public_url, MEDIA_PATH, websocket=True)
        headers = {"X-Twilio-Signature": sign(AUTH_TOKEN, signed, {})}
        # Twilio does not compress its frames (no permessage-deflate): neither do we.
        self._ws = await connect(url, additional_headers=headers, compression=None)
        await self._ws.send(encode(Connected()))
        start = Start(
            stream_sid=self.stream_sid,
            call_sid=self.call_sid,
            account_sid=ACCOUNT_SID,
            custom_parameters={
                stream_token.PARAMETER: stream_token.issue(AUTH_TOKEN, self.call_sid),
                **({"from": self.caller} if self.caller else {}),
            },
        )
        await self._ws.send(encode(start))
        self._start_time = time.monotonic()
        self._tasks = [
            asyncio.create_task(self._send_frames()),
            asyncio.create_task(self._receive()),
        ]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._ws is not None:
            await self._ws.close()

    # --- the caller ---------------------------------------------------------------------

    async def say(self, ulaw: bytes) -> None:
        """Speak `ulaw` into the line (in real time); returns when it has all been sent."""
        self._sent_all.clear()
        for frame in frames(ulaw):
            self._outgoing.put_nowait(frame)
        await self._sent_all.wait()

    def say_later(self, ulaw: bytes) -> None:
        for frame in frames(ulaw):
            self._outgoing.put_nowait(frame)

    async def press(self, digit: str) -> None:
        assert self._ws is not None
        await self._ws.send(encode(Dtmf(self.stream_sid, digit)))

    async def hang_up(self) -> None:
        """Twilio's `stop`, then the socket closes."""
        assert self._ws is not None
        stop = Stop(self.stream_sid, self.call_sid, ACCOUNT_SID)
        with contextlib.suppress(Exception):
            await self._ws.send(encode(stop))
        await self.close()

    async def _send_frames(self) -> None:
        assert self._ws is not None
        next_at = time.monotonic()
        while True:
            if self._outgoing.empty():
                frame = SILENT_FRAME
                self._sent_all.set()
            else:
                frame = self._outgoing.get_nowait()
            self._chunk += 1
            media = Media(
                self.stream_sid,
                frame,
                chunk=self._chunk,
                timestamp=(self._chunk - 1) * 20,
                sequence_number=self._chunk + 2,
            )
            try:
                await self._ws.send(encode(media))
            except Exception:
                return
            next_at += 0.02
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    # --- what the server sends -----------------------------------------------------------

    async def _receive(self) -> None:
        assert self._ws is not None
        try:
            async for text in self._ws:
                event = parse_outbound(text)
                now = time.monotonic()
                self.received.append(Heard(now, event))
                if isinstance(event, OutMedia):
                    # Twilio plays what a message carries, however long: 8000 bytes a second
                    self._play_until = max(now, self._play_until) + len(event.payload) / 8000
                elif isinstance(event, OutMark):
                    self._pending_marks.append(event.name)
                    delay = max(0.0, self._play_until - now)
                    self._tasks.append(asyncio.create_task(self._echo(event.name, delay)))
                elif isinstance(event, Clear):
                    self._generation += 1
                    self._play_until = now
                    for name in self._pending_marks:
                        await self._send_mark(name)
                    self._pending_marks.clear()
                self._changed.set()
        except Exception:
            pass
        self.closed_by_server = True
        self._changed.set()

    async def _echo(self, name: str, delay: float) -> None:
        generation = self._generation
        await asyncio.sleep(delay)
        if generation == self._generation and name in self._pending_marks:
            self._pending_marks.remove(name)
            await self._send_mark(name)
            self.echoed.append(name)

    async def _send_mark(self, name: str) -> None:
        assert self._ws is not None
        with contextlib.suppress(Exception):
            await self._ws.send(encode(Mark(self.stream_sid, name)))

    # --- for the test -------------------------------------------------------------------

    async def wait_for(self, condition: Callable[[], bool], within: float = 10.0) -> None:
        deadline = time.monotonic() + within
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; received {self.summary()}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(left, 0.05))

    def count(self, kind: type) -> int:
        return sum(isinstance(h.event, kind) for h in self.received)

    def marks(self) -> list[str]:
        return [h.event.name for h in self.received if isinstance(h.event, OutMark)]

    async def wait_quiet(self, seconds: float = 0.5, within: float = 20.0) -> None:
        """Until the server has sent nothing for `seconds` and all audio has played."""
        deadline = time.monotonic() + within
        await self.wait_for(lambda: bool(self.received), within)
        while time.monotonic() < deadline:
            last = self.received[-1].at
            now = time.monotonic()
            if now - last >= seconds and now >= self._play_until:
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the server kept talking")

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for h in self.received:
            kinds[type(h.event).__name__] = kinds.get(type(h.event).__name__, 0) + 1
        return f"{kinds}, marks echoed {self.echoed}, closed {self.closed_by_server}"


# --- fixtures: a test module imports the ones it uses by name ------------------------------

US_CALLER = "+12025550123"
FRONT_DESK = "+3725550000"


@dataclass
class VoiceServer:
    url: str
    app: Any
    settings: Settings
    twilio: Any  # the Twilio REST stand-in (tests.standins.twilio_api.TwilioStandIn)
    lines: list[TwilioLine] = field(default_factory=list)

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    def line(self, caller: str = US_CALLER) -> TwilioLine:
        """Twilio's side of a new incoming call from `caller` (known to the REST stand-in)."""
        sid = self.twilio.add_call(from_=caller)
        line = TwilioLine(self.url, self.settings, sid, caller=caller)
        self.lines.append(line)
        return line

    async def rows(self, model: Any) -> list[Any]:
        import sqlalchemy as sa

        async with self.runtime.sessionmaker() as db:
            return list((await db.scalars(sa.select(model))).all())

    async def wait_calls_over(self, within: float = 10.0) -> None:
        deadline = time.monotonic() + within
        while self.runtime.voice.calls:
            if time.monotonic() > deadline:
                raise AssertionError("the call is still running on the server")
            await asyncio.sleep(0.05)


async def voice_metrics(server: VoiceServer, token: str) -> dict[str, float]:
    """The voice channel's hand-overs by reason (frontdesk_handovers_total), and its ended
    conversations by outcome as "ended:<outcome>", read from /metrics."""
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    async with httpx.AsyncClient(base_url=server.url) as client:
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.labels.get("channel") != "voice":
                continue
            if sample.name == "frontdesk_handovers_total":
                found[sample.labels["reason"]] = sample.value
            if sample.name == "frontdesk_conversations_ended_total":
                found[f"ended:{sample.labels['outcome']}"] = sample.value
    return found
