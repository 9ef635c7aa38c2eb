"""Pages as a browser sees them: what a page reports when its security policy blocks
something, and a stranger's website on another loopback port to embed the widget in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from playwright.async_api import ConsoleMessage, Page
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.types import Receive, Scope, Send

from tests.admin_ui.conftest import admin_user  # noqa: F401 (a fixture these tests share)
from tests.conftest import serve_asgi

REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@dataclass
class Watched:
    """Console errors and CSP violations a page produced."""

    page: Page
    errors: list[str] = field(default_factory=list)

    async def violations(self) -> list[str]:
        found: list[str] = await self.page.evaluate("window.__cspViolations || []")
        return found

    async def assert_clean(self) -> None:
        assert await self.violations() == []
        assert self.errors == []


async def watch(page: Page) -> Watched:
    watched = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    await page.add_init_script(REPORT_VIOLATIONS)
    return watched


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Ltd</title></head>
<body><h1>Acme Ltd</h1><p>Welcome to our website.</p>
<script src="{frontdesk}/widget.js" data-language="{language}" async></script>
</body></html>"""


@dataclass
class Website:
    """A company's website: one page with the widget's script tag, pointed at frontdesk."""

    url: str = ""
    frontdesk: str = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        language = request.query_params.get("language", "en")
        html = HOST_PAGE.format(frontdesk=self.frontdesk, language=language)
        await HTMLResponse(html)(scope, receive, send)


@asynccontextmanager
async def website() -> AsyncIterator[Website]:
    site = Website()
    async with serve_asgi(site) as url:
        site.url = url
        yield site
