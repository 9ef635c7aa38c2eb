"""The simulator's two exceptions: one for the user, one for the script."""

from __future__ import annotations


class SimulatorError(Exception):
    """Something to tell the user in one line (the server is down, it refused us…)."""


class CallOver(Exception):
    """The call ended (either side hung up) while the script was still running."""
