"""One call on Deepgram's streaming API: the live session a `Deepgram` engine opens.

Wire protocol (Deepgram's documentation): audio goes up as binary frames (μ-law 8 kHz,
as the phone line carries it); `{"type": "KeepAlive"}` as text when no audio was sent for
a few seconds (the server closes an idle socket after ten); `{"type": "Finalize"}` when
our turn-taking says the caller finished, answered by `Results` up to one marked
`from_finalize`; `{"type": "CloseStream"}` at hang-up, answered by `Metadata` and the
close. A socket that drops mid-call is reopened once, and the unfinished utterance sent
again; after that each utterance goes to the engine's pre-recorded API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Coroutine, Sequence
from typing import Any, Protocol

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from channels.voice import codec
from channels.voice.stt.base import Transcript
from channels.voice.stt.errors import SttError
from core.messages import Language

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 4.0  # the documented advice: every 3-5 s of silence
FINALIZE_TIMEOUT = 1.5  # `from_finalize` is not promised when little audio was pending
CONNECT_TIMEOUT = 5.0
CLOSE_TIMEOUT = 2.0
TIME_TOLERANCE = 0.05  # seconds: result times are rounded


class DeepgramEngine(Protocol):
    """What a stream needs of the engine that opened it (`deepgram.Deepgram`): a socket,
    the pre-recorded API, and the engine's timings. Owned here, so the stream does not
    import the engine that imports it."""

    keepalive_seconds: float
    finalize_timeout: float
    max_utterance_bytes: int

    async def connect(self, language: Language, keyterms: Sequence[str]) -> ClientConnection: ...

    async def prerecorded(
        self, ulaw: bytes, language: Language | None, keyterms: Sequence[str]
    ) -> Transcript: ...


class DeepgramStream:
    """One call on Deepgram.

    Audio since the last finalize / discard is kept (capped) so that it can be sent again
    on a reopened socket, or to the pre-recorded API. Result times (`start + duration`,
    seconds of audio on this socket) tell which results belong to audio already handed
    out or thrown away.
    """

    def __init__(self, engine: DeepgramEngine, keyterms: list[str]) -> None:
        self._engine = engine
        self._keyterms = keyterms
        self._language: Language | None = None
        self._utterance = bytearray()
        self._flushed = 0  # bytes of `_utterance` already on the current socket
        self._ws: ClientConnection | None = None
        self._socket_bytes = 0
        self._cutoff = 0.0  # results ending before this (socket seconds) are stale
        self._finals: list[tuple[str, float, float]] = []  # (text, confidence, end)
        self._interim = ""  # the latest interim result after the finals (not final yet)
        self._finals_end = 0.0
        self._finalize_at: float | None = None
        self._finalized = asyncio.Event()
        self._dropped_while_finalizing = False
        self._flush_discarded = False  # a Finalize owed before more audio goes up
        self._reconnects_left = 1
        self._failed = False  # no socket any more: utterances go to the pre-recorded API
        self._closed = False
        self._send_lock = asyncio.Lock()
        self._last_sent = time.monotonic()
        self._connecting: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._keepalive: asyncio.Task[None] | None = None

    @property
    def language(self) -> Language | None:
        return self._language

    @property
    def connected(self) -> bool:
        return self._ws is not None

    # --- the socket -----------------------------------------------------------------

    async def start(self, language: Language) -> None:
        """Lock to `language` and open its socket, waiting for it (errors surface here)."""
        self._language = language
        await self._open_socket(language)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _connect_in_background(self, language: Language) -> None:
        async def attempt() -> None:
            try:
                await self._open_socket(language)
            except SttError as exc:
                log.warning("deepgram stream could not open: %s", exc)
                self._failed = True

        self._connecting = self._spawn(attempt())

    async def _open_socket(self, language: Language) -> None:
        ws = await self._engine.connect(language, self._keyterms)
        if self._closed or language != self._language:
            self._spawn(self._close_socket(ws))
            return
        self._ws = ws
        self._socket_bytes = 0
        self._cutoff = 0.0
        self._finals_end = 0.0
        self._flushed = 0  # the unfinished utterance goes up again on this socket
        self._finals.clear()
        self._failed = False
        self._spawn(self._receive(ws))
        if self._keepalive is None:
            self._keepalive = self._spawn(self._keep_alive())
        await self._push()

    async def _receive(self, ws: ClientConnection) -> None:
        try:
            async for message in ws:
                if isinstance(message, str):
                    self._on_message(ws, message)
        except ConnectionClosed:
            pass
        finally:
            if ws is self._ws and not self._closed:
                self._on_drop(ws)

    def _on_drop(self, ws: ClientConnection) -> None:
        log.warning("deepgram stream dropped (code %s %s)", ws.close_code, ws.close_reason)
        self._ws = None
        self._spawn(self._close_socket(ws, graceful=False))
        if self._finalize_at is not None:
            self._dropped_while_finalizing = True
            self._finalized.set()
        if self._reconnects_left > 0 and self._language is not None:
            self._reconnects_left -= 1
            self._connect_in_background(self._language)
        else:
            self._failed = True

    async def _close_socket(self, ws: ClientConnection, graceful: bool = True) -> None:
        """CloseStream, let the server send its Metadata and close, then close our end."""
        with contextlib.suppress(ConnectionClosed, OSError):
            if graceful:
                await ws.send(json.dumps({"type": "CloseStream"}))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ws.wait_closed(), CLOSE_TIMEOUT)
            await ws.close()

    async def _keep_alive(self) -> None:
        period = self._engine.keepalive_seconds
        while not self._closed:
            await asyncio.sleep(period / 4)
            ws = self._ws
            if ws is None or time.monotonic() - self._last_sent < period:
                continue
            async with self._send_lock:
                with contextlib.suppress(ConnectionClosed):
                    await ws.send(json.dumps({"type": "KeepAlive"}))  # text, as documented
                self._last_sent = time.monotonic()

    async def _push(self) -> None:
        """Send what of the utterance the socket has not had yet (after a Finalize that
        flushes discarded audio, so that none of it is heard as part of what follows)."""
        async with self._send_lock:
            if self._flush_discarded and (ws := self._ws) is not None:
                self._flush_discarded = False
                with contextlib.suppress(ConnectionClosed):
                    await ws.send(json.dumps({"type": "Finalize"}))
            while (ws := self._ws) is not None and self._flushed < len(self._utterance):
                chunk = bytes(self._utterance[self._flushed :])
                self._flushed = len(self._utterance)
                self._socket_bytes += len(chunk)
                try:
                    await ws.send(chunk)
                except ConnectionClosed:
                    return  # the receiver sees the drop and reopens
                self._last_sent = time.monotonic()

    def _on_message(self, ws: ClientConnection, message: str) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            log.warning("deepgram sent a message that is not JSON")
            return
        if not isinstance(data, dict) or ws is not self._ws:
            return
        if data.get("type") == "Results":
            self._on_results(data)
        elif data.get("type") == "Error":
            log.warning("deepgram error: %s", data.get("description") or data.get("message"))

    def _on_results(self, data: dict[str, Any]) -> None:
        try:
            end = float(data.get("start", 0.0)) + float(data.get("duration", 0.0))
            best = data["channel"]["alternatives"][0]
        except (KeyError, IndexError, TypeError, ValueError):
            return
        fresh = end > self._cutoff + TIME_TOLERANCE / 5
        if data.get("is_final") and fresh:
            text = str(best.get("transcript", "")).strip()
            if text:
                self._finals.append((text, float(best.get("confidence", 1.0)), end))
            self._finals_end = max(self._finals_end, end)
            self._interim = ""
        elif fresh:
            self._interim = str(best.get("transcript", "")).strip()
        if self._finalize_at is not None and (
            (data.get("from_finalize") and end >= self._finalize_at - TIME_TOLERANCE)
            or self._finals_end >= self._finalize_at - TIME_TOLERANCE / 5
        ):
            self._finalized.set()

    # --- the SttStream protocol -------------------------------------------------------

    interim_live = True  # interim results arrive on their own; `interim()` only reads them

    async def interim(self) -> str | None:
        if self._language is None or self._ws is None:
            return None  # the first utterance goes to the pre-recorded API: nothing yet
        words = [text for text, _, _ in self._finals]
        if self._interim:
            words.append(self._interim)
        return " ".join(words)

    async def send(self, ulaw: bytes) -> None:
        if self._closed:
            return
        room = self._engine.max_utterance_bytes - len(self._utterance)
        if room <= 0:
            return  # a stuck line: the cap holds until the next finalize / discard
        self._utterance += ulaw[:room]
        await self._push()

    async def finalize(self) -> Transcript:
        audio = bytes(self._utterance)
        language = self._language
        if self._closed or not audio:
            self._forget()
            return Transcript(text="", language=language, confidence=0.0)
        if language is None:  # the first utterance: identified by the pre-recorded API
            self._forget()
            transcript = await self._engine.prerecorded(audio, None, self._keyterms)
            if transcript.text and transcript.language is not None:
                self._language = transcript.language
                self._connect_in_background(transcript.language)
            return transcript
        if self._connecting is not None and not self._connecting.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._connecting), CONNECT_TIMEOUT)
        await self._push()
        if self._ws is None or self._failed:
            self._forget()
            return await self._engine.prerecorded(audio, language, self._keyterms)
        return await self._finalize_live(self._ws, audio, language)

    async def _finalize_live(
        self, ws: ClientConnection, audio: bytes, language: Language
    ) -> Transcript:
        finalize_at = self._socket_bytes / codec.SAMPLE_RATE
        self._utterance.clear()  # consumed: a reopened socket must not get it again
        self._flushed = 0
        self._finalize_at = finalize_at
        self._finalized.clear()
        self._dropped_while_finalizing = False
        if self._finals_end < finalize_at - TIME_TOLERANCE / 5:
            try:
                async with self._send_lock:
                    await ws.send(json.dumps({"type": "Finalize"}))
                    self._last_sent = time.monotonic()
                await asyncio.wait_for(self._finalized.wait(), self._engine.finalize_timeout)
            except ConnectionClosed:
                self._dropped_while_finalizing = True
            except TimeoutError:
                log.info("deepgram sent no from_finalize in time; using the finals so far")
        self._finalize_at = None
        # Finals of audio sent after the Finalize belong to the next utterance.
        finals = [f for f in self._finals if f[2] <= finalize_at + TIME_TOLERANCE]
        self._finals = [f for f in self._finals if f[2] > finalize_at + TIME_TOLERANCE]
        self._interim = ""
        self._cutoff = max(self._cutoff, finalize_at)
        if self._dropped_while_finalizing:
            return await self._engine.prerecorded(audio, language, self._keyterms)
        text = " ".join(text for text, _, _ in finals)
        confidence = min((confidence for _, confidence, _ in finals), default=0.0)
        return Transcript(text=text, language=language, confidence=confidence)

    def discard(self) -> None:
        if self._ws is not None and self._socket_bytes / codec.SAMPLE_RATE > self._cutoff:
            # Flush what Deepgram holds of the noise: its results end by the cutoff.
            self._flush_discarded = True
            self._spawn(self._push())
        self._forget()

    def _forget(self) -> None:
        self._utterance.clear()
        self._flushed = 0
        self._finals.clear()
        self._interim = ""
        self._cutoff = max(self._cutoff, self._socket_bytes / codec.SAMPLE_RATE)

    async def set_language(self, language: Language) -> None:
        connecting = self._connecting is not None and not self._connecting.done()
        if language == self._language and (self._ws is not None or connecting or self._failed):
            return
        self._language = language
        old, self._ws = self._ws, None
        if old is not None:
            self._spawn(self._close_socket(old))
        self._connect_in_background(language)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._utterance.clear()
        ws, self._ws = self._ws, None
        for task in (self._keepalive, self._connecting):
            if task is not None:
                task.cancel()
        if ws is not None:
            await self._close_socket(ws)
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            _, still = await asyncio.wait(pending, timeout=CLOSE_TIMEOUT + 1)
            for task in still:
                task.cancel()
            await asyncio.gather(*still, return_exceptions=True)
