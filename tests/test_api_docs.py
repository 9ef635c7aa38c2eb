"""`/docs` is off by default; switched on, Swagger UI renders from files this server
serves itself, with every request to another host refused (as on an offline network)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Browser, Route, expect

from frontdesk.runtime import Providers
from tests.conftest import make_settings, serve_asgi
from web.app import create_app


async def test_docs_are_off_by_default(client: httpx.AsyncClient) -> None:
    assert (await client.get("/docs")).status_code == 404
    assert (await client.get("/redoc")).status_code == 404
    assert (await client.get("/openapi.json")).json()["info"]["title"] == "frontdesk"


async def test_docs_render_offline_when_switched_on(
    db_url: str, tmp_path: Path, browser: Browser
) -> None:
    settings = make_settings(db_url, tmp_path, api_docs=True)
    async with serve_asgi(create_app(settings, Providers()), lifespan="on") as url:
        page = await browser.new_page()
        elsewhere: list[str] = []

        async def only_this_server(route: Route) -> None:
            if urlsplit(route.request.url).netloc == urlsplit(url).netloc:
                await route.continue_()
            else:
                elsewhere.append(route.request.url)
                await route.abort()

        await page.route("**/*", only_this_server)
        await page.goto(f"{url}/docs")
        # Swagger UI drew the operations from /openapi.json: one block per route.
        await expect(page.locator(".opblock").first).to_be_visible()
        assert await page.locator(".opblock").count() >= 10
        await page.screenshot(path=str(tmp_path / "docs.png"))
        assert elsewhere == []
