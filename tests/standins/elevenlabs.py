"""ElevenLabs' streaming text-to-speech as its API answers it on the wire.

`POST /v1/text-to-speech/{voice_id}/stream?output_format=…` with the `xi-api-key` header
and a JSON body `{text, model_id, language_code?, voice_settings?}`; the answer is the
audio in a chunked body, sent as it is "synthesised". Refusals carry ElevenLabs' error
document `{"detail": {"status": …, "message": …}}`. Failures are scripted per call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.standins.server import Failure, Script, retry_headers
from tests.standins.tts_audio import speech_for, stream_chunks

API_KEY = "elevenlabs-test-key"
VOICE_ID = "21m00Tcm4TlvDq8ikWAM"
STREAM = "stream"
OUTPUT_FORMATS = {"ulaw_8000", "mp3_44100_128", "pcm_16000"}  # the ones this stand-in knows
# What Flash v2.5 (and Turbo v2.5) speak of ours: no Estonian.
MODEL_LANGUAGES = {
    "eleven_flash_v2_5": {"en", "ru"},
    "eleven_turbo_v2_5": {"en", "ru"},
    "eleven_multilingual_v2": {"en", "ru"},
    "eleven_v3": {"en", "et", "ru"},
}


@dataclass(frozen=True)
class Dropped(Failure):
    """Start answering normally, then cut the connection after `after_chunks` chunks."""

    status: int = 200
    after_chunks: int = 2


@dataclass
class ElevenLabsStandIn:
    requests: list[dict[str, Any]] = field(default_factory=list)
    script: Script = field(default_factory=Script)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v1/text-to-speech/{voice_id}/stream", self._stream)
        return app

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("xi-api-key") != API_KEY:
            return _error(401, "invalid_api_key", "Invalid API key")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "invalid_json", "The request body is not JSON")
        output_format = request.query.get("output_format", "mp3_44100_128")
        model = body.get("model_id", "eleven_multilingual_v2")
        language = body.get("language_code")
        if output_format not in OUTPUT_FORMATS:
            return _error(400, "invalid_output_format", f"Unknown format {output_format}")
        if not isinstance(body.get("text"), str) or not body["text"].strip():
            return _error(400, "invalid_text", "text must be a non-empty string")
        if model not in MODEL_LANGUAGES:
            return _error(400, "model_not_found", f"Model {model} does not exist")
        if language is not None and language not in MODEL_LANGUAGES[model]:
            return _error(400, "unsupported_language", f"Model {model} does not support {language}")
        self.requests.append(
            {
                "voice_id": request.match_info["voice_id"],
                "query": dict(request.query),
                "body": body,
                "accept": request.headers.get("Accept"),
            }
        )
        failure = await self.script.next(STREAM)
        audio = speech_for(body["text"])
        if isinstance(failure, Dropped):
            return await stream_chunks(
                request, audio, "audio/basic", drop_after=failure.after_chunks
            )
        if failure is not None:
            code = "too_many_concurrent_requests" if failure.status == 429 else "internal_error"
            return _error(
                failure.status,
                failure.error or code,
                "Scripted failure",
                headers=retry_headers(failure),
            )
        return await stream_chunks(request, audio, "audio/basic")


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    body = {"detail": {"status": code, "message": message}}
    return web.json_response(body, status=status, headers=headers or {})
