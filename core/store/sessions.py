"""Conversation sessions: the whole state of a conversation lives in its row, so any
instance can take any turn and a restart loses nothing."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Channel, Language
from core.store.db import execute
from core.store.directory import revision_number
from core.store.event_signals import announce
from core.store.models import ConversationSession, SessionEvent, utcnow

TRANSCRIPT_LIMIT = 40  # turns kept for context; the rest is not needed and not kept
EVENTS_PER_LOOK = 100


def new_session_id() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, unguessable


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
    row.transcript = appended(row.transcript, *entries)


def appended(transcript: list[Any], *entries: dict[str, Any]) -> list[Any]:
    """The transcript with `entries` added, capped at TRANSCRIPT_LIMIT (the newest kept)."""
    return [*transcript, *entries][-TRANSCRIPT_LIMIT:]


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


# --- a turn's reads and writes, as Core statements ----------------------------------------
# A turn touches its session row twice: one read (with what the turn needs besides, in the
# same round trip) and one write of what changed, guarded by the version read. Built once
# here, so SQLAlchemy finds them in its compiled cache without rebuilding them per turn, and
# run on the transaction's connection, not through the ORM's unit of work (which cost more
# CPU than the rest of a turn's database work together).

_TABLE: sa.Table = ConversationSession.__table__  # type: ignore[assignment]
_COLUMNS = (
    "id",
    "channel",
    "language",
    "language_known",
    "state",
    "expecting",
    "slots",
    "transcript",
    "failures",
    "visit_id",
    "reply_style",
    "ended_at",
    "updated_at",
    "version",
)
# What changes only sometimes: written only when it did (`write_turn`).
_SOMETIMES = ("state", "expecting", "language", "language_known", "failures", "visit_id")


@dataclass(slots=True)
class SessionRow:
    """A session's row as a turn read it: what the turn works from, and what its write
    compares with (`version`: the row is written only if nobody wrote it since)."""

    id: str
    channel: str
    language: str
    language_known: bool
    state: str
    expecting: str | None
    slots: dict[str, Any]
    transcript: list[Any]
    failures: int
    visit_id: int | None
    reply_style: dict[str, Any] | None
    ended_at: datetime | None
    updated_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class TurnRead:
    """A turn's first read: its session (None: no such session), and, from the same
    statement, the stored office settings and the directory's revision."""

    row: SessionRow | None
    office: dict[str, Any] | None
    directory_revision: int


def _turn_select(extras: Sequence[sa.ColumnElement[Any]]) -> sa.Select[Any]:
    return sa.select(*(_TABLE.c[name] for name in _COLUMNS), *extras)


def _extras(office: sa.ScalarSelect[Any], revision: sa.ScalarSelect[Any]) -> list[Any]:
    return [office.label("office"), revision.label("directory_revision")]


def turn_reads(office: sa.ScalarSelect[Any], revision: sa.ScalarSelect[Any]) -> TurnReads:
    """The statements of a turn's first read, with `office` and `revision` (scalar
    subqueries, from their owners) read alongside."""
    extras = _extras(office, revision)
    by_id = _turn_select(extras).where(_TABLE.c.id == sa.bindparam("session_id"))
    by_key = (
        _turn_select(extras)
        .where(
            _TABLE.c.channel == sa.bindparam("channel"),
            _TABLE.c.session_key == sa.bindparam("session_key"),
        )
        .order_by(_TABLE.c.updated_at.desc())
        .limit(1)
    )
    # Nothing found still answers one row: the settings and revision, for the turn that
    # creates its session.
    alone = sa.select(*extras)
    return TurnReads(by_id, by_id.with_for_update(of=_TABLE), by_key, alone)


@dataclass(frozen=True, slots=True)
class TurnReads:
    by_id: sa.Select[Any]
    by_id_locked: sa.Select[Any]
    by_key: sa.Select[Any]
    alone: sa.Select[Any]

    async def session(self, db: AsyncSession, session_id: str, *, lock: bool) -> TurnRead:
        """The session `session_id` (locked `FOR UPDATE` until the transaction ends)."""
        statement = self.by_id_locked if lock else self.by_id
        found = (await execute(db, statement, {"session_id": session_id})).first()
        return _read(found) if found is not None else await self._alone(db)

    async def active(
        self, db: AsyncSession, *, channel: str, session_key: str, idle: timedelta
    ) -> TurnRead:
        """The conversation this key is in now: its newest session, unless it went quiet."""
        params = {"channel": channel, "session_key": session_key}
        found = (await execute(db, self.by_key, params)).first()
        if found is None:
            return await self._alone(db)
        read = _read(found)
        if read.row is not None and read.row.updated_at < utcnow() - idle:
            return TurnRead(None, read.office, read.directory_revision)
        return read

    async def _alone(self, db: AsyncSession) -> TurnRead:
        office, revision = tuple((await execute(db, self.alone)).one())
        return TurnRead(None, office, revision_number(revision))


def _read(found: sa.Row[Any]) -> TurnRead:
    values = tuple(found)
    row = SessionRow(*values[: len(_COLUMNS)])
    row.slots = row.slots or {}
    row.transcript = row.transcript or []
    office, revision = values[len(_COLUMNS) :]
    return TurnRead(row, office, revision_number(revision))


async def insert_session(
    db: AsyncSession,
    *,
    channel: Channel,
    language: Language,
    language_known: bool,
    session_key: str | None = None,
) -> SessionRow:
    """A new session, written now, in one INSERT (no ORM unit of work on the hot path)."""
    now = utcnow()
    row = SessionRow(
        id=new_session_id(),
        channel=channel,
        language=language,
        language_known=language_known,
        state="greeting",
        expecting=None,
        slots={},
        transcript=[],
        failures=0,
        visit_id=None,
        reply_style=None,
        ended_at=None,
        updated_at=now,
        version=1,
    )
    values = {name: getattr(row, name) for name in _COLUMNS}
    await execute(
        db,
        _INSERT,
        {**values, "session_key": session_key or row.id, "flow": "checkin", "created_at": now},
    )
    return row


_INSERT = sa.insert(_TABLE)


async def version_of(db: AsyncSession, session_id: str) -> int | None:
    version: int | None = (await execute(db, _VERSION, {"session_id": session_id})).scalar()
    return version


_VERSION = sa.select(_TABLE.c.version).where(_TABLE.c.id == sa.bindparam("session_id"))


@functools.cache
def _update(columns: frozenset[str]) -> sa.Update:
    """UPDATE of these columns of a session at a version (and the version moved on): one
    statement object per set of columns, so SQLAlchemy's compiled cache finds it without
    working out its cache key again."""
    return (
        sa.update(_TABLE)
        .where(_TABLE.c.id == sa.bindparam("_id"), _TABLE.c.version == sa.bindparam("_version"))
        .values(
            version=_TABLE.c.version + 1,
            **{name: sa.bindparam(name, type_=_TABLE.c[name].type) for name in sorted(columns)},
        )
    )


async def write_turn(db: AsyncSession, before: SessionRow, after: SessionRow) -> bool:
    """Write what a turn changed in its session, if the row is still at the version the
    turn read (and move the version on). False: another writer got there first, and
    nothing was written."""
    values: dict[str, Any] = {
        name: getattr(after, name)
        for name in _SOMETIMES
        if getattr(after, name) != getattr(before, name)
    }
    # The slots and the transcript change almost every turn (and nested values of the
    # slots may have changed in place): always written.
    values["slots"] = after.slots
    values["transcript"] = after.transcript
    if after.reply_style != before.reply_style:
        values["reply_style"] = after.reply_style
    if after.ended_at is not before.ended_at:
        values["ended_at"] = after.ended_at
    values["updated_at"] = after.updated_at
    result = await execute(
        db, _update(frozenset(values)), {**values, "_id": before.id, "_version": before.version}
    )
    if result.rowcount != 1:
        return False
    after.version = before.version + 1
    return True
