"""Today (expected visitors, who is in the building, check-out, the evacuation list), the
visit log with its filters, and one visit's details."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

import sqlalchemy as sa
from babel.dates import parse_date
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from core.messages import CHANNELS
from core.store.models import Badge, Notification, Visit, utcnow
from core.store.office import OfficeSettings, load_office
from web import id_paths  # noqa: F401 — registers the paths' {…:dbid}
from web.admin.common import Admin, back, check_csrf, page, words
from web.deps import DbSession, RuntimeDep

router = APIRouter(prefix="/admin", include_in_schema=False)
STATUSES = ("expected", "checked_in", "checked_out", "cancelled", "delivered")
LOG_LIMIT = 500


async def _office(db: DbSession, runtime: RuntimeDep) -> OfficeSettings:
    return await load_office(db, runtime.agent.office_defaults)


def _day_bounds(day: date, office: OfficeSettings) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=office.zone)
    return start, start + timedelta(days=1)


@router.get("/today", response_class=HTMLResponse)
async def today(request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep) -> Response:
    office = await _office(db, runtime)
    start, end = _day_bounds(datetime.now(office.zone).date(), office)
    expected = await db.scalars(
        sa.select(Visit)
        .where(Visit.status == "expected", Visit.expected_at >= start, Visit.expected_at < end)
        .order_by(Visit.expected_at)
    )
    return page(
        request,
        "today.html",
        admin,
        expected=list(expected.all()),
        inside=await _in_building(db),
        tz=office.zone,
        today=start.date(),
    )


async def _in_building(db: DbSession) -> list[Visit]:
    rows = await db.scalars(
        sa.select(Visit)
        .where(Visit.kind == "visit", Visit.status == "checked_in")
        .order_by(Visit.checked_in_at)
    )
    return list(rows.all())


@router.get("/today/evacuation", response_class=HTMLResponse)
async def evacuation(
    request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    office = await _office(db, runtime)
    inside = await _in_building(db)
    people = sum(v.party_size for v in inside)
    now = datetime.now(office.zone)
    return page(
        request, "evacuation.html", admin, inside=inside, people=people, now=now, tz=office.zone
    )


@router.post("/visits/{visit_id:dbid}/checkout")
async def checkout(request: Request, visit_id: int, admin: Admin, db: DbSession) -> Response:
    check_csrf(admin, await request.form(), request)
    t = words(request)
    visit = await db.get(Visit, visit_id, with_for_update=True)
    if visit is None:
        raise HTTPException(status_code=404, detail=f"No visit {visit_id}.")
    if visit.status == "checked_in":
        visit.status, visit.checked_out_at = "checked_out", utcnow()
        await db.commit()
        name = visit.visitor_name or t("admin.today.the_visitor")
        return back("/admin/today", t("admin.today.checked_out", name=name))
    return back("/admin/today", t("admin.today.not_inside"))


@router.get("/visits", response_class=HTMLResponse)
async def visit_log(
    request: Request,
    admin: Admin,
    db: DbSession,
    runtime: RuntimeDep,
    written_from: Annotated[str, Query(alias="from", max_length=40)] = "",
    written_to: Annotated[str, Query(alias="to", max_length=40)] = "",
    host: Annotated[str, Query(max_length=200)] = "",
    channel: Annotated[str, Query(max_length=10)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    office = await _office(db, runtime)
    t = words(request)
    error: str | None = None
    try:
        date_from, date_to = _day(written_from, t.language), _day(written_to, t.language)
    except _NotADay as bad:
        error = t("admin.visits.bad_date", value=bad.text, example=t.short_date(_EXAMPLE))
        date_from = date_to = None
    moment = sa.func.coalesce(Visit.checked_in_at, Visit.expected_at, Visit.created_at)
    query = sa.select(Visit).order_by(moment.desc(), Visit.id.desc()).limit(LOG_LIMIT)
    if date_from:
        query = query.where(moment >= _day_bounds(date_from, office)[0])
    if date_to:
        query = query.where(moment < _day_bounds(date_to, office)[1])
    if host.strip():
        query = query.where(Visit.host_name.ilike(f"%{_like(host.strip())}%", escape="\\"))
    if channel in CHANNELS:
        query = query.where(Visit.channel == channel)
    if status in STATUSES:
        query = query.where(Visit.status == status)
    rows = list((await db.scalars(query)).all())
    filters: dict[str, Any] = {
        "from": date_from or "",
        "to": date_to or "",
        "host": host,
        "channel": channel,
        "status": status,
    }
    response = page(
        request,
        "visits.html",
        admin,
        visits=rows,
        filters=filters,
        channels=CHANNELS,
        statuses=STATUSES,
        tz=office.zone,
        limit=LOG_LIMIT,
        error=error,
    )
    if error:
        response.status_code = 422
    return response


_EXAMPLE = date(2026, 12, 6)


class _NotADay(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _day(text: str, language: str) -> date | None:
    """A filter's day as the date input sends it (2026-12-06), or as the admin's language
    writes it when typed into the address ("6.12.2026", "12/6/2026")."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text, locale=language)
    except (ValueError, IndexError):  # Babel's parser raises either on what it cannot read
        raise _NotADay(text) from None


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@router.get("/visits/{visit_id:dbid}", response_class=HTMLResponse)
async def visit_details(
    request: Request, visit_id: int, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    visit = await db.get(Visit, visit_id)
    if visit is None:
        raise HTTPException(status_code=404, detail=f"No visit {visit_id}.")
    notes = await db.scalars(
        sa.select(Notification).where(Notification.visit_id == visit_id).order_by(Notification.id)
    )
    badges = await db.scalars(sa.select(Badge).where(Badge.visit_id == visit_id))
    office = await _office(db, runtime)
    return page(
        request,
        "visit.html",
        admin,
        visit=visit,
        notifications=list(notes.all()),
        badges=list(badges.all()),
        tz=office.zone,
    )
