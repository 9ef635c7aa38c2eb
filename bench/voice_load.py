"""Simultaneous calls: how many real-time phone calls one server sustains.

    python bench/voice_load.py [--levels 25,50,100,150,200] [--seconds 20] [--quick]
                               [--workers N]

The server runs in processes of its own (bench/voice_server.py: one worker per CPU, as
`frontdesk serve`; `--workers N` to choose) with the real call channel
— Silero VAD on every frame, turn-taking, the agent, the player — and the stand-in
recogniser and synthesiser (no Whisper: this measures the line, not recognition). The
calls come from a separate generator process (so the server's process is what is
measured): each places a signed call, streams 20 ms μ-law frames in real time, says a
line every few seconds (so turns happen: end of turn, agent, reply audio, marks echoed)
and hangs up at the end.

Per level it prints the frame lag the server measured on itself — how long after a frame
left the caller the call handler had handled it — p50, p99 and max, and whether every
frame was handled within 100 ms (max ≤ 100 ms). The ramp goes on while p99 stays under
100 ms; the number sustained is the highest level below which every level held.
It also prints the server's CPU (every worker process) per call-minute.
Target (issue 11): at least 200 calls on a 2-core machine at ≤ 0.5 CPU-s per call-minute.
The shared load generator (../shared/bench/loadcalls/) measures the same from the
caller's side (answer latency per turn); see the README's *Benchmarks*.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.voice_server import AUTH_TOKEN, PUBLIC_URL, fetch_json, running_server

LAG_LIMIT_MS = 100.0
TARGET_CALLS = 200
LINE = "Hi, I'm here to see Sarah Chen"
SPEAK_EVERY = 8.0  # seconds between a call's lines


# --- the generator (a separate process) ---------------------------------------------------


class LeanCall:
    """One call, as cheaply as the generator can play it: frames from a shared ticker,
    marks echoed on arrival (the audio is not played back; only the server is measured)."""

    def __init__(self, ws: Any, stream_sid: str, line: list[bytes], offset: float) -> None:
        self.ws = ws
        self.stream_sid = stream_sid
        self.line = line
        self.next_line_at = offset
        self.queue: list[bytes] = []
        self.chunk = 0
        self.received = 0

    def frame_message(self, silence: str, payloads: dict[bytes, str]) -> str:
        self.chunk += 1
        payload = payloads[self.queue.pop(0)] if self.queue else silence
        return (
            f'{{"event":"media","sequenceNumber":"{self.chunk + 1}","media":{{"track":"inbound",'
            f'"chunk":"{self.chunk}","timestamp":"{(self.chunk - 1) * 20}","payload":"{payload}"}},'
            f'"streamSid":"{self.stream_sid}"}}'
        )

    async def listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for message in self.ws:
                self.received += 1
                if isinstance(message, str) and message.startswith('{"event":"mark"'):
                    name = json.loads(message)["mark"]["name"]
                    await self.ws.send(
                        json.dumps(
                            {
                                "event": "mark",
                                "sequenceNumber": "0",
                                "streamSid": self.stream_sid,
                                "mark": {"name": name},
                            }
                        )
                    )
        except ConnectionClosed:
            pass


async def place_call(base_url: str, n: int) -> tuple[Any, str]:
    """The signed webhook and the signed handshake, as Twilio does them."""
    import httpx
    from websockets.asyncio.client import connect

    from channels.twilio.signature import sign
    from channels.voice.stream_events import Connected, Start
    from channels.voice.twilio_stream import encode
    from simulator.dial import parse_stream_twiml

    call_sid = f"CA{n:032x}"
    form = {"CallSid": call_sid, "AccountSid": "AC" + "0" * 32, "From": "+14155550123"}
    form |= {"To": "+3725559999", "CallStatus": "ringing", "Direction": "inbound"}
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(
            base_url + "/twilio/voice",
            data=form,
            headers={"X-Twilio-Signature": sign(AUTH_TOKEN, PUBLIC_URL + "/twilio/voice", form)},
        )
    response.raise_for_status()
    stream_url, parameters = parse_stream_twiml(response.text)
    path = stream_url.split("://", 1)[1].split("/", 1)[1]
    ws = await connect(
        base_url.replace("http://", "ws://") + "/" + path,
        additional_headers={"X-Twilio-Signature": sign(AUTH_TOKEN, stream_url, {})},
        open_timeout=30,
        compression=None,  # as Twilio: no permessage-deflate
    )
    stream_sid = f"MZ{n:032x}"
    await ws.send(encode(Connected()))
    await ws.send(
        encode(Start(stream_sid, call_sid, "AC" + "0" * 32, custom_parameters=parameters))
    )
    return ws, stream_sid


async def generate(base_url: str, calls: int, seconds: float) -> dict[str, Any]:
    import base64

    from channels.voice.codec import FRAME_BYTES, SILENCE_BYTE, frames
    from channels.voice.stream_events import Stop
    from channels.voice.twilio_stream import encode
    from simulator.voices import CallerVoice

    line = frames(await CallerVoice().speak(LINE, "en"))
    payloads = {f: base64.b64encode(f).decode() for f in line}
    silence = base64.b64encode(bytes([SILENCE_BYTE]) * FRAME_BYTES).decode()
    rng = random.Random(7)
    gate = asyncio.Semaphore(8)

    async def connect(n: int) -> LeanCall:
        async with gate:
            ws, sid = await place_call(base_url, n)
        return LeanCall(ws, sid, line, rng.uniform(1.0, 1.0 + SPEAK_EVERY))

    live = await asyncio.gather(*(connect(n) for n in range(calls)))
    listeners = [asyncio.create_task(call.listen()) for call in live]
    start = time.perf_counter()
    late: list[float] = []
    tick = 0
    try:
        while (now := time.perf_counter() - start) < seconds:
            for call in live:
                if now >= call.next_line_at and not call.queue:
                    call.queue = list(call.line)
                    call.next_line_at = now + SPEAK_EVERY
                await call.ws.send(call.frame_message(silence, payloads))
            tick += 1
            due = start + tick * 0.02
            late.append(max(0.0, time.perf_counter() - due))
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
    finally:
        for call in live:
            stop = Stop(call.stream_sid, "CA", "AC" + "0" * 32, sequence_number=call.chunk + 2)
            try:
                await call.ws.send(encode(stop))
                await call.ws.close()
            except Exception:  # the server may already have gone
                pass
        for task in listeners:
            task.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
    late.sort()
    return {
        "calls": calls,
        "ticks": tick,
        "generator_late_p99_ms": late[int(len(late) * 0.99)] * 1000 if late else 0.0,
        "received": sum(call.received for call in live),
    }


# --- the ramp -----------------------------------------------------------------------------


def calls_before(levels: list[int], calls: int) -> int:
    """The level below `calls` (0 for the first): held counts only when all below held."""
    index = levels.index(calls)
    return levels[index - 1] if index else 0


def run_level(url: str, calls: int, seconds: float) -> dict[str, Any]:
    cpu_before = fetch_json(url + "/bench/lag?reset=1")["cpu_s"]
    started = time.perf_counter()
    generator = subprocess.run(
        [sys.executable, __file__, "--generate", url, str(calls), str(seconds)],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    if generator.returncode != 0:
        raise SystemExit(f"the generator failed:\n{generator.stderr[-2000:]}")
    own: dict[str, Any] = json.loads(generator.stdout.strip().splitlines()[-1])
    time.sleep(1.0)  # the calls end and their metrics reach the server's collection
    fetch_json(url + "/bench/metrics?reset=1")
    result = fetch_json(url + "/bench/lag?reset=1") | own
    minutes = calls * (time.perf_counter() - started) / 60
    result["cpu_per_call_min"] = (result["cpu_s"] - cpu_before) / minutes
    return result


def main(levels: list[int], seconds: float, workers: int | None = None) -> None:
    print(f"Simultaneous real-time calls, {seconds:g} s per level; server and generator in")
    print("separate processes; Silero VAD on every frame, stand-in STT/TTS; target: every")
    print(f"inbound frame handled within {LAG_LIMIT_MS:.0f} ms of leaving the caller.\n")
    print(
        "  calls   frames   p50 ms   p99 ms   max ms  held  CPU-s/call-min"
        "  (generator's own p99 lateness)"
    )
    best = 0
    with running_server("scripted", "instant", workers=workers) as url:
        for calls in levels:
            result = run_level(url, calls, seconds)
            held = result["frames"] > 0 and result["max_ms"] <= LAG_LIMIT_MS
            print(
                f"  {calls:5d}  {result['frames']:7d}  {result.get('p50_ms', 0):7.1f}  "
                f"{result.get('p99_ms', 0):7.1f}  {result.get('max_ms', 0):7.1f}  "
                f"{'yes' if held else 'NO '}   {result['cpu_per_call_min']:6.2f}"
                f"          ({result['generator_late_p99_ms']:.1f} ms)",
                flush=True,
            )
            if held and best == calls_before(levels, calls):
                best = calls
            if result.get("p99_ms", 0) > LAG_LIMIT_MS:
                break  # overloaded: more calls tell nothing new
    verdict = "meets" if best >= TARGET_CALLS else "misses"
    print(f"\nSustained: {best} simultaneous calls ({verdict} the target of {TARGET_CALLS}).")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--levels", default="25,50,100,150,200", help="numbers of calls to ramp through"
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each level runs")
    parser.add_argument("--quick", action="store_true", help="25 and 100 calls, 8 s each")
    parser.add_argument(
        "--workers", type=int, default=None, help="the server's worker processes (one per CPU)"
    )
    parser.add_argument(
        "--generate", nargs=3, metavar=("URL", "CALLS", "SECONDS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.generate:
        url, calls, seconds = args.generate
        print(json.dumps(asyncio.run(generate(url, int(calls), float(seconds)))))
    elif args.quick:
        main([25, 100], 8.0, args.workers)
    else:
        main([int(n) for n in args.levels.split(",")], args.seconds, args.workers)
