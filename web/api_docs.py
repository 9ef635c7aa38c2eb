"""Interactive API docs at `/docs`, off unless `FRONTDESK_API_DOCS=true`.

FastAPI's default page loads Swagger UI from a CDN, which renders blank on an offline
network and is on for anyone: here the page is opt-in and its script and stylesheet are
served from the `fastapi-swagger` package's copy of Swagger UI 5 (the `docs` extra;
its 3.1 support matters: FastAPI writes OpenAPI 3.1), so it works with no
internet. `/openapi.json` stays on either way: it is the machine-readable contract.

The page's one inline script (Swagger UI's start-up) is allowed by its hash, so the docs keep
a Content-Security-Policy without `unsafe-inline` script like every other page.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def install(app: FastAPI) -> None:
    """Serve Swagger UI's files from the installed bundle and the page that uses them."""
    from importlib.resources import files

    # The `docs` extra, checked at start-up; only its files are used, not its patching.
    bundle = files("fastapi_swagger.resources")
    app.mount(ASSETS, StaticFiles(directory=str(bundle)), name="api-docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = _policy(bytes(page.body).decode("utf-8"))
        return page


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _policy(html: str) -> str:
    hashes = " ".join(
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        )
        for body in _INLINE_SCRIPT.findall(html)
    )
    # Swagger UI styles its widgets through style attributes: inline style, never script.
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
