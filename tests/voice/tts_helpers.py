"""What the TTS tests check in every provider's output, and which child processes live."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from channels.voice.codec import SAMPLE_RATE, rms_dbfs, ulaw_to_pcm16


@dataclass
class Heard:
    chunks: list[bytes] = field(default_factory=list)
    first_after: float = 0.0  # seconds from the request to the first chunk
    total_after: float = 0.0  # seconds from the request to the end of the stream

    @property
    def audio(self) -> bytes:
        return b"".join(self.chunks)

    @property
    def seconds(self) -> float:
        return len(self.audio) / SAMPLE_RATE

    @property
    def loudness_dbfs(self) -> float:
        return rms_dbfs(ulaw_to_pcm16(self.audio))


async def listen(stream: AsyncIterator[bytes]) -> Heard:
    heard = Heard()
    started = time.perf_counter()
    async for chunk in stream:
        if not heard.chunks:
            heard.first_after = time.perf_counter() - started
        heard.chunks.append(chunk)
    heard.total_after = time.perf_counter() - started
    return heard


def children_named(command: str) -> list[tuple[int, str]]:
    """(pid, state) of this process's children running `command` (zombies included)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        state, ppid = text[text.rindex(")") + 2 :].split()[:2]
        if int(ppid) == os.getpid() and name == command[:15]:
            found.append((int(stat.parent.name), state))
    return found
