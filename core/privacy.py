"""The right to be forgotten: every record of one visitor, found by name, phone or e-mail,
exported as JSON or erased — and the erasure written to an audit log that names nobody.

A visitor's data lives in visits (and what cascades from them) but also in conversations
that never became a visit, in notification payloads and in session events. Those are JSON,
stored differently by SQLite and Postgres, so they are searched here in Python: the
retention period keeps the tables small enough for that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.retention import remove_badge_files
from core.store.models import (
    AuditEntry,
    Badge,
    ConversationSession,
    Notification,
    SessionEvent,
    Visit,
)

MIN_PHONE_DIGITS = 6


@dataclass(frozen=True, slots=True)
class Needles:
    """What identifies the visitor, normalised for matching."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None

    @classmethod
    def of(cls, name: str = "", phone: str = "", email: str = "") -> Needles:
        digits = re.sub(r"\D", "", phone)
        return cls(
            name=" ".join(name.casefold().split()) or None,
            phone=digits if len(digits) >= MIN_PHONE_DIGITS else None,
            email=email.strip().casefold() or None,
        )

    @property
    def empty(self) -> bool:
        return not (self.name or self.phone or self.email)

    def found_in(self, value: Any) -> bool:
        return any(self._matches(text) for text in _strings(value))

    def _matches(self, text: str) -> bool:
        folded = " ".join(text.casefold().split())
        if self.name and self.name in folded:
            return True
        if self.email and self.email in folded:
            return True
        return bool(self.phone and self.phone in re.sub(r"\D", "", text))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@dataclass
class Records:
    visits: list[Visit] = field(default_factory=list)
    sessions: list[ConversationSession] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.visits or self.sessions or self.notifications or self.events)


async def find(db: AsyncSession, needles: Needles) -> Records:
    if needles.empty:
        return Records()
    visits = [
        v
        for v in (await db.scalars(sa.select(Visit).order_by(Visit.id))).all()
        if needles.found_in([v.visitor_name, v.contact_phone, v.contact_email])
    ]
    visit_ids = {v.id for v in visits}
    sessions = [
        s
        for s in (await db.scalars(sa.select(ConversationSession))).all()
        if s.visit_id in visit_ids or needles.found_in([s.slots, s.transcript])
    ]
    session_ids = {s.id for s in sessions}
    notes = [
        n
        for n in (await db.scalars(sa.select(Notification).order_by(Notification.id))).all()
        if n.visit_id in visit_ids
        or n.session_id in session_ids
        or needles.found_in([n.payload, n.last_error])
    ]
    events = [
        e
        for e in (await db.scalars(sa.select(SessionEvent).order_by(SessionEvent.id))).all()
        if e.session_id in session_ids or needles.found_in(e.payload)
    ]
    return Records(visits, sessions, notes, events)


def export(records: Records) -> dict[str, Any]:
    """Everything held about the visitor, as JSON (the admin UI offers it as a download)."""
    return {
        "visits": [_row(v) for v in records.visits],
        "conversations": [_row(s, skip={"version"}) for s in records.sessions],
        "notifications": [
            _row(n, skip={"claim_token", "locked_until"}) for n in records.notifications
        ],
        "messages": [_row(e) for e in records.events],
    }


def _row(obj: Any, skip: set[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in obj.__table__.columns:
        if column.key in (skip or set()):
            continue
        value = getattr(obj, column.key)
        out[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return out


async def erase(
    db: AsyncSession, records: Records, *, actor: str, data_dir: Path
) -> dict[str, int]:
    """Delete every record found, in the caller's transaction, and audit it by counts."""
    visit_ids = [v.id for v in records.visits]
    paths = (
        (await db.scalars(sa.select(Badge.file_path).where(Badge.visit_id.in_(visit_ids)))).all()
        if visit_ids
        else []
    )
    counts = {
        "visits": len(visit_ids),
        "conversations": len(records.sessions),
        "notifications": len(records.notifications),
        "messages": len(records.events),
        "badge_files": remove_badge_files(paths, data_dir),
    }
    for model, ids in (
        (SessionEvent, [e.id for e in records.events]),
        (Notification, [n.id for n in records.notifications]),
        (ConversationSession, [s.id for s in records.sessions]),
        (Visit, visit_ids),
    ):
        if ids:
            await db.execute(sa.delete(model).where(model.id.in_(ids)))
    db.add(AuditEntry(actor=actor, action="erase_visitor", details=counts))
    await db.flush()
    return counts
