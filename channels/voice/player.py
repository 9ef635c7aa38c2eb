"""The receptionist's voice on the line: synthesised audio out in `media` messages of up
to 100 ms (`MESSAGE_FRAMES` whole 20 ms frames).

Audio goes out as soon as the synthesiser produces it, faster than real time (Twilio
buffers and plays it in order, whatever the size of each message), but never more than
`lead` seconds ahead of what the caller is hearing now: a barge-in then throws away little,
and a slow synthesiser has that much time to produce the next sentence. A message carries
what whole frames the synthesiser has made so far, up to 100 ms: nothing waits for a
message to fill, and a call sends five times fewer messages than one per 20 ms frame
(each is a JSON encode, a WebSocket frame, a write and a wake-up of the pacing task).

A `mark` follows each sentence; Twilio echoes it when that sentence's audio has played, so
the call knows which sentences the caller heard. On a barge-in, `clear` empties Twilio's
buffer at once; marks Twilio sends back for audio it dropped are not counted as heard. The
sentence that was playing when the line was cleared is remembered with how much of it had
played (`partly_heard`: mark → the share of its audio), so that it can be resumed from the
word that was cut.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from channels.voice.codec import FRAME_BYTES, FRAME_MS, SAMPLE_RATE, SILENCE_BYTE
from channels.voice.stream_events import Caption, Clear, OutboundEvent, OutMark, OutMedia
from channels.voice.twilio_stream import encode_outbound

FRAME_SECONDS = FRAME_MS / 1000
MESSAGE_FRAMES = 5  # 20 ms frames per outbound `media` message at most: 100 ms
MESSAGE_BYTES = MESSAGE_FRAMES * FRAME_BYTES
DEFAULT_LEAD = 0.6  # seconds of audio sent ahead of the caller's ear
MARK_GRACE = 1.0  # how late a mark's echo may come after its audio should have played


@dataclass
class _Playing:
    """A sentence's audio on the line: when its first frame plays, how long it is."""

    start: float | None = None
    produced: float = 0.0  # seconds of audio the synthesiser made so far
    complete: bool = False  # … and that is all of it


@dataclass
class Player:
    """One call's outbound audio. `send` puts a message on the socket, made by `encode`
    (the line's transport: Twilio's JSON by default; None for what the line leaves out)."""

    send: Callable[[str | bytes], Awaitable[None]]
    stream_sid: str
    lead: float = DEFAULT_LEAD
    clock: Callable[[], float] = time.monotonic
    on_first_frame: Callable[[float], None] | None = None  # for the turn metrics
    encode: Callable[[OutboundEvent], str | bytes | None] = encode_outbound
    frames_sent: int = 0  # 20 ms frames of audio sent (in fewer messages)
    _play_until: float = 0.0  # when the audio sent so far will have finished playing
    _pending: list[str] = field(default_factory=list)  # marks sent, not yet echoed
    _heard: list[str] = field(default_factory=list)  # marks echoed (that audio played)
    _dropped: set[str] = field(default_factory=set)  # marks pending when we cleared
    _playing: dict[str, _Playing] = field(default_factory=dict)  # sentences not yet heard
    partly_heard: dict[str, float] = field(default_factory=dict)  # cut mid-sentence: share played
    partly_seconds: dict[str, float] = field(default_factory=dict)  # … of how long a sentence
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def talking(self) -> bool:
        """Is the caller hearing the receptionist now (by the clock, or marks to come)?"""
        now = self.clock()
        return now < self._play_until or (
            bool(self._pending) and now < self._play_until + MARK_GRACE
        )

    @property
    def heard(self) -> list[str]:
        """Names of the marks whose audio the caller heard, in order."""
        return list(self._heard)

    def ahead(self) -> float:
        """Seconds of sent audio the caller has not heard yet (by the clock)."""
        return max(0.0, self._play_until - self.clock())

    async def play(self, audio: AsyncIterator[bytes], mark: str, text: str = "") -> None:
        """Send `audio` in whole 20 ms frames while it is produced (up to `MESSAGE_FRAMES`
        a message), then `mark`; `text` (what it says) goes first, for a line that shows
        captions.

        The synthesiser is read on its own, ahead of the line, so that the sentence's whole
        length is known while it plays (for `partly_heard`). Cancel the task that runs this
        to stop producing; call `clear` to stop the line.
        """
        playing = self._playing[mark] = _Playing()
        if text:
            await self._put(Caption(self.stream_sid, text, mark=mark))
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue()

        async def produce() -> None:
            try:
                async for chunk in audio:
                    playing.produced += len(chunk) / SAMPLE_RATE
                    chunks.put_nowait(chunk)
                playing.complete = True
            finally:
                # Cut short, the synthesiser must stop now (a subprocess, an HTTP stream),
                # not whenever the garbage collector gets to its generator.
                close = getattr(audio, "aclose", None)
                if close is not None:
                    await close()
                chunks.put_nowait(None)

        producer = asyncio.create_task(produce(), name=f"synth-{mark}")
        rest = b""
        try:
            while (chunk := await chunks.get()) is not None:
                rest += chunk
                whole = len(rest) - len(rest) % FRAME_BYTES
                for start in range(0, whole, MESSAGE_BYTES):
                    await self._audio(rest[start : min(start + MESSAGE_BYTES, whole)], playing)
                rest = rest[whole:]
            await producer  # the synthesiser's error, if it failed
        finally:
            if not producer.done():
                producer.cancel()
                await asyncio.gather(producer, return_exceptions=True)
        if rest:
            await self._audio(rest + bytes([SILENCE_BYTE]) * (FRAME_BYTES - len(rest)), playing)
        self._pending.append(mark)
        await self._put(OutMark(self.stream_sid, mark))

    async def _put(self, event: OutboundEvent) -> None:
        data = self.encode(event)
        if data is not None:
            await self.send(data)

    async def _audio(self, payload: bytes, playing: _Playing) -> None:
        """One `media` message of whole frames, once the caller is close enough that with it
        the line is at most `lead` ahead (a message longer than the lead goes out on a
        quiet line at once)."""
        now = self.clock()
        seconds = len(payload) / SAMPLE_RATE
        wait = self._play_until + seconds - now - max(self.lead, seconds)
        if wait > 0:
            await asyncio.sleep(wait)
            now = self.clock()
        await self._put(OutMedia(self.stream_sid, payload))
        if self.frames_sent == 0 or now >= self._play_until:
            self._play_until = now  # the line was quiet: this audio plays from now
            if self.on_first_frame is not None:
                self.on_first_frame(now)
        if playing.start is None:
            playing.start = self._play_until
        frames = len(payload) // FRAME_BYTES
        self._play_until += frames * FRAME_SECONDS
        self.frames_sent += frames

    def echoed(self, name: str) -> None:
        """Twilio sent a mark back: the audio before it played (unless we had cleared it)."""
        if name in self._dropped:
            self._dropped.discard(name)
            return
        if name in self._pending:
            # Marks play in order: an echo vouches for every mark sent before it.
            index = self._pending.index(name)
            for heard in self._pending[: index + 1]:
                self._playing.pop(heard, None)
            self._heard.extend(self._pending[: index + 1])
            del self._pending[: index + 1]
            if not self._pending:
                self._play_until = min(self._play_until, self.clock())
        self._changed.set()

    async def clear(self) -> None:
        """Stop the line now: Twilio drops what it has buffered."""
        now = self.clock()
        for mark, playing in self._playing.items():
            if playing.complete and playing.start is not None and playing.produced > 0:
                share = (now - playing.start) / playing.produced
                if 0 < share < 1:
                    self.partly_heard[mark] = share
                    self.partly_seconds[mark] = playing.produced
        self._playing.clear()
        self._dropped.update(self._pending)
        self._pending.clear()
        self._play_until = now
        await self._put(Clear(self.stream_sid))
        self._changed.set()

    async def drained(self, within: float | None = None) -> bool:
        """Wait until every sent mark was echoed (the caller heard it all); False on timeout.

        Without mark echoes (a client that does not send them), the clock decides.
        """
        deadline = None if within is None else self.clock() + within
        while self._pending:
            left = self._play_until - self.clock() + MARK_GRACE
            if deadline is not None:
                left = min(left, deadline - self.clock())
            if left <= 0:
                return not self._pending
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=left)
            except TimeoutError:
                continue
        return True
