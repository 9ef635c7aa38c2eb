"""The booking half of `TurnTools`: what the booking, arrival and change flows may do,
bound to the turn's transaction, session and the office's clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.flows.state import Conversation
from core.store.models import Visit
from core.store.office import OfficeSettings
from core.tools import bookings

ARRIVAL_WINDOW_DAYS = 7  # a booked visitor this many days early or late is still recognised


class BookingTools:
    """Mixed into `TurnTools`, which provides these attributes."""

    db: AsyncSession
    session_id: str
    channel: str
    notifier: str
    office: OfficeSettings

    def now(self) -> datetime:
        """Now on the office's clock: "today" and "in the past" are the office's."""
        return datetime.now(self.office.zone)

    async def book(self, conv: Conversation, expected_at: datetime) -> tuple[int, str]:
        return await bookings.create(
            self.db,
            conv,
            expected_at.astimezone(UTC),
            channel=self.channel,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )

    async def find_booking(self, code: str) -> dict[str, Any] | None:
        visit = await bookings.by_code(self.db, code)
        return await bookings.card(self.db, visit) if visit else None

    async def expected_today(self, name: str | None, company: str | None) -> list[dict[str, Any]]:
        today = await bookings.expected_on_day(self.db, self.office, self.now())
        return [await bookings.card(self.db, v) for v in bookings.matching(today, name, company)]

    async def expected_around(self, name: str | None, company: str | None) -> list[dict[str, Any]]:
        """Today's matching bookings or, if there are none, those within
        `ARRIVAL_WINDOW_DAYS` either side (nearest day first)."""
        today = await self.expected_today(name, company)
        if today:
            return today
        now = self.now()
        near = await bookings.expected_around(self.db, self.office, now, ARRIVAL_WINDOW_DAYS)
        found = bookings.matching(near, name, company)
        found.sort(key=lambda v: abs(((v.expected_at or now) - now).total_seconds()))
        return [await bookings.card(self.db, v) for v in found]

    async def arrive(self, conv: Conversation, visit_id: int) -> bool:
        """Check the booked visitor in; False if the booking is no longer expected (another
        session got there first)."""
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.arrive(
            self.db,
            visit,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        return True

    async def cancel_booking(self, conv: Conversation, visit_id: int) -> bool:
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.cancel(
            self.db,
            visit,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        return True

    async def move_booking(self, conv: Conversation, visit_id: int, expected_at: datetime) -> bool:
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.move(
            self.db,
            visit,
            expected_at.astimezone(UTC),
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        return True

    async def _locked(self, visit_id: int) -> Visit | None:
        return await self.db.get(Visit, visit_id, with_for_update=True)
