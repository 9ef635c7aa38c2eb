"""A visitor's phone: texts the lobby number through Twilio's signed webhook, as Twilio
would deliver it, and reads the TwiML answer."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx

from channels.twilio.signature import public_url, sign
from frontdesk.settings import Settings
from tests.standins.twilio_api import ACCOUNT_SID, AUTH_TOKEN, LOBBY_NUMBER

_SIDS = itertools.count(1)


def new_sid() -> str:
    return f"SM{next(_SIDS):032x}"


def message_of(twiml: str) -> str | None:
    """The text of the TwiML's <Message>, or None for an empty <Response/>."""
    root = ET.fromstring(twiml)
    assert root.tag == "Response", twiml
    message = root.find("Message")
    return None if message is None else (message.text or "")


@dataclass
class Phone:
    client: httpx.AsyncClient
    settings: Settings
    number: str
    received: list[str] = field(default_factory=list)

    def form(self, body: str, sid: str | None = None) -> dict[str, str]:
        return {
            "MessageSid": sid or new_sid(),
            "AccountSid": ACCOUNT_SID,
            "From": self.number,
            "To": LOBBY_NUMBER,
            "Body": body,
            "NumMedia": "0",
        }

    async def post(self, form: dict[str, str], *, signature: str | None = "sign") -> httpx.Response:
        headers = {}
        if signature == "sign":
            signature = sign(AUTH_TOKEN, public_url(self.settings.public_url, "/twilio/sms"), form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return await self.client.post("/twilio/sms", data=form, headers=headers)

    async def text(self, body: str, *, sid: str | None = None) -> str | None:
        """Send `body`; returns the reply's text (None: no reply at all)."""
        response = await self.post(self.form(body, sid))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml")
        reply = message_of(response.text)
        if reply is not None:
            self.received.append(reply)
        return reply
