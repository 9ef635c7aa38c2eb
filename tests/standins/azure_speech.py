"""Azure Speech's text-to-speech REST endpoint as it answers on the wire.

`POST /cognitiveservices/v1` with `Ocp-Apim-Subscription-Key`, `Content-Type:
application/ssml+xml`, `X-Microsoft-OutputFormat` and a `User-Agent`; the body is SSML
(`<speak xml:lang=…><voice name=…>text</voice></speak>`). The answer is the audio in a
chunked body. Refusals come, as Azure sends most of them, with an empty body; failures are
scripted per call.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.standins.elevenlabs import Dropped
from tests.standins.server import Script, retry_headers
from tests.standins.tts_audio import speech_for, stream_chunks

KEY = "azure-speech-test-key"
SYNTHESIZE = "synthesize"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
SSML_NS = "{http://www.w3.org/2001/10/synthesis}"
VOICES = {  # the prebuilt neural voices this stand-in knows, by locale
    "en-US-JennyNeural": "en-US",
    "en-US-GuyNeural": "en-US",
    "et-EE-AnuNeural": "et-EE",
    "et-EE-KertNeural": "et-EE",
    "ru-RU-SvetlanaNeural": "ru-RU",
    "ru-RU-DmitryNeural": "ru-RU",
}
FORMATS = {"raw-8khz-8bit-mono-mulaw": "audio/basic", "riff-8khz-8bit-mono-mulaw": "audio/x-wav"}


@dataclass
class AzureSpeechStandIn:
    requests: list[dict[str, Any]] = field(default_factory=list)
    script: Script = field(default_factory=Script)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/cognitiveservices/v1", self._synthesize)
        return app

    async def _synthesize(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Ocp-Apim-Subscription-Key") != KEY:
            return web.Response(status=401)
        if request.content_type != "application/ssml+xml":
            return web.Response(status=415)
        output_format = request.headers.get("X-Microsoft-OutputFormat", "")
        if output_format not in FORMATS or not request.headers.get("User-Agent"):
            return web.Response(status=400)
        try:
            speak = ET.fromstring(await request.read())
        except ET.ParseError:
            return web.Response(status=400, text="Invalid SSML")
        voice = speak.find(f"{SSML_NS}voice")
        if speak.tag != f"{SSML_NS}speak" or voice is None:
            return web.Response(status=400, text="SSML needs <speak> with a <voice>")
        name = voice.get("name", "")
        locale = speak.get(f"{XML_NS}lang")
        if name not in VOICES or locale is None:
            return web.Response(status=400, text=f"Unsupported voice {name}")
        text = "".join(voice.itertext())
        self.requests.append(
            {
                "locale": locale,
                "voice": name,
                "text": text,
                "format": output_format,
                "user_agent": request.headers["User-Agent"],
            }
        )
        failure = await self.script.next(SYNTHESIZE)
        if isinstance(failure, Dropped):
            return await stream_chunks(
                request, speech_for(text), FORMATS[output_format], drop_after=failure.after_chunks
            )
        if failure is not None:
            return web.Response(status=failure.status, headers=retry_headers(failure))
        return await stream_chunks(request, speech_for(text), FORMATS[output_format])
