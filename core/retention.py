"""Retention: visits older than the retention period are deleted with everything that hangs
off them — conversation, notifications, badge rows by foreign-key cascade, and the badge
files on disk here. Conversations that never became a visit go the same way, as do
expired admin sessions and old sign-in attempts.

A visit's age is its last moment: a booking made long ago for next month is not old.
Files are removed before their rows: if the transaction then fails, the next run finds
the rows again and the files are already gone, so nothing personal outlives its period.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.models import (
    AdminSession,
    Badge,
    ConversationSession,
    LoginAttempt,
    Visit,
    utcnow,
)
from core.store.office import OfficeSettings, load_office

log = logging.getLogger(__name__)
LOGIN_ATTEMPTS_KEPT = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Swept:
    visits: int
    sessions: int
    badge_files: int


def _older_than(cutoff: datetime) -> sa.ColumnElement[bool]:
    moments = (Visit.expected_at, Visit.checked_in_at, Visit.checked_out_at)
    return sa.and_(Visit.created_at < cutoff, *(sa.or_(m.is_(None), m < cutoff) for m in moments))


async def sweep(
    db: AsyncSession, defaults: OfficeSettings, data_dir: Path, *, now: datetime | None = None
) -> Swept:
    """Delete what is past the retention period, in the caller's transaction."""
    now = now or utcnow()
    office = await load_office(db, defaults)
    cutoff = now - timedelta(days=office.retention_days)
    old = sa.select(Visit.id).where(_older_than(cutoff))
    paths = (await db.scalars(sa.select(Badge.file_path).where(Badge.visit_id.in_(old)))).all()
    files = remove_badge_files(paths, data_dir)
    visits = await db.execute(sa.delete(Visit).where(Visit.id.in_(old)))
    sessions = await db.execute(
        sa.delete(ConversationSession).where(
            ConversationSession.visit_id.is_(None), ConversationSession.updated_at < cutoff
        )
    )
    await db.execute(sa.delete(AdminSession).where(AdminSession.expires_at < now))
    await db.execute(
        sa.delete(LoginAttempt).where(LoginAttempt.attempted_at < now - LOGIN_ATTEMPTS_KEPT)
    )
    swept = Swept(_count(visits), _count(sessions), files)
    if swept.visits or swept.sessions:
        log.info(
            "retention: deleted %s visits, %s conversations, %s badge files (older than %s days)",
            swept.visits,
            swept.sessions,
            swept.badge_files,
            office.retention_days,
        )
    return swept


def remove_badge_files(paths: Iterable[str | None], data_dir: Path) -> int:
    """Remove badge files, only inside the data directory (a path elsewhere is not ours)."""
    root = data_dir.resolve()
    removed = 0
    for value in paths:
        if not value:
            continue
        path = Path(value)
        path = (path if path.is_absolute() else root / path).resolve()
        if not path.is_relative_to(root):
            log.warning("retention: badge file outside the data directory left alone")
            continue
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.error("retention: cannot remove a badge file: %s", exc.strerror)
    return removed


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
