"""The Media Stream from Twilio's side: 20 ms frames both ways, in real time.

Every 20 ms one frame goes to the server — the caller's voice, or the line's silence (or
faint noise) — and one frame of what the server sent is played. Outbound media goes into
a playback buffer, a `mark` is echoed once the audio before it has played, `clear` empties
the buffer and echoes the marks still pending, as Twilio does. What happens is credited to
the latest turn of the script (`turn`), which is where the report's times come from.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
import sys
from collections import deque
from typing import TYPE_CHECKING

import numpy as np

from channels.voice.codec import FRAME_BYTES, FRAME_MS, SILENCE_BYTE, frames
from channels.voice.stream_events import (
    Clear,
    Connected,
    Dtmf,
    Mark,
    Media,
    OutMark,
    OutMedia,
    Start,
    Stop,
)
from channels.voice.twilio_stream import StreamProtocolError, encode, parse_outbound
from simulator.dial import CallSetup
from simulator.report import FRAME_SECONDS, CallReport, Turn
from simulator.voices import comfort_noise

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

SILENCE_FRAME = bytes([SILENCE_BYTE]) * FRAME_BYTES
MARK_WAIT = 3.0  # audio with no mark after it for this long: the server sends none


class Line:
    """One call's stream. `start` opens it; `pump` and `listen` run while the call lasts."""

    def __init__(self, setup: CallSetup, report: CallReport) -> None:
        self.setup = setup
        self.report = report
        self.ws: ClientConnection | None = None
        self.turn: Turn | None = None  # the latest turn (answers are credited to it)
        self.first_audio: float | None = None
        self.closed = asyncio.Event()
        self._send_lock = asyncio.Lock()
        self._sequence = itertools.count(1)
        self._speech: deque[bytes] = deque()
        self._speaking: Turn | None = None  # the turn whose frames are being sent
        self._playback: deque[bytes | str] = deque()  # frames and pending mark names
        self._last_activity = 0.0  # last outbound media received or mark echoed
        self._unmarked_audio = False  # audio received since the server's last mark
        self._started_at = 0.0
        self._hanging_up = False
        self._rng = np.random.default_rng(1)

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    async def start(self, ws: ClientConnection, custom_parameters: dict[str, str]) -> None:
        """`connected`, then `start` with the TwiML's parameters, as Twilio opens a stream."""
        self.ws = ws
        self.report.stream_sid = "MZ" + secrets.token_hex(16)
        await self._send(encode(Connected()))
        start = Start(
            stream_sid=self.report.stream_sid,
            call_sid=self.report.call_sid,
            account_sid=self.setup.account_sid,
            custom_parameters=custom_parameters,
            sequence_number=next(self._sequence),
        )
        await self._send(encode(start))
        self._started_at = self.now()

    # --- what the caller does -----------------------------------------------------------

    def speak(self, turn: Turn, ulaw: bytes) -> None:
        """Queue `ulaw` to go out frame by frame, credited to `turn`."""
        self._speech.extend(frames(ulaw))
        self._speaking = turn

    async def press(self, turn: Turn, digit: str) -> None:
        turn.speech_started_at = turn.speech_ended_at = self.now()
        sequence = next(self._sequence)
        await self._send(encode(Dtmf(self.report.stream_sid, digit, sequence_number=sequence)))

    async def hang_up(self, *, by: str = "caller") -> None:
        """The call ends on Twilio's side (the caller hung up, or the call was redirected
        or completed through the REST API): Twilio sends `stop` and closes the stream."""
        if self._hanging_up or self.closed.is_set():
            return
        self._hanging_up = True
        self.report.ended_by = by
        stop = Stop(
            self.report.stream_sid,
            self.report.call_sid,
            self.setup.account_sid,
            sequence_number=next(self._sequence),
        )
        with contextlib.suppress(Exception):
            await self._send(encode(stop))
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        self.closed.set()

    # --- what the script waits for --------------------------------------------------------

    def playing(self) -> bool:
        return any(isinstance(item, bytes) for item in self._playback)

    def quiet(self) -> bool:
        """The receptionist has finished: nothing left to play, and no audio or mark for
        `idle_seconds` (and a sentence's mark came, or took too long to come)."""
        idle = self.now() - self._last_activity
        if self.playing() or idle < self.setup.idle_seconds:
            return False
        # A sentence's mark follows its audio: until it came, the sentence is not over.
        return not self._unmarked_audio or idle >= MARK_WAIT

    # --- the caller's side: a frame out and a frame played, every 20 ms -------------------

    async def pump(self) -> None:
        """Every 20 ms: one inbound frame (the caller's voice or the line's silence) out,
        one frame of the receptionist's voice played."""
        start = self.now()
        for chunk in itertools.count(1):
            if self.closed.is_set():
                return
            frame = self._speech.popleft() if self._speech else None
            now = self.now()
            turn = self._speaking
            if frame is not None and turn is not None and turn.speech_started_at is None:
                turn.speech_started_at = now
                self._log(now, f"caller starts: {turn.said}")
            media = Media(
                self.report.stream_sid,
                frame or self._line_noise(),
                chunk=chunk,
                timestamp=(chunk - 1) * FRAME_MS,
                sequence_number=next(self._sequence),
            )
            await self._send(encode(media))
            if frame is not None and not self._speech and turn is not None:
                turn.speech_ended_at = now
                self._log(now, "caller stops")
                turn.talked_over = self.playing()
                self._speaking = None
            await self._play_one(now)
            due = start + chunk * FRAME_SECONDS
            if self.now() - due > FRAME_SECONDS:
                self.report.late_frames += 1
            await asyncio.sleep(max(0.0, due - self.now()))

    def _line_noise(self) -> bytes:
        dbfs = self.setup.comfort_noise_dbfs
        return SILENCE_FRAME if dbfs is None else comfort_noise(dbfs, self._rng)

    async def _play_one(self, now: float) -> None:
        """Play the next 20 ms of the receptionist's voice; echo the marks it reached."""
        while self._playback and isinstance(self._playback[0], str):
            await self._echo_mark(self._playback.popleft(), now)  # type: ignore[arg-type]
        frame = SILENCE_FRAME
        if self._playback and isinstance(self._playback[0], bytes):
            frame = self._playback.popleft()  # type: ignore[assignment]
            if self.turn is not None:
                self.turn.heard_frames += 1
        if self.setup.record:
            self.report.heard += frame.ljust(FRAME_BYTES, bytes([SILENCE_BYTE]))

    # --- the server's side: media, marks, clear -------------------------------------------

    async def listen(self) -> None:
        """What the server sends: media into the playback buffer, marks behind it, clear."""
        from websockets.exceptions import ConnectionClosed

        assert self.ws is not None
        try:
            async for message in self.ws:
                now = self.now()
                try:
                    event = parse_outbound(message)
                except StreamProtocolError as exc:
                    print(f"simulate-call: ignored a bad message: {exc}", file=sys.stderr)
                    continue
                if isinstance(event, OutMedia):
                    self._received_audio(event.payload, now)
                elif isinstance(event, OutMark):
                    self._unmarked_audio = False
                    if self._playback:
                        self._playback.append(event.name)
                    else:
                        await self._echo_mark(event.name, now)
                elif isinstance(event, Clear):
                    await self._cleared(now)
        except ConnectionClosed:
            pass
        finally:
            if not self._hanging_up:
                self.report.ended_by = "server"
            self.closed.set()

    def _received_audio(self, payload: bytes, now: float) -> None:
        if not self._playback and now - self._last_activity > 0.1:
            self._log(now, "audio arrives on a quiet line")
        if self.first_audio is None:
            self.first_audio = now
            self.report.greeting_ms = (now - self._started_at) * 1000
        turn = self.turn
        if (
            turn is not None
            and turn.speech_ended_at is not None
            and turn.first_audio_at is None
            and not turn.talked_over
        ):
            turn.first_audio_at = now
        self._playback.extend(
            payload[i : i + FRAME_BYTES] for i in range(0, len(payload), FRAME_BYTES)
        )
        self._unmarked_audio = True
        self._last_activity = now

    async def _cleared(self, now: float) -> None:
        self._log(now, "clear")
        self.report.clears += 1
        pending = [item for item in self._playback if isinstance(item, str)]
        self._playback.clear()
        turn = self.turn
        if turn is not None and turn.speech_started_at is not None and turn.clear_at is None:
            turn.clear_at = now
        for name in pending:
            await self._echo_mark(name, now)

    async def _echo_mark(self, name: str, now: float) -> None:
        self._log(now, f"mark {name} echoed")
        self.report.marks_echoed.append(name)
        self._last_activity = now
        await self._send(
            encode(Mark(self.report.stream_sid, name, sequence_number=next(self._sequence)))
        )

    def _log(self, now: float, what: str) -> None:
        self.report.events.append((now - self._started_at, what))

    async def _send(self, text: str) -> None:
        if not text or self.ws is None:
            return
        async with self._send_lock:
            await self.ws.send(text)
