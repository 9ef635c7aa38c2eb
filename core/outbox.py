"""The notification outbox: rows written in the check-in's transaction, delivered by a worker.

A worker claims a due row with a compare-and-set UPDATE (and `FOR UPDATE SKIP LOCKED` on
Postgres so that workers do not queue behind each other), delivers it outside any
transaction, and records the attempt. A worker that dies mid-delivery leaves a lease that
expires; the next worker picks the row up. Nothing is lost, and a row is only ever in one
worker's hands at a time.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from channels.notify.base import DeliveryError, Notifier, OutgoingMessage, Recipient
from core.messages import WEB_STYLE, Language
from core.replies import Say, render
from core.replies.notices import BOOKING_NOTICES, booking_notice
from core.store.db import SessionMaker
from core.store.models import Employee, Notification, NotificationAttempt, utcnow

log = logging.getLogger(__name__)

DUE_STATUSES = ("pending", "sending")


async def enqueue(
    db: AsyncSession,
    *,
    kind: str,
    channel: str,
    payload: Mapping[str, Any],
    visit_id: int | None = None,
    session_id: str | None = None,
    host_id: int | None = None,
) -> Notification:
    """Add a notification to the caller's transaction; it is sent once that commits."""
    note = Notification(
        kind=kind,
        channel=channel,
        payload=dict(payload),
        visit_id=visit_id,
        session_id=session_id,
        host_id=host_id,
        status="pending",
        next_attempt_at=utcnow(),
    )
    db.add(note)
    await db.flush()
    return note


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 8
    first_delay: float = 2.0
    max_delay: float = 300.0
    lease: float = 60.0

    def delay(self, attempts: int, retry_after: float | None) -> float:
        backoff = min(self.max_delay, self.first_delay * 2 ** max(0, attempts - 1))
        return max(backoff, retry_after or 0.0)


def message_text(note: Notification, language: Language, host_name: str | None) -> str:
    """The staff-facing sentence for a notification, in the office language."""
    p = note.payload
    visitor = p.get("visitor_name") or "?"
    if p.get("company"):
        visitor = f"{visitor} ({p['company']})"
    match note.kind:
        case "host_arrival" if int(p.get("party_size") or 1) > 1:
            say = Say("host_arrival_group", {"visitor": visitor, "others": p["party_size"] - 1})
        case "host_arrival":
            say = Say("host_arrival", {"visitor": visitor})
        case kind if kind in BOOKING_NOTICES:
            say = booking_notice(kind, p, visitor)
        case "delivery":
            recipient = host_name or p.get("department") or p.get("recipient") or "?"
            say = Say("delivery_arrival", {"recipient": recipient})
        case _:
            say = Say(
                "front_desk_help",
                {"channel": p.get("channel", "?"), "summary": p.get("summary", "")},
            )
    return render(say, language, WEB_STYLE)


class OutboxWorker:
    def __init__(
        self,
        sessionmaker: SessionMaker,
        notifiers: Mapping[str, Notifier],
        *,
        staff_language: Language = "en",
        policy: RetryPolicy | None = None,
        poll_seconds: float = 1.0,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._notifiers = notifiers
        self._language = staff_language
        self._policy = policy or RetryPolicy()
        self._poll = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                while await self.process_due():
                    pass
            except Exception:  # a database hiccup must not kill the worker
                log.exception("outbox pass failed")
            self._wake.clear()
            waiters = {asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())}
            await asyncio.wait(waiters, timeout=self._poll, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    async def process_due(self, limit: int = 20) -> int:
        """Deliver what is due now; returns how many rows this worker handled."""
        claimed = await self._claim(limit)
        for note_id, token in claimed:
            await self._deliver(note_id, token)
        return len(claimed)

    async def _claim(self, limit: int) -> list[tuple[int, str]]:
        now = utcnow()
        async with self._sessionmaker() as db, db.begin():
            due = (
                sa.select(Notification.id)
                .where(
                    Notification.status.in_(DUE_STATUSES),
                    Notification.next_attempt_at <= now,
                    sa.or_(Notification.locked_until.is_(None), Notification.locked_until < now),
                )
                .order_by(Notification.next_attempt_at)
                .limit(limit)
            )
            if db.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            ids = list((await db.scalars(due)).all())
            claimed = []
            for note_id in ids:
                token = secrets.token_hex(8)
                result = await db.execute(
                    sa.update(Notification)
                    .where(
                        Notification.id == note_id,
                        Notification.status.in_(DUE_STATUSES),
                        sa.or_(
                            Notification.locked_until.is_(None), Notification.locked_until < now
                        ),
                    )
                    .values(
                        status="sending",
                        claim_token=token,
                        locked_until=now + timedelta(seconds=self._policy.lease),
                    )
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append((note_id, token))
            return claimed

    async def _deliver(self, note_id: int, token: str) -> None:
        async with self._sessionmaker() as db:
            note = await db.get(Notification, note_id)
            if note is None or note.claim_token != token:
                return
            host = await db.get(Employee, note.host_id) if note.host_id else None
            message = OutgoingMessage(
                notification_id=note.id,
                kind=note.kind,
                text=message_text(note, self._language, host.name if host else None),
                recipient=_recipient(host),
                payload=note.payload,
            )
            channel = note.channel
        notifier = self._notifiers.get(channel)
        error: DeliveryError | None = None
        try:
            if notifier is None:
                raise DeliveryError(f"no notifier named {channel!r} is configured")
            await notifier.deliver(message)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:  # a notifier bug is a failed attempt, not a lost row
            error = DeliveryError(f"{type(exc).__name__}: {exc}")
        await self._record(note_id, token, channel, error)

    async def _record(
        self, note_id: int, token: str, channel: str, error: DeliveryError | None
    ) -> None:
        now = utcnow()
        async with self._sessionmaker() as db, db.begin():
            note = await db.get(Notification, note_id, with_for_update=True)
            if note is None or note.claim_token != token:
                return  # our lease expired and another worker took over
            note.attempts += 1
            db.add(
                NotificationAttempt(
                    notification_id=note_id,
                    channel=channel,
                    ok=error is None,
                    error=_short(error),
                    attempted_at=now,
                )
            )
            note.locked_until = None
            note.claim_token = None
            if error is None:
                note.status, note.sent_at, note.last_error = "sent", now, None
                log.info("notification %s sent via %s", note_id, channel)
                return
            note.last_error = _short(error)
            if note.attempts >= self._policy.max_attempts:
                note.status = "failed"
                log.warning(
                    "notification %s failed for good after %s attempts", note_id, note.attempts
                )
                return
            note.status = "pending"
            delay = self._policy.delay(note.attempts, error.retry_after)
            note.next_attempt_at = now + timedelta(seconds=delay)
            log.info(
                "notification %s attempt %s failed; retry in %.0fs", note_id, note.attempts, delay
            )


def _recipient(host: Employee | None) -> Recipient | None:
    if host is None:
        return None
    return Recipient(
        employee_id=host.id,
        name=host.name,
        email=host.email,
        phone=host.phone,
        slack_id=host.slack_id,
    )


def _short(error: DeliveryError | None) -> str | None:
    return None if error is None else str(error)[:500]
