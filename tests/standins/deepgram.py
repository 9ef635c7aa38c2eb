"""Deepgram's listen API on loopback, speaking its wire protocol.

`WS /v1/listen`: `Authorization: Token KEY` checked at the handshake (401 otherwise), the
query checked (`model`, `encoding=mulaw`, `sample_rate=8000`, one `language`); binary
frames are audio; text frames are `KeepAlive`, `Finalize` and `CloseStream`. It answers
interim and final `Results` in Deepgram's documented shape (`is_final`, `speech_final`,
`from_finalize`, `start`, `duration`, `channel.alternatives[0].transcript`, `metadata`),
`Metadata` after CloseStream and then closes, and closes an idle socket after
`idle_timeout` (Deepgram: ten seconds, error NET-0001).

`POST /v1/listen`: the pre-recorded API, answering `results.channels[0]` with the
transcript and, when `detect_language` was asked, `detected_language`.

It does not recognise audio: what it "hears" is scripted per utterance with `hear()`.
An utterance of several phrases has all but the last finalised by "endpointing" after
`phrase_seconds` of its audio each; the last comes with the answer to Finalize. It
records what it was sent (query params, byte counts, control messages) for assertions.
"""

from __future__ import annotations

import collections
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.standins.server import LoopbackServer

API_KEY = "deepgram-test-key"
RATE = 8000
LANGUAGES = ("en", "et", "ru")
MODEL_INFO = {"name": "general-nova-3", "version": "2025-01-01.0", "arch": "nova-3"}


@dataclass
class Utterance:
    language: str
    phrases: list[str]


@dataclass
class StreamRecord:
    """One WebSocket connection, as the stand-in saw it."""

    params: list[tuple[str, str]]
    audio_bytes: int = 0
    keepalives: int = 0
    finalizes: int = 0
    close_stream: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)
    closed_by: str | None = None  # "client", "close_stream", "idle", "drop"

    def param(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


@dataclass
class RequestRecord:
    """One pre-recorded request."""

    params: list[tuple[str, str]]
    audio_bytes: int

    def param(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


@dataclass
class DeepgramStandIn:
    idle_timeout: float = 10.0
    phrase_seconds: float = 0.4
    interim_seconds: float = 0.2
    heard: collections.deque[Utterance] = field(default_factory=collections.deque)
    streams: list[StreamRecord] = field(default_factory=list)
    requests: list[RequestRecord] = field(default_factory=list)
    # Per new connection, in order: drop it after this many audio bytes (None: never).
    drops: collections.deque[int | None] = field(default_factory=collections.deque)
    # Per new connection, in order: refuse the handshake with this HTTP status.
    refusals: collections.deque[int | None] = field(default_factory=collections.deque)
    open_sockets: set[web.WebSocketResponse] = field(default_factory=set)

    def hear(self, language: str, *phrases: str) -> None:
        """Script the next utterance: what the caller "says", in phrases."""
        self.heard.append(Utterance(language, list(phrases)))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/listen", self._stream)
        app.router.add_post("/v1/listen", self._prerecorded)
        return app

    # --- shared checks -------------------------------------------------------------

    @staticmethod
    def _refuse(request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Token {API_KEY}":
            return _error(401, "INVALID_AUTH", "Invalid credentials.")
        query = request.query
        if query.get("encoding") != "mulaw" or query.get("sample_rate") != str(RATE):
            return _error(400, "Bad Request", "this stand-in expects mulaw at 8000 Hz")
        if not query.get("model"):
            return _error(400, "Bad Request", "model is required")
        return None

    # --- pre-recorded ---------------------------------------------------------------

    async def _prerecorded(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        audio = await request.read()
        params = list(request.query.items())
        self.requests.append(RequestRecord(params, len(audio)))
        detect = request.query.getall("detect_language", [])
        language = request.query.get("language")
        if not detect and language not in LANGUAGES:
            return _error(400, "Bad Request", "unsupported language")
        said = self.heard.popleft() if self.heard else Utterance(language or "en", [""])
        transcript = " ".join(p for p in said.phrases if p)
        channel: dict[str, Any] = {"alternatives": [_alternative(transcript, 0.0, len(audio))]}
        if detect:
            channel["detected_language"] = said.language if said.language in detect else detect[0]
            channel["language_confidence"] = 0.93
        return web.json_response(
            {
                "metadata": {
                    "transaction_key": "deprecated",
                    "request_id": str(uuid.uuid4()),
                    "sha256": "0" * 64,
                    "created": "2025-01-01T00:00:00.000Z",
                    "duration": len(audio) / RATE,
                    "channels": 1,
                    "models": [str(uuid.uuid4())],
                    "model_info": {},
                },
                "results": {"channels": [channel]},
            }
        )

    # --- streaming ------------------------------------------------------------------

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        refusal = self.refusals.popleft() if self.refusals else None
        if refusal is not None:
            return _error(refusal, "Service Unavailable", "scripted refusal")
        refused = self._refuse(request)
        if refused is not None:
            return refused
        languages = request.query.getall("language", [])
        if len(languages) != 1 or languages[0] not in LANGUAGES:
            return _error(400, "Bad Request", "one supported language is required")
        record = StreamRecord(list(request.query.items()))
        self.streams.append(record)
        drop_after = self.drops.popleft() if self.drops else None
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.open_sockets.add(ws)
        session = _Session(self, ws, record, request_id=str(uuid.uuid4()))
        try:
            await session.run(drop_after)
        finally:
            if session.current is not None:  # never finalised: the words are still to come
                self.heard.appendleft(Utterance(languages[0], session.current))
            self.open_sockets.discard(ws)
            if not ws.closed:
                await ws.close()
        return ws


class _Session:
    """One socket's state: audio received, what was finalised, what is being heard."""

    def __init__(
        self, stand_in: DeepgramStandIn, ws: web.WebSocketResponse, record: StreamRecord, **kw: str
    ) -> None:
        self.stand_in = stand_in
        self.ws = ws
        self.record = record
        self.request_id = kw["request_id"]
        self.final_end = 0.0  # seconds of audio already finalised
        self.interim_at = 0.0
        self.current: list[str] | None = None  # phrases of the utterance being heard

    @property
    def received(self) -> float:
        return self.record.audio_bytes / RATE

    async def run(self, drop_after: int | None) -> None:
        while True:
            try:
                message = await self.ws.receive(timeout=self.stand_in.idle_timeout)
            except TimeoutError:
                self.record.closed_by = "idle"
                await self.ws.close(code=1011, message=b"NET-0001")
                return
            if message.type == WSMsgType.BINARY:
                self.record.audio_bytes += len(message.data)
                if drop_after is not None and self.record.audio_bytes >= drop_after:
                    self.record.closed_by = "drop"
                    await self.ws.close(code=1011, message=b"stand-in drop")
                    return
                await self._on_audio()
            elif message.type == WSMsgType.TEXT:
                kind = json.loads(message.data).get("type")
                if kind == "KeepAlive":
                    self.record.keepalives += 1
                elif kind == "Finalize":
                    self.record.finalizes += 1
                    await self._finalize()
                elif kind == "CloseStream":
                    self.record.close_stream = True
                    self.record.closed_by = "close_stream"
                    await self._finalize()
                    await self._send(
                        {
                            "type": "Metadata",
                            "transaction_key": "deprecated",
                            "request_id": self.request_id,
                            "sha256": "0" * 64,
                            "created": "2025-01-01T00:00:00.000Z",
                            "duration": self.received,
                            "channels": 1,
                        }
                    )
                    await self.ws.close()
                    return
            else:  # CLOSE / CLOSING / CLOSED / ERROR: the client went away
                self.record.closed_by = self.record.closed_by or "client"
                return

    async def _on_audio(self) -> None:
        if self.current is None:
            said = self.stand_in.heard.popleft() if self.stand_in.heard else None
            self.current = list(said.phrases) if said else [""]
        phrase = self.stand_in.phrase_seconds
        endpointed = False
        while len(self.current) > 1 and self.received - self.final_end >= phrase:
            end = self.final_end + phrase
            await self._send(
                self._results(self.current.pop(0), final=True, speech_final=True, end=end)
            )
            endpointed = True
        if endpointed:
            return
        if self.received - self.interim_at >= self.stand_in.interim_seconds:
            self.interim_at = self.received
            words = self.current[0].split()
            await self._send(self._results(" ".join(words[: max(1, len(words) // 2)])))

    async def _finalize(self) -> None:
        if self.received - self.final_end < 1e-9:
            return  # nothing buffered: Deepgram need not answer
        text = " ".join(p for p in (self.current or []) if p)
        self.current = None
        await self._send(self._results(text, final=True, from_finalize=True))

    def _results(
        self,
        transcript: str,
        *,
        final: bool = False,
        speech_final: bool = False,
        from_finalize: bool = False,
        end: float | None = None,
    ) -> dict[str, Any]:
        start, end = self.final_end, self.received if end is None else end
        if final:
            self.final_end = end
        return {
            "type": "Results",
            "channel_index": [0, 1],
            "duration": round(end - start, 3),
            "start": round(start, 3),
            "is_final": final,
            "speech_final": speech_final,
            "from_finalize": from_finalize,
            "channel": {"alternatives": [_alternative(transcript, start, end - start)]},
            "metadata": {
                "request_id": self.request_id,
                "model_info": MODEL_INFO,
                "model_uuid": "00000000-0000-0000-0000-000000000003",
            },
        }

    async def _send(self, message: dict[str, Any]) -> None:
        self.record.sent.append(message)
        await self.ws.send_str(json.dumps(message))


def _alternative(transcript: str, start: float, duration: float) -> dict[str, Any]:
    words = transcript.split()
    step = duration / max(len(words), 1)
    return {
        "transcript": transcript,
        "confidence": 0.97 if words else 0.0,
        "words": [
            {
                "word": w.strip(".,!?").lower(),
                "start": round(start + i * step, 3),
                "end": round(start + (i + 1) * step, 3),
                "confidence": 0.97,
                "punctuated_word": w,
            }
            for i, w in enumerate(words)
        ],
    }


def _error(status: int, code: str, message: str) -> web.Response:
    body = {"err_code": code, "err_msg": message, "request_id": str(uuid.uuid4())}
    return web.json_response(body, status=status, headers={"dg-error": message})


@asynccontextmanager
async def serve(stand_in: DeepgramStandIn) -> AsyncIterator[str]:
    """Run the stand-in on a loopback port; yields its base URL (DEEPGRAM_BASE_URL)."""
    server = LoopbackServer(stand_in.app())
    await server.start()
    try:
        yield server.url
    finally:
        for ws in list(stand_in.open_sockets):
            await ws.close(code=1001, message=b"stand-in stopping")
        await server.stop()


def deepgram_settings(url: str) -> dict[str, Any]:
    """Settings values that point frontdesk's Deepgram client at the stand-in."""
    return {"deepgram_api_key": API_KEY, "deepgram_base_url": url}
