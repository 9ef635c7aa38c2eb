"""The embedded notifier: prints each message on the console of the machine the server
runs on, which is where a small front desk without Slack or SMS is watching."""

from __future__ import annotations

import sys
from typing import TextIO

from core.notifications.notifier import OutgoingMessage


class ConsoleNotifier:
    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    async def deliver(self, message: OutgoingMessage) -> None:
        to = message.recipient.name if message.recipient else "front desk"
        stream = self._stream or sys.stdout
        print(f"[notify #{message.notification_id} → {to}] {message.text}", file=stream, flush=True)
