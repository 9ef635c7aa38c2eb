"""Writing what the conversation achieved: a visit and what it sets off — the notification
about it and, once the visitor is in the building, their badge — all in the turn's
transaction, so a crash leaves either nothing or everything.

`write` is the one way a visit is written: a check-in, a delivery, a booking made, moved or
cancelled, and a booked visitor arriving all go through it, so every notification about a
visit carries the same facts and no path can write a visit without telling anyone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.flows.state import Conversation
from core.outbox import enqueue
from core.store.cards import FormerHost, HostCard
from core.store.models import Badge, Visit, utcnow


class HostNotConfirmed(RuntimeError):
    """Raised if anything tries to notify a host the visitor did not confirm."""


async def write(
    db: AsyncSession,
    visit: Visit,
    *,
    notify: str,
    session_id: str,
    notifier: str,
    badge: bool = False,
    **facts: Any,
) -> Visit:
    """Write the visit (new or changed) and queue the notification `notify` about it, with
    its badge when `badge`; `facts` add to what the notification carries."""
    db.add(visit)
    await db.flush()
    # The badge first: the notification's flush then writes both (one unit of work, not a
    # second one at commit).
    if badge:
        db.add(Badge(visit_id=visit.id, copies=visit.party_size or 1, status="pending"))
    await enqueue(
        db,
        kind=notify,
        channel=notifier,
        visit_id=visit.id,
        session_id=session_id,
        host_id=visit.host_id,
        payload=about(visit, **facts),
    )
    return visit


def about(visit: Visit, **facts: Any) -> dict[str, Any]:
    """What a notification about this visit carries (the outbox renders it later)."""
    return {
        "visitor_name": visit.visitor_name,
        "company": visit.company,
        "purpose": visit.purpose,
        "party_size": visit.party_size,
        "department": visit.department,
        "language": visit.language,
        "channel": visit.channel,
        **facts,
    }


def from_conversation(
    conv: Conversation, host: HostCard | FormerHost | None, *, channel: str, **fields: Any
) -> Visit:
    """A new visit with what the visitor said about themselves and whom they came for."""
    return Visit(
        visitor_name=conv.slots.get("visitor_name"),
        company=conv.slots.get("company") or None,
        host_id=host["id"] if host else None,
        host_name=host["name"] if host else None,
        channel=channel,
        language=conv.language,
        **fields,
    )


def confirmed_host(conv: Conversation, what: str) -> HostCard | FormerHost:
    host = conv.host
    if host is None or not conv.slots.get("host_confirmed"):
        raise HostNotConfirmed(f"{what} without a confirmed host")
    return host


async def check_in(
    db: AsyncSession, conv: Conversation, *, channel: str, session_id: str, notifier: str
) -> int:
    visit = from_conversation(
        conv,
        confirmed_host(conv, "check-in"),
        channel=channel,
        kind="visit",
        status="checked_in",
        checked_in_at=utcnow(),
        purpose=conv.slots.get("purpose"),
        party_size=int(conv.slots.get("party_size") or 1),
    )
    await write(
        db, visit, notify="host_arrival", session_id=session_id, notifier=notifier, badge=True
    )
    return visit.id


async def record_delivery(
    db: AsyncSession, conv: Conversation, *, channel: str, session_id: str, notifier: str
) -> int:
    host = conv.host if conv.slots.get("host_confirmed") else None
    visit = from_conversation(
        conv,
        host,
        channel=channel,
        kind="delivery",
        status="delivered",
        checked_in_at=utcnow(),
        department=conv.slots.get("department"),
    )
    await write(db, visit, notify="delivery", session_id=session_id, notifier=notifier)
    return visit.id
