"""The Twilio REST client, made from the settings. `TWILIO_API_BASE_URL` points it at a
local stand-in of Twilio's API (tests, the simulator); unset, it talks to Twilio.

The SDK's async HTTP client is used with two changes: the account's credentials go in an
`Authorization` header (aiohttp deprecates its `auth=` argument, which the SDK still
passes), and a 429 raises `TwilioThrottled` carrying Twilio's `Retry-After`, which the
SDK's own exception drops. `TwilioThrottled` is a `TwilioRestException`, so callers that
catch that keep working.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from frontdesk.settings import Settings


class TwilioThrottled(TwilioRestException):
    def __init__(self, uri: str, retry_after: float | None) -> None:
        super().__init__(429, uri, "Too Many Requests", code=20429)
        self.retry_after = retry_after


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from a `Retry-After` header (an HTTP date is rare enough to ignore)."""
    value = (headers or {}).get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class HttpClient(AsyncTwilioHttpClient):
    async def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 — the SDK calls it with this name
        allow_redirects: bool = False,
    ) -> Response:
        if auth is not None:
            basic = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            headers = {**(headers or {}), "Authorization": f"Basic {basic}"}
        response = await super().request(
            method, url, params, data, headers, None, timeout, allow_redirects
        )
        if response.status_code == 429:
            raise TwilioThrottled(url, retry_after(response.headers))
        return response


def twilio_client(settings: Settings, **http: Any) -> Client | None:
    """None when Twilio is not configured: callers fall back to their embedded default.

    Make it inside a running event loop (its HTTP session belongs to one), and close
    `client.http_client` when done.
    """
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return None
    client = Client(
        settings.twilio_account_sid,
        settings.twilio_auth_token.get_secret_value(),
        http_client=HttpClient(**http),
    )
    if settings.twilio_api_base_url:
        client.api.base_url = settings.twilio_api_base_url.rstrip("/")
    return client
