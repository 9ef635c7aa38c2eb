"""Office settings an admin changes at run time (the admin UI's settings page): stored in
`app_settings` under one key, falling back to the environment's defaults. Every instance
reads them from the database, so a change made on one is seen by all."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.dates.hours import OpeningHours
from core.store.models import AppSetting

OFFICE_KEY = "office"


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    retention_days: int = 30  # visits older than this are deleted with all they hold
    front_desk_phone: str | None = None  # where calls are transferred, SMS escalations go
    escalation_minutes: float = 2.0  # a host who has not answered by then is texted
    timezone: str = "Europe/Tallinn"  # the office's clock: bookings, "today", opening hours
    # When visits may be booked, and what "when are you open?" is answered with. The default
    # is the knowledge folder's opening_hours.txt (Settings.office_defaults); the admin UI's
    # settings page overrides it here. Stored as text in OpeningHours' canonical form.
    opening_hours: str = "Mon-Fri 08:00-18:00"

    @property
    def hours(self) -> OpeningHours:
        return OpeningHours.parse(self.opening_hours)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def merged(self, values: dict[str, Any]) -> OfficeSettings:
        known = {k: v for k, v in values.items() if k in self.__dataclass_fields__}
        return replace(self, **known)


async def load_office(db: AsyncSession, defaults: OfficeSettings) -> OfficeSettings:
    row = await db.get(AppSetting, OFFICE_KEY)
    return office_from(row.value if row else None, defaults)


def stored_office() -> sa.ScalarSelect[Any]:
    """The stored settings as a column, to read them in the same statement as another row
    (a turn reads them with its session: one round trip fewer)."""
    return sa.select(AppSetting.value).where(AppSetting.key == OFFICE_KEY).scalar_subquery()


def office_from(stored: dict[str, Any] | None, defaults: OfficeSettings) -> OfficeSettings:
    return defaults.merged(stored) if stored else defaults


async def save_office(db: AsyncSession, office: OfficeSettings) -> None:
    row = await db.get(AppSetting, OFFICE_KEY, with_for_update=True)
    if row is None:
        db.add(AppSetting(key=OFFICE_KEY, value=asdict(office)))
    else:
        row.value = asdict(office)
