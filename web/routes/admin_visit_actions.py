"""Admin routes around a visit after check-in: its badge (view, reprint), recording the
host's answer for them (a host who phoned the desk), and one notification's attempts."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Body, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel

from core.notifications.host_response import HostAnswer, record_host_response
from core.store.models import Badge, Notification, NotificationAttempt, Visit
from web import id_paths  # noqa: F401 — registers the paths' {…:dbid}
from web.api_errors import documented
from web.deps import CurrentAdmin, DbSession, RuntimeDep

router = APIRouter(prefix="/api/admin", responses=documented(401, 403))  # CurrentAdmin


async def _visit(db: DbSession, visit_id: int) -> Visit:
    visit = await db.get(Visit, visit_id)
    if visit is None or visit.kind != "visit":
        raise HTTPException(status_code=404, detail=f"No visit {visit_id}.")
    return visit


NO_VISIT = documented(404, s404="No visit with that id.")


@router.get(
    "/visits/{visit_id:dbid}/badge",
    response_class=Response,
    responses={
        200: {"description": "The badge", "content": {"application/pdf": {}}},
        **NO_VISIT,
    },
)
async def badge_pdf(
    visit_id: int, _admin: CurrentAdmin, db: DbSession, runtime: RuntimeDep
) -> Response:
    """The badge as printed (or saved); drawn now if the worker has not made it yet."""
    visit = await _visit(db, visit_id)
    path = await db.scalar(
        sa.select(Badge.file_path)
        .where(Badge.visit_id == visit_id, Badge.file_path.is_not(None))
        .order_by(Badge.id.desc())
        .limit(1)
    )
    data = await asyncio.to_thread(_read, path) if path else None
    if data is None:
        assert runtime.badges is not None
        data = await runtime.badges.pdf_for(db, visit)
    headers = {"Content-Disposition": f'inline; filename="badge-visit-{visit_id}.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None  # swept, or the data directory moved: draw it again


@router.post("/visits/{visit_id:dbid}/badge", status_code=202, responses=NO_VISIT)
async def reprint_badge(
    visit_id: int,
    _admin: CurrentAdmin,
    db: DbSession,
    runtime: RuntimeDep,
    copies: Annotated[int, Query(ge=1, le=50)] = 1,
) -> dict[str, Any]:
    await _visit(db, visit_id)
    badge = Badge(visit_id=visit_id, copies=copies, status="pending")
    db.add(badge)
    await db.commit()
    if runtime.badges is not None:
        runtime.badges.wake()
    return {"badge_id": badge.id, "status": badge.status, "copies": copies}


class HostResponseIn(BaseModel):
    answer: HostAnswer


@router.post("/visits/{visit_id:dbid}/host-response", responses=NO_VISIT)
async def host_response(
    visit_id: int,
    body: Annotated[HostResponseIn, Body()],
    _admin: CurrentAdmin,
    db: DbSession,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    await _visit(db, visit_id)
    recorded = await record_host_response(
        db, visit_id, body.answer, via="admin", front_desk=runtime.agent.notifier
    )
    await db.commit()
    runtime.outbox.wake()
    return {"visit_id": visit_id, "host_response": recorded.answer, "changed": recorded.changed}


@router.get(
    "/notifications/{notification_id:dbid}",
    responses=documented(404, s404="No notification with that id."),
)
async def notification_detail(
    notification_id: int, _admin: CurrentAdmin, db: DbSession
) -> dict[str, Any]:
    note = await db.get(Notification, notification_id)
    if note is None:
        raise HTTPException(status_code=404, detail=f"No notification {notification_id}.")
    attempts = await db.scalars(
        sa.select(NotificationAttempt)
        .where(NotificationAttempt.notification_id == notification_id)
        .order_by(NotificationAttempt.id)
    )
    return {
        "id": note.id,
        "visit_id": note.visit_id,
        "host_id": note.host_id,
        "kind": note.kind,
        "channel": note.channel,
        "status": note.status,
        "attempts": note.attempts,
        "reason": note.payload.get("reason"),
        "last_error": note.last_error,
        "next_attempt_at": note.next_attempt_at.isoformat(),
        "created_at": note.created_at.isoformat(),
        "sent_at": note.sent_at.isoformat() if note.sent_at else None,
        "history": [
            {
                "at": a.attempted_at.isoformat(),
                "channel": a.channel,
                "ok": a.ok,
                "error": a.error,
            }
            for a in attempts.all()
        ],
    }
