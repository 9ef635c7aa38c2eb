"""The phone channel: the runtime's `CallHandler` for `/twilio/media`.

Holds what all calls share (the agent, the recogniser, the voices, Twilio's call control)
and runs one `Call` per WebSocket. `on_call_end` receives each call's timings (the benches
read them); `calls` holds the calls in progress.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from channels.voice.call import Call, CallControl, CallDeps, CallSettings
from channels.voice.media import MediaSocket
from channels.voice.metrics import CallMetrics
from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from core.agent import Agent
from core.messages import Language

log = logging.getLogger(__name__)


@dataclass
class VoiceChannel:
    agent: Agent
    stt: SpeechToText
    voices: Mapping[Language, SpeechSynth]
    control: CallControl | None = None
    settings: CallSettings = field(default_factory=CallSettings)
    on_call_end: Callable[[CallMetrics], None] | None = None
    calls: set[Call] = field(default_factory=set)

    async def serve(self, socket: MediaSocket) -> None:
        """Run one call until Twilio sends `stop`, the socket closes, or we end it."""
        deps = CallDeps(self.agent, self.stt, self.voices, self.control, self.settings)
        call = Call(socket, deps)
        self.calls.add(call)
        try:
            await call.run()
        finally:
            self.calls.discard(call)
            if self.on_call_end is not None and call.call_sid:
                try:
                    self.on_call_end(call.metrics)
                except Exception:
                    log.exception("on_call_end failed for call %s", call.call_sid)

    async def aclose(self) -> None:
        """Release the providers (models, HTTP sessions), each once."""
        closers: list[Any] = [self.stt, *{id(v): v for v in self.voices.values()}.values()]
        if self.control is not None:
            closers.append(self.control)
        for provider in closers:
            close = getattr(provider, "aclose", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    await close()
