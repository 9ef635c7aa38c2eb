"""What the two HTTP synthesisers share: one streaming POST whose body is the line's audio.

ElevenLabs and Azure both answer a POST with μ-law 8 kHz audio in a chunked body, sent
as it is synthesised, so the bytes pass straight through to the player. Every way it can
go wrong (refused, rate-limited, a vendor outage, a connection that drops mid-sentence,
silence past the read timeout) becomes one `SpeechError` naming the vendor.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Mapping
from typing import Any

import httpx

from channels.voice.tts.base import SpeechError

# Connecting is quick or broken; between two chunks of a sentence a vendor rarely pauses
# for long, and a caller would not wait for it anyway.
TIMEOUT = httpx.Timeout(connect=5.0, read=10.0, write=5.0, pool=5.0)


def new_client() -> httpx.AsyncClient:
    """One client per provider: its connection pool keeps TLS warm between sentences."""
    return httpx.AsyncClient(timeout=TIMEOUT, limits=httpx.Limits(max_keepalive_connections=20))


async def stream_audio(
    client: httpx.AsyncClient,
    vendor: str,
    url: str,
    *,
    describe: Callable[[int, bytes], str],
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    content: bytes | None = None,
) -> AsyncGenerator[bytes, None]:
    """POST and yield the response body as it arrives; `describe` words a refusal."""
    try:
        async with client.stream(
            "POST", url, params=params, headers=headers, json=json, content=content
        ) as response:
            if response.status_code != 200:
                body = await response.aread()
                raise SpeechError(f"{vendor}: {describe(response.status_code, body)}")
            async for chunk in response.aiter_bytes():
                if chunk:
                    yield chunk
    except httpx.TimeoutException as error:
        raise SpeechError(
            f"{vendor}: no audio within the timeout ({type(error).__name__})"
        ) from error
    except httpx.HTTPError as error:
        raise SpeechError(f"{vendor}: the audio stream broke off: {error}") from error
