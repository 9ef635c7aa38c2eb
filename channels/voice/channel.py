"""The voice channel: the runtime's `CallHandler` for `/twilio/media`, and the lobby
kiosks' line (`serve_line` with a `KioskTransport`, from `/kiosk/stream`).

Holds what all calls share (the agent, the recogniser, the voices, Twilio's call control)
and runs one `Call` per WebSocket. `on_call_end` receives each call's timings (the benches
read them); `calls` holds the calls in progress, and `on_calls_changed` hears their number
each time it changes (the metrics keep it where every worker process's scrape sees it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from channels.voice.call import Call
from channels.voice.call_seams import PHONE, CallControl, CallDeps, CallSettings, Line
from channels.voice.media import LineTransport, MediaSocket
from channels.voice.metrics import CallMetrics
from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from channels.voice.twilio_stream import TwilioTransport
from channels.voice.vad import shared_session
from core.agent import Agent
from core.messages import Language
from core.store.sessions import events_of, last_event_id

log = logging.getLogger(__name__)
RELAY_SECONDS = 2.0  # how often calls look for messages sent to their conversation later


@dataclass
class VoiceChannel:
    agent: Agent
    stt: SpeechToText
    voices: Mapping[Language, SpeechSynth]
    control: CallControl | None = None
    settings: CallSettings = field(default_factory=CallSettings)
    on_call_end: Callable[[CallMetrics], None] | None = None
    on_calls_changed: Callable[[int], None] | None = None
    calls: set[Call] = field(default_factory=set)
    _warm: asyncio.Future[None] | None = None
    _relay: asyncio.Task[None] | None = None

    def warm_up(self) -> asyncio.Future[None]:
        """Load what the first call would otherwise load inside the event loop, stalling
        every call: the language detector's models (~5 s here) and the VAD model. Runs in
        a thread, once; calls greet meanwhile and wait for it before their first turn."""
        if self._warm is None:
            self._warm = asyncio.ensure_future(asyncio.to_thread(_load_models))
        return self._warm

    async def warm_speech(self) -> None:
        """Load the local speech models (Whisper, Piper) before the first call needs them:
        otherwise the first caller hears seconds of silence inside the greeting."""
        from channels.voice.tts.voices import warm

        try:
            preload = getattr(self.stt, "preload", None)
            if preload is not None:
                await preload()
            await warm(self.voices)
        except Exception:
            log.exception("could not load the speech models at start-up")

    async def serve(self, socket: MediaSocket) -> None:
        """Run one call until Twilio sends `stop`, the socket closes, or we end it."""
        await self.serve_line(TwilioTransport(socket), PHONE)

    async def serve_line(self, transport: LineTransport, line: Line) -> None:
        """Run one call over any line (a phone call, a kiosk) until it is over."""
        warm = self.warm_up()
        deps = CallDeps(
            self.agent,
            self.stt,
            self.voices,
            self.control if line.telephony else None,  # a kiosk is no Twilio call
            self.settings,
            ready=lambda: asyncio.shield(warm),
        )
        call = Call(transport, deps, line=line)
        self.calls.add(call)
        self._count_calls()
        if self._relay is None or self._relay.done():
            self._relay = asyncio.create_task(self._relay_events(), name="voice-relay")
        try:
            await call.run()
        finally:
            self.calls.discard(call)
            self._count_calls()
            if self.on_call_end is not None and call.call_sid:
                try:
                    self.on_call_end(call.metrics)
                except Exception:
                    log.exception("on_call_end failed for call %s", call.call_sid)

    def _count_calls(self) -> None:
        if self.on_calls_changed is not None:
            try:
                self.on_calls_changed(len(self.calls))
            except Exception:
                log.exception("on_calls_changed failed")

    async def _relay_events(self) -> None:
        """Pass messages sent to a conversation later (the host's answer) to its call, if
        the caller is still on the line: one query every few seconds for all calls, the
        same session events the web chat's `/events` stream shows."""
        try:
            async with self.agent.sessionmaker() as db:
                after = await last_event_id(db)
            while self.calls:
                await asyncio.sleep(RELAY_SECONDS)
                live = {call.session_id: call for call in self.calls if call.session_id}
                if not live:
                    continue
                async with self.agent.sessionmaker() as db:
                    rows = await events_of(db, live.keys(), after)
                for row in rows:
                    after = max(after, row.id)
                    if (call := live.get(row.session_id)) is not None:
                        call.announce(row.payload)
        except Exception:
            log.exception("relaying messages to callers failed")

    async def aclose(self) -> None:
        """Release the providers (models, HTTP sessions), each once."""
        if self._relay is not None:
            self._relay.cancel()
            with contextlib.suppress(BaseException):
                await self._relay
        if self._warm is not None:
            with contextlib.suppress(Exception):
                await self._warm
        closers: list[Any] = [self.stt, *{id(v): v for v in self.voices.values()}.values()]
        if self.control is not None:
            closers.append(self.control)
        for provider in closers:
            close = getattr(provider, "aclose", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    await close()


def _load_models() -> None:
    from core.language import guess_language

    guess_language("Hello, I am here to see someone")  # builds lingua's detector
    shared_session()
