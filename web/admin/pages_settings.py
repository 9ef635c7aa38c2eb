"""Office settings an admin changes at run time: retention, the front-desk number, opening
hours (they also feed the receptionist's answer to "when are you open?"), the time zone
and how long a host has before the notification is escalated."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from core.dates.hours import OpeningHours
from core.store.office import OfficeSettings, load_office, save_office
from core.text.phones import PhoneError, to_e164
from web.admin.common import Admin, back, check_csrf, page, words
from web.deps import DbSession, RuntimeDep
from web.i18n import Words

router = APIRouter(prefix="/admin/settings", include_in_schema=False)


@cache
def zones() -> tuple[str, ...]:
    """The IANA zones to choose from (the region/city names, not legacy aliases)."""
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")))


@router.get("", response_class=HTMLResponse)
async def settings_form(
    request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    office = await load_office(db, runtime.agent.office_defaults)
    return page(request, "settings.html", admin, office=office, values=None, zones=zones())


@router.post("", response_model=None)
async def save(request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep) -> Response:
    form = await request.form()
    check_csrf(admin, form, request)
    t = words(request)
    current = await load_office(db, runtime.agent.office_defaults)
    try:
        office = _read(form, current, t)
    except ValueError as exc:
        values = dict(form)
        response = page(
            request,
            "settings.html",
            admin,
            office=current,
            values=values,
            error=str(exc),
            zones=zones(),
        )
        response.status_code = 422
        return response
    await save_office(db, office)
    await db.commit()
    return back("/admin/settings", t("admin.settings.saved"))


def _read(form: FormData, current: OfficeSettings, t: Words) -> OfficeSettings:
    def text(name: str) -> str:
        return str(form.get(name, "")).strip()[:500]

    try:
        days = int(text("retention_days"))
    except ValueError:
        raise ValueError(t("admin.settings.bad_days")) from None
    if not 1 <= days <= 3650:
        raise ValueError(t("admin.settings.days_range"))
    try:
        phone = to_e164(number) if (number := text("front_desk_phone")) else None
    except PhoneError as exc:
        raise ValueError(
            t("admin.settings.bad_phone", problem=t.error("admin.error.phone", exc))
        ) from None
    try:
        minutes = float(text("escalation_minutes").replace(",", "."))
    except ValueError:
        raise ValueError(t("admin.settings.bad_minutes")) from None
    if not 0.5 <= minutes <= 120:
        raise ValueError(t("admin.settings.minutes_range"))
    try:
        hours = str(OpeningHours.parse(text("opening_hours")))
    except ValueError as exc:
        raise ValueError(
            t("admin.settings.bad_hours", problem=t.error("admin.error.hours", exc))
        ) from None
    zone = text("timezone")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(t("admin.settings.bad_zone", zone=zone)) from None
    return replace(
        current,
        retention_days=days,
        front_desk_phone=phone,
        escalation_minutes=minutes,
        opening_hours=hours,
        timezone=zone,
    )
