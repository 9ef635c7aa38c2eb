"""Printing through CUPS with its `lp` command (Debian's cups-client), which every label
printer with a CUPS driver understands. The job title carries the badge id, not the
visitor's name: print queues keep logs."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from core.badges.printer import PrintError

TIMEOUT = 30.0


class CupsPrinter:
    def __init__(self, printer: str, *, command: str = "lp", timeout: float = TIMEOUT) -> None:
        self.name = f"cups:{printer}"
        self._printer = printer
        self._command = command
        self._timeout = timeout

    async def print_pdf(self, path: Path, *, copies: int, title: str) -> None:
        args = ["-d", self._printer, "-n", str(max(1, copies)), "-t", title, "--", str(path)]
        try:
            process = await asyncio.create_subprocess_exec(
                self._command,
                *args,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except FileNotFoundError:
            raise PrintError(
                f"{self._command!r} not found: install CUPS's client (cups-client)",
                permanent=True,
            ) from None
        try:
            _, stderr = await asyncio.wait_for(process.communicate(), self._timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            raise PrintError(f"lp did not finish within {self._timeout:g}s") from None
        if process.returncode != 0:
            reason = stderr.decode("utf-8", "replace").strip().splitlines()
            raise PrintError(f"lp failed ({process.returncode}): {reason[0] if reason else ''}")
