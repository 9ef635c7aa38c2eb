"""Twilio signs each webhook (and each Media Streams handshake) over the URL *it* called,
with the account's auth token. Behind a proxy the framework sees another URL, so the URL
is rebuilt from the server's public base URL; a Media Stream is signed over its `wss://`
URL.

Without an auth token nothing can be verified and nothing is accepted, before the
`twilio` SDK (an optional extra) is even imported: a server that has no Twilio
credentials refuses Twilio's webhooks without needing the SDK installed."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit


def public_url(base_url: str, path: str, query: str = "", *, websocket: bool = False) -> str:
    """The URL Twilio used to reach `path` (with `query`) on a server reachable at
    `base_url`, as Twilio signed it."""
    base = urlsplit(base_url.rstrip("/"))
    scheme = base.scheme
    if websocket:
        scheme = "wss" if scheme == "https" else "ws"
    return urlunsplit((scheme, base.netloc, base.path + path, query, ""))


def is_valid(
    auth_token: str | None, url: str, params: Mapping[str, str], signature: str | None
) -> bool:
    """True only with an auth token and a matching signature."""
    if not auth_token or not signature:
        return False
    from twilio.request_validator import RequestValidator

    return bool(RequestValidator(auth_token).validate(url, dict(params), signature))


def sign(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """Compute a signature as Twilio does: for the call simulator and the tests."""
    from twilio.request_validator import RequestValidator

    return str(RequestValidator(auth_token).compute_signature(url, dict(params)))
