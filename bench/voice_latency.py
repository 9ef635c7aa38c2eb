"""Voice latency: how soon the receptionist answers on the phone.

    python bench/voice_latency.py [--calls 12] [--quick] [--only server|voice]

(a) The server's own latency — from its end-of-turn decision to the first outbound media
    frame — with instant stand-in speech providers (scripted recognition, a tone for a
    voice), so what is measured is the call loop, the agent and the player. The call
    channel records it per turn (`CallMetrics`). Target (issue 3): p95 ≤ 30 ms.
    The caller's side is split by what the turn answered: the first line answers the
    greeting ("I'm here to see Sarah Chen": a word of visiting with its full name); the
    others answer the question pending ("yes", a name, a company). Complete answers, ~250 ms
    of quiet end them (channels/voice/endpointing.py; the scripted recogniser's interim is
    the line's phrases up to the pause heard, as a real recogniser's would be).
(b) Voice to voice with the embedded providers (faster-whisper listening, Piper / espeak-ng
    speaking), as the caller experiences it: from the last voiced frame the simulator sent
    to the first audio frame back. This includes the endpointing silence the server waits
    for (adaptive, as above; Whisper recognises the audio so far when a pause begins) and
    recognition, and is what `frontdesk simulate-call` prints.

The server runs in its own process (bench/voice_server.py); the calls are placed by the
call simulator (Piper's US voice), a few at a time, in real time on loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.voice_server import (
    AUTH_TOKEN,
    LINES,
    PUBLIC_URL,
    fetch_json,
    percentiles,
    running_server,
)
from simulator.call import CallSimulator
from simulator.dial import CallSetup
from simulator.report import CallReport
from simulator.script import Say
from simulator.voices import CallerVoice

VOICE_LINES = ["Hi, I'm here to see Priya Patel.", "Yes.", "Tom Baker.", "Microsoft."]


async def place_calls(
    url: str, script: list[str], calls: int, concurrency: int
) -> list[CallReport]:
    voice = CallerVoice()
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> CallReport:
        async with gate:
            setup = CallSetup(
                base_url=url, auth_token=AUTH_TOKEN, public_url=PUBLIC_URL, idle_seconds=1.2
            )
            return await CallSimulator(setup, voice).run([Say(line) for line in script])

    await voice.speak(script[0], "en")  # Piper loads once, up front
    return await asyncio.gather(*(one(n) for n in range(calls)))


def row(label: str, values: list[float], target: float | None = None) -> str:
    p50, p95, p99 = percentiles(values, 50, 95, 99)
    text = f"  {label:34s} n={len(values):4d}  p50 {p50:7.1f}  p95 {p95:7.1f}  p99 {p99:7.1f} ms"
    if target is not None:
        text += f"  ({'meets' if p95 <= target else 'MISSES'} p95 ≤ {target:g} ms)"
    return text


args_verbose = "--verbose" in sys.argv


def server_latency(calls: int, concurrency: int) -> None:
    print("(a) the server's own latency, instant stand-in speech providers")
    with running_server("scripted", "instant", ms_per_char=15) as url:
        script = [line + "." for line in LINES]
        reports = asyncio.run(place_calls(url, script, calls, concurrency))
        metrics = fetch_json(url + "/bench/metrics")
    print(row("end of turn → first media frame", metrics["turn_ms"], target=30))
    if args_verbose:
        print("  every turn:", " ".join(f"{ms:.0f}" for ms in metrics["turn_ms"]))
    heard = [ms for r in reports for ms in r.latencies_ms()]
    print(row("caller: end of speech → first audio", heard))
    opening = [r.turns[0].latency_ms for r in reports if r.turns and r.turns[0].latency_ms]
    answers = [t.latency_ms for r in reports for t in r.turns[1:] if t.latency_ms is not None]
    print(row("  of which the greeting's answer", [ms for ms in opening if ms is not None]))
    print(row("  of which complete answers", answers))
    print(f"  ({metrics['calls']} calls, {concurrency} at a time; incoming frames handled at")
    print(f"   most {metrics['max_lag_ms']:.1f} ms late)\n")


def voice_to_voice(calls: int, concurrency: int) -> None:
    print("(b) voice to voice, embedded providers (Whisper; Piper for English)")
    with running_server("whisper", "local") as url:
        reports = asyncio.run(place_calls(url, VOICE_LINES, calls, concurrency))
        metrics = fetch_json(url + "/bench/metrics")
    print(
        row("caller: end of speech → first audio", [ms for r in reports for ms in r.latencies_ms()])
    )
    print(row("server: end of turn → first frame", metrics["turn_ms"]))
    first = [r.turns[0].latency_ms for r in reports if r.turns and r.turns[0].latency_ms]
    print(row("  of which first turns (language id)", [ms for ms in first if ms is not None]))
    print(f"  ({metrics['calls']} calls, {concurrency} at a time)\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=12, help="calls for (a); (b) makes a third")
    parser.add_argument("--concurrency", type=int, default=3, help="calls at a time in (a)")
    parser.add_argument("--only", choices=["server", "voice"], default=None)
    parser.add_argument("--quick", action="store_true", help="4 calls for (a), 2 for (b)")
    parser.add_argument("--verbose", action="store_true", help="print every turn's latency")
    args = parser.parse_args()
    calls = 4 if args.quick else args.calls
    if args.only != "voice":
        server_latency(calls, args.concurrency)
    if args.only != "server":
        voice_to_voice(max(1, calls // 3 if not args.quick else 2), 1)
