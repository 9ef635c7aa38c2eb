"""The lobby kiosk: a talking reception page for a tablet on the desk.

- `GET /kiosk`: the page, for a device an admin set up (Admin → Kiosks). The one-time
  setup link `/kiosk?token=…` pairs the device: its own secret goes into a cookie and the
  browser is sent on to `/kiosk`. Without a valid cookie the answer is 403 and a page
  saying the kiosk is not set up, in the visitor's language.
- `WS /kiosk/stream`: the visitor's conversation, both ways (channels/voice/kiosk_stream.py
  says what goes over it), into the same voice pipeline as a phone call. Refused before
  accept (the server answers 403) without the device's cookie, or from another origin.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.websockets import WebSocketState

from channels.voice.call_seams import KIOSK
from channels.voice.kiosk_stream import KioskTransport
from core.store import kiosks
from core.store.models import utcnow
from frontdesk.runtime import Runtime
from web.deps import RuntimeDep
from web.i18n import Words, remember, ui_language

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

PAGE_PATH = "/kiosk"
STREAM_PATH = "/kiosk/stream"
COOKIE = "frontdesk_kiosk"
COOKIE_AGE = 5 * 365 * 24 * 3600  # a paired tablet stays paired until revoked
LANGUAGE_NAMES = (("en", "English"), ("et", "Eesti"), ("ru", "Русский"))


@router.get(PAGE_PATH, response_class=HTMLResponse)
async def kiosk_page(request: Request, runtime: RuntimeDep) -> Response:
    setup = request.query_params.get("token")
    if setup is not None:
        return await _pair(request, runtime, setup)
    lang = ui_language(request)
    async with runtime.sessionmaker() as db, db.begin():
        kiosk = await kiosks.by_device(db, request.cookies.get(COOKIE))
        if kiosk is not None:
            kiosk.last_seen_at = utcnow()
    context = {"lang": lang, "t": Words(lang), "languages": LANGUAGE_NAMES}
    if kiosk is None:
        response = templates.TemplateResponse(request, "kiosk_unset.html", context, status_code=403)
    else:
        context["silence_seconds"] = runtime.settings.voice_silence_seconds
        response = templates.TemplateResponse(request, "kiosk.html", context)
    remember(request, response)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _pair(request: Request, runtime: Runtime, setup: str) -> Response:
    async with runtime.sessionmaker() as db, db.begin():
        paired = await kiosks.pair(db, setup)
    if paired is None:
        log.warning("a kiosk setup link that is unknown, used or expired was refused")
        return RedirectResponse(PAGE_PATH, status_code=303)  # shows "not set up"
    kiosk, device = paired
    log.info("kiosk %d paired with a device", kiosk.id)
    response = RedirectResponse(PAGE_PATH, status_code=303)
    response.set_cookie(
        COOKIE,
        device,
        max_age=COOKIE_AGE,
        path=PAGE_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or runtime.settings.public_url.startswith("https:"),
    )
    return response


@router.websocket(STREAM_PATH)
async def kiosk_stream(websocket: WebSocket) -> None:
    runtime: Runtime = websocket.app.state.runtime
    if not _same_origin(websocket):
        log.warning("a kiosk stream from another origin was refused")
        await websocket.close(code=1008)  # before accept: the server answers HTTP 403
        return
    async with runtime.sessionmaker() as db, db.begin():
        kiosk = await kiosks.by_device(db, websocket.cookies.get(COOKIE))
        if kiosk is not None:
            kiosk.last_seen_at = utcnow()
    if kiosk is None:
        log.warning("a kiosk stream without a set-up kiosk's cookie was refused")
        await websocket.close(code=1008)
        return
    if runtime.voice is None:
        await websocket.close(code=1011)
        return
    await websocket.accept()
    try:
        await runtime.voice.serve_line(KioskTransport(websocket, kiosk.name), KIOSK)
    except WebSocketDisconnect:
        pass
    except Exception:
        log.exception("kiosk %d: the conversation failed and is closed", kiosk.id)
        await _close(websocket, 1011)
        return
    await _close(websocket, 1000)


def _same_origin(websocket: WebSocket) -> bool:
    """A browser always says where the page that opens a socket comes from; a page of
    another site must not talk through a kiosk's cookie."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True  # not a browser: the cookie alone decides
    return urlsplit(origin).netloc == websocket.headers.get("host", "")


async def _close(websocket: WebSocket, code: int) -> None:
    if WebSocketState.DISCONNECTED not in (websocket.application_state, websocket.client_state):
        with contextlib.suppress(RuntimeError, OSError):
            await websocket.close(code=code)
