"""The admin JSON API: directory search, visits and the notification outbox."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query

from core.store.models import Notification, Visit
from web.api_errors import documented
from web.deps import CurrentAdmin, DbSession, RuntimeDep

router = APIRouter(prefix="/api/admin", responses=documented(401, 403))  # CurrentAdmin

VisitStatus = Literal["expected", "checked_in", "checked_out", "cancelled", "delivered"]


@router.get("/directory/search")
async def directory_search(
    _admin: CurrentAdmin,
    db: DbSession,
    runtime: RuntimeDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="A name as said")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    index = await runtime.agent.directory.index(db)
    resolution = index.resolve(q, limit=limit)
    return {
        "status": str(resolution.status),
        "candidates": [c.as_dict() for c in resolution.candidates],
    }


def _since(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@router.get("/visits")
async def list_visits(
    _admin: CurrentAdmin,
    db: DbSession,
    status: VisitStatus | None = None,
    since: Annotated[datetime | date | None, Query(description="ISO date or date-time")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    query = sa.select(Visit).order_by(Visit.created_at.desc(), Visit.id.desc()).limit(limit)
    if status:
        query = query.where(Visit.status == status)
    if (start := _since(since)) is not None:
        query = query.where(Visit.created_at >= start)
    return [visit_json(v) for v in (await db.scalars(query)).all()]


def visit_json(v: Visit) -> dict[str, Any]:
    return {
        "id": v.id,
        "visitor_name": v.visitor_name,
        "company": v.company,
        "host_id": v.host_id,
        "host_name": v.host_name,
        "channel": v.channel,
        "language": v.language,
        "status": v.status,
        "expected_at": _iso(v.expected_at),
        "checked_in_at": _iso(v.checked_in_at),
        "kind": v.kind,
        "party_size": v.party_size,
        "purpose": v.purpose,
        "department": v.department,
        "host_response": v.host_response,
        "host_responded_at": _iso(v.host_responded_at),
    }


@router.get("/notifications")
async def list_notifications(
    _admin: CurrentAdmin,
    db: DbSession,
    status: str | None = Query(None, max_length=20),
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    query = sa.select(Notification).order_by(Notification.id.desc()).limit(limit)
    if status:
        query = query.where(Notification.status == status)
    return [
        {
            "id": n.id,
            "visit_id": n.visit_id,
            "host_id": n.host_id,
            "channel": n.channel,
            "status": n.status,
            "attempts": n.attempts,
            "created_at": _iso(n.created_at),
            "kind": n.kind,
            "reason": n.payload.get("reason"),  # why it exists: a fallback, an escalation
            "last_error": n.last_error,
            "sent_at": _iso(n.sent_at),
        }
        for n in (await db.scalars(query)).all()
    ]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
