"""Calls sustained, as the shared Twilio load generator measures them, with the CPU of
every worker process of the server.

    python bench/voice_loadcalls.py [--levels 50,100,150,200] [--seconds 60] [--workers N]
        [--gen-python /tmp/lc/gen-venv/bin/python] [--loadcalls ../shared/bench/loadcalls]
        [--idle-p95 MS]

Per level: a fresh `bench/voice_server.py` (one worker per CPU unless told, stand-in
recogniser and instant voice), the shared generator (`loadgen.py`, signed handshakes; one
generator process up to 100 calls, two above) playing N real-time callers that speak
every 5 s, and the CPU-seconds the server's whole process tree used in the generator's
steady window (its own `bench.py` samples one process, and the supervisor of a
multi-worker server does next to nothing). It prints answered share, p50/p95 answer
latency (end of speech → first audio), CPU-s per call-minute, and whether the generator
kept up (sender lag p99 ≤ 20 ms; a level where it did not is not judged). A level is
sustained when ≥ 99 % of turns are answered within 3 s and p95 ≤ the idle p95 + 300 ms
(the idle p95: `--idle-p95`, else the first level's). Target (issue 11): 200 calls and
≤ 0.5 CPU-s per call-minute on a 2-core machine, the generator running beside the server.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AUTH = [
    "--twilio-token",
    "twilio-test-token",
    "--public-url",
    "wss://lobby.example.com/twilio/media",
]


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of `root` and its live descendants, from /proc."""
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += int(stats[pid][11]) + int(stats[pid][12])
        todo.extend(children.get(pid, []))
    return total / tick


class Sampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.samples: list[tuple[float, float]] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.samples.append((time.time(), tree_cpu(self.root)))
            self.halt.wait(1.0)

    def cores(self, t0: float, t1: float) -> float | None:
        inside = [s for s in self.samples if t0 <= s[0] <= t1]
        if len(inside) < 2:
            return None
        (a, ca), (b, cb) = inside[0], inside[-1]
        return (cb - ca) / (b - a)


def level(args: argparse.Namespace, calls: int, port: int) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "voice_server.py"), "--port", str(port)]
    command += [
        "--no-lag-probe"
    ]  # the generator measures latency; the probe's CPU is not the server's
    if args.ws:
        command += ["--ws", args.ws]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        # A process group of its own (so the whole tree can be signalled) but the same
        # session as this driver and the generator, as the loadcalls harness starts the
        # anchor: a session of its own would put the server in a scheduler autogroup of
        # its own, whose CPU share differs from what the anchor gets.
        process_group=0,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline()
        if not ready.startswith("READY"):
            raise SystemExit(f"the server did not start (exit status {server.wait()})")
        sampler = Sampler(server.pid)
        sampler.start()
        generator = [
            args.gen_python,
            str(Path(args.loadcalls) / "loadgen.py"),
            f"ws://127.0.0.1:{port}/twilio/media",
            "--calls", str(calls),
            "--seconds", str(args.seconds),
            "--procs", "1" if calls <= 100 else "2",
            "--json",
            *AUTH,
        ]  # fmt: skip
        run = subprocess.run(generator, capture_output=True, text=True, timeout=args.seconds + 180)
        sampler.halt.set()
        if run.returncode != 0:
            raise SystemExit(f"the generator failed:\n{run.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(run.stdout)
        lo, hi = result["steady_window"]
        cores = sampler.cores(lo, hi)
        result["server_cores"] = cores
        result["cpu_s_per_call_min"] = None if cores is None else cores * 60 / calls
        return result
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,50,100,150,200")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=None, help="default: one per CPU")
    parser.add_argument("--port", type=int, default=8831)
    parser.add_argument(
        "--ws", default="", help="uvicorn's WebSocket implementation for the server"
    )
    parser.add_argument("--gen-python", default="/tmp/lc/gen-venv/bin/python")
    parser.add_argument("--loadcalls", default=str(HERE.parent.parent / "shared/bench/loadcalls"))
    parser.add_argument("--idle-p95", type=float, default=None, help="ms; else the first level's")
    args = parser.parse_args()
    if not (Path(args.loadcalls) / "loadgen.py").exists():
        parser.error(f"no loadgen.py in {args.loadcalls}: give --loadcalls DIR")
    print("  calls  answered   p50 ms   p95 ms  CPU-s/call-min  cores  gen lag p99  sustained")
    idle = args.idle_p95
    best, unbroken = 0, True
    for i, calls in enumerate(int(n) for n in args.levels.split(",")):
        result = level(args, calls, args.port + i)
        steady = result["latency_steady"]
        p95 = steady.get("p95_ms") or float("inf")
        if idle is None:
            idle = p95
        kept_up = (result["sender_lag"].get("p99_ms") or 0) <= 20.0
        held = steady["answered_frac"] >= 0.99 and p95 <= idle + 300
        if kept_up:  # a level the generator could not play is not judged
            unbroken = unbroken and held
            if unbroken:
                best = calls
        per_min, cores = result["cpu_s_per_call_min"], result["server_cores"]
        print(
            f"  {calls:5d}  {100 * steady['answered_frac']:7.1f}%  {steady.get('p50_ms') or 0:7.0f}"
            f"  {p95:7.0f}  {per_min if per_min is not None else float('nan'):14.2f}"
            f"  {cores if cores is not None else float('nan'):5.2f}"
            f"  {result['sender_lag'].get('p99_ms') or 0:8.0f} ms  {'yes' if held else 'NO'}"
            f"{'' if kept_up else ' (the generator fell behind)'}",
            flush=True,
        )
    print(f"\nIdle p95 {idle:.0f} ms. Sustained: {best} simultaneous calls (target 200).")


if __name__ == "__main__":
    main()
