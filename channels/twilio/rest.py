"""The Twilio REST client, made from the settings. `TWILIO_API_BASE_URL` points it at a
local stand-in of Twilio's API (tests, the simulator); unset, it talks to Twilio."""

from __future__ import annotations

from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from frontdesk.settings import Settings


def twilio_client(
    settings: Settings, http_client: AsyncTwilioHttpClient | None = None
) -> Client | None:
    """None when Twilio is not configured: callers fall back to their embedded default.

    A caller that wants more from the HTTP exchange than the SDK passes on (the SMS
    notifier reads `Retry-After`) brings its own `http_client`. Make the client inside a
    running event loop (its HTTP session belongs to one) and close `client.http_client`.
    """
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return None
    client = Client(
        settings.twilio_account_sid,
        settings.twilio_auth_token.get_secret_value(),
        http_client=http_client or AsyncTwilioHttpClient(),
    )
    if settings.twilio_api_base_url:
        client.api.base_url = settings.twilio_api_base_url.rstrip("/")
    return client
