"""Twilio signs each webhook (and each Media Streams handshake) over the URL *it* called,
with the account's auth token. Behind a proxy the framework sees another URL, so the URL
is rebuilt from FRONTDESK_PUBLIC_URL; a Media Stream is signed over its `wss://` URL."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from twilio.request_validator import RequestValidator

from frontdesk.settings import Settings


def public_url(settings: Settings, path: str, query: str = "", *, websocket: bool = False) -> str:
    """The URL Twilio used to reach `path` (with `query`), as Twilio signed it."""
    base = urlsplit(settings.public_url.rstrip("/"))
    scheme = base.scheme
    if websocket:
        scheme = "wss" if scheme == "https" else "ws"
    return urlunsplit((scheme, base.netloc, base.path + path, query, ""))


def is_valid(
    settings: Settings, url: str, params: Mapping[str, str], signature: str | None
) -> bool:
    """True only with a configured auth token and a matching signature. Without a token
    nothing can be verified, so nothing is accepted."""
    token = settings.twilio_auth_token
    if token is None or not signature:
        return False
    return bool(RequestValidator(token.get_secret_value()).validate(url, dict(params), signature))


def sign(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """Compute a signature as Twilio does: for the call simulator and the tests."""
    return str(RequestValidator(auth_token).compute_signature(url, dict(params)))
