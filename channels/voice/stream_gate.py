"""The door of an accepted Media Stream: Twilio's `start` must arrive within a few seconds
and carry the call's stream token (`stream_token.py`); otherwise the socket is closed
(1008) before any call begins. What arrived before `start` (Twilio's `connected`) is
handed on with it, so the call handler reads the stream from its first message."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque

from channels.voice import stream_token
from channels.voice.media import MediaSocket

log = logging.getLogger(__name__)
START_TIMEOUT_SECONDS = 5.0
MAX_MESSAGES_BEFORE_START = 10


class _Replaying:
    """A MediaSocket that first gives back the messages the gate already read."""

    def __init__(self, socket: MediaSocket, read: list[str]) -> None:
        self._socket = socket
        self._read = deque(read)

    async def receive_text(self) -> str:
        return self._read.popleft() if self._read else await self._socket.receive_text()

    async def send_text(self, data: str) -> None:
        await self._socket.send_text(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        await self._socket.close(code, reason)


def _start_of(text: str) -> tuple[str, str | None] | None:
    """(call SID, token) of a `start` message; None for any other message."""
    try:
        message = json.loads(text)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("event") != "start":
        return None
    start = message.get("start")
    start = start if isinstance(start, dict) else {}
    params = start.get("customParameters")
    params = params if isinstance(params, dict) else {}
    token = params.get(stream_token.PARAMETER)
    call_sid = start.get("callSid")
    return (
        call_sid if isinstance(call_sid, str) else "",
        token if isinstance(token, str) else None,
    )


async def admit(
    socket: MediaSocket,
    secret: str | None,
    *,
    wait_seconds: float = START_TIMEOUT_SECONDS,
    require_token: bool = True,
) -> MediaSocket | None:
    """The socket, ready for the call handler — or None once it has been closed. Without
    `require_token` (a load generator that places no call) `start` is still awaited."""
    read: list[str] = []
    try:
        async with asyncio.timeout(wait_seconds):
            while len(read) < MAX_MESSAGES_BEFORE_START:
                text = await socket.receive_text()
                read.append(text)
                if (start := _start_of(text)) is not None:
                    call_sid, token = start
                    if not require_token or stream_token.valid(secret, call_sid, token):
                        return _Replaying(socket, read)
                    log.warning("media stream %r: no valid stream token: closed", call_sid[:40])
                    break
            else:
                log.warning("media stream: no start among the first messages: closed")
    except TimeoutError:
        log.warning("media stream: no start within %.0f s: closed", wait_seconds)
    await socket.close(1008, "policy violation")
    return None
