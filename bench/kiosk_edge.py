"""What the lobby kiosk's line costs at its edge, per 20 ms frame, beside the phone's.

The kiosk's microphone arrives as 16 kHz PCM and is low-passed and halved to the line's
8 kHz μ-law (`KioskTransport.receive`); a phone frame arrives as Twilio's JSON with base64
μ-law (`parse_inbound`). Going out, a kiosk frame is μ-law → PCM bytes, a phone frame
JSON. Everything behind the edge is the same code for both. Prints microseconds per frame
and the ratio kiosk / phone, measured in the same run.

    python bench/kiosk_edge.py [--frames N]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import numpy as np

from channels.voice.kiosk_stream import KioskTransport
from channels.voice.stream_events import Media, OutMedia
from channels.voice.twilio_stream import encode, parse_inbound


class _Socket:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def receive(self) -> dict[str, Any]:
        return self.messages.pop()

    async def send_bytes(self, data: bytes) -> None:
        pass

    async def send_text(self, data: str) -> None:
        pass

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        pass


def _per_frame(started: float, frames: int) -> float:
    return (time.perf_counter() - started) / frames * 1e6


async def measure(frames: int) -> dict[str, float]:
    socket = _Socket()
    kiosk = KioskTransport(socket, "bench")
    socket.messages = [{"type": "websocket.receive", "text": '{"event": "start"}'}]
    await kiosk.receive()
    rng = np.random.default_rng(1)
    chunk = (rng.standard_normal(320) * 3000).astype("<i2").tobytes()  # 20 ms at 16 kHz
    socket.messages = [{"type": "websocket.receive", "bytes": chunk}] * frames
    started = time.perf_counter()
    for _ in range(frames):
        await kiosk.receive()
    kiosk_in = _per_frame(started, frames)
    text = encode(Media("MZ1", bytes(160), chunk=1, timestamp=0, sequence_number=1))
    started = time.perf_counter()
    for _ in range(frames):
        parse_inbound(text)
    phone_in = _per_frame(started, frames)
    out = OutMedia("MZ1", bytes(160))
    started = time.perf_counter()
    for _ in range(frames):
        kiosk.encode(out)
    kiosk_out = _per_frame(started, frames)
    started = time.perf_counter()
    for _ in range(frames):
        encode(out)
    phone_out = _per_frame(started, frames)
    return {
        "kiosk_in": kiosk_in,
        "phone_in": phone_in,
        "kiosk_out": kiosk_out,
        "phone_out": phone_out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=5000, help="frames to time (default 5000)")
    args = parser.parse_args()
    found = asyncio.run(measure(args.frames))
    print(
        f"in:  kiosk {found['kiosk_in']:.1f} us/frame, phone {found['phone_in']:.1f} us/frame, "
        f"ratio {found['kiosk_in'] / found['phone_in']:.2f}"
    )
    print(
        f"out: kiosk {found['kiosk_out']:.1f} us/frame, phone {found['phone_out']:.1f} us/frame, "
        f"ratio {found['kiosk_out'] / found['phone_out']:.2f}"
    )
    print(f"kiosk edge: {100 * (found['kiosk_in'] + found['kiosk_out']) / 20000:.2f} % of a core")


if __name__ == "__main__":
    main()
