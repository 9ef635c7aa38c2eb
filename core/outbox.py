"""The notification outbox: rows written in the check-in's transaction, delivered by a worker.

A worker claims due rows (core/store/leases.py: compare-and-set, plus `FOR UPDATE SKIP
LOCKED` on Postgres), delivers each outside any transaction, and records the attempt. A
worker that dies mid-delivery leaves a lease that expires; the next worker picks the row
up. Nothing is lost, and a row is only ever in one worker's hands at a time.

What a row says and to whom is `core.notifications.compose`; what follows a success or a
failure — the next notifier, the reminder, the front desk — is `core.notifications
.escalation`, decided in the same transaction that records the attempt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Language
from core.notifications.compose import outgoing
from core.notifications.escalation import FollowUps
from core.notifications.notifier import DeliveryError, Notifier
from core.notifications.queue import enqueue
from core.notifications.routing import Routes
from core.store import leases
from core.store.db import SessionMaker, single_statement
from core.store.models import (
    ConversationSession,
    Employee,
    Notification,
    NotificationAttempt,
    Visit,
    utcnow,
)

__all__ = ["OutboxWorker", "RetryPolicy", "enqueue"]

log = logging.getLogger(__name__)

DUE_STATUSES = ("pending", "sending")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 8
    first_delay: float = 2.0
    max_delay: float = 300.0
    lease: float = 60.0  # longer than any notifier's timeout, or two workers could overlap
    # A host should not wait through eight backoffs on a failing Slack: after this many
    # failed attempts the message moves on to the next notifier, when there is one.
    fallback_after: int = 3

    def delay(self, attempts: int, retry_after: float | None) -> float:
        backoff = min(self.max_delay, self.first_delay * 2.0 ** max(0, attempts - 1))
        return max(backoff, retry_after or 0.0)


class OutboxWorker:
    def __init__(
        self,
        sessionmaker: SessionMaker,
        notifiers: Mapping[str, Notifier],
        *,
        staff_language: Language = "en",
        policy: RetryPolicy | None = None,
        poll_seconds: float = 1.0,
        follow_ups: FollowUps | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._notifiers = notifiers
        self._language = staff_language
        self._policy = policy or RetryPolicy()
        self._poll = poll_seconds
        self._follow = follow_ups or FollowUps(Routes.of(notifiers))
        self._wake = asyncio.Event()

    @property
    def sessionmaker(self) -> SessionMaker:
        """The database the queue lives in."""
        return self._sessionmaker

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        await leases.work(stop, self._wake, self._poll, self.process_due, "outbox", batch=20)

    async def process_due(self, limit: int = 20) -> int:
        """Deliver what is due now; returns how many rows this worker handled."""
        claimed = await self._claim(limit)
        for note_id, token in claimed:
            await self._deliver(note_id, token)
        return len(claimed)

    async def _claim(self, limit: int) -> list[tuple[int, str]]:
        return await leases.claim(
            self._sessionmaker,
            Notification,
            statuses=DUE_STATUSES,
            claimed_status="sending",
            lease_seconds=self._policy.lease,
            limit=limit,
        )

    async def _deliver(self, note_id: int, token: str) -> None:
        # One read, on its own (on Postgres no BEGIN and COMMIT round trips around it):
        # deciding and composing read nothing more.
        async with single_statement(self._sessionmaker) as db:
            # Held until the block ends: the session's identity map holds objects weakly,
            # and `db.get` below only finds the visit and host without a statement while
            # something still refers to them.
            found = await _with_what_it_is_about(db, note_id)
            note = None if found is None else found[0]
            if note is None or note.claim_token != token:
                return
            needed = await self._follow.still_needed(db, note)
            if needed:
                message = await outgoing(db, note, self._language)
            channel = note.channel
            follows = self._follow.follows_sent(note)
        if not needed:
            await self._drop(note_id, token)
            return
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
        if error is None and not follows:
            await self._record_sent(note_id, token, channel)
        else:
            await self._record(note_id, token, channel, error)

    async def _drop(self, note_id: int, token: str) -> None:
        """The host answered before this reminder was due: it is not sent (in a transaction
        of its own, which holds the row while it checks the claim is still ours)."""
        async with self._sessionmaker() as db, db.begin():
            note = await leases.reclaim(db, Notification, note_id, token)
            if note is not None:
                note.status = "acknowledged"

    async def _record_sent(self, note_id: int, token: str, channel: str) -> None:
        """A message sent that nothing follows (`FollowUps.follows_sent`): the row marked
        sent and its attempt written by one statement on Postgres, an UPDATE whose RETURNING
        feeds the attempt's INSERT, atomic by itself and sent on its own: one round trip
        instead of five (BEGIN, the locking read, the INSERT, the UPDATE, COMMIT). Like
        `_record`, it writes only while the claim is still this worker's. SQLite has no
        UPDATE inside WITH: there the two statements run in `single_statement`'s
        transaction (in process, no round trips to save)."""
        now = utcnow()
        # No key named for a column of notifications: an UPDATE sets any such key too.
        values = {"row_id": note_id, "token": token, "via": channel, "now": now}
        async with single_statement(self._sessionmaker) as db:
            if db.get_bind().dialect.name == "postgresql":
                sent = await db.scalar(_SENT_WITH_ATTEMPT, values)
            elif (sent := await db.scalar(_SENT, values)) is not None:
                await db.execute(_ATTEMPT_OK, values)
        if sent is not None:
            log.info("notification %s sent via %s", note_id, channel)

    async def _record(
        self, note_id: int, token: str, channel: str, error: DeliveryError | None
    ) -> None:
        now = utcnow()
        async with self._sessionmaker() as db, db.begin():
            # With its visit: what the follow-ups read next (kept alive by `found`).
            found = await leases.reclaim_with(db, _RECLAIM_WITH_VISIT, note_id, token)
            if found is None:
                return  # our lease expired and another worker took over
            note = found[0]
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
            if error is None:
                note.status, note.sent_at, note.last_error = "sent", now, None
                log.info("notification %s sent via %s", note_id, channel)
                await self._follow.after_sent(db, note)
                return
            note.last_error = _short(error)
            fallback = self._follow.routes.fallback(note.kind, channel)
            if fallback and (error.permanent or note.attempts >= self._policy.fallback_after):
                log.warning("notification %s: %s failed; trying %s", note_id, channel, fallback)
                await self._follow.reroute(db, note, fallback)
                self._wake.set()  # due now: this worker's next pass, not its next poll
                return
            if error.permanent or note.attempts >= self._policy.max_attempts:
                note.status = "failed"
                log.warning(
                    "notification %s failed for good after %s attempts", note_id, note.attempts
                )
                await self._follow.after_failed(db, note)
                self._wake.set()  # the front desk's message is due now
                return
            note.status = "pending"
            delay = self._policy.delay(note.attempts, error.retry_after)
            note.next_attempt_at = now + timedelta(seconds=delay)
            log.info(
                "notification %s attempt %s failed; retry in %.0fs", note_id, note.attempts, delay
            )


async def _with_what_it_is_about(
    db: AsyncSession, note_id: int
) -> sa.Row[Notification, Visit, Employee, ConversationSession] | None:
    """The notification, with its visit, host and session in the same statement: what
    deciding and composing it reads (`db.get` then finds them without asking again, as
    long as the caller keeps the row)."""
    return (await db.execute(_ABOUT, {"note_id": note_id})).first()


# The statements of every delivery, built once (not their construction and cache key again
# for each notification).
_ABOUT = (
    sa.select(Notification, Visit, Employee, ConversationSession)
    .outerjoin(Visit, Visit.id == Notification.visit_id)
    .outerjoin(Employee, Employee.id == Notification.host_id)
    .outerjoin(ConversationSession, ConversationSession.id == Notification.session_id)
    .where(Notification.id == sa.bindparam("note_id"))
)
_RECLAIM_WITH_VISIT = leases.reclaiming(Notification, (Visit, Visit.id == Notification.visit_id))

# A sent message that nothing follows: marked sent while the claim holds (`_SENT`), and its
# attempt written for the row that UPDATE returns, with the UPDATE as a WITH at the top of
# the INSERT (where Postgres needs a data-modifying WITH) in `_SENT_WITH_ATTEMPT`.
_SENT = leases.finishing(
    Notification,
    status="sent",
    sent_at=sa.bindparam("now"),
    last_error=None,
    attempts=Notification.attempts + 1,
)
# Core statements on the table: the ORM's bulk INSERT takes no INSERT … SELECT.
_ATTEMPTS: sa.Table = NotificationAttempt.__table__  # type: ignore[assignment]
_ATTEMPTED = sa.bindparam("now", type_=_ATTEMPTS.c.attempted_at.type)
_ATTEMPT_OK = sa.insert(_ATTEMPTS).values(
    notification_id=sa.bindparam("row_id"),
    channel=sa.bindparam("via"),
    ok=True,
    error=None,
    attempted_at=_ATTEMPTED,
)
_SENT_ROW = _SENT.cte("sent")
_SENT_WITH_ATTEMPT = (
    sa.insert(_ATTEMPTS)
    .from_select(
        ["notification_id", "channel", "ok", "error", "attempted_at"],
        sa.select(
            _SENT_ROW.c.id,
            sa.bindparam("via", type_=_ATTEMPTS.c.channel.type),
            sa.true(),
            sa.null(),
            _ATTEMPTED,
        ),
    )
    .add_cte(_SENT_ROW)
    .returning(_ATTEMPTS.c.notification_id)
)


def _short(error: DeliveryError | None) -> str | None:
    return None if error is None else str(error)[:500]
