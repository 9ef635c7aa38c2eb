"""Writing what the conversation achieved: a visit, its outbox rows and badge jobs, all in
the turn's transaction, so a crash leaves either nothing or everything."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.flows.state import Conversation
from core.outbox import enqueue
from core.store.models import Badge, Visit, utcnow


class HostNotConfirmed(RuntimeError):
    """Raised if anything tries to notify a host the visitor did not confirm."""


async def check_in(
    db: AsyncSession, conv: Conversation, *, channel: str, session_id: str, notifier: str
) -> int:
    host: dict[str, Any] | None = conv.host
    if host is None or not conv.slots.get("host_confirmed"):
        raise HostNotConfirmed("check-in without a confirmed host")
    party = int(conv.slots.get("party_size") or 1)
    visit = await _write(
        db,
        conv,
        host,
        channel=channel,
        session_id=session_id,
        notifier=notifier,
        kind="visit",
        status="checked_in",
        note="host_arrival",
        purpose=conv.slots.get("purpose"),
        party_size=party,
    )
    db.add(Badge(visit_id=visit.id, copies=party, status="pending"))
    return visit.id


async def record_delivery(
    db: AsyncSession, conv: Conversation, *, channel: str, session_id: str, notifier: str
) -> int:
    host: dict[str, Any] | None = conv.host if conv.slots.get("host_confirmed") else None
    visit = await _write(
        db,
        conv,
        host,
        channel=channel,
        session_id=session_id,
        notifier=notifier,
        kind="delivery",
        status="delivered",
        note="delivery",
        department=conv.slots.get("department"),
    )
    return visit.id


async def _write(
    db: AsyncSession,
    conv: Conversation,
    host: dict[str, Any] | None,
    *,
    channel: str,
    session_id: str,
    notifier: str,
    kind: str,
    status: str,
    note: str,
    **fields: Any,
) -> Visit:
    """The visit and the notification about it, in the caller's transaction."""
    visit = Visit(
        kind=kind,
        status=status,
        visitor_name=conv.slots.get("visitor_name"),
        company=conv.slots.get("company") or None,
        host_id=host["id"] if host else None,
        host_name=host["name"] if host else None,
        channel=channel,
        language=conv.language,
        checked_in_at=utcnow(),
        **fields,
    )
    db.add(visit)
    await db.flush()
    await enqueue(
        db,
        kind=note,
        channel=notifier,
        visit_id=visit.id,
        session_id=session_id,
        host_id=visit.host_id,
        payload={
            "visitor_name": visit.visitor_name,
            "company": visit.company,
            "purpose": visit.purpose,
            "party_size": visit.party_size,
            "department": visit.department,
            "language": conv.language,
            "channel": channel,
        },
    )
    return visit
