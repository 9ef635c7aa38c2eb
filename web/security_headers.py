"""Security headers on every response, chosen by the kind of page.

Four kinds: the admin UI (never framed), the visitor's chat page (framed only by the sites
in `FRONTDESK_WIDGET_ORIGINS`, through `/widget.js`), the lobby kiosk (its own page and
socket only, never framed; the microphone for this origin alone), and everything else
(APIs, webhooks, files: nothing to run, nothing to frame). No policy allows inline script
or style, so markup that slips into a page cannot run; a page that needs its own policy
(the API docs) sets the header itself and is left alone (`web.edge` adds them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

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


Header = tuple[bytes, bytes]
Kind = Literal["chat", "kiosk", "admin", "other"]
KINDS: tuple[Kind, ...] = ("chat", "kiosk", "admin", "other")


def kind_of(path: str) -> Kind:
    if path in CHAT_PAGES:
        return "chat"
    if path == KIOSK_PAGE:
        return "kiosk"
    if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
        return "admin"
    return "other"


class SecurityHeaders:
    """The headers for each kind of page, encoded once: `web.edge` adds them to every HTTP
    response that does not set a header of that name itself."""

    def __init__(self, widget_origins: Iterable[str] = ()) -> None:
        self.chat_policy = chat_page_policy(widget_origins)
        self._raw = {
            kind: tuple(
                (name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in self.headers_of(kind).items()
            )
            for kind in KINDS
        }

    def headers_for(self, path: str) -> dict[str, str]:
        return self.headers_of(kind_of(path))

    def headers_of(self, kind: Kind) -> dict[str, str]:
        # Admin URLs carry visitors' names in their queries: they never leave the site.
        common = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
        if kind == "chat":
            # No X-Frame-Options: it cannot list origins, and frame-ancestors says it all.
            return {**common, "Content-Security-Policy": self.chat_policy}
        if kind == "kiosk":
            return {
                **common,
                "Content-Security-Policy": KIOSK_POLICY,
                "X-Frame-Options": "DENY",
                "Permissions-Policy": "microphone=(self), camera=(), geolocation=()",
            }
        if kind == "admin":
            return {**common, "Content-Security-Policy": ADMIN_POLICY, "X-Frame-Options": "DENY"}
        return {**common, "Content-Security-Policy": _NOT_A_PAGE, "X-Frame-Options": "DENY"}

    def raw_for(self, path: str) -> tuple[Header, ...]:
        """`headers_for(path)` as ASGI header pairs (lower-case names)."""
        return self._raw[kind_of(path)]


def with_headers(headers: Iterable[Header], wanted: Iterable[Header]) -> list[Header]:
    """A response's headers plus each wanted one it does not set itself."""
    given = list(headers)
    present = {name.lower() for name, _ in given}
    given.extend(header for header in wanted if header[0] not in present)
    return given
