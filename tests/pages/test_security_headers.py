"""Security headers per page kind, and CORS only for the widget's origins on the chat API."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from frontdesk.settings import Settings
from tests.admin_ui.conftest import sign_in
from tests.conftest import make_settings

SITE = "https://www.example.com"
STRANGER = "https://evil.example.net"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, widget_origins=(SITE, "http://127.0.0.1:8123"))


def policy(response: httpx.Response) -> dict[str, str]:
    directives = (
        d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";")
    )
    return {name: value for name, value in directives}


def assert_common(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    csp = policy(response)
    assert "unsafe-inline" not in csp.get("script-src", "")
    assert "unsafe-inline" not in csp.get("style-src", "")


async def test_the_chat_page_may_be_framed_only_by_the_widget_origins(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert_common(response)
    csp = policy(response)
    assert csp["frame-ancestors"] == f"'self' {SITE} http://127.0.0.1:8123"
    assert csp["script-src"] == "'self'"
    assert "x-frame-options" not in response.headers  # it cannot list origins
    assert "<script>" not in response.text and " style=" not in response.text


async def test_admin_pages_are_never_framed(client: httpx.AsyncClient, admin_user: str) -> None:
    login = await client.get("/admin/login")
    assert (await sign_in(client)).status_code == 303
    pages = [login] + [
        await client.get(path)
        for path in (
            "/admin/today",
            "/admin/today/evacuation",
            "/admin/visits",
            "/admin/directory",
            "/admin/directory/new",
            "/admin/settings",
            "/admin/privacy?name=Nobody",
        )
    ]
    for response in pages:
        assert response.status_code == 200, response.url
        assert_common(response)
        assert policy(response)["frame-ancestors"] == "'none'"
        assert policy(response)["script-src"] == "'self'"
        assert response.headers["x-frame-options"] == "DENY"
        for inline in ("<script>", " style=", " onclick=", " onsubmit="):
            assert inline not in response.text, (response.url, inline)


@pytest.mark.parametrize("path", ["/health", "/api/chat/sessions/nope/events", "/widget.js"])
async def test_what_is_not_a_page_never_renders_as_one(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert_common(response)
    assert policy(response)["default-src"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"


async def test_the_widget_script_is_javascript(client: httpx.AsyncClient) -> None:
    response = await client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "data-language" in response.text


async def test_cors_answers_the_widget_origins_on_the_chat_api_only(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    allowed = await client.post("/api/chat/sessions", json={}, headers={"Origin": SITE})
    assert allowed.status_code == 201
    assert allowed.headers["access-control-allow-origin"] == SITE

    stranger = await client.post("/api/chat/sessions", json={}, headers={"Origin": STRANGER})
    assert "access-control-allow-origin" not in stranger.headers

    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    ok = await client.options("/api/chat/sessions", headers={"Origin": SITE, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == SITE
    refused = await client.options("/api/chat/sessions", headers={"Origin": STRANGER, **preflight})
    assert "access-control-allow-origin" not in refused.headers

    # The admin API and the admin UI answer no other origin, even an allowed one.
    admin = await client.get("/api/admin/visits", headers={"Origin": SITE, **auth})
    assert admin.status_code == 200 and "access-control-allow-origin" not in admin.headers
    page = await client.options("/api/admin/visits", headers={"Origin": SITE, **preflight})
    assert "access-control-allow-origin" not in page.headers


async def test_without_widget_origins_no_cors_at_all(db_url: str, tmp_path: Path) -> None:
    from web.app import create_app

    app = create_app(make_settings(db_url, tmp_path))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://frontdesk.test") as c:
            response = await c.post("/api/chat/sessions", json={}, headers={"Origin": SITE})
            assert response.status_code == 201
            assert "access-control-allow-origin" not in response.headers
            page = await c.get("/")
            assert policy(page)["frame-ancestors"] == "'self'"


def test_a_widget_origin_must_be_an_origin(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="is not an origin"):
        make_settings("sqlite+aiosqlite:///x.db", tmp_path, widget_origins="www.example.com/shop")
    parsed = make_settings(
        "sqlite+aiosqlite:///x.db",
        tmp_path,
        widget_origins="https://WWW.example.com/, http://a.test:81",
    )
    assert parsed.widget_origins == ("https://www.example.com", "http://a.test:81")
