"""One call's media loop: the caller's audio in, the receptionist's voice out.

The line is a `LineTransport` (media.py): Twilio's Media Streams for a phone call, the
kiosk's browser for a visitor in the lobby; what follows is the same for both.

Three tasks per call, so that listening never waits for talking:

- the **reader** (the `run` loop) takes every Media Streams message as it arrives: each 20 ms
  frame goes to the `Listener` (listening.py: VAD and turn-taking) at once; a barge-in
  stops the receptionist right there; marks, keypad presses and `stop` are handled there
  too. It also notices a silent line.
- the **recogniser** (`Listener.recognise`) feeds the speech-to-text stream in order and
  finalizes it when the caller's turn is over, passing the transcript on.
- the **conversation** hands the call's `Conversation` (conversation.py: what is said and
  done) its jobs one at a time: utterances, keypad presses, silences, failures, messages.

Whatever ends the call (Twilio's `stop`, a closed socket, the conversation's goodbye), every
task is cancelled, the recogniser closed and the agent's session ended before `run` returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from channels.voice.call_jobs import (
    Announcement,
    Job,
    Keypad,
    PersonAsked,
    Silence,
    Trouble,
    Utterance,
)
from channels.voice.call_seams import PHONE, CallDeps, Line, LineClosed
from channels.voice.conversation import PERSON_BUTTON, Conversation, heeds
from channels.voice.endpointing import known_names
from channels.voice.listening import Listener
from channels.voice.media import LineTransport
from channels.voice.metrics import CallMetrics
from channels.voice.player import Player
from channels.voice.speaking import Speaker
from channels.voice.stream_events import (
    Caption,
    Dtmf,
    Ended,
    Hearing,
    Mark,
    Media,
    OutboundEvent,
    PersonWanted,
    Start,
    Stop,
    Typed,
)
from channels.voice.stt.base import SttStream, Transcript
from channels.voice.turns import Kind, TurnEvent
from channels.voice.twilio_stream import StreamProtocolError
from core.language import country_language
from core.logcontext import call_ref, conversation_ref, ref
from core.messages import as_language
from core.store.office import load_office

log = logging.getLogger(__name__)


# The turn-taking's events that start and end "the caller is speaking" (for `Hearing`).
_HEARING = {Kind.SPEECH_START: True, Kind.BARGE_IN: True, Kind.TURN_END: False, Kind.NOISE: False}


class Call:
    """One call over one line: `run` it until the call is over."""

    def __init__(
        self,
        transport: LineTransport,
        deps: CallDeps,
        *,
        line: Line = PHONE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.line = line
        self.deps = deps
        self.agent = deps.agent
        self.settings = deps.settings
        self.clock = clock
        self.metrics = CallMetrics()
        self.call_sid = ""
        self.stream_sid = ""
        self.session_id: str | None = None
        self.ended_by = ""  # "caller", "us", "transferred" — for logs and tests
        self.player: Player | None = None
        self.speaker: Speaker | None = None
        self.conversation: Conversation | None = None
        self._stt: SttStream | None = None
        self._jobs: asyncio.Queue[Job] = asyncio.Queue()
        self.listener = Listener(self.settings.turns, self._jobs)
        self._busy = False  # the conversation is handling a job
        self._hearing = False  # the caller is speaking, as last shown to the line
        self._quiet_since = 0.0
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
                self._spawn(self.listener.recognise(self._stt), "recogniser")
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

    async def _await_start(self) -> Start | None:
        while True:
            try:
                event = await self.transport.receive()
            except StreamProtocolError as exc:
                log.warning("media stream: bad message before start: %s", exc)
                continue
            except Exception:
                self._closed = True
                return None
            if isinstance(event, Start):
                return event
            if isinstance(event, Stop):
                return None

    async def _open(self, start: Start) -> None:
        self.call_sid, self.stream_sid = start.call_sid, start.stream_sid
        self.metrics.call_sid = self.call_sid
        call_ref.set(self.call_sid)  # this task's and the tasks it spawns from here on
        caller = start.custom_parameters.get("from") or None
        kiosk = start.custom_parameters.get("kiosk") or None
        chosen = start.custom_parameters.get("language")
        picked = as_language(chosen, self.settings.default_language) if chosen else None
        language = picked or country_language(caller) or self.settings.default_language
        self.player = Player(
            self._send,
            self.stream_sid,
            encode=self.transport.encode,
            lead=self.settings.lead,
            clock=self.clock,
            on_first_frame=self.metrics.first_media,
        )
        self.speaker = Speaker(self.player, self.deps.voices)
        self._quiet_since = self.clock()
        stt = self.deps.stt
        try:
            self.session_id = await self.agent.open_session(
                "voice", session_key=self.call_sid, language=picked
            )
            keyterms = await self.agent.keyterms()
            self.listener.names = known_names(keyterms)
            self._stt = await stt.open(
                None if stt.identifies_language and not picked else language, keyterms=keyterms
            )
        except Exception as exc:  # the conversation apologises and hands over
            self._startup_error = exc
        else:
            conversation_ref.set(ref(self.session_id))
            log.info("call %s started", self.call_sid)
        self.conversation = Conversation(
            call_sid=self.call_sid,
            session_id=self.session_id,
            caller=caller,
            language=language,
            agent=self.agent,
            speaker=self.speaker,
            stt=self._stt,
            control=self.deps.control,
            front_desk=self._front_desk,
            end=self._end,
            spawn=self._spawn,
            record=self.settings.record_calls,
            ready=self.deps.ready,
            metrics=self.metrics,
            stt_locked=self._stt is not None
            and (picked is not None or not stt.identifies_language),
            expect=self.listener.expect,
            line=self.line,
            meta={"from": caller} if caller else {"kiosk": kiosk} if kiosk else {},
        )

    async def _read(self) -> None:
        assert self.player is not None
        while True:
            try:
                event = await self.transport.receive()
            except StreamProtocolError as exc:
                log.warning("call %s: bad media stream message: %s", self.call_sid, exc)
                continue
            except Exception:
                self._closed = True
                self.ended_by = self.ended_by or "caller"
                return
            arrived = self.clock()
            match event:
                case Media():
                    await self._on_media(event, arrived)
                case Mark(name=name):
                    self.player.echoed(name)
                case Dtmf(digit=digit) if heeds(digit, self._expecting()):
                    await self._interrupt()  # a key cuts the receptionist short, as speech does
                    self._jobs.put_nowait(Keypad(digit))
                case Typed(text=text) if text.strip():
                    await self._interrupt()  # typing is a turn, as saying it would be
                    turn = TurnEvent(Kind.TURN_END, arrived, arrived)
                    self._jobs.put_nowait(Utterance(Transcript(text.strip()), turn))
                case PersonWanted():
                    await self._interrupt()  # as a key or a word would
                    self._jobs.put_nowait(PersonAsked(PERSON_BUTTON))
                case Stop():
                    self.ended_by = self.ended_by or "caller"
                    return

    def _expecting(self) -> str | None:
        return self.conversation.expecting if self.conversation is not None else None

    async def _on_media(self, media: Media, arrived: float) -> None:
        assert self.player is not None
        talking = self.player.talking
        for event in await self.listener.hear(media.payload, arrived, talking=talking):
            if event.kind is Kind.BARGE_IN and await self._interrupt():
                self.metrics.barge_in(event.onset, self.clock())
                log.info("call %s: barge-in", self.call_sid)
            if event.kind in _HEARING and self._hearing != _HEARING[event.kind]:
                self._hearing = _HEARING[event.kind]
                with contextlib.suppress(LineClosed):  # the reader notices it next
                    await self._tell(Hearing(self.stream_sid, self._hearing))
        self.metrics.frame(arrived, media.timestamp, self.clock())
        self._watch_silence(arrived, talking)

    def _watch_silence(self, now: float, talking: bool) -> None:
        active = talking or self._busy or self.listener.active or not self._jobs.empty()
        if active:
            self._quiet_since = now
        elif now - self._quiet_since >= self.settings.silence_seconds:
            self._quiet_since = now
            self._jobs.put_nowait(Silence())

    async def _interrupt(self) -> bool:
        """Stop the receptionist now; False if it was quiet."""
        assert self.speaker is not None
        return await self.speaker.stop()

    async def _send(self, data: str | bytes) -> None:
        if self._closed:
            raise LineClosed
        try:
            await self.transport.send(data)
        except Exception as exc:
            self._closed = True
            self._end("caller")
            raise LineClosed from exc

    # --- the conversation --------------------------------------------------------------

    async def _converse(self) -> None:
        conversation = self.conversation
        assert conversation is not None
        try:
            if self._startup_error is not None:
                await conversation.handle(Trouble(self._startup_error))
                return
            await conversation.greet()
            while not self._ended.is_set():
                job = await self._jobs.get()
                self._busy = True
                try:
                    if isinstance(job, Utterance) and (heard := job.transcript.text.strip()):
                        await self._show(heard)
                    await conversation.handle(job)
                finally:
                    self._busy = False
                    self._quiet_since = self.clock()
        except LineClosed:
            self._ended.set()

    async def _show(self, text: str) -> None:
        """What the caller was heard saying, as text, for a line that shows it."""
        await self._tell(Caption(self.stream_sid, text, role="visitor"))

    async def _tell(self, event: OutboundEvent) -> None:
        """Send what only some lines show (a kiosk: captions, that it hears the visitor)."""
        data = self.transport.encode(event)
        if data is not None:
            await self._send(data)

    def announce(self, payload: Mapping[str, Any]) -> None:
        """A message sent to this conversation later (the host pressed "On my way" in
        Slack): spoken between turns. The channel polls for them (`VoiceChannel`)."""
        text = payload.get("spoken") or payload.get("text")
        if text and self.conversation is not None and not self._ended.is_set():
            language = as_language(payload.get("language"), self.conversation.language)
            self._jobs.put_nowait(Announcement(str(text), language))

    async def _front_desk(self) -> str | None:
        async with self.agent.sessionmaker() as db:
            office = await load_office(db, self.agent.office_defaults)
        return office.front_desk_phone

    def _handed_over(self) -> str | None:
        """Why the call was put through to the front desk, if it was."""
        if self.ended_by != "transferred" or self.conversation is None:
            return None
        return self.conversation.transfer_reason or "call transferred"

    def _end(self, by: str) -> None:
        self.ended_by = self.ended_by or by
        self._ended.set()

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
        if self.speaker is not None:
            await self.speaker.close()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._stt is not None:
            with contextlib.suppress(Exception):
                await self._stt.close()
        if self.session_id is not None:
            try:
                await self.agent.end_session(self.session_id, handed_over=self._handed_over())
            except Exception:
                log.exception("call %s: could not end its session", self.call_sid)
        if not self._closed:
            with contextlib.suppress(Exception):  # why, for a line that shows it
                await self._tell(Ended(self.stream_sid, self.ended_by or "us"))
            self._closed = True
            with contextlib.suppress(Exception):
                await self.transport.close()
        if self.call_sid:
            log.info("call %s ended (%s)", self.call_sid, self.ended_by or "caller")
