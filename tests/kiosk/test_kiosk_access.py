"""The lobby kiosk is admin-provisioned: an admin creates a kiosk in the admin UI and gets a
one-time link; opening it pairs one device (a cookie); without that, `/kiosk` is a 403 page
saying the kiosk is not set up (in the visitor's language) and its WebSocket is refused.
A new link unpairs the old device; revoking stops the kiosk at once."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from core.store.models import Kiosk
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.admin_ui.conftest import admin_user, csrf_of, sign_in
from tests.conftest import make_settings
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices
from web.routes.kiosk import COOKIE

__all__ = ["admin_user"]

UNSET = {
    "en": "This kiosk is not set up",
    "et": "See kiosk pole seadistatud",
    "ru": "Этот киоск не настроен",
}
TALK = {"en": "Talk", "et": "Räägi", "ru": "Говорить"}


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, run_workers=False)


@pytest.fixture
def providers() -> Providers:
    return Providers(stt=ScriptedStt(), tts=instant_voices(InstantTts(ms_per_char=1)))


async def _admin(url: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(base_url=url, timeout=30)
    assert (await sign_in(client)).status_code == 303
    page = await client.get("/admin/kiosks")
    assert page.status_code == 200
    return client, csrf_of(page.text)


def _link(html: str) -> str:
    found = re.search(r'id="setup-link"[^>]*href="([^"]+)"', html)
    assert found, html
    return found.group(1).replace("&amp;", "&")


async def _refused(url: str, cookie: str | None) -> int:
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    ws_url = url.replace("http://", "ws://") + "/kiosk/stream"
    with pytest.raises(InvalidStatus) as refused:
        async with connect(ws_url, additional_headers=headers, open_timeout=10):
            pass
    return refused.value.response.status_code


async def test_a_kiosk_needs_an_admins_link_and_stops_when_revoked(
    live_server: str, admin_user: str, app: FastAPI
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as stranger:
        for lang, words in UNSET.items():
            page = await stranger.get("/kiosk", headers={"Accept-Language": lang})
            assert page.status_code == 403
            assert words in page.text and f'<html lang="{lang}">' in page.text
            assert TALK[lang] not in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
    assert await _refused(live_server, None) == 403
    assert await _refused(live_server, "made-up") == 403

    admin, csrf = await _admin(live_server)
    created = await admin.post("/admin/kiosks", data={"csrf": csrf, "name": "Lobby, 1st floor"})
    assert created.status_code == 200 and "Lobby, 1st floor" in created.text
    link = _link(created.text)
    assert link.startswith(live_server + "/kiosk?token=")

    tablet = httpx.AsyncClient(timeout=30, follow_redirects=True)
    paired = await tablet.get(link)  # follows the redirect to /kiosk
    assert paired.status_code == 200, paired.text
    assert paired.url.path == "/kiosk" and "token" not in str(paired.url)
    assert 'id="talk"' in paired.text and "Talk" in paired.text
    device = tablet.cookies.get(COOKIE)
    assert device
    for lang, word in TALK.items():
        page = await tablet.get(f"{live_server}/kiosk?lang={lang}")
        assert page.status_code == 200 and f">{word}</span>" in page.text

    # The link worked once: another device that opens it is not let in.
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as other:
        again = await other.get(link)
        assert again.status_code == 403 and COOKIE not in other.cookies

    async with app.state.runtime.sessionmaker() as db:
        [kiosk] = (await db.scalars(sa.select(Kiosk))).all()
    assert kiosk.name == "Lobby, 1st floor" and kiosk.token_hash not in (None, device)
    assert kiosk.setup_hash is None and kiosk.paired_at is not None  # hashes only

    listed = await admin.get("/admin/kiosks?lang=et")
    assert "Kasutusel" in listed.text and "Kioskid" in listed.text and link not in listed.text

    # A new link: the tablet paired so far is out until the new link is opened.
    renewed = await admin.post(f"/admin/kiosks/{kiosk.id}/link", data={"csrf": csrf})
    new_link = _link(renewed.text)
    assert (await tablet.get(f"{live_server}/kiosk")).status_code == 403
    assert (await tablet.get(new_link)).status_code == 200
    device = tablet.cookies.get(COOKIE)
    assert device

    revoked = await admin.post(f"/admin/kiosks/{kiosk.id}/revoke", data={"csrf": csrf})
    assert revoked.status_code == 303
    assert (await tablet.get(f"{live_server}/kiosk")).status_code == 403
    assert await _refused(live_server, device) == 403
    assert "Revoked" in (await admin.get("/admin/kiosks?lang=en")).text

    # Without the session's CSRF token nothing is created.
    forged = await admin.post("/admin/kiosks", data={"csrf": "nope", "name": "Evil"})
    assert forged.status_code == 403
    await admin.aclose()
    await tablet.aclose()


async def test_a_paired_kiosk_opens_its_stream_only_from_its_own_origin(
    live_server: str, app: FastAPI, demo_directory: None
) -> None:
    from core.store import kiosks

    async with app.state.runtime.sessionmaker() as db, db.begin():
        _, setup = await kiosks.create(db, "Desk")
        paired = await kiosks.pair(db, setup)
        assert paired is not None
        device = paired[1]
    ws_url = live_server.replace("http://", "ws://") + "/kiosk/stream"
    cookie = {"Cookie": f"{COOKIE}={device}"}
    with pytest.raises(InvalidStatus) as refused:
        async with connect(ws_url, additional_headers=cookie, origin="http://evil.example"):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403
    async with connect(ws_url, additional_headers=cookie, origin=live_server) as ws:  # type: ignore[arg-type]
        await ws.send('{"event": "start", "language": "en"}')
        await ws.send('{"event": "text", "text": "I am here to see Priya Patel"}')
        captions: list[str] = []
        async with asyncio.timeout(30):
            async for message in ws:
                if isinstance(message, str) and '"caption"' in message:
                    captions.append(message)
                    if "Priya Patel" in message and "receptionist" in message:
                        break
        assert any('"visitor","text":"I am here to see Priya Patel"' in c for c in captions)
        await ws.send('{"event": "stop"}')
