"""Putting a notification in the outbox, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.store.models import Notification, utcnow


async def enqueue(
    db: AsyncSession,
    *,
    kind: str,
    channel: str,
    payload: Mapping[str, Any],
    visit_id: int | None = None,
    session_id: str | None = None,
    host_id: int | None = None,
    due: datetime | None = None,
) -> Notification:
    """Add a notification to the caller's transaction; it is sent once that commits (and
    not before `due`, for a reminder that only matters if nobody has answered by then)."""
    note = Notification(
        kind=kind,
        channel=channel,
        payload=dict(payload),
        visit_id=visit_id,
        session_id=session_id,
        host_id=host_id,
        status="pending",
        next_attempt_at=due or utcnow(),
    )
    db.add(note)
    await db.flush()
    return note
