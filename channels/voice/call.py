"""One phone call, end to end: Twilio's audio in, the agent's reply spoken back.

Three tasks per call, so that listening never waits for talking:

- the **reader** (the `run` loop) takes every Media Streams message as it arrives: each 20 ms
  frame goes through the VAD and turn-taking at once (and on to the recogniser while the
  caller speaks); a barge-in clears the line right there; marks, keypad presses and `stop`
  are handled there too. It also notices a silent line.
- the **recogniser** feeds the speech-to-text stream in order and finalizes it when the
  caller's turn is over, passing the transcript on.
- the **conversation** takes utterances, keypad presses and silences one at a time: it
  runs the agent's turn and speaks the reply as it streams (a filler first when a tool is
  slow), transfers, hangs up.

Whatever ends the call (Twilio's `stop`, a closed socket, our goodbye), every task is
cancelled, the recogniser closed and the agent's session ended before `run` returns.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.voice import twilio_stream as ts
from channels.voice.codec import rms_dbfs, to_float, ulaw_to_pcm16
from channels.voice.media import MediaSocket
from channels.voice.metrics import CallMetrics
from channels.voice.player import DEFAULT_LEAD, MARK_GRACE, Player
from channels.voice.speaking import Speech
from channels.voice.stt.base import SpeechToText, SttStream, Transcript
from channels.voice.tts.base import SpeechSynth
from channels.voice.turns import Kind, Phase, TurnConfig, TurnEvent, TurnTaker, is_backchannel
from channels.voice.vad import VadStream
from core.agent import Agent
from core.language import country_language
from core.messages import (
    LANGUAGES,
    VOICE_STYLE,
    Filler,
    Final,
    Inbound,
    Language,
    Sentence,
    as_language,
)
from core.replies import Say, render
from core.store.office import load_office

log = logging.getLogger(__name__)

PREROLL_FRAMES = 10  # 200 ms before the first voiced frame go to the recogniser too
KEYPAD_LANGUAGES: dict[str, Language] = {"1": "en", "2": "et", "3": "ru"}
END_WAIT = 5.0  # how long to wait for the caller to hear a last sentence before hanging up


class CallControl(Protocol):
    """What a call needs from the telephony provider's REST API (Twilio's)."""

    async def transfer(
        self, call_sid: str, *, to: str, summary: str, language: Language
    ) -> None: ...

    async def hangup(self, call_sid: str) -> None: ...

    async def start_recording(self, call_sid: str) -> Any: ...


@dataclass(frozen=True)
class CallSettings:
    record_calls: bool = False
    silence_seconds: float = 8.0
    default_language: Language = "en"
    turns: TurnConfig = field(default_factory=TurnConfig)
    lead: float = DEFAULT_LEAD  # seconds of audio sent ahead of playback


@dataclass
class CallDeps:
    """What every call of the process shares."""

    agent: Agent
    stt: SpeechToText
    voices: Mapping[Language, SpeechSynth]
    control: CallControl | None = None
    settings: CallSettings = field(default_factory=CallSettings)
    ready: Callable[[], Awaitable[Any]] | None = None  # models loaded (before a first turn)


class LineClosed(Exception):
    """The socket is gone (the caller hung up, or we ended the call)."""


# --- what the conversation task is handed ---------------------------------------------------


@dataclass(frozen=True)
class Utterance:
    transcript: Transcript
    event: TurnEvent


@dataclass(frozen=True)
class Keypad:
    digit: str


@dataclass(frozen=True)
class Silence:
    pass


@dataclass(frozen=True)
class Trouble:
    error: BaseException


@dataclass(frozen=True)
class Announcement:
    """A message sent to the caller later (the host's answer), spoken between turns."""

    text: str
    language: Language


Job = Utterance | Keypad | Silence | Trouble | Announcement

# --- what the recogniser task is handed ------------------------------------------------------


@dataclass(frozen=True)
class Finalize:
    event: TurnEvent


DISCARD = object()


class Call:
    def __init__(
        self,
        socket: MediaSocket,
        deps: CallDeps,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.socket = socket
        self.deps = deps
        self.agent = deps.agent
        self.settings = deps.settings
        self.clock = clock
        self.metrics = CallMetrics()
        self.call_sid = ""
        self.stream_sid = ""
        self.caller: str | None = None
        self.session_id: str | None = None
        self.language: Language = self.settings.default_language
        self.ended_by = ""  # "caller", "us", "transferred" — for logs and tests
        self.vad = VadStream()
        self.turns = TurnTaker(self.settings.turns)
        self.player: Player | None = None
        self._stt: SttStream | None = None
        self._stt_locked = False
        self._first_utterance = True
        self._speech: Speech | None = None
        self._jobs: asyncio.Queue[Job] = asyncio.Queue()
        self._audio: asyncio.Queue[Any] = asyncio.Queue()
        self._preroll: collections.deque[bytes] = collections.deque(maxlen=PREROLL_FRAMES)
        self._busy = False
        self._recognising = False  # a finished utterance is being recognised
        self._quiet_since = 0.0
        self._silences = 0
        self._ended = asyncio.Event()
        self._closed = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._startup_error: Exception | None = None

    # --- the reader ---------------------------------------------------------------------

    async def run(self) -> None:
        try:
            start = await self._await_start()
            if start is None:
                return
            await self._open(start)
            if self._stt is not None:
                self._spawn(self._recognise(), "recogniser")
            self._spawn(self._converse(), "conversation")
            reader = asyncio.create_task(self._read(), name="reader")
            ended = asyncio.create_task(self._ended.wait(), name="ended")
            try:
                await asyncio.wait({reader, ended}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (reader, ended):
                    task.cancel()
                await asyncio.gather(reader, ended, return_exceptions=True)
        finally:
            await self._close()

    async def _await_start(self) -> ts.Start | None:
        while True:
            try:
                text = await self.socket.receive_text()
            except Exception:
                self._closed = True
                return None
            try:
                event = ts.parse_inbound(text)
            except ts.StreamProtocolError as exc:
                log.warning("media stream: bad message before start: %s", exc)
                continue
            if isinstance(event, ts.Start):
                return event
            if isinstance(event, ts.Stop):
                return None

    async def _open(self, start: ts.Start) -> None:
        self.call_sid, self.stream_sid = start.call_sid, start.stream_sid
        self.metrics.call_sid = self.call_sid
        self.caller = start.custom_parameters.get("from") or None
        self.language = country_language(self.caller) or self.settings.default_language
        self.player = Player(
            self._send,
            self.stream_sid,
            lead=self.settings.lead,
            clock=self.clock,
            on_first_frame=self.metrics.first_media,
        )
        self._quiet_since = self.clock()
        stt = self.deps.stt
        try:
            self.session_id = await self.agent.open_session("voice", session_key=self.call_sid)
            keyterms = await self.agent.keyterms()
            self._stt = await stt.open(
                None if stt.identifies_language else self.language, keyterms=keyterms
            )
        except Exception as exc:  # the conversation apologises and hands over
            self._startup_error = exc
            return
        self._stt_locked = not stt.identifies_language
        log.info("call %s started: session %s", self.call_sid, self.session_id)

    async def _read(self) -> None:
        while True:
            try:
                text = await self.socket.receive_text()
            except Exception:
                self._closed = True
                self.ended_by = self.ended_by or "caller"
                return
            arrived = self.clock()
            try:
                event = ts.parse_inbound(text)
            except ts.StreamProtocolError as exc:
                log.warning("call %s: bad media stream message: %s", self.call_sid, exc)
                continue
            match event:
                case ts.Media():
                    await self._on_media(event, arrived)
                case ts.Mark(name=name):
                    assert self.player is not None
                    self.player.echoed(name)
                case ts.Dtmf(digit=digit):
                    await self._on_keypad(digit)
                case ts.Stop():
                    self.ended_by = self.ended_by or "caller"
                    return

    async def _on_media(self, media: ts.Media, arrived: float) -> None:
        assert self.player is not None
        pcm = ulaw_to_pcm16(media.payload)
        probability = self.vad.feed_pcm(to_float(pcm))
        before = self.turns.phase
        talking = self.player.talking
        events = self.turns.step(arrived, probability, rms_dbfs(pcm), talking=talking)
        listening = self.turns.phase is not Phase.QUIET or bool(events)
        if before is Phase.QUIET and listening:
            for frame in self._preroll:
                self._audio.put_nowait(frame)
            self._preroll.clear()
        if listening:
            self._audio.put_nowait(media.payload)
        else:
            self._preroll.append(media.payload)
        for event in events:
            if event.kind is Kind.BARGE_IN:
                await self._barge_in(event)
            elif event.kind is Kind.TURN_END:
                self._audio.put_nowait(Finalize(event))
            elif event.kind is Kind.NOISE:
                self._audio.put_nowait(DISCARD)
        self.metrics.frame(arrived, media.timestamp, self.clock())
        self._watch_silence(arrived, talking)

    def _watch_silence(self, now: float, talking: bool) -> None:
        active = (
            talking
            or self._busy
            or self._recognising
            or self.turns.phase is not Phase.QUIET
            or not self._jobs.empty()
            or not self._audio.empty()
        )
        if active:
            self._quiet_since = now
        elif now - self._quiet_since >= self.settings.silence_seconds:
            self._quiet_since = now
            self._jobs.put_nowait(Silence())

    async def _barge_in(self, event: TurnEvent) -> None:
        if await self._stop_talking():
            self.metrics.barge_in(event.onset, self.clock())
            log.info("call %s: barge-in", self.call_sid)

    async def _stop_talking(self) -> bool:
        """Stop the receptionist now (synthesis and the line); False if it was quiet."""
        assert self.player is not None
        speech = self._speech
        running = speech is not None and speech.running
        if not (running or self.player.talking):
            return False
        if speech is not None:
            speech.cut = True
            await speech.stop()
        await self.player.clear()
        return True

    async def _on_keypad(self, digit: str) -> None:
        if digit == "0" or digit in KEYPAD_LANGUAGES:
            await self._stop_talking()
            self._jobs.put_nowait(Keypad(digit))

    async def _send(self, text: str) -> None:
        if self._closed:
            raise LineClosed
        try:
            await self.socket.send_text(text)
        except Exception as exc:
            self._closed = True
            self.ended_by = self.ended_by or "caller"
            self._ended.set()
            raise LineClosed from exc

    # --- the recogniser ----------------------------------------------------------------

    async def _recognise(self) -> None:
        assert self._stt is not None
        try:
            while True:
                item = await self._audio.get()
                if isinstance(item, bytes):
                    await self._stt.send(item)
                elif isinstance(item, Finalize):
                    self._recognising = True  # the caller spoke: not a silence
                    try:
                        transcript = await self._stt.finalize()
                    finally:
                        self._recognising = False
                    self._jobs.put_nowait(Utterance(transcript, item.event))
                elif item is DISCARD:
                    self._stt.discard()
        except Exception as exc:
            self._jobs.put_nowait(Trouble(exc))

    # --- the conversation --------------------------------------------------------------

    async def _converse(self) -> None:
        try:
            if self._startup_error is not None:
                await self._trouble(self._startup_error)
                return
            await self._guarded(self._greet())
            while not self._ended.is_set():
                job = await self._jobs.get()
                self._busy = True
                try:
                    await self._guarded(self._handle(job))
                finally:
                    self._busy = False
                    self._quiet_since = self.clock()
        except LineClosed:
            self._ended.set()

    async def _guarded(self, work: Awaitable[None]) -> None:
        try:
            await work
        except (LineClosed, asyncio.CancelledError):
            raise
        except Exception as exc:
            await self._trouble(exc)

    async def _handle(self, job: Job) -> None:
        match job:
            case Utterance():
                await self._on_utterance(job)
            case Keypad(digit="0"):
                await self._settle_cut()
                await self._transfer("the caller pressed 0", "voice_transferring", fallback=True)
            case Keypad(digit=digit):
                await self._settle_cut()
                await self._switch_language(KEYPAD_LANGUAGES[digit])
            case Silence():
                await self._on_silence()
            case Trouble(error=error):
                raise error
            case Announcement(text=text, language=language):
                speech = self._new_speech()
                speech.say(text, language)
                speech.close()
                await speech.done()

    async def _greet(self) -> None:
        speech = self._new_speech()
        recording = self.settings.record_calls and self.deps.control is not None
        if recording:
            speech.say(self._text("voice_recording_notice"), self.language)
            notice = speech.sentences[-1].mark
        speech.say(self._text("voice_greeting"), self.language)
        for other in LANGUAGES:  # the keypad offer, each language in its own voice
            if other != self.language:
                speech.say(self._text("voice_keypad_choice", other), other)
        speech.close()
        if recording:
            self._spawn(self._record_after(notice), "recording")
        await speech.done()

    async def _record_after(self, mark: str) -> None:
        """Start recording once the caller heard that they will be recorded."""
        assert self.player is not None and self.deps.control is not None
        while mark not in self.player.heard:
            if self._speech is not None and self._speech.cut:
                break  # they talked over the notice: it played up to there at least
            await asyncio.sleep(0.05)
        try:
            await self.deps.control.start_recording(self.call_sid)
        except Exception:
            log.exception("call %s: could not start recording", self.call_sid)

    async def _on_utterance(self, job: Utterance) -> None:
        text = job.transcript.text.strip()
        event = job.event
        speech = self._speech
        interrupted = speech is not None and speech.cut and not speech.settled
        if event.overlapped and is_backchannel(text, self.language):
            # "mhm" while the receptionist talks: not a turn. If it stopped the receptionist,
            # carry on with the sentence it was cut in.
            if interrupted and speech is not None:
                await self._resume(speech)
            return
        if not text:
            if interrupted and speech is not None:
                await self._resume(speech)  # noise stopped it, nothing was said
            return
        if speech is not None and not speech.cut and (speech.running or self._talking()):
            await self._stop_talking()  # a short answer said over the receptionist
        await self._settle_cut()
        self._silences = 0
        if self._first_utterance and not self._stt_locked and job.transcript.language:
            assert self.session_id is not None
            await self.agent.set_language(self.session_id, job.transcript.language)
        self._first_utterance = False
        self.metrics.end_of_turn(event.at)
        await self._turn(text)

    async def _settle_cut(self) -> None:
        """Record in the conversation only what the caller heard of a reply they cut."""
        speech = self._speech
        if speech is None or not speech.cut or speech.settled:
            return
        speech.settled = True
        if speech.has_reply and self.session_id is not None:
            await self.agent.cut_short(self.session_id, speech.heard_reply_text())

    async def _resume(self, cut: Speech) -> None:
        cut.settled = True
        rest = cut.unheard_reply()
        if not rest:
            return
        heard = [*cut.heard_before, *(s.text for s in cut.heard() if s.reply)]
        speech = self._new_speech(heard_before=heard)
        for spoken in rest:
            speech.say(spoken.text, spoken.language, reply=True)
        speech.close()
        await speech.done()

    async def _turn(self, text: str) -> None:
        assert self.session_id is not None
        inbound = Inbound(
            text,
            channel="voice",
            session_key=self.call_sid,
            meta={"from": self.caller} if self.caller else {},
        )
        if self.deps.ready is not None:
            await self.deps.ready()
        speech = self._new_speech()
        final = None
        events = self.agent.turn(inbound, VOICE_STYLE)
        try:
            async for event in events:
                match event:
                    case Filler(text=filler, language=language):
                        speech.say(filler, language)
                    case Sentence(text=sentence, language=language):
                        speech.say(sentence, language, reply=True)
                    case Final(reply=reply):
                        final = reply
        finally:
            # Cancelled (the caller hung up), the turn still commits: the generator's
            # cleanup waits for it rather than the garbage collector.
            close = getattr(events, "aclose", None)
            if close is not None:
                await close()
        speech.close()
        await speech.done()
        if final is None:
            return
        self.language = final.language
        if not self._stt_locked and self._stt is not None:
            await self._stt.set_language(final.language)
            self._stt_locked = True
        if speech.cut:
            return  # they cut in: their next words are the next turn
        if final.state == "transfer_human":
            if await self._heard(speech):
                await self._transfer("the caller asked for a person", None, fallback=False)
                if not self._ended.is_set():
                    await self._hang_up()
        elif final.done and await self._heard(speech):
            await self._hang_up()

    async def _switch_language(self, language: Language) -> None:
        assert self.session_id is not None
        self.language = language
        await self.agent.set_language(self.session_id, language)
        if self._stt is not None:
            await self._stt.set_language(language)
            self._stt_locked = True
        self._first_utterance = False
        await self._say("voice_language_switched")

    async def _on_silence(self) -> None:
        self._silences += 1
        if self._silences == 1:
            await self._say("voice_reprompt")
            return
        if await self._transfer("the caller was silent", "voice_silence_transfer"):
            return
        await self._say("voice_silence_goodbye", wait=True)
        await self._hang_up()

    async def _trouble(self, error: BaseException) -> None:
        """A provider failed: apologise and hand over, never leave a silent line."""
        log.error("call %s: %s: %s", self.call_sid, type(error).__name__, error)
        with contextlib.suppress(Exception):
            await self._stop_talking()
        with contextlib.suppress(Exception):
            await self._say("voice_sorry_technical")
        try:
            if await self._transfer("a technical problem on the call", "voice_transferring"):
                return
        except LineClosed:
            raise
        except Exception as exc:
            log.error("call %s: no transfer after trouble: %s", self.call_sid, exc)
        with contextlib.suppress(Exception):
            await self._say("voice_call_again", wait=True)
        await self._hang_up()

    def announce(self, payload: Mapping[str, Any]) -> None:
        """A message sent to this conversation later (the host pressed "On my way" in
        Slack): spoken between turns. The channel polls for them (`VoiceChannel`)."""
        text = payload.get("spoken") or payload.get("text")
        if text and not self._ended.is_set():
            language = as_language(payload.get("language"), self.language)
            self._jobs.put_nowait(Announcement(str(text), language))

    # --- actions ------------------------------------------------------------------------

    async def _front_desk(self) -> str | None:
        async with self.agent.sessionmaker() as db:
            office = await load_office(db, self.agent.office_defaults)
        return office.front_desk_phone

    async def _transfer(self, reason: str, say: str | None, *, fallback: bool = False) -> bool:
        """Put the caller through to the front desk; False when that is not possible (then
        with `fallback` the caller is told so)."""
        control = self.deps.control
        number = await self._front_desk() if control is not None else None
        if control is None or not number:
            if fallback:
                await self._say("voice_no_transfer")
            return False
        if say:
            try:
                await self._say(say, wait=True)
            except LineClosed:
                raise
            except Exception as exc:  # a broken voice does not stop the transfer
                log.error("call %s: could not say %s: %s", self.call_sid, say, exc)
        summary = reason
        if self.session_id is not None:
            summary = await self.agent.handover_summary(self.session_id, reason)
        try:
            await control.transfer(
                self.call_sid, to=number, summary=summary, language=self.language
            )
        except Exception as exc:
            log.error("call %s: transfer failed: %s", self.call_sid, exc)
            if fallback:
                await self._say("voice_no_transfer")
            return False
        log.info("call %s transferred to the front desk", self.call_sid)
        self.ended_by = "transferred"
        self._ended.set()
        return True

    async def _hang_up(self) -> None:
        self.ended_by = self.ended_by or "us"
        control = self.deps.control
        if control is not None:
            try:
                await control.hangup(self.call_sid)
            except Exception as exc:
                log.warning("call %s: hang-up failed: %s", self.call_sid, exc)
        self._ended.set()

    async def _say(self, key: str, *, wait: bool = False) -> None:
        speech = self._new_speech()
        speech.say(self._text(key), self.language)
        speech.close()
        await speech.done()
        if wait:
            await self._heard(speech)

    async def _heard(self, speech: Speech) -> bool:
        """Wait until the caller heard all of `speech`; False if they cut it."""
        assert self.player is not None
        await speech.done()
        await self.player.drained(within=self.player.ahead() + MARK_GRACE + END_WAIT)
        return not speech.cut

    def _talking(self) -> bool:
        return self.player is not None and self.player.talking

    def _new_speech(self, heard_before: list[str] | None = None) -> Speech:
        assert self.player is not None
        self._speech = Speech(self.player, self.deps.voices, heard_before=heard_before or [])
        return self._speech

    def _text(self, key: str, language: Language | None = None) -> str:
        return render(Say(key), language or self.language, VOICE_STYLE)

    def _spawn(self, work: Awaitable[Any], name: str) -> None:
        task = asyncio.ensure_future(work)
        task.set_name(f"{name}-{self.call_sid}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error(
                "call %s: %s failed: %r", self.call_sid, task.get_name(), error, exc_info=error
            )
            self._ended.set()  # a call whose conversation died must not linger in silence

    # --- the end ------------------------------------------------------------------------

    async def _close(self) -> None:
        """Leave nothing behind: tasks, synthesis, the recogniser, the session, the socket."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if self._speech is not None:
            await self._speech.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._stt is not None:
            with contextlib.suppress(Exception):
                await self._stt.close()
        if self.session_id is not None:
            try:
                await self.agent.end_session(self.session_id)
            except Exception:
                log.exception("call %s: could not end session %s", self.call_sid, self.session_id)
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):
                await self.socket.close()
        if self.call_sid:
            log.info("call %s ended (%s)", self.call_sid, self.ended_by or "caller")
