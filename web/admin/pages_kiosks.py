"""Lobby kiosks: create one (its one-time setup link is shown once), give it a new link
(a new tablet), revoke it. The kiosk itself is `/kiosk` (web/routes/kiosk.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from core.store import kiosks
from core.store.models import Kiosk
from core.store.office import load_office
from web.admin.common import Admin, back, check_csrf, page, words
from web.deps import DbSession, RuntimeDep

router = APIRouter(prefix="/admin/kiosks", include_in_schema=False)
PATH = "/admin/kiosks"


def _state(kiosk: Kiosk) -> str:
    if kiosk.revoked_at is not None:
        return "revoked"
    return "paired" if kiosk.token_hash else "waiting"


async def _list(
    request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep, **context: object
) -> Response:
    rows = await kiosks.all_kiosks(db)
    return page(
        request,
        "kiosks.html",
        admin,
        kiosks=[(k, _state(k)) for k in rows],
        tz=(await load_office(db, runtime.agent.office_defaults)).zone,
        **context,
    )


@router.get("", response_class=HTMLResponse)
async def list_kiosks(
    request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    return await _list(request, admin, db, runtime)


def _link(request: Request, runtime: RuntimeDep, secret: str) -> str:
    """The setup link, on the address the admin reached this page at (the tablet is in
    the same building)."""
    base = str(request.base_url).rstrip("/")
    return f"{base}/kiosk?token={secret}"


@router.post("", response_class=HTMLResponse)
async def create(request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    name = str(form.get("name", "")).strip()[: kiosks.MAX_NAME]
    if not name:
        return back(PATH, words(request)("admin.kiosks.need_name"))
    kiosk, secret = await kiosks.create(db, name)
    await db.commit()
    link = {"name": kiosk.name, "url": _link(request, runtime, secret)}
    return await _list(request, admin, db, runtime, link=link)


@router.post("/{kiosk_id}/link", response_class=HTMLResponse)
async def new_link(
    kiosk_id: int, request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    made = await kiosks.new_link(db, kiosk_id)
    if made is None:
        return back(PATH, words(request)("admin.kiosks.missing"))
    kiosk, secret = made
    await db.commit()
    link = {"name": kiosk.name, "url": _link(request, runtime, secret)}
    return await _list(request, admin, db, runtime, link=link)


@router.post("/{kiosk_id}/revoke")
async def revoke(kiosk_id: int, request: Request, admin: Admin, db: DbSession) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    t = words(request)
    kiosk = await kiosks.revoke(db, kiosk_id)
    if kiosk is None:
        return back(PATH, t("admin.kiosks.missing"))
    await db.commit()
    return back(PATH, t("admin.kiosks.revoked", name=kiosk.name))
