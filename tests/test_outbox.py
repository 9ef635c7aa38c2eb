"""The outbox: delivered, retried with backoff, never lost, never sent twice."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from channels.notify.console import ConsoleNotifier
from core.notifications.notifier import DeliveryError, OutgoingMessage
from core.outbox import OutboxWorker, RetryPolicy, enqueue
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.store.models import Notification, NotificationAttempt


class Flaky:
    """A notifier at the edge: fails `failures` times, then delivers; remembers deliveries."""

    name = "flaky"

    def __init__(self, failures: int = 0, *, retry_after: float | None = None) -> None:
        self.failures = failures
        self.retry_after = retry_after
        self.delivered: list[OutgoingMessage] = []

    async def deliver(self, message: OutgoingMessage) -> None:
        await asyncio.sleep(0.01)
        if self.failures:
            self.failures -= 1
            raise DeliveryError("provider said 500", retry_after=self.retry_after)
        self.delivered.append(message)


@pytest.fixture
async def sessionmaker(db_url: str) -> AsyncIterator[SessionMaker]:
    engine = create_engine(db_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _queue(sessionmaker: SessionMaker, n: int = 1, channel: str = "flaky") -> list[int]:
    async with sessionmaker() as db, db.begin():
        notes = [
            await enqueue(
                db,
                kind="front_desk",
                channel=channel,
                payload={"summary": f"note {i}", "channel": "web"},
            )
            for i in range(n)
        ]
        return [n.id for n in notes]


async def test_console_notifier_delivers_and_marks_sent(sessionmaker: SessionMaker) -> None:
    out = io.StringIO()
    worker = OutboxWorker(sessionmaker, {"console": ConsoleNotifier(out)})
    [note_id] = await _queue(sessionmaker, channel="console")
    assert await worker.process_due() == 1
    assert f"[notify #{note_id} → front desk]" in out.getvalue()
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert (note.status, note.attempts) == ("sent", 1)
        assert note.sent_at is not None


async def test_failures_are_retried_with_backoff_and_recorded(sessionmaker: SessionMaker) -> None:
    flaky = Flaky(failures=2)
    policy = RetryPolicy(first_delay=0.05, max_delay=0.2)
    worker = OutboxWorker(sessionmaker, {"flaky": flaky}, policy=policy)
    [note_id] = await _queue(sessionmaker)
    for _ in range(40):
        await worker.process_due()
        if flaky.delivered:
            break
        await asyncio.sleep(0.05)
    assert len(flaky.delivered) == 1
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert (note.status, note.attempts) == ("sent", 3)
        attempts = (
            await db.scalars(
                sa.select(NotificationAttempt.ok)
                .where(NotificationAttempt.notification_id == note_id)
                .order_by(NotificationAttempt.id)
            )
        ).all()
        assert attempts == [False, False, True]


async def test_retry_after_is_honoured(sessionmaker: SessionMaker) -> None:
    worker = OutboxWorker(
        sessionmaker,
        {"flaky": Flaky(failures=1, retry_after=60)},
        policy=RetryPolicy(first_delay=0.01),
    )
    [note_id] = await _queue(sessionmaker)
    await worker.process_due()
    assert await worker.process_due() == 0  # not due again for a minute
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert note.status == "pending"
        assert (note.next_attempt_at - note.updated_at).total_seconds() > 55


async def test_gives_up_after_max_attempts(sessionmaker: SessionMaker) -> None:
    worker = OutboxWorker(
        sessionmaker,
        {"flaky": Flaky(failures=99)},
        policy=RetryPolicy(max_attempts=2, first_delay=0.0),
    )
    [note_id] = await _queue(sessionmaker)
    await worker.process_due()
    await worker.process_due()
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert (note.status, note.attempts) == ("failed", 2)
        assert note.last_error is not None and "500" in note.last_error


async def test_unknown_notifier_is_a_failed_attempt_not_a_crash(sessionmaker: SessionMaker) -> None:
    worker = OutboxWorker(sessionmaker, {"console": ConsoleNotifier(io.StringIO())})
    [note_id] = await _queue(sessionmaker, channel="pager")
    await worker.process_due()
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert note.attempts == 1 and note.last_error is not None and "pager" in note.last_error


async def test_two_workers_never_send_the_same_notification_twice(
    sessionmaker: SessionMaker,
) -> None:
    shared = Flaky()
    workers = [OutboxWorker(sessionmaker, {"flaky": shared}) for _ in range(3)]
    ids = await _queue(sessionmaker, 30)

    async def drain(worker: OutboxWorker) -> None:
        while await worker.process_due(limit=3):
            pass

    await asyncio.gather(*(drain(w) for w in workers))
    delivered = sorted(m.notification_id for m in shared.delivered)
    assert delivered == sorted(ids)  # every one, exactly once


async def test_a_claim_takes_no_more_than_its_limit(sessionmaker: SessionMaker) -> None:
    """However many rows are due, a claim takes `limit` of them, the first due first (on
    Postgres `IN (subquery … LIMIT)` could run the subquery again per row and take all)."""
    worker = OutboxWorker(sessionmaker, {"flaky": Flaky()})
    ids = await _queue(sessionmaker, 12)
    claims = [[note_id for note_id, _ in await worker._claim(5)] for _ in range(4)]
    assert claims == [ids[:5], ids[5:10], ids[10:], []]


async def test_a_worker_that_dies_mid_delivery_loses_nothing(sessionmaker: SessionMaker) -> None:
    policy = RetryPolicy(lease=0.2)
    doomed = OutboxWorker(sessionmaker, {"flaky": Flaky()}, policy=policy)
    [note_id] = await _queue(sessionmaker)
    claimed = await doomed._claim(10)  # it claims the row … and dies before delivering
    assert [c[0] for c in claimed] == [note_id]

    survivor_notifier = Flaky()
    survivor = OutboxWorker(sessionmaker, {"flaky": survivor_notifier}, policy=policy)
    assert await survivor.process_due() == 0  # the lease still holds
    await asyncio.sleep(0.3)
    assert await survivor.process_due() == 1
    assert [m.notification_id for m in survivor_notifier.delivered] == [note_id]
    # The dead worker's late report (if it ever came) is ignored: the lease is not its own.
    await doomed._record(note_id, claimed[0][1], "flaky", None)
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        assert (note.status, note.attempts) == ("sent", 1)


def test_console_notifier_is_the_default(tmp_path: Path) -> None:
    from frontdesk.runtime import Runtime
    from tests.conftest import make_settings

    runtime = Runtime.open(make_settings(f"sqlite+aiosqlite:///{tmp_path}/x.db", tmp_path))
    assert runtime.provider_names["notifier"] == "console"
    asyncio.run(runtime.engine.dispose())


class Refusing:
    """A notifier that can never deliver (say, the channel does not exist)."""

    name = "slack"

    async def deliver(self, message: OutgoingMessage) -> None:
        raise DeliveryError("channel_not_found", permanent=True)


async def test_a_running_worker_hands_a_refused_message_on_without_waiting_for_a_poll(
    sessionmaker: SessionMaker,
) -> None:
    """The running worker sleeps once a pass found less than a batch; a follow-up it queued
    itself (here the fallback, due now) wakes it rather than waiting out the poll."""
    out = io.StringIO()
    worker = OutboxWorker(
        sessionmaker, {"slack": Refusing(), "console": ConsoleNotifier(out)}, poll_seconds=60
    )
    [note_id] = await _queue(sessionmaker, channel="slack")
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    try:
        for _ in range(500):
            if "[notify #" in out.getvalue():
                break
            await asyncio.sleep(0.01)
        assert "[notify #" in out.getvalue()
    finally:
        stop.set()
        await asyncio.wait_for(running, 5)
    async with sessionmaker() as db:
        statuses = (
            await db.execute(sa.select(Notification.id, Notification.channel, Notification.status))
        ).all()
    assert sorted(statuses) == [(note_id, "slack", "rerouted"), (note_id + 1, "console", "sent")]


async def test_a_sent_message_that_nothing_follows_is_recorded_whole(
    sessionmaker: SessionMaker,
) -> None:
    """Marked sent with its attempt, and the lease released, as the transaction did."""
    out = io.StringIO()
    worker = OutboxWorker(sessionmaker, {"console": ConsoleNotifier(out)})
    [note_id] = await _queue(sessionmaker, channel="console")
    assert await worker.process_due() == 1
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        attempts = (await db.scalars(sa.select(NotificationAttempt))).all()
    assert note is not None
    assert (note.status, note.attempts, note.last_error) == ("sent", 1, None)
    assert (note.claim_token, note.locked_until) == (None, None)
    assert [(a.notification_id, a.channel, a.ok, a.error) for a in attempts] == [
        (note_id, "console", True, None)
    ]
    assert attempts[0].attempted_at == note.sent_at


async def test_a_late_report_of_a_sent_message_writes_nothing(sessionmaker: SessionMaker) -> None:
    """The one-statement record writes only while the claim is the worker's own."""
    policy = RetryPolicy(lease=0.2)
    doomed = OutboxWorker(sessionmaker, {"console": ConsoleNotifier(io.StringIO())}, policy=policy)
    [note_id] = await _queue(sessionmaker, channel="console")
    [(_, token)] = await doomed._claim(10)
    await asyncio.sleep(0.3)
    survivor = OutboxWorker(
        sessionmaker, {"console": ConsoleNotifier(io.StringIO())}, policy=policy
    )
    assert await survivor.process_due() == 1
    await doomed._record_sent(token, [note_id])  # its lease passed on
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        attempts = (await db.scalars(sa.select(NotificationAttempt))).all()
    assert note is not None and (note.status, note.attempts) == ("sent", 1)
    assert len(attempts) == 1


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_on_postgres_a_sent_message_is_recorded_by_one_statement(db_url: str) -> None:
    """Claim, read, record: three statements for a message nothing follows (the record was
    BEGIN, a locking read, an INSERT, an UPDATE and COMMIT)."""
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    statements: list[str] = []
    try:
        [note_id] = await _queue(maker, channel="console")
        worker = OutboxWorker(maker, {"console": ConsoleNotifier(io.StringIO())})
        sa.event.listen(
            engine.sync_engine,
            "before_cursor_execute",
            lambda _c, _cur, statement, *_: statements.append(statement),
        )
        assert await worker.process_due() == 1
        async with maker() as db:
            note = await db.get(Notification, note_id)
            assert note is not None and note.status == "sent"
    finally:
        await engine.dispose()
    assert len(statements) == 4  # claim, read, record; then the test's own read


async def _statements_of_a_pass(db_url: str, n: int) -> int:
    """How many statements one pass spends on `n` due messages that nothing follows, and
    checks they were delivered one by one, in the order they fell due, and recorded."""
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    statements: list[str] = []
    out = io.StringIO()
    try:
        ids = await _queue(maker, n, channel="console")
        worker = OutboxWorker(maker, {"console": ConsoleNotifier(out)})
        sa.event.listen(
            engine.sync_engine,
            "before_cursor_execute",
            lambda _c, _cur, statement, *_: statements.append(statement),
        )
        assert await worker.process_due() == n
        spent = len(statements)
        async with maker() as db:
            notes = (await db.scalars(sa.select(Notification))).all()
            attempts = (await db.scalars(sa.select(NotificationAttempt))).all()
    finally:
        await engine.dispose()
    assert [note.status for note in notes] == ["sent"] * len(notes)
    assert sorted(a.notification_id for a in attempts) == sorted(note.id for note in notes)
    delivered = [line.split("#")[1].split(" ")[0] for line in out.getvalue().splitlines()]
    assert delivered == [str(i) for i in ids]  # one by one, in the order they fell due
    return spent


async def test_a_batch_of_sent_messages_costs_the_statements_of_one(db_url: str) -> None:
    """Read together and recorded together: a pass over five messages that nothing follows
    spends the statements of a pass over one (it spent two more for each message)."""
    one = await _statements_of_a_pass(db_url, 1)
    five = await _statements_of_a_pass(db_url, 5)
    assert five == one


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_on_postgres_a_batch_of_sent_messages_is_three_statements(db_url: str) -> None:
    """Claim, read, record: three statements for five messages nothing follows."""
    assert await _statements_of_a_pass(db_url, 5) == 3


async def test_a_batch_record_writes_only_the_rows_still_claimed(
    sessionmaker: SessionMaker,
) -> None:
    """A row of the batch whose lease passed on to another worker is that worker's to
    record: the batch's one statement writes the others, and nothing of it."""
    worker = OutboxWorker(sessionmaker, {"console": ConsoleNotifier(io.StringIO())})
    ids = await _queue(sessionmaker, 3, channel="console")
    claimed = await worker._claim(10)
    token = claimed[0][1]
    async with sessionmaker() as db, db.begin():  # another worker took the second over
        await db.execute(
            sa.update(Notification).where(Notification.id == ids[1]).values(claim_token="other")
        )
    await worker._record_sent(token, ids)
    async with sessionmaker() as db:
        notes = {n.id: n for n in (await db.scalars(sa.select(Notification))).all()}
        attempts = (await db.scalars(sa.select(NotificationAttempt))).all()
    assert [(notes[i].status, notes[i].attempts, notes[i].claim_token) for i in ids] == [
        ("sent", 1, None),
        ("sending", 0, "other"),
        ("sent", 1, None),
    ]
    assert sorted((a.notification_id, a.channel, a.ok) for a in attempts) == [
        (ids[0], "console", True),
        (ids[2], "console", True),
    ]
    assert all(a.attempted_at == notes[a.notification_id].sent_at for a in attempts)


class Slow:
    """A notifier that takes `seconds` for each message, and notes which of the messages
    before it were already recorded sent when it started on each."""

    name = "slow"

    def __init__(self, sessionmaker: SessionMaker, seconds: float) -> None:
        self.sessionmaker = sessionmaker
        self.seconds = seconds
        self.delivered: list[int] = []
        self.recorded_before: list[list[int]] = []

    async def deliver(self, message: OutgoingMessage) -> None:
        async with self.sessionmaker() as db:
            sent = await db.scalars(sa.select(Notification.id).where(Notification.status == "sent"))
            self.recorded_before.append(sorted(sent.all()))
        await asyncio.sleep(self.seconds)
        self.delivered.append(message.notification_id)


async def test_a_worker_delivers_no_more_of_its_batch_once_its_lease_passed(
    sessionmaker: SessionMaker,
) -> None:
    """The batch's claim was checked once, when it was read: a row whose lease has passed
    may be another worker's by now, so it is left to the next claim, not delivered."""
    policy = RetryPolicy(lease=0.2)
    slow = Slow(sessionmaker, 0.3)
    worker = OutboxWorker(sessionmaker, {"slow": slow}, policy=policy)
    ids = await _queue(sessionmaker, 3, channel="slow")
    assert await worker.process_due() == 3
    assert slow.delivered == ids[:1]
    survivor = OutboxWorker(sessionmaker, {"slow": Flaky()}, policy=RetryPolicy())
    survivor_notifier = survivor._notifiers["slow"]
    assert isinstance(survivor_notifier, Flaky)
    assert await survivor.process_due() == 2
    assert [m.notification_id for m in survivor_notifier.delivered] == ids[1:]
    async with sessionmaker() as db:
        statuses = (await db.scalars(sa.select(Notification.status))).all()
    assert statuses == ["sent"] * 3


async def test_a_slow_batch_records_its_sent_messages_as_it_goes(
    sessionmaker: SessionMaker,
) -> None:
    """Past `record_within`, a message sent is recorded before the next one goes out, so
    that a slow batch does not hold its records until its leases could pass."""
    slow = Slow(sessionmaker, 0.05)
    worker = OutboxWorker(sessionmaker, {"slow": slow}, policy=RetryPolicy(record_within=0.01))
    ids = await _queue(sessionmaker, 3, channel="slow")
    assert await worker.process_due() == 3
    assert slow.delivered == ids
    assert slow.recorded_before == [[], ids[:1], ids[:2]]


class Cancelled:
    """A notifier whose second delivery is cut short (the worker is being stopped)."""

    name = "console"

    def __init__(self) -> None:
        self.delivered: list[int] = []

    async def deliver(self, message: OutgoingMessage) -> None:
        if self.delivered:
            raise asyncio.CancelledError
        self.delivered.append(message.notification_id)


async def test_a_pass_cut_short_still_records_what_it_sent(sessionmaker: SessionMaker) -> None:
    """The sent messages waiting to be recorded with their batch are recorded when the
    pass ends early, or they would be sent again once their lease passed."""
    notifier = Cancelled()
    worker = OutboxWorker(sessionmaker, {"console": notifier})
    ids = await _queue(sessionmaker, 3, channel="console")
    with pytest.raises(asyncio.CancelledError):
        await worker.process_due()
    assert notifier.delivered == ids[:1]
    async with sessionmaker() as db:
        statuses = (
            await db.execute(sa.select(Notification.id, Notification.status).order_by("id"))
        ).all()
    assert [tuple(row) for row in statuses] == [
        (ids[0], "sent"),
        (ids[1], "sending"),
        (ids[2], "sending"),
    ]
