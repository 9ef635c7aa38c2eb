"""Shared by the edge tests: Twilio's side of a voice webhook (signed form posts) and a
minimal call handler that stands in for the voice channel at the `/twilio/media` seam."""

from __future__ import annotations

import asyncio
import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx

from channels.twilio.signature import public_url, sign
from channels.voice.media import MediaSocket
from channels.voice.stream_events import Media, OutMark, OutMedia, Start, Stop
from channels.voice.twilio_stream import encode, parse_inbound
from frontdesk.settings import Settings
from tests.standins.twilio_api import ACCOUNT_SID, AUTH_TOKEN, LOBBY_NUMBER

CALLER = "+3725551234"
_SIDS = itertools.count(1)


def new_call_sid() -> str:
    return f"CA{next(_SIDS):032x}"


def voice_form(call_sid: str, **extra: str) -> dict[str, str]:
    """The fields Twilio posts to a voice webhook."""
    return {
        "CallSid": call_sid,
        "AccountSid": ACCOUNT_SID,
        "From": CALLER,
        "To": LOBBY_NUMBER,
        "CallStatus": "ringing",
        "Direction": "inbound",
        "ApiVersion": "2010-04-01",
        **extra,
    }


async def post_signed(
    client: httpx.AsyncClient,
    settings: Settings,
    path: str,
    form: dict[str, str],
    *,
    query: str = "",
    signature: str | None = "sign",
) -> httpx.Response:
    """Post `form` to `path` as Twilio would: signed over the public URL (with `query`)."""
    headers = {}
    if signature == "sign":
        signature = sign(AUTH_TOKEN, public_url(settings.public_url, path, query), form)
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    url = f"{path}?{query}" if query else path
    return await client.post(url, data=form, headers=headers)


def twiml(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "Response", text
    return root


@dataclass
class EchoCall:
    """A call handler for the seam: reads the stream until `stop`, echoes each media frame
    back and answers with a mark. What it saw, and how it ended, is kept for the test."""

    starts: list[Start] = field(default_factory=list)
    frames: int = 0
    stopped: bool = False
    fail: bool = False
    ended: asyncio.Event = field(default_factory=asyncio.Event)  # `serve` returned or raised
    ended_with: BaseException | None = None  # what `serve` raised (None: it returned)

    async def serve(self, socket: MediaSocket) -> None:
        try:
            await self._serve(socket)
        except BaseException as exc:
            self.ended_with = exc
            raise
        finally:
            self.ended.set()

    async def _serve(self, socket: MediaSocket) -> None:
        while True:
            event = parse_inbound(await socket.receive_text())
            if isinstance(event, Start):
                self.starts.append(event)
                if self.fail:
                    raise RuntimeError("the handler broke")
            elif isinstance(event, Media):
                self.frames += 1
                await socket.send_text(encode(OutMedia(event.stream_sid, event.payload)))
                await socket.send_text(encode(OutMark(event.stream_sid, f"echo-{event.chunk}")))
            elif isinstance(event, Stop):
                self.stopped = True
                return
