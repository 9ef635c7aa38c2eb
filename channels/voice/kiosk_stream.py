"""A lobby kiosk's line: the tablet's browser on `/kiosk/stream`, as a call's `LineTransport`.

The wire, both ways over one WebSocket:

- from the kiosk: text `{"event": "start", "language": "et"}` first (the visitor's chosen
  language); then binary messages of the microphone's audio, 16-bit little-endian PCM,
  mono, 16 kHz, any length; text `{"event": "mark", "name": …}` when the audio before a
  mark has played; `{"event": "text", "text": …}` when the visitor typed instead of
  speaking; `{"event": "person"}` when they tapped *Call a person* (the hand-over a
  caller's 0 is); `{"event": "stop"}` when the visitor leaves (the *Done* button).
- to the kiosk: binary messages of the receptionist's voice, 16-bit little-endian PCM,
  mono, `OUT_RATE` (8 kHz: the line's own audio, so what the visitor hears is what a
  caller would); text `{"event": "mark", "name": …}` after each sentence (echo it when it
  has played), `{"event": "clear"}` (stop playing now: the visitor cut in) and
  `{"event": "caption", "role": "receptionist" | "visitor", "text": …, "mark": …}`;
  `{"event": "hearing", "active": true | false}` when the visitor starts and stops speaking
  (the turn-taking's voice activity), and `{"event": "ended", "by": "us" | "transferred"}`
  last, before the socket closes ("transferred": the front desk was told to come).

At this edge the microphone's audio becomes the phone line's 20 ms μ-law frames at 8 kHz
(`Decimator`: low-passed and halved as a stream, so there are no seams between messages
and under a millisecond of delay); from here on it is the very pipeline a phone call goes
through.
"""

from __future__ import annotations

import collections
import json
import secrets
from typing import Any, Protocol

import numpy as np

from channels.voice.codec import FRAME_BYTES, SAMPLE_RATE, pcm16_to_ulaw, ulaw_to_pcm16
from channels.voice.stream_events import (
    Caption,
    Clear,
    Ended,
    Hearing,
    InboundEvent,
    Mark,
    Media,
    OutboundEvent,
    OutMark,
    OutMedia,
    PersonWanted,
    Start,
    Stop,
    Typed,
)
from channels.voice.twilio_stream import StreamProtocolError

IN_RATE = 16000  # what the kiosk's AudioWorklet sends
OUT_RATE = SAMPLE_RATE  # what it is sent back
MAX_AUDIO_BYTES = 64000  # one message: 2 s of microphone audio at most
MAX_TEXT = 2000  # characters a visitor may type in one go
ACCOUNT = "kiosk"


TAPS = 31  # the low-pass filter's length: 15 samples (0.9 ms at 16 kHz) of delay


def _low_pass(taps: int = TAPS, cutoff_hz: float = 3600.0, rate: int = IN_RATE) -> np.ndarray:
    """A windowed-sinc low-pass filter under the 8 kHz line's 4 kHz Nyquist frequency."""
    n = np.arange(taps) - (taps - 1) / 2
    ideal = 2 * cutoff_hz / rate * np.sinc(2 * cutoff_hz / rate * n)
    kernel = ideal * np.hamming(taps)
    normalised: np.ndarray = (kernel / kernel.sum()).astype(np.float32)
    return normalised


class Decimator:
    """16 kHz → 8 kHz as a stream: filter, keep every second sample. (A general resampler
    such as soxr's stream buffers tens of milliseconds and hands them over in bursts:
    latency and jitter the turn-taking would feel.)"""

    def __init__(self) -> None:
        self._kernel = _low_pass()
        self._history = np.zeros(TAPS - 1, dtype=np.float32)
        self._consumed = 0  # input samples so far: which of the next ones are kept

    def feed(self, samples: np.ndarray) -> np.ndarray:
        if samples.size == 0:
            return np.zeros(0, dtype=np.int16)
        signal = np.concatenate((self._history, samples.astype(np.float32)))
        filtered = np.convolve(signal, self._kernel, mode="valid")
        kept = filtered[self._consumed % 2 :: 2]
        self._consumed += samples.size
        self._history = signal[-(TAPS - 1) :]
        return np.clip(np.round(kept), -32768, 32767).astype(np.int16)


class KioskSocket(Protocol):
    """What the transport needs of a Starlette `WebSocket` (or a test's client)."""

    async def receive(self) -> Any:
        """An ASGI message: `{"type": "websocket.receive", "text" | "bytes": …}` or a
        `websocket.disconnect`."""

    async def send_bytes(self, data: bytes) -> None: ...

    async def send_text(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


class LineGone(Exception):
    """The kiosk closed its socket."""


_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class KioskTransport:
    """One visitor's conversation at a kiosk, as a call's line."""

    def __init__(self, socket: KioskSocket, kiosk: str) -> None:
        self.socket = socket
        self.kiosk = kiosk  # the kiosk's name, for logs
        self.call_sid = f"kiosk-{secrets.token_hex(8)}"
        self._decimator = Decimator()
        self._odd = b""  # half a sample left over from the last message
        self._line = np.zeros(0, dtype=np.int16)  # resampled audio not yet a whole frame
        self._ready: collections.deque[InboundEvent] = collections.deque()
        self._frames = 0
        self._started = False

    # --- in -------------------------------------------------------------------------------

    async def receive(self) -> InboundEvent:
        while not self._ready:
            message = await self.socket.receive()
            if message.get("type") == "websocket.disconnect":
                raise LineGone
            if (data := message.get("bytes")) is not None:
                self._audio(data)
            elif (text := message.get("text")) is not None:
                self._ready.append(self._control(text))
        return self._ready.popleft()

    def _audio(self, data: bytes) -> None:
        if not self._started:
            raise StreamProtocolError("audio before start")
        if len(data) > MAX_AUDIO_BYTES:
            raise StreamProtocolError(f"audio message of {len(data)} bytes (at most 64000)")
        data = self._odd + data
        whole = len(data) - len(data) % 2
        self._odd = data[whole:]
        samples = np.frombuffer(data[:whole], dtype="<i2").astype(np.int16)
        line = self._decimator.feed(samples)
        self._line = np.concatenate((self._line, line)) if self._line.size else line
        count = self._line.size // FRAME_BYTES
        for index in range(count):
            frame = self._line[index * FRAME_BYTES : (index + 1) * FRAME_BYTES]
            self._frames += 1
            self._ready.append(
                Media(
                    self.call_sid,
                    pcm16_to_ulaw(frame),
                    chunk=self._frames,
                    timestamp=(self._frames - 1) * 20,
                    sequence_number=self._frames + 1,
                )
            )
        self._line = self._line[count * FRAME_BYTES :]

    def _control(self, text: str) -> InboundEvent:
        try:
            message = json.loads(text)
        except ValueError:
            raise StreamProtocolError("message is not JSON") from None
        if not isinstance(message, dict):
            raise StreamProtocolError("message is not a JSON object")
        event = message.get("event")
        if event == "start" and not self._started:
            self._started = True
            language = message.get("language")
            params = {"kiosk": self.kiosk}
            if isinstance(language, str) and language in ("en", "et", "ru"):
                params["language"] = language
            return Start(self.call_sid, self.call_sid, ACCOUNT, custom_parameters=params)
        if not self._started:
            raise StreamProtocolError(f"{event!r} before start")
        if event == "mark" and isinstance(name := message.get("name"), str) and name:
            return Mark(self.call_sid, name[:100])
        if event == "text" and isinstance(typed := message.get("text"), str):
            return Typed(self.call_sid, typed[:MAX_TEXT])
        if event == "person":
            return PersonWanted(self.call_sid)
        if event == "stop":
            return Stop(self.call_sid, self.call_sid, ACCOUNT)
        raise StreamProtocolError(f"unknown kiosk message {event!r}")

    # --- out ------------------------------------------------------------------------------

    def encode(self, event: OutboundEvent) -> str | bytes | None:
        match event:
            case OutMedia(payload=payload):
                return ulaw_to_pcm16(payload).astype("<i2").tobytes()
            case OutMark(name=name):
                return _dumps({"event": "mark", "name": name})
            case Clear():
                return _dumps({"event": "clear"})
            case Caption(text=text, role=role, mark=mark):
                return _dumps({"event": "caption", "role": role, "text": text, "mark": mark})
            case Hearing(active=active):
                return _dumps({"event": "hearing", "active": active})
            case Ended(by=by):
                return _dumps({"event": "ended", "by": by})
        return None

    async def send(self, data: str | bytes) -> None:
        if isinstance(data, bytes):
            await self.socket.send_bytes(data)
        else:
            await self.socket.send_text(data)

    async def close(self) -> None:
        await self.socket.close(1000, "goodbye")
