"""The notification outbox: rows written in the check-in's transaction, delivered by a worker.

A worker claims due rows (core/store/leases.py: compare-and-set, plus `FOR UPDATE SKIP
LOCKED` on Postgres), reads the batch in one statement, delivers each row outside any
transaction, and records the attempt (those sent that nothing follows, together). A
worker that dies mid-delivery leaves a lease that expires; the next worker picks the row
up. Nothing is lost, and a row is only ever in one worker's hands at a time.

What a row says and to whom is `core.notifications.compose`; what follows a success or a
failure — the next notifier, the reminder, the front desk — is `core.notifications
.escalation`, decided in the same transaction that records the attempt.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from core.messages import Language
from core.notifications.compose import outgoing
from core.notifications.escalation import FollowUps
from core.notifications.notifier import DeliveryError, Notifier, OutgoingMessage
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
    # Sent messages are recorded together, once per batch; in a batch slower than this
    # (network notifiers), as it goes, well within the lease.
    record_within: float = 1.0

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
        # Counted from before the claim, so never later than the lease the claim sets.
        deadline = time.monotonic() + self._policy.lease
        claimed = await self._claim(limit)
        if claimed:
            # One token for all the rows of a claim (leases.claim).
            await self._deliver([note_id for note_id, _ in claimed], claimed[0][1], deadline)
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

    async def _deliver(self, note_ids: list[int], token: str, deadline: float) -> None:
        """The claimed notifications as one batch: read and composed in one statement,
        delivered one by one in the order they fell due, each with its own error handling;
        a failure, or a message that something follows, recorded on its own (`_record`),
        and the sent messages that nothing follows recorded together (`_record_sent`). Per
        message the worker spent more on its statements than on the delivery.

        A row is delivered only while the claim's lease holds by this worker's clock: the
        read checked the claim once for the batch, and a row whose lease passed may be
        another worker's by now (it is left to the next claim). The sent messages wait to
        be recorded at most `RetryPolicy.record_within` (and one delivery): a slow batch
        records as it goes, before its leases could pass with the record still unwritten
        and the messages be sent again."""
        started = time.monotonic()
        ready = await self._ready(note_ids, token)
        sent: list[int] = []
        try:
            for note_id, message in ready:
                if sent and time.monotonic() - started > self._policy.record_within:
                    done, sent, started = sent, [], time.monotonic()
                    await self._record_sent(token, done)
                if time.monotonic() >= deadline:
                    break
                if message is None:
                    await self._drop(note_id, token)
                    continue
                error = await self._send(message)
                if error is None and not message.follows:
                    sent.append(note_id)
                else:
                    await self._record(note_id, token, message.channel, error)
        finally:  # also when the pass is cut short (cancelled, a record that failed)
            if sent:
                await self._record_sent(token, sent)

    async def _send(self, message: _Ready) -> DeliveryError | None:
        """Deliver `message` through its notifier; what went wrong, None if it went."""
        notifier = self._notifiers.get(message.channel)
        try:
            if notifier is None:
                raise DeliveryError(f"no notifier named {message.channel!r} is configured")
            await notifier.deliver(message.outgoing)
        except DeliveryError as exc:
            return exc
        except Exception as exc:  # a notifier bug is a failed attempt, not a lost row
            return DeliveryError(f"{type(exc).__name__}: {exc}")
        return None

    async def _ready(self, note_ids: list[int], token: str) -> list[tuple[int, _Ready | None]]:
        """The notifications of `note_ids` still claimed by `token`, in that order, each
        composed (None for a reminder no longer needed): one read for all of them, on its
        own (on Postgres no BEGIN and COMMIT round trips around it), with their visits,
        hosts and sessions; deciding and composing read nothing more."""
        ready: list[tuple[int, _Ready | None]] = []
        async with single_statement(self._sessionmaker) as db:
            # Held until the block ends: the session's identity map holds objects weakly,
            # and `db.get` in deciding and composing finds the visit and host without a
            # statement only while something still refers to them.
            rows = (await db.execute(_ABOUT, {"note_ids": note_ids})).all()
            found = {row[0].id: row[0] for row in rows if row[0].claim_token == token}
            for note_id in note_ids:
                if (note := found.get(note_id)) is None:
                    continue
                if not await self._follow.still_needed(db, note):
                    ready.append((note_id, None))
                    continue
                message = await outgoing(db, note, self._language)
                ready.append(
                    (note_id, _Ready(message, note.channel, self._follow.follows_sent(note)))
                )
        return ready

    async def _drop(self, note_id: int, token: str) -> None:
        """The host answered before this reminder was due: it is not sent (in a transaction
        of its own, which holds the row while it checks the claim is still ours)."""
        async with self._sessionmaker() as db, db.begin():
            note = await leases.reclaim(db, Notification, note_id, token)
            if note is not None:
                note.status = "acknowledged"

    async def _record_sent(self, token: str, note_ids: list[int]) -> None:
        """Messages sent that nothing follows (`FollowUps.follows_sent`): the rows marked
        sent and their attempts written, by one statement on Postgres, an UPDATE of all of
        them whose RETURNING feeds the attempts' INSERT, atomic by itself and sent on its
        own: one round trip for the batch instead of five a message (BEGIN, the locking
        read, the INSERT, the UPDATE, COMMIT). Like `_record`, it writes only the rows
        whose claim is still `token`'s (`leases.finishing_rows`): a row whose lease passed
        on is the other worker's to record. SQLite has no UPDATE inside WITH: there the
        two statements run in `single_statement`'s transaction (in process, no round trips
        to save)."""
        # No key named for a column of notifications: an UPDATE sets any such key too.
        values = {"token": token, "now": utcnow(), **leases.finishing_binds(note_ids)}
        async with single_statement(self._sessionmaker) as db:
            if db.get_bind().dialect.name == "postgresql":
                sent = (await db.execute(_sent_with_attempts(len(note_ids)), values)).all()
            elif sent := (await db.execute(_sent(len(note_ids)), values)).all():
                attempted = values["now"]
                await db.execute(
                    sa.insert(_ATTEMPTS),
                    [
                        {
                            "notification_id": note_id,
                            "channel": channel,
                            "ok": True,
                            "error": None,
                            "attempted_at": attempted,
                        }
                        for note_id, channel in sent
                    ],
                )
        for note_id, channel in sorted(sent):
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


@dataclass(frozen=True, slots=True)
class _Ready:
    """A claimed notification, composed and ready to deliver."""

    outgoing: OutgoingMessage
    channel: str
    follows: bool  # whether recording it sent reads what a follow-up needs


# The statements of every batch, built once (not their construction and cache key again
# for each batch).
_ABOUT = (
    sa.select(Notification, Visit, Employee, ConversationSession)
    .outerjoin(Visit, Visit.id == Notification.visit_id)
    .outerjoin(Employee, Employee.id == Notification.host_id)
    .outerjoin(ConversationSession, ConversationSession.id == Notification.session_id)
    .where(Notification.id.in_(sa.bindparam("note_ids", expanding=True)))
)
_RECLAIM_WITH_VISIT = leases.reclaiming(Notification, (Visit, Visit.id == Notification.visit_id))

# Sent messages that nothing follows: marked sent while the claim holds (`_sent`), and
# their attempts written for the rows that UPDATE returns, with the UPDATE as a WITH at the
# top of the INSERT (where Postgres needs a data-modifying WITH) in `_sent_with_attempts`.
# The attempt's channel is the row's: the one it was delivered through.
_ATTEMPTS: sa.Table = NotificationAttempt.__table__  # type: ignore[assignment]


@functools.cache
def _sent(count: int) -> sa.Update:
    """The UPDATE that marks `count` rows of a claim sent (built once per batch size; a
    batch is at most a claim's limit); returns each written row's id and channel."""
    return leases.finishing_rows(
        Notification,
        count,
        status="sent",
        sent_at=sa.bindparam("now"),
        last_error=None,
        attempts=Notification.attempts + 1,
    ).returning(Notification.channel)


@functools.cache
def _sent_with_attempts(count: int) -> sa.Insert:
    """`_sent` with the attempts' INSERT, in one statement (Postgres)."""
    sent = _sent(count).cte("sent")
    return (
        sa.insert(_ATTEMPTS)
        .from_select(
            ["notification_id", "channel", "ok", "error", "attempted_at"],
            sa.select(
                sent.c.id,
                sent.c.channel,
                sa.true(),
                sa.null(),
                sa.bindparam("now", type_=_ATTEMPTS.c.attempted_at.type),
            ),
        )
        .add_cte(sent)
        .returning(_ATTEMPTS.c.notification_id, _ATTEMPTS.c.channel)
    )


def _short(error: DeliveryError | None) -> str | None:
    return None if error is None else str(error)[:500]
