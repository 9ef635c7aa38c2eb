"""`frontdesk simulate-call` as an operator runs it: the simulator is a development tool,
imported only when this command runs, and its mistakes are one line and exit status 2.
(The calls it places are exercised by tests/voice/test_e2e_*.py.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.cli import build_parser

FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))


def simulate_call(
    tmp_path: Path, *args: str, token: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "FRONTDESK_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/unused.db"
    if token is not None:
        env["TWILIO_AUTH_TOKEN"] = token
    return subprocess.run(
        [FRONTDESK, "simulate-call", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # no .env of the checkout's
        timeout=60,
    )


def test_building_the_parser_imports_nothing_of_the_simulator() -> None:
    probe = (
        "import sys, frontdesk.cli; frontdesk.cli.build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'simulator'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_script_is_the_options_in_the_order_given() -> None:
    from simulator.cli import script_of
    from simulator.script import Pause, Press, Say

    line = "simulate-call --say Hi --dtmf 0 --pause 1.5 --say Yes --barge-in 300"
    args = build_parser().parse_args(line.split())
    assert script_of(args.script, args.barge_in) == [
        Say("Hi"),
        Press("0"),
        Pause(1.5),
        Say("Yes", barge_in_ms=300),  # every line after the first cuts in
    ]


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--dtmf", "12"], "--dtmf takes one key"),
        (["--pause", "soon"], "--pause takes seconds"),
        (["--pause", "500"], "between 0 and 120 seconds"),
    ],
)
def test_a_bad_option_is_named(tmp_path: Path, args: list[str], complaint: str) -> None:
    result = simulate_call(tmp_path, "--say", "Hi", *args, token="dev-token")
    assert result.returncode == 2
    assert complaint in result.stderr


def test_without_an_auth_token_it_says_what_to_set(tmp_path: Path) -> None:
    result = simulate_call(tmp_path, "--say", "Hi")
    assert result.returncode == 2
    assert result.stderr.startswith("frontdesk: TWILIO_AUTH_TOKEN is not set"), result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_to_say_is_one_line(tmp_path: Path) -> None:
    result = simulate_call(tmp_path, token="dev-token")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "frontdesk: nothing to say: give the caller's lines with --say TEXT"
    )


def test_a_server_that_is_down_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    result = simulate_call(tmp_path, "--url", url, "--say", "Hi", token="dev-token")
    assert result.returncode == 2
    assert f"frontdesk: the server is not reachable at {url}/twilio/voice" in result.stderr
    assert "Traceback" not in result.stderr
