"""Deepgram: live recognition over its streaming WebSocket API, one socket per call.

The socket is locked to one language (`language=xx`): streaming recognisers are better at
one language than at guessing. A call whose language is not known yet buffers its first
utterance and sends it to the pre-recorded API with language detection restricted to
en / et / ru (`detect_language` repeated per language); the answer carries the
transcript and the detected language, and the socket then opens locked to it.

This module is the engine every call shares: the endpoints, the socket handshake and its
refusals, and the pre-recorded API (language identification, and the fallback when a
socket is gone). One call's live session — audio up, results down, finalize, keep-alive,
reconnect — is `deepgram_stream.DeepgramStream`.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidHandshake, InvalidStatus

from channels.voice import codec
from channels.voice.stt.base import Transcript
from channels.voice.stt.deepgram_stream import (
    CLOSE_TIMEOUT,
    CONNECT_TIMEOUT,
    FINALIZE_TIMEOUT,
    KEEPALIVE_SECONDS,
    DeepgramStream,
)
from channels.voice.stt.errors import SttAuthError, SttError
from core.messages import LANGUAGES, Language

DEFAULT_BASE_URL = "https://api.deepgram.com"
LISTEN_PATH = "/v1/listen"
ENDPOINTING_MS = 300  # Deepgram finalises a phrase after this much silence on its own
REST_TIMEOUT = 15.0
MAX_UTTERANCE_SECONDS = 30.0
MAX_KEYTERMS = 50
MAX_KEYTERM_CHARS = 60
MAX_KEYTERMS_TOTAL_CHARS = 1500  # keyterm prompting takes ~500 tokens at most


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
