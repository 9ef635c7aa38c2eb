"""Every request and WebSocket gets a short random id, for the logs of what it caused
(core/logcontext.py); the response says it in `X-Request-ID`, to match a complaint to a
log line. `web.edge` gives it out and sets it for the request's context."""

from __future__ import annotations

import secrets

HEADER = b"x-request-id"


def new_id() -> str:
    return "r-" + secrets.token_hex(6)
