"""The seams between a line's socket and the call that runs over it.

A call does not care which socket carries it. It reads and writes the values in
`stream_events` through a `LineTransport`; two transports exist:

- Twilio Media Streams (`twilio_stream.TwilioTransport`): JSON text frames, μ-law 8 kHz,
  over `/twilio/media`, for phone calls;
- the lobby kiosk's browser (`kiosk_stream.KioskTransport`): 16 kHz PCM from the tablet's
  microphone in binary frames, the receptionist's voice back as PCM, marks, captions and
  typed text as small JSON messages, over `/kiosk/stream`.

Everything behind the transport (VAD, turn-taking, barge-in, the recogniser, the voice,
the conversation) is the same code for both. The route checks the handshake, accepts the
WebSocket and hands it to the runtime's `CallHandler`, which owns it until the call ends. A
Starlette `WebSocket` satisfies `MediaSocket`; so does the simulator's client side.
"""

from __future__ import annotations

from typing import Protocol

from channels.voice.stream_events import InboundEvent, OutboundEvent


class MediaSocket(Protocol):
    async def receive_text(self) -> str:
        """The next Media Streams message (JSON); raises when the socket closes."""

    async def send_text(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


class LineTransport(Protocol):
    """One line's socket in the call's vocabulary (`stream_events`)."""

    async def receive(self) -> InboundEvent:
        """The next event from the line. Raises `StreamProtocolError` for a message that
        makes no sense (the call logs it and reads on), anything else when the socket is
        gone."""

    def encode(self, event: OutboundEvent) -> str | bytes | None:
        """What goes on the wire for `event`; None: this line does not carry it (a phone
        shows no captions). Called for every 20 ms frame: no I/O here."""

    async def send(self, data: str | bytes) -> None:
        """Put an encoded event on the socket; raises when the socket is gone."""

    async def close(self) -> None: ...


class CallHandler(Protocol):
    async def serve(self, socket: MediaSocket) -> None:
        """Run one call until Twilio sends `stop` or the socket closes."""
