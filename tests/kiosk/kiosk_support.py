"""The tablet, played by a test: `KioskLine` does what kiosk.js does — sends the
microphone as 16 kHz PCM every 20 ms, plays the voice in real time, echoes each mark when
its audio has played, drops what is pending on `clear` — and records what the server told
it (captions, that it hears the visitor, why the conversation ended)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from websockets.asyncio.client import connect

from channels.voice.codec import resample, ulaw_to_pcm16
from channels.voice.stream_events import Caption, Clear, OutMark, OutMedia
from core.store import kiosks
from core.store.models import ConversationSession
from tests.voice.call_support import Heard, TwilioLine, VoiceServer
from tests.voice.standin_speech import InstantTts
from web.routes.kiosk import COOKIE

SILENT = bytes(640)  # 20 ms of 16 kHz PCM


@dataclass
class KioskLine(TwilioLine):
    device: str = ""
    language: str = "en"
    hearing: list[bool] = field(default_factory=list)  # each "hearing" message, in order
    ended_by: str | None = None  # the server's last word: why the conversation ended

    async def __aenter__(self) -> KioskLine:
        url = self.base_url.replace("http://", "ws://") + "/kiosk/stream"
        self._ws = await connect(
            url, additional_headers={"Cookie": f"{COOKIE}={self.device}"}, origin=None
        )
        await self._ws.send(json.dumps({"event": "start", "language": self.language}))
        self._start_time = time.monotonic()
        self._tasks = [
            asyncio.create_task(self._send_frames()),
            asyncio.create_task(self._receive()),
        ]
        return self

    async def say(self, ulaw: bytes) -> None:  # the line's audio, as the microphone's
        pcm = resample(ulaw_to_pcm16(ulaw), 8000, 16000).astype("<i2").tobytes()
        await super().say(pcm)

    async def call_person(self) -> None:
        """Tap *Call a person*."""
        assert self._ws is not None
        await self._ws.send(json.dumps({"event": "person"}))

    async def type(self, text: str) -> None:
        assert self._ws is not None
        await self._ws.send(json.dumps({"event": "text", "text": text}))

    async def _send_frames(self) -> None:
        assert self._ws is not None
        next_at = time.monotonic()
        pending = b""
        while True:
            while len(pending) < len(SILENT) and not self._outgoing.empty():
                pending += self._outgoing.get_nowait()
            if not pending:
                self._sent_all.set()
            chunk, pending = (pending or SILENT)[:640].ljust(640, b"\0"), pending[640:]
            try:
                await self._ws.send(chunk)
            except Exception:
                return
            next_at += 0.02
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def _receive(self) -> None:
        assert self._ws is not None
        with contextlib.suppress(Exception):
            async for message in self._ws:
                now = time.monotonic()
                if isinstance(message, bytes):
                    event: object = OutMedia("kiosk", message)
                    self._play_until = max(now, self._play_until) + len(message) / 2 / 8000
                else:
                    data = json.loads(message)
                    if data["event"] == "mark":
                        event = OutMark("kiosk", data["name"])
                        self._pending_marks.append(data["name"])
                        delay = max(0.0, self._play_until - now)
                        self._tasks.append(asyncio.create_task(self._echo(data["name"], delay)))
                    elif data["event"] == "clear":
                        event = Clear("kiosk")
                        self._generation += 1
                        self._play_until = now
                        self._pending_marks.clear()  # kiosk.js echoes none of them
                    elif data["event"] == "hearing":
                        self.hearing.append(data["active"])
                        self._changed.set()
                        continue
                    elif data["event"] == "ended":
                        self.ended_by = data["by"]
                        self._changed.set()
                        continue
                    else:
                        event = Caption("kiosk", data["text"], data["role"], data["mark"])
                self.received.append(Heard(now, event))  # type: ignore[arg-type]
                self._changed.set()
        self.closed_by_server = True
        self._changed.set()

    async def _send_mark(self, name: str) -> None:
        assert self._ws is not None
        with contextlib.suppress(Exception):
            await self._ws.send(json.dumps({"event": "mark", "name": name}))

    def captions(self, role: str = "receptionist") -> list[str]:
        return [
            h.event.text
            for h in self.received
            if isinstance(h.event, Caption) and h.event.role == role
        ]


@contextlib.asynccontextmanager
async def kiosk(
    server: VoiceServer, name: str = "Lobby", language: str = "en"
) -> AsyncIterator[KioskLine]:
    async with server.runtime.sessionmaker() as db, db.begin():
        _, setup = await kiosks.create(db, name)
        paired = await kiosks.pair(db, setup)
    assert paired is not None
    line = KioskLine(server.url, server.settings, call_sid="", device=paired[1], language=language)
    async with line:
        yield line


def said(tts: InstantTts) -> list[str]:
    return [text for text, _ in tts.said]


async def session_row(server: VoiceServer) -> ConversationSession:
    [row] = await server.rows(ConversationSession)
    return row  # type: ignore[no-any-return]
