"""Visitor data: find every record of one visitor by name, phone or e-mail, download it as
JSON, or erase it (audited by counts, never by who)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from core import privacy
from web.admin.common import Admin, back, check_csrf, page, words
from web.deps import DbSession, RuntimeDep

router = APIRouter(prefix="/admin/privacy", include_in_schema=False)
Field = Annotated[str, Query(max_length=320)]


@router.get("", response_class=HTMLResponse)
async def search(
    request: Request,
    admin: Admin,
    db: DbSession,
    name: Field = "",
    phone: Field = "",
    email: Field = "",
) -> Response:
    needles = privacy.Needles.of(name, phone, email)
    records = await privacy.find(db, needles) if not needles.empty else None
    query = {"name": name, "phone": phone, "email": email}
    return page(request, "privacy.html", admin, records=records, query=query)


@router.get("/export.json")
async def export(
    admin: Admin, db: DbSession, name: Field = "", phone: Field = "", email: Field = ""
) -> Response:
    records = await privacy.find(db, privacy.Needles.of(name, phone, email))
    body = json.dumps(privacy.export(records), ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="visitor-data.json"'},
    )


@router.post("/erase")
async def erase(request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    t = words(request)
    needles = privacy.Needles.of(*(str(form.get(k, ""))[:320] for k in ("name", "phone", "email")))
    if needles.empty:
        return back("/admin/privacy", t("admin.privacy.need_one"))
    records = await privacy.find(db, needles)
    counts = await privacy.erase(db, records, actor=admin.actor, data_dir=runtime.settings.data_dir)
    await db.commit()
    erased = t(
        "admin.privacy.erased",
        visits=t.n("admin.count.visits", counts["visits"]),
        conversations=t.n("admin.count.conversations", counts["conversations"]),
    )
    return back("/admin/privacy", erased)
