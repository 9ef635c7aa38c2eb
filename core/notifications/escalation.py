"""What follows a delivery, decided in the same transaction that records it (so a crash
cannot lose a step): a reminder when the host does not answer, the next notifier when one
cannot deliver, the front desk when nothing reached the host.

The ladder for a visitor, with the escalation time E an admin sets (2 minutes by default):
the host is told on the first notifier that works; if they have not answered E after the
check-in, they get a text; if they still have not answered E later, the front desk is
told. A host told by SMS in the first place goes straight to the front desk after E. A
host told on the console was told through the front desk already, so nothing follows.
Each step is an outbox row due at its time, and is dropped if the host answered first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.notifications.compose import HOST_KINDS
from core.notifications.queue import enqueue
from core.notifications.routing import Routes
from core.store.models import Employee, Notification, Visit, utcnow
from core.store.office import OfficeSettings, load_office

ESCALATION_KINDS = frozenset({"host_reminder", "host_unanswered"})
_CARRIED = ("visitor_name", "company", "purpose", "party_size", "language", "channel")


def _carried(note: Notification, reason: str) -> dict[str, Any]:
    payload = {k: note.payload[k] for k in _CARRIED if k in note.payload}
    return {**payload, "reason": reason}


async def mark(db: AsyncSession, visit_id: int, kinds: set[str], old: set[str], new: str) -> None:
    await db.execute(
        sa.update(Notification)
        .where(
            Notification.visit_id == visit_id,
            Notification.kind.in_(kinds),
            Notification.status.in_(old),
        )
        .values(status=new)
    )


@dataclass
class FollowUps:
    routes: Routes
    office_defaults: OfficeSettings = field(default_factory=OfficeSettings)

    async def still_needed(self, db: AsyncSession, note: Notification) -> bool:
        """A reminder whose host has answered in the meantime is not sent."""
        if note.kind not in ESCALATION_KINDS or note.visit_id is None:
            return True
        visit = await db.get(Visit, note.visit_id)
        return visit is not None and visit.host_response is None

    @staticmethod
    def follows_sent(note: Notification) -> bool:
        """Whether `after_sent` may write anything for `note` (by its kind, notifier and
        visit alone, which do not change): a sent message that nothing can follow is
        recorded without the transaction that reads what a follow-up would need."""
        if note.visit_id is None:
            return False
        if note.kind == "host_arrival":
            return note.channel != "console"
        return note.kind in ESCALATION_KINDS

    async def after_sent(self, db: AsyncSession, note: Notification) -> None:
        if not self.follows_sent(note):
            return
        visit = await db.get(Visit, note.visit_id)
        if visit is None or visit.host_response is not None:
            return
        match note.kind:
            case "host_arrival" if note.channel != "console":
                if await self._escalation_started(db, visit.id):
                    return  # a fallback's success after the first one's
                wait = await self._wait(db)
                host = await db.get(Employee, note.host_id) if note.host_id else None
                due = note.created_at + wait
                if note.channel != "sms" and "sms" in self.routes.available and host and host.phone:
                    await self._queue(db, note, "host_reminder", "sms", due)
                else:
                    await self._queue(db, note, "host_unanswered", self.routes.first, due)
            case "host_reminder":
                await mark(db, visit.id, {"host_arrival"}, {"sent"}, "escalated")
                wait = await self._wait(db)
                await self._queue(db, note, "host_unanswered", self.routes.first, utcnow() + wait)
            case "host_unanswered":
                await mark(db, visit.id, set(HOST_KINDS), {"sent"}, "escalated")

    async def _wait(self, db: AsyncSession) -> timedelta:
        """How long a host has to answer before the next step (read only when one is due)."""
        return timedelta(minutes=(await load_office(db, self.office_defaults)).escalation_minutes)

    async def reroute(self, db: AsyncSession, note: Notification, channel: str) -> None:
        """`note` could not go through its notifier: the same message through `channel`."""
        note.status = "rerouted"
        await enqueue(
            db,
            kind=note.kind,
            channel=channel,
            payload={**note.payload, "reason": f"fallback from {note.channel}"},
            visit_id=note.visit_id,
            session_id=note.session_id,
            host_id=note.host_id,
        )

    async def after_failed(self, db: AsyncSession, note: Notification) -> None:
        """Nothing reached the host: the front desk must look after the visitor."""
        if note.kind in HOST_KINDS:
            await self._queue(db, note, "host_unreachable", self.routes.first, utcnow())

    async def _escalation_started(self, db: AsyncSession, visit_id: int) -> bool:
        found = await db.scalar(
            sa.select(Notification.id)
            .where(Notification.visit_id == visit_id, Notification.kind.in_(ESCALATION_KINDS))
            .limit(1)
        )
        return found is not None

    async def _queue(
        self, db: AsyncSession, note: Notification, kind: str, channel: str, due: Any
    ) -> None:
        await enqueue(
            db,
            kind=kind,
            channel=channel,
            payload=_carried(note, f"after {note.kind} #{note.id}"),
            visit_id=note.visit_id,
            session_id=note.session_id,
            host_id=note.host_id,
            due=due,
        )
