"""The audio the speech stand-ins answer with, streamed like a real synthesiser does it.

A tone stands in for a voice: its length grows with the text (~60 ms per character, like
speech), it is μ-law 8 kHz, and it goes out in several chunks with a pause between them,
so a client that buffers the whole body instead of streaming it is caught.
"""

from __future__ import annotations

import asyncio

import numpy as np
from aiohttp import web

from channels.voice.codec import SAMPLE_RATE, pcm16_to_ulaw, to_int16

SECONDS_PER_CHAR = 0.06
CHUNKS = 5
CHUNK_PAUSE = 0.03  # seconds between two chunks


def speech_for(text: str) -> bytes:
    """μ-law 8 kHz audio as long as `text` would take to say: a 440 Hz tone."""
    samples = max(1, round(len(text) * SECONDS_PER_CHAR * SAMPLE_RATE))
    t = np.arange(samples) / SAMPLE_RATE
    return pcm16_to_ulaw(to_int16(0.3 * np.sin(2 * np.pi * 440.0 * t).astype(np.float32)))


def split(audio: bytes, parts: int = CHUNKS) -> list[bytes]:
    size = -(-len(audio) // parts)
    return [audio[i : i + size] for i in range(0, len(audio), size)]


async def stream_chunks(
    request: web.Request, audio: bytes, content_type: str, *, drop_after: int | None = None
) -> web.StreamResponse:
    """Send `audio` chunked with pauses; with `drop_after`, cut the connection after that
    many chunks (a vendor's stream breaking off mid-sentence)."""
    response = web.StreamResponse(status=200, headers={"Content-Type": content_type})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for index, chunk in enumerate(split(audio)):
        if drop_after is not None and index == drop_after:
            assert request.transport is not None
            request.transport.close()
            return response
        await response.write(chunk)
        await asyncio.sleep(CHUNK_PAUSE)
    await response.write_eof()
    return response
