"""Security headers on every response, chosen by the kind of page.

Four kinds: the admin UI (never framed), the visitor's chat page (framed only by the sites
in `FRONTDESK_WIDGET_ORIGINS`, through `/widget.js`), the lobby kiosk (its own page and
socket only, never framed; the microphone for this origin alone), and everything else
(APIs, webhooks, files: nothing to run, nothing to frame). No policy allows inline script
or style, so markup that slips into a page cannot run; a page that needs its own policy
(the API docs) sets the header itself and this middleware leaves it alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CHAT_PAGES = ("/",)
ADMIN_PREFIX = "/admin"

# What an HTML page of ours may load: its own scripts, styles and images, nothing inline.
_PAGE = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# Nothing that is not a page should ever be rendered as one.
_NOT_A_PAGE = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def chat_page_policy(widget_origins: Iterable[str]) -> str:
    ancestors = " ".join(("'self'", *widget_origins))
    return f"{_PAGE}; frame-ancestors {ancestors}"


ADMIN_POLICY = f"{_PAGE}; frame-ancestors 'none'"
KIOSK_PAGE = "/kiosk"
KIOSK_POLICY = ADMIN_POLICY  # its script, its AudioWorklet and its WebSocket: all 'self'


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, widget_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.chat_policy = chat_page_policy(widget_origins)

    def headers_for(self, path: str) -> dict[str, str]:
        # Admin URLs carry visitors' names in their queries: they never leave the site.
        common = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
        if path in CHAT_PAGES:
            # No X-Frame-Options: it cannot list origins, and frame-ancestors says it all.
            return {**common, "Content-Security-Policy": self.chat_policy}
        if path == KIOSK_PAGE:
            return {
                **common,
                "Content-Security-Policy": KIOSK_POLICY,
                "X-Frame-Options": "DENY",
                "Permissions-Policy": "microphone=(self), camera=(), geolocation=()",
            }
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            return {**common, "Content-Security-Policy": ADMIN_POLICY, "X-Frame-Options": "DENY"}
        return {**common, "Content-Security-Policy": _NOT_A_PAGE, "X-Frame-Options": "DENY"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = self.headers_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
