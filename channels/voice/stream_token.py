"""A per-call token for the Media Stream. Twilio signs the `wss://` handshake over its URL,
and that URL is the same for every call (Twilio allows no query string on a stream URL):
one captured handshake header would open any number of streams. So the TwiML that connects
a call also passes, as a custom parameter, a token bound to that call's SID and a few
minutes of validity — an HMAC with the account's auth token — and a stream whose `start`
does not carry a valid one for its own call SID is closed (`stream_gate.py`)."""

from __future__ import annotations

import hashlib
import hmac
import time

PARAMETER = "stream_token"
LIFETIME_SECONDS = 120  # Twilio opens the stream right after our TwiML; this is generous


def _mac(secret: str, call_sid: str, expires: int) -> str:
    message = f"{call_sid}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def issue(secret: str, call_sid: str, *, now: float | None = None) -> str:
    expires = int((time.time() if now is None else now) + LIFETIME_SECONDS)
    return f"{expires}.{_mac(secret, call_sid, expires)}"


def valid(
    secret: str | None, call_sid: str, token: str | None, *, now: float | None = None
) -> bool:
    if not secret or not token or not call_sid:
        return False
    expires_text, _, mac = token.partition(".")
    if not expires_text.isdigit() or len(expires_text) > 12:
        return False
    expires = int(expires_text)
    if expires < (time.time() if now is None else now):
        return False
    return hmac.compare_digest(mac, _mac(secret, call_sid, expires))
