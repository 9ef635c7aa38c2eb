"""Conversation sessions: the whole state of a conversation lives in its row, so any
instance can take any turn and a restart loses nothing."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Channel, Language
from core.store.event_signals import announce
from core.store.models import ConversationSession, SessionEvent, utcnow

TRANSCRIPT_LIMIT = 40  # turns kept for context; the rest is not needed and not kept
EVENTS_PER_LOOK = 100


def new_session_id() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, unguessable


async def create_session(
    db: AsyncSession,
    *,
    channel: Channel,
    language: Language,
    language_known: bool,
    session_key: str | None = None,
) -> ConversationSession:
    session_id = new_session_id()
    row = ConversationSession(
        id=session_id,
        channel=channel,
        session_key=session_key or session_id,
        language=language,
        language_known=language_known,
        state="greeting",
        slots={},
        transcript=[],
    )
    db.add(row)
    await db.flush()
    return row


async def find_active(
    db: AsyncSession, *, channel: Channel, session_key: str, idle: timedelta
) -> ConversationSession | None:
    """The conversation this key is in now: its newest session, unless it went quiet."""
    row = await db.scalar(
        sa.select(ConversationSession)
        .where(
            ConversationSession.channel == channel, ConversationSession.session_key == session_key
        )
        .order_by(ConversationSession.updated_at.desc())
        .limit(1)
    )
    if row is None or row.updated_at < utcnow() - idle:
        return None
    return row


def append_transcript(row: ConversationSession, *entries: dict[str, Any]) -> None:
    row.transcript = [*row.transcript, *entries][-TRANSCRIPT_LIMIT:]


def cut_last_reply(row: ConversationSession, heard: str) -> bool:
    """The visitor cut in: the receptionist's last reply, as stored, becomes what they
    heard of it (`heard` may be empty). False when there is no reply to cut."""
    transcript = list(row.transcript)
    for index in range(len(transcript) - 1, -1, -1):
        entry = transcript[index]
        if isinstance(entry, dict) and entry.get("who") == "receptionist":
            transcript[index] = {**entry, "text": heard, "cut_short": True}
            row.transcript = transcript
            return True
    return False


def end_session(row: ConversationSession) -> None:
    """Transcripts die with the session; the outcome (state, visit) stays."""
    row.ended_at = utcnow()
    row.transcript = []


async def end_idle_sessions(db: AsyncSession, *, idle: timedelta) -> int:
    return len(await end_idle(db, idle=idle))


async def end_idle(db: AsyncSession, *, idle: timedelta) -> list[tuple[str, str, str, int | None]]:
    """End the sessions idle for longer than `idle`; returns each one's channel, language,
    state and visit (how it ended, for the metrics)."""
    result = await db.execute(
        sa.update(ConversationSession)
        .where(
            ConversationSession.ended_at.is_(None), ConversationSession.updated_at < utcnow() - idle
        )
        .values(ended_at=utcnow(), transcript=[], version=ConversationSession.version + 1)
        .returning(
            ConversationSession.channel,
            ConversationSession.language,
            ConversationSession.state,
            ConversationSession.visit_id,
        )
    )
    return [(row[0], row[1], row[2], row[3]) for row in result.all()]


async def push_event(
    db: AsyncSession, session_id: str, kind: str, payload: dict[str, Any]
) -> SessionEvent:
    """A message for the visitor later; the streams waiting for it are woken at commit."""
    event = SessionEvent(session_id=session_id, kind=kind, payload=payload)
    db.add(event)
    await db.flush()
    await announce(db, session_id)
    return event


async def events_after(db: AsyncSession, session_id: str, after_id: int) -> list[SessionEvent]:
    rows = await db.scalars(
        sa.select(SessionEvent)
        .where(SessionEvent.session_id == session_id, SessionEvent.id > after_id)
        .order_by(SessionEvent.id)
        .limit(EVENTS_PER_LOOK)
    )
    return list(rows.all())


async def last_event_id(db: AsyncSession) -> int:
    return int(await db.scalar(sa.select(sa.func.max(SessionEvent.id))) or 0)


async def events_of(
    db: AsyncSession, session_ids: Collection[str], after_id: int
) -> list[SessionEvent]:
    """Events of several sessions after `after_id`: one query for every live call."""
    rows = await db.scalars(
        sa.select(SessionEvent)
        .where(SessionEvent.session_id.in_(list(session_ids)), SessionEvent.id > after_id)
        .order_by(SessionEvent.id)
        .limit(500)
    )
    return list(rows.all())
