"""The Twilio REST client for an account. An account's `api_base_url` points it at a local
stand-in of Twilio's API (tests, the simulator); unset, it talks to Twilio.

The SDK's async HTTP client is used with two changes: the account's credentials go in an
`Authorization` header (aiohttp deprecates its `auth=` argument, which the SDK still
passes), and a 429 raises `TwilioThrottled` carrying Twilio's `Retry-After`, which the
SDK's own exception drops. `TwilioThrottled` is a `TwilioRestException`, so callers that
catch that keep working.
"""

from __future__ import annotations

import base64
from typing import Any

from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from channels.retry_after import retry_after
from channels.twilio.account import TwilioAccount


class TwilioThrottled(TwilioRestException):
    def __init__(self, uri: str, retry_after: float | None) -> None:
        super().__init__(429, uri, "Too Many Requests", code=20429)
        self.retry_after = retry_after


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


def twilio_client(account: TwilioAccount, **http: Any) -> Client:
    """Make it inside a running event loop (its HTTP session belongs to one), and close
    `client.http_client` when done."""
    client = Client(account.account_sid, account.auth_token, http_client=HttpClient(**http))
    if account.api_base_url:
        client.api.base_url = account.api_base_url.rstrip("/")
    return client
