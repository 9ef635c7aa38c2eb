"""What every request meets before its route, in one middleware: its id, its client, its
security headers, the count of open chat streams, the widget's CORS, the body limits and
the admin UI's session, each only where it applies.

Each of these was once a middleware of its own, seven layers every request went down and
every response came back up through, each with its own wrapper around `send`; here a
request takes one pass, and a response's headers are added in one place. What each does
is still written in its own module:
- `web.request_ids`: the request's id, in the log context and in `X-Request-ID`;
- `web.client_address`: the client behind a trusted proxy (FRONTDESK_TRUSTED_PROXIES);
- `web.security_headers`: the headers for the kind of page, unless the response sets its
  own (outside the rest, so a refused body's 413 and a CORS answer carry them too);
- `web.metrics`: the gauge of open chat event streams;
- `web.widget`: CORS for FRONTDESK_WIDGET_ORIGINS, on the chat API alone;
- `web.request_limits`: the size and the Unicode of a body, for methods that send one;
- `web.admin.auth`: the signed-in admin, on the admin UI and the admin API alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.logcontext import request_ref
from web import metrics, request_ids
from web.admin.auth import AdminSessionMiddleware
from web.client_address import forwarded_scope, parse_networks
from web.request_limits import RequestLimits
from web.security_headers import SecurityHeaders, with_headers
from web.widget import CHAT_API, chat_api_cors

BODILESS = frozenset({"GET", "HEAD", "OPTIONS"})  # what RequestLimits lets through
ADMIN_PREFIXES = ("/admin", "/api/admin")  # where AdminSessionMiddleware looks


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        widget_origins: Iterable[str] = (),
        trusted_proxies: Sequence[str] = (),
    ) -> None:
        origins = list(widget_origins)
        self.app = app
        self.trusted = parse_networks(trusted_proxies)
        self.security = SecurityHeaders(origins)
        admin = AdminSessionMiddleware(app)
        # The inner layers, built once for each kind of request (as they were nested: CORS
        # outside the limits, the limits outside the admin session).
        self.limited = RequestLimits(app, max_body_bytes)
        self.admin = admin
        self.admin_limited = RequestLimits(admin, max_body_bytes)
        self.chat_api = chat_api_cors(self.limited, origins) if origins else None

    def _inner(self, path: str, method: str) -> ASGIApp:
        if path.startswith(CHAT_API) and self.chat_api is not None:
            return self.chat_api
        if path.startswith(ADMIN_PREFIXES):
            return self.admin if method in BODILESS else self.admin_limited
        return self.app if method in BODILESS else self.limited

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind != "http" and kind != "websocket":
            await self.app(scope, receive, send)
            return
        rid = request_ids.new_id()
        token = request_ref.set(rid)
        try:
            if self.trusted:
                scope = forwarded_scope(scope, self.trusted)
            if kind == "websocket":
                await self.app(scope, receive, send)
                return
            path: str = scope["path"]
            wanted = (*self.security.raw_for(path), (request_ids.HEADER, rid.encode()))

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = with_headers(message.get("headers", ()), wanted)
                    message = {**message, "headers": headers}
                await send(message)

            inner = self._inner(path, scope["method"])
            gauge = metrics.stream_gauge(scope["app"]) if metrics.is_stream(path) else None
            if gauge is None:
                await inner(scope, receive, send_with_headers)
                return
            gauge.inc()
            try:
                await inner(scope, receive, send_with_headers)
            finally:
                gauge.dec()
        finally:
            request_ref.reset(token)
