"""The seam between the `/twilio/media` route and the call that runs over it.

The route checks the handshake's signature, accepts the WebSocket and hands it to the
runtime's `CallHandler`, which owns it until the call ends. A Starlette `WebSocket`
satisfies `MediaSocket`; so does the simulator's client side in the tests.
"""

from __future__ import annotations

from typing import Protocol


class MediaSocket(Protocol):
    async def receive_text(self) -> str:
        """The next Media Streams message (JSON); raises when the socket closes."""

    async def send_text(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


class CallHandler(Protocol):
    async def serve(self, socket: MediaSocket) -> None:
        """Run one call until Twilio sends `stop` or the socket closes."""
