"""Deepgram: live recognition over its streaming WebSocket API, one socket per call.

The socket is locked to one language (`language=xx`): streaming recognisers are better at
one language than at guessing. A call whose language is not known yet buffers its first
utterance and sends it to the pre-recorded API with language detection restricted to
en / et / ru (`detect_language` repeated per language); the answer carries the
transcript and the detected language, and the socket then opens locked to it.

Wire protocol (Deepgram's documentation): audio goes up as binary frames (μ-law 8 kHz,
as the phone line carries it); `{"type": "KeepAlive"}` as text when no audio was sent for
a few seconds (the server closes an idle socket after ten); `{"type": "Finalize"}` when
our turn-taking says the caller finished, answered by `Results` up to one marked
`from_finalize`; `{"type": "CloseStream"}` at hang-up, answered by `Metadata` and the
close. A socket that drops mid-call is reopened once, and the unfinished utterance sent
again; after that each utterance goes to the pre-recorded API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Coroutine, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from channels.voice import codec
from channels.voice.stt.base import Transcript
from channels.voice.stt.errors import SttAuthError, SttError
from core.messages import LANGUAGES, Language

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.deepgram.com"
LISTEN_PATH = "/v1/listen"
ENDPOINTING_MS = 300  # Deepgram finalises a phrase after this much silence on its own
KEEPALIVE_SECONDS = 4.0  # the documented advice: every 3-5 s of silence
FINALIZE_TIMEOUT = 1.5  # `from_finalize` is not promised when little audio was pending
CONNECT_TIMEOUT = 5.0
REST_TIMEOUT = 15.0
CLOSE_TIMEOUT = 2.0
MAX_UTTERANCE_SECONDS = 30.0
MAX_KEYTERMS = 50
MAX_KEYTERM_CHARS = 60
MAX_KEYTERMS_TOTAL_CHARS = 1500  # keyterm prompting takes ~500 tokens at most
TIME_TOLERANCE = 0.05  # seconds: result times are rounded


def keyterms_for(keyterms: Sequence[str]) -> list[str]:
    """The directory's names as `keyterm` values: distinct, short, and not too many."""
    chosen: list[str] = []
    total = 0
    for term in dict.fromkeys(" ".join(t.split()) for t in keyterms):
        if not term or len(term) > MAX_KEYTERM_CHARS:
            continue
        if len(chosen) >= MAX_KEYTERMS or total + len(term) > MAX_KEYTERMS_TOTAL_CHARS:
            break
        chosen.append(term)
        total += len(term)
    return chosen


def _language_of(code: object) -> Language | None:
    """Deepgram's BCP-47 tag ("en", "en-US") as one of ours, or None."""
    if not isinstance(code, str):
        return None
    base = code.split("-")[0].lower()
    return next((lang for lang in LANGUAGES if lang == base), None)


class Deepgram:
    """The cloud recogniser: `open()` gives one call its own stream."""

    name = "deepgram"
    languages: frozenset[Language] = frozenset(LANGUAGES)
    identifies_language = True

    def __init__(
        self,
        api_key: str,
        *,
        model: str = "nova-3",
        base_url: str | None = None,
        keepalive_seconds: float = KEEPALIVE_SECONDS,
        finalize_timeout: float = FINALIZE_TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
        max_utterance_seconds: float = MAX_UTTERANCE_SECONDS,
    ) -> None:
        self._api_key = api_key
        self.model = model
        base = urlsplit((base_url or DEFAULT_BASE_URL).rstrip("/"))
        ws_scheme = "wss" if base.scheme == "https" else "ws"
        self._rest_url = urlunsplit((base.scheme, base.netloc, base.path + LISTEN_PATH, "", ""))
        self._ws_url = urlunsplit((ws_scheme, base.netloc, base.path + LISTEN_PATH, "", ""))
        self.keepalive_seconds = keepalive_seconds
        self.finalize_timeout = finalize_timeout
        self.connect_timeout = connect_timeout
        self.max_utterance_bytes = int(max_utterance_seconds * codec.SAMPLE_RATE)
        self._http: httpx.AsyncClient | None = None

    @property
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Token {self._api_key}"}

    def _params(self, keyterms: Sequence[str]) -> list[tuple[str, str]]:
        params = [
            ("model", self.model),
            ("encoding", "mulaw"),
            ("sample_rate", str(codec.SAMPLE_RATE)),
            ("channels", "1"),
            ("smart_format", "true"),
        ]
        if self.model.startswith("nova-3"):  # keyterm prompting is a Nova-3 feature
            params += [("keyterm", term) for term in keyterms]
        return params

    def streaming_url(self, language: Language, keyterms: Sequence[str]) -> str:
        params = [
            *self._params(keyterms),
            ("language", language),
            ("interim_results", "true"),
            ("endpointing", str(ENDPOINTING_MS)),
        ]
        return f"{self._ws_url}?{urlencode(params)}"

    async def open(self, language: Language | None, keyterms: Sequence[str] = ()) -> DeepgramStream:
        stream = DeepgramStream(self, keyterms_for(keyterms))
        if language is not None:
            await stream.start(language)  # a bad key or an unreachable API shows here
        return stream

    async def connect(self, language: Language, keyterms: Sequence[str]) -> ClientConnection:
        try:
            return await connect(
                self.streaming_url(language, keyterms),
                additional_headers=self._auth,
                open_timeout=self.connect_timeout,
                close_timeout=CLOSE_TIMEOUT,
                max_size=2**20,
            )
        except InvalidStatus as exc:
            status, detail = exc.response.status_code, exc.response.headers.get("dg-error")
            raise _refusal(status, detail) from None
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            kind = type(exc).__name__
            raise SttError(f"Deepgram's streaming API is unreachable ({kind})") from None

    async def prerecorded(
        self, ulaw: bytes, language: Language | None, keyterms: Sequence[str]
    ) -> Transcript:
        """One utterance through the pre-recorded API; with no language, identify it."""
        params = self._params(keyterms)
        if language is None:
            params += [("detect_language", code) for code in LANGUAGES]
        else:
            params.append(("language", language))
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=REST_TIMEOUT)
        try:
            response = await self._http.post(
                f"{self._rest_url}?{urlencode(params)}",
                content=ulaw,
                headers={**self._auth, "Content-Type": "application/octet-stream"},
            )
        except httpx.HTTPError as exc:
            raise SttError(f"Deepgram's API is unreachable ({type(exc).__name__})") from None
        if response.status_code >= 400:
            raise _refusal(response.status_code, _err_msg(response))
        try:
            channel = response.json()["results"]["channels"][0]
            best = channel["alternatives"][0]
            text = str(best.get("transcript", "")).strip()
            confidence = float(best.get("confidence", 1.0))
        except (ValueError, KeyError, IndexError, TypeError):
            raise SttError("Deepgram answered with an unexpected document") from None
        detected = _language_of(channel.get("detected_language")) if language is None else None
        return Transcript(text=text, language=language or detected, confidence=confidence)

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None


def _refusal(status: int, detail: str | None) -> SttError:
    if status in (401, 403):
        return SttAuthError(f"Deepgram rejected the API key (HTTP {status})")
    suffix = f": {detail}" if detail else ""
    return SttError(f"Deepgram refused the request (HTTP {status}){suffix}")


def _err_msg(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return str(body.get("err_msg")) if isinstance(body, dict) and body.get("err_msg") else None


class DeepgramStream:
    """One call on Deepgram.

    Audio since the last finalize / discard is kept (capped) so that it can be sent again
    on a reopened socket, or to the pre-recorded API. Result times (`start + duration`,
    seconds of audio on this socket) tell which results belong to audio already handed
    out or thrown away.
    """

    def __init__(self, engine: Deepgram, keyterms: list[str]) -> None:
        self._engine = engine
        self._keyterms = keyterms
        self._language: Language | None = None
        self._utterance = bytearray()
        self._flushed = 0  # bytes of `_utterance` already on the current socket
        self._ws: ClientConnection | None = None
        self._socket_bytes = 0
        self._cutoff = 0.0  # results ending before this (socket seconds) are stale
        self._finals: list[tuple[str, float, float]] = []  # (text, confidence, end)
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
        if data.get("is_final") and end > self._cutoff + TIME_TOLERANCE / 5:
            text = str(best.get("transcript", "")).strip()
            if text:
                self._finals.append((text, float(best.get("confidence", 1.0)), end))
            self._finals_end = max(self._finals_end, end)
        if self._finalize_at is not None and (
            (data.get("from_finalize") and end >= self._finalize_at - TIME_TOLERANCE)
            or self._finals_end >= self._finalize_at - TIME_TOLERANCE / 5
        ):
            self._finalized.set()

    # --- the SttStream protocol -------------------------------------------------------

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
