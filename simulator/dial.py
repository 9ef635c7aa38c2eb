"""Placing a simulated call as Twilio does: the signed webhook, then the signed handshake.

`CallSetup` says where and as whom to call. `answer_webhook` POSTs `/twilio/voice` for a
ringing call, signed over the URL the server knows itself by, and reads the `<Connect>
<Stream>` TwiML it answers; `open_stream` opens that Media Stream, signed over the `wss://`
URL from the TwiML but connected to wherever the server really listens.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from channels.twilio.signature import sign
from core.messages import Language
from simulator.errors import SimulatorError

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

DEFAULT_NUMBERS: dict[Language, str] = {
    "en": "+14155550123",
    "et": "+3725550123",
    "ru": "+79165550123",
}
DEFAULT_LOBBY = "+3725559999"
DEFAULT_ACCOUNT_SID = "AC" + "0" * 32


@dataclass(frozen=True)
class CallSetup:
    """Where and as whom to call, and how the caller behaves on the line."""

    base_url: str  # where the server listens, e.g. http://127.0.0.1:8000
    auth_token: str  # the Twilio auth token the server checks signatures with
    public_url: str | None = None  # the URL Twilio calls (signed over); default base_url
    caller: str = DEFAULT_NUMBERS["en"]
    lobby: str = DEFAULT_LOBBY
    account_sid: str = DEFAULT_ACCOUNT_SID
    language: Language = "en"
    idle_seconds: float = 1.0  # outbound quiet this long after the last mark: they finished
    answer_timeout: float = 15.0  # no answer in this long: go on with the script anyway
    comfort_noise_dbfs: float | None = None  # e.g. -70: faint noise instead of digital silence
    hangup_after: float | None = None  # hang up this many seconds after the stream starts
    record: bool = False  # keep what was heard (CallReport.heard) for a WAV file
    call_sid: str | None = None  # default: a new random one


def public(setup: CallSetup, path: str, *, websocket: bool = False) -> str:
    """`path` on the URL the server knows itself by (what Twilio signs over)."""
    base = urlsplit((setup.public_url or setup.base_url).rstrip("/"))
    scheme = base.scheme
    if websocket:
        scheme = "wss" if scheme == "https" else "ws"
    return urlunsplit((scheme, base.netloc, base.path + path, "", ""))


async def answer_webhook(setup: CallSetup, call_sid: str) -> tuple[str, dict[str, str]]:
    """POST /twilio/voice as Twilio does for a ringing call; the Stream from the TwiML."""
    import httpx

    form = {
        "CallSid": call_sid,
        "AccountSid": setup.account_sid,
        "From": setup.caller,
        "To": setup.lobby,
        "Caller": setup.caller,
        "Called": setup.lobby,
        "CallStatus": "ringing",
        "Direction": "inbound",
        "ApiVersion": "2010-04-01",
    }
    signature = sign(setup.auth_token, public(setup, "/twilio/voice"), form)
    url = setup.base_url.rstrip("/") + "/twilio/voice"
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(url, data=form, headers={"X-Twilio-Signature": signature})
    except httpx.HTTPError as exc:
        raise SimulatorError(f"the server is not reachable at {url}: {exc}") from None
    if response.status_code == 403:
        raise SimulatorError(
            f"the server refused the webhook's signature (403): sign with the server's "
            f"TWILIO_AUTH_TOKEN over the URL it knows itself by ({public(setup, '')})"
        )
    if response.status_code != 200:
        raise SimulatorError(f"POST {url} answered {response.status_code}")
    return parse_stream_twiml(response.text)


def parse_stream_twiml(twiml: str) -> tuple[str, dict[str, str]]:
    """`<Response><Connect><Stream url=…><Parameter name value/>…` → (url, parameters)."""
    try:
        root = ET.fromstring(twiml)
    except ET.ParseError as exc:
        raise SimulatorError(f"the webhook did not answer TwiML: {exc}") from None
    stream = root.find("./Connect/Stream")
    if stream is None or not stream.get("url"):
        raise SimulatorError("the webhook's TwiML has no <Connect><Stream url=…>")
    parameters = {
        p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter") if p.get("name")
    }
    return str(stream.get("url")), parameters


def connect_url(setup: CallSetup, stream_url: str) -> str:
    """The Stream URL's path, on the host the server really listens on."""
    stream = urlsplit(stream_url)
    base = urlsplit(setup.base_url)
    scheme = "wss" if base.scheme == "https" else "ws"
    return urlunsplit((scheme, base.netloc, stream.path, stream.query, ""))


@contextlib.asynccontextmanager
async def open_stream(setup: CallSetup, stream_url: str) -> AsyncIterator[ClientConnection]:
    """The Media Stream's WebSocket, with Twilio's signed handshake."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidHandshake, InvalidStatus

    headers = {"X-Twilio-Signature": sign(setup.auth_token, stream_url, {})}
    url = connect_url(setup, stream_url)
    try:
        # Twilio does not negotiate permessage-deflate: neither does the simulator.
        ws_context = connect(url, additional_headers=headers, open_timeout=10, compression=None)
        ws = await ws_context.__aenter__()
    except InvalidStatus as exc:
        status = exc.response.status_code
        if status == 403:
            raise SimulatorError(
                "the server refused the Media Stream handshake's signature (403)"
            ) from None
        raise SimulatorError(f"the Media Stream handshake answered {status}") from None
    except (OSError, InvalidHandshake, TimeoutError) as exc:
        raise SimulatorError(f"cannot open the Media Stream at {url}: {exc}") from None
    try:
        yield ws
    finally:
        await ws_context.__aexit__(None, None, None)
