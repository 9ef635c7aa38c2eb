"""Cutting in at the kiosk behaves as on a call, because it is the same pipeline: the
visitor's voice over the receptionist clears the tablet's audio at once and only what was
heard is kept; a lone "mhm" costs nothing — the receptionist carries on from the word it
was cut at. The tablet is played by `KioskLine`, which does what kiosk.js does: sends the
microphone as 16 kHz PCM every 20 ms, plays the voice in real time, echoes each mark when
its audio has played and drops what is pending on `clear`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from websockets.asyncio.client import connect

from channels.voice.codec import resample, ulaw_to_pcm16
from channels.voice.stream_events import Caption, Clear, OutMark, OutMedia
from core.store import kiosks
from core.store.models import ConversationSession
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import Heard, TwilioLine, VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt
from web.routes.kiosk import COOKIE

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
pytestmark = [
    pytest.mark.usefixtures("demo_directory"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),  # the line, not the database
]

SARAHS = "I found two people who match: Sarah Chen in Engineering or Sarah Miller in Marketing."
SILENT = bytes(640)  # 20 ms of 16 kHz PCM


@dataclass
class KioskLine(TwilioLine):
    device: str = ""

    async def __aenter__(self) -> KioskLine:
        url = self.base_url.replace("http://", "ws://") + "/kiosk/stream"
        self._ws = await connect(
            url, additional_headers={"Cookie": f"{COOKIE}={self.device}"}, origin=None
        )
        await self._ws.send(json.dumps({"event": "start", "language": "en"}))
        self._start_time = time.monotonic()
        self._tasks = [
            asyncio.create_task(self._send_frames()),
            asyncio.create_task(self._receive()),
        ]
        return self

    async def say(self, ulaw: bytes) -> None:  # the line's audio, as the microphone's
        pcm = resample(ulaw_to_pcm16(ulaw), 8000, 16000).astype("<i2").tobytes()
        await super().say(pcm)

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
async def kiosk(server: VoiceServer) -> AsyncIterator[KioskLine]:
    async with server.runtime.sessionmaker() as db, db.begin():
        _, setup = await kiosks.create(db, "Lobby")
        paired = await kiosks.pair(db, setup)
    assert paired is not None
    line = KioskLine(server.url, server.settings, call_sid="", device=paired[1])
    async with line:
        yield line


def said(tts: InstantTts) -> list[str]:
    return [text for text, _ in tts.said]


async def ask_for_sarah(line: KioskLine, tts: InstantTts) -> int:
    await line.wait_quiet()
    assert line.captions()[0] == "Hello and welcome! Who are you here to see?"
    await line.say(espeak_ulaw("Hi, I'm here to see Sarah."))
    await line.wait_for(lambda: SARAHS in said(tts))
    return said(tts).index(SARAHS)


async def session_row(server: VoiceServer) -> ConversationSession:
    [row] = await server.rows(ConversationSession)
    return row  # type: ignore[no-any-return]


async def test_a_visitor_cuts_in_at_the_kiosk(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah", "Chen"]
    async with kiosk(server) as line:
        index = await ask_for_sarah(line, tts)
        await line.wait_for(lambda: len(line.echoed) > index)  # that sentence was heard
        await line.say(espeak_ulaw("Chen!"))
        await line.wait_for(lambda: line.count(Clear) == 1)
        await line.wait_for(lambda: "May I have your name, please?" in line.captions())
        assert "Chen" in line.captions("visitor")
        row = await session_row(server)
        assert row.state == "collect_visitor_info"
        _, cut, again, _ = row.transcript
        assert cut == {"who": "receptionist", "text": f"Hello! {SARAHS}", "cut_short": True}
        assert again == {"who": "visitor", "text": "Chen"}


async def test_a_mhm_at_the_kiosk_loses_no_words(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    tts.ms_per_char = 30
    stt.script = ["Hi, I'm here to see Sarah", "mhm"]
    async with kiosk(server) as line:
        index = await ask_for_sarah(line, tts)
        await line.wait_for(lambda: len(line.echoed) >= index)
        await asyncio.sleep(0.5)  # some of the sentence naming the Sarahs has played
        await line.say(espeak_ulaw("mhm"))
        await line.wait_for(lambda: "Which one do you mean?" in said(tts))
        await line.wait_quiet()
        assert line.count(Clear) == 1
        resumed = said(tts)[index + 1]
        assert resumed != SARAHS and SARAHS.endswith(" " + resumed), resumed
        assert resumed in line.captions()  # the rest is shown as it is said
        row = await session_row(server)
        assert row.state == "disambiguate"
        assert "cut_short" not in row.transcript[1] and SARAHS in row.transcript[1]["text"]


@pytest.mark.parametrize("options", [{"voice_silence_seconds": 2.0}], indirect=True)
async def test_a_kiosk_left_alone_says_goodbye_and_resets(
    server: VoiceServer, tts: InstantTts
) -> None:
    tts.ms_per_char = 5
    async with kiosk(server) as line:
        await line.wait_for(lambda: line.closed_by_server, within=20)
        assert line.captions() == [
            "Hello and welcome! Who are you here to see?",
            "Sorry, I didn't hear anything. Are you still there?",
            "I still can't hear anyone, so I'll start over for the next visitor. Goodbye!",
        ]
    await server.wait_calls_over()
    row = await session_row(server)
    assert row.ended_at is not None and row.visit_id is None
