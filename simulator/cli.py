"""The body of `frontdesk simulate-call`: the script from the command line, one call, a
line per turn and a summary. The command's options and its settings live with the CLI
(`frontdesk/simulate_call.py`), which imports this module only when the command runs."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from simulator.call import CallSimulator
from simulator.dial import CallSetup
from simulator.errors import SimulatorError
from simulator.report import print_report
from simulator.script import Pause, Press, Say, Step


def script_of(entries: Sequence[tuple[str, str]], barge_in_ms: int | None = None) -> list[Step]:
    """`--say`, `--dtmf` and `--pause` in the order given → the script; with `--barge-in`
    every line after the first cuts in over the receptionist."""
    steps: list[Step] = []
    for kind, value in entries:
        if kind == "say":
            barge = barge_in_ms if any(isinstance(s, Say) for s in steps) else None
            steps.append(Say(value, barge_in_ms=barge))
        elif kind == "dtmf":
            steps.append(Press(value))
        else:
            steps.append(Pause(float(value)))
    return steps


def call(setup: CallSetup, script: Sequence[Step], record: Path | None = None) -> int:
    """Place the call, print its report, keep what the caller heard in `record`."""
    print(f"Calling {setup.base_url} from {setup.caller} …", flush=True)
    report = asyncio.run(CallSimulator(setup).run(script))
    print_report(report)
    if record is not None:
        try:
            report.write_wav(record)
        except OSError as exc:
            raise SimulatorError(f"cannot write {record}: {exc.strerror}") from None
        print(f"What the caller heard is in {record}.")
    return 0
