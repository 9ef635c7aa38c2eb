"""The kiosk's wire at its edge: the tablet's 16 kHz PCM becomes the phone line's 20 ms
μ-law frames (seamlessly, whatever the message sizes), its JSON becomes the call's events,
and what the call sends becomes PCM, marks, `clear` and captions — or a clear refusal."""

from __future__ import annotations

import itertools
import json
from typing import Any

import numpy as np
import pytest

from channels.voice.codec import FRAME_BYTES, rms_dbfs, ulaw_to_pcm16
from channels.voice.kiosk_stream import KioskTransport, LineGone
from channels.voice.stream_events import (
    Caption,
    Clear,
    Mark,
    Media,
    OutMark,
    OutMedia,
    PersonWanted,
    Start,
    Stop,
    Typed,
)
from channels.voice.twilio_stream import StreamProtocolError, TwilioTransport


class Socket:
    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages
        self.sent: list[str | bytes] = []
        self.closed: int | None = None

    async def receive(self) -> dict[str, Any]:
        if not self.messages:
            return {"type": "websocket.disconnect", "code": 1001}
        return self.messages.pop(0)

    async def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)

    async def send_text(self, data: str) -> None:
        self.sent.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed = code


def text(message: dict[str, Any]) -> dict[str, Any]:
    return {"type": "websocket.receive", "text": json.dumps(message)}


def audio(samples: np.ndarray) -> dict[str, Any]:
    return {"type": "websocket.receive", "bytes": samples.astype("<i2").tobytes()}


async def drain(line: KioskTransport) -> list[Any]:
    events = []
    while True:
        try:
            events.append(await line.receive())
        except LineGone:
            return events


async def test_the_microphone_becomes_the_phone_lines_frames() -> None:
    seconds = 1.0
    t = np.arange(int(16000 * seconds)) / 16000
    tone = (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)
    # Odd sizes, even an odd number of bytes: the edge must not care how it is cut.
    raw = tone.astype("<i2").tobytes()
    cuts = [0, 257, 1000, 1001, 7777, 20001, len(raw)]
    chunks = [{"type": "websocket.receive", "bytes": raw[a:b]} for a, b in itertools.pairwise(cuts)]
    socket = Socket([text({"event": "start", "language": "et"}), *chunks, text({"event": "stop"})])
    line = KioskTransport(socket, "Lobby")
    events = await drain(line)
    start, *media, stop = events
    assert isinstance(start, Start) and start.custom_parameters == {
        "kiosk": "Lobby",
        "language": "et",
    }
    assert isinstance(stop, Stop)
    assert all(isinstance(m, Media) and len(m.payload) == FRAME_BYTES for m in media)
    assert len(media) == 50  # 1 s is 50 frames: nothing held back
    middle = ulaw_to_pcm16(b"".join(m.payload for m in media[10:40]))
    assert -16 < rms_dbfs(middle) < -14.5  # the tone's level (-12.3 dBFS peak, -15.3 rms)
    spectrum = np.abs(np.fft.rfft(middle))
    assert abs(np.argmax(spectrum) * 8000 / len(middle) - 440) < 10


async def test_what_an_8_khz_line_cannot_carry_is_filtered_not_folded_back() -> None:
    t = np.arange(16000) / 16000
    high = (np.sin(2 * np.pi * 6000 * t) * 8000).astype(np.int16)  # would alias to 2 kHz
    line = KioskTransport(Socket([text({"event": "start"}), audio(high)]), "Lobby")
    _, *media = await drain(line)
    assert rms_dbfs(ulaw_to_pcm16(b"".join(m.payload for m in media[5:]))) < -45


async def test_control_messages_and_refusals() -> None:
    socket = Socket(
        [
            text({"event": "mark", "name": "s1.1"}),  # before start: refused
            text({"event": "start", "language": "xx"}),
            text({"event": "mark", "name": "s1.1"}),
            text({"event": "text", "text": "Tere"}),
            text({"event": "person"}),
            {"type": "websocket.receive", "text": "not json"},
            text({"event": "dance"}),
        ]
    )
    line = KioskTransport(socket, "Desk")
    with pytest.raises(StreamProtocolError):
        await line.receive()
    start = await line.receive()
    assert isinstance(start, Start) and "language" not in start.custom_parameters
    assert await line.receive() == Mark(line.call_sid, "s1.1")
    assert await line.receive() == Typed(line.call_sid, "Tere")
    assert await line.receive() == PersonWanted(line.call_sid)
    for _ in range(2):
        with pytest.raises(StreamProtocolError):
            await line.receive()
    with pytest.raises(LineGone):
        await line.receive()


def test_what_the_call_sends_reaches_the_kiosk_and_not_the_phone() -> None:
    line = KioskTransport(Socket([]), "Desk")
    silence = bytes([0xFF]) * FRAME_BYTES
    pcm = line.encode(OutMedia("x", silence))
    assert isinstance(pcm, bytes) and len(pcm) == 2 * FRAME_BYTES and not any(pcm)
    assert json.loads(str(line.encode(OutMark("x", "s1.2")))) == {"event": "mark", "name": "s1.2"}
    assert json.loads(str(line.encode(Clear("x")))) == {"event": "clear"}
    caption = json.loads(str(line.encode(Caption("x", "Tere!", mark="s1.1"))))
    assert caption == {"event": "caption", "role": "receptionist", "text": "Tere!", "mark": "s1.1"}
    phone = TwilioTransport(Socket([]))  # type: ignore[arg-type]
    assert phone.encode(Caption("x", "Tere!")) is None
    assert json.loads(str(phone.encode(Clear("MZ1")))) == {"event": "clear", "streamSid": "MZ1"}
