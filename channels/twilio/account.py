"""The Twilio account the SMS and voice channels act for: plain values, so the channels
never see the application's settings. The wiring builds it, and only when Twilio is
configured; a channel given none has nothing to send with."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TwilioAccount:
    account_sid: str
    auth_token: str = field(repr=False)  # never in a log line or a traceback
    phone_number: str | None = None  # the lobby number texts and calls go out from
    api_base_url: str | None = None  # only for a local stand-in of Twilio's REST API
