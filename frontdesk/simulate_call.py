"""`frontdesk simulate-call`: its options, and the settings it hands the call simulator.

The simulator (the top-level `simulator` package, a development tool) is imported only
when the command runs: building the CLI's parser, which every command does, imports none
of it. Here the settings become plain values (`CallSetup`); the simulator reads none.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontdesk.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options (README "Trying it without a phone")."""
    parser.add_argument(
        "--url",
        default=None,
        help="where the server listens (default: http://FRONTDESK_HOST:FRONTDESK_PORT)",
    )
    parser.add_argument(
        "--public-url",
        default=None,
        help="the URL the server knows itself by, which Twilio signs over "
        "(default: FRONTDESK_PUBLIC_URL)",
    )
    parser.add_argument(
        "--say",
        dest="script",
        action=_Append,
        kind="say",
        metavar="TEXT",
        help="a line the caller says, in order (repeat for a conversation)",
    )
    parser.add_argument(
        "--dtmf",
        dest="script",
        action=_Append,
        kind="dtmf",
        metavar="DIGIT",
        help="press a key at this point of the script (0 asks for a person)",
    )
    parser.add_argument(
        "--pause",
        dest="script",
        action=_Append,
        kind="pause",
        metavar="SECONDS",
        help="stay silent this long at this point of the script",
    )
    parser.add_argument(
        "--language",
        choices=["en", "et", "ru"],
        default="en",
        help="the caller's language: Piper's US voice speaks English, espeak-ng the others",
    )
    parser.add_argument(
        "--from",
        dest="caller",
        default=None,
        metavar="+NUMBER",
        help="the caller's number (default: a fictional one in the language's country)",
    )
    parser.add_argument(
        "--barge-in",
        type=int,
        default=None,
        metavar="MS",
        help="say every line after the first MS ms after the receptionist starts "
        "answering, cutting in, instead of waiting for them to finish",
    )
    parser.add_argument(
        "--hangup-after",
        type=float,
        default=None,
        metavar="SECONDS",
        help="hang up this many seconds after the call is connected, wherever it is",
    )
    parser.add_argument(
        "--record",
        type=Path,
        default=None,
        metavar="FILE.wav",
        help="save what the caller heard as a WAV file (8 kHz, 16-bit)",
    )
    parser.add_argument(
        "--comfort-noise",
        type=float,
        default=None,
        metavar="DBFS",
        help="send faint noise at this level (e.g. -70) instead of digital silence",
    )


class _Append(argparse.Action):
    """--say, --dtmf and --pause append to one script, in the order given."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        script = list(getattr(namespace, self.dest, None) or [])
        value = str(values)
        if self.kind == "dtmf" and (len(value) != 1 or value not in "0123456789*#"):
            parser.error(f"--dtmf takes one key (0-9, * or #), not {value!r}")
        if self.kind == "pause":
            try:
                seconds = float(value)
            except ValueError:
                parser.error(f"--pause takes seconds, not {value!r}")
            if not 0 < seconds <= 120:
                parser.error("--pause takes between 0 and 120 seconds")
        script.append((self.kind, value))
        setattr(namespace, self.dest, script)


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    """One call from the command line; `SimulatorError` for what to tell the user."""
    from simulator import cli
    from simulator.dial import DEFAULT_ACCOUNT_SID, DEFAULT_LOBBY, DEFAULT_NUMBERS, CallSetup
    from simulator.errors import SimulatorError

    if settings.twilio_auth_token is None:
        raise SimulatorError(
            "TWILIO_AUTH_TOKEN is not set: the server refuses unsigned calls, so the simulator "
            "signs with the same token. Set it for both (export TWILIO_AUTH_TOKEN=… or put it "
            "in .env) and restart the server"
        )
    script = cli.script_of(args.script or [], args.barge_in)
    if not script:
        raise SimulatorError("nothing to say: give the caller's lines with --say TEXT")
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    setup = CallSetup(
        base_url=args.url or f"http://{host}:{settings.port}",
        auth_token=settings.twilio_auth_token.get_secret_value(),
        public_url=args.public_url or settings.public_url,
        caller=args.caller or DEFAULT_NUMBERS[args.language],
        lobby=settings.twilio_phone_number or DEFAULT_LOBBY,
        account_sid=settings.twilio_account_sid or DEFAULT_ACCOUNT_SID,
        language=args.language,
        hangup_after=args.hangup_after,
        comfort_noise_dbfs=args.comfort_noise,
        record=args.record is not None,
    )
    return cli.call(setup, script, record=args.record)
