"""Twilio's webhooks are signed over the URL Twilio called (rebuilt from
FRONTDESK_PUBLIC_URL: behind a proxy this server sees another) with the account's auth
token. One check for every Twilio route: a missing or wrong signature is refused with 403
before anything is read further or stored."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import Response

from channels.twilio.signature import is_valid, public_url
from frontdesk.runtime import Runtime
from frontdesk.settings import Settings

log = logging.getLogger(__name__)


def signed(settings: Settings, url: str, params: dict[str, str], signature: str | None) -> bool:
    """Whether Twilio signed `params` posted to `url` with this server's auth token."""
    token = settings.twilio_auth_token
    return is_valid(token.get_secret_value() if token else None, url, params, signature)


def forbidden() -> Response:
    return Response("Missing or invalid X-Twilio-Signature.", 403, media_type="text/plain")


async def signed_form(
    request: Request, runtime: Runtime, path: str, what: str
) -> dict[str, str] | None:
    """The form Twilio posted to `path`, or None when its signature does not check out
    (`what` names the webhook in the log line)."""
    form = await request.form()
    params = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    url = public_url(runtime.settings.public_url, path, request.url.query)
    if signed(runtime.settings, url, params, request.headers.get("x-twilio-signature")):
        return params
    if runtime.settings.twilio_auth_token is None:
        log.warning("a %s webhook arrived but TWILIO_AUTH_TOKEN is not set: refused", what)
    else:
        log.warning("a %s webhook with a missing or bad signature for %s was refused", what, url)
    return None
