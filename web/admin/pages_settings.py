"""Office settings an admin changes at run time: retention, the front-desk number, opening
hours (they also feed the receptionist's answer to "when are you open?"), the time zone
and how long a host has before the notification is escalated."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import get_global
from babel.dates import get_timezone_gmt, get_timezone_location
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


# The IANA areas a zone is chosen under; the others (US/, Canada/, Etc/ …) are old aliases.
REGIONS = (
    *("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia"),
    *("Europe", "Indian", "Pacific"),
)


@cache
def zones() -> tuple[str, ...]:
    """The IANA zones to choose from (area/city names, not legacy aliases)."""
    return tuple(sorted(z for z in available_timezones() if z.split("/")[0] in REGIONS))


Choices = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@cache
def zone_choices(language: str, day: date) -> Choices:
    """The zones grouped by area, each named as the language names its city, with its
    offset from UTC on that day: ("Euroopa", (("Europe/Tallinn", "Tallinn (GMT+02:00)"), …)).
    Two names for one city (Europe/Kiev and Europe/Kyiv) are shown once, by CLDR's own."""
    t, aliases = Words(language), get_global("zone_aliases")
    noon = datetime.combine(day, time(12), tzinfo=UTC)
    areas: dict[str, dict[str, str]] = {}
    for zone_id in sorted(zones(), key=lambda z: z in aliases):  # CLDR's names first
        zone = ZoneInfo(zone_id)
        city = get_timezone_location(zone, locale=language, return_city=True)
        label = f"{city} ({get_timezone_gmt(noon.astimezone(zone), locale=language)})"
        area = areas.setdefault(t(f"admin.zone.{zone_id.split('/')[0]}"), {})
        area.setdefault(label, zone_id)
    return tuple(
        (name, tuple(sorted(((z, label) for label, z in area.items()), key=lambda c: c[1])))
        for name, area in sorted(areas.items())
    )


@router.get("", response_class=HTMLResponse)
async def settings_form(
    request: Request, admin: Admin, db: DbSession, runtime: RuntimeDep
) -> Response:
    office = await load_office(db, runtime.agent.office_defaults)
    return page(
        request, "settings.html", admin, office=office, values=None, zones=_choices(request)
    )


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
            zones=_choices(request),
        )
        response.status_code = 422
        return response
    await save_office(db, office)
    await db.commit()
    return back("/admin/settings", t("admin.settings.saved"))


def _choices(request: Request) -> Choices:
    return zone_choices(words(request).language, datetime.now(UTC).date())


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
