"""Interactive API docs at `/docs`, off unless `FRONTDESK_API_DOCS=true`.

FastAPI's default page loads Swagger UI from a CDN, which renders blank on an offline
network and is on for anyone: here the page is opt-in and its script and stylesheet are
served from the `fastapi-swagger` package's copy of Swagger UI 5 (the `docs` extra;
its 3.1 support matters: FastAPI writes OpenAPI 3.1), so it works with no
internet. `/openapi.json` stays on either way: it is the machine-readable contract.
"""

from __future__ import annotations

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
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
