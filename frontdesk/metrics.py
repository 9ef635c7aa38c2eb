"""The Prometheus metrics one instance exposes at `/metrics` (when FRONTDESK_METRICS_TOKEN
is set): what the agent observed (core/observe.py), the voice channel's call timings, the
open calls and chat streams, and the outbox as the database holds it.

In one process each Runtime has its own registry, nothing is global: two apps in one
process (the tests) count apart. `serve` with several worker processes on one port
(frontdesk/serving.py) would otherwise show a scrape only the worker that answered, so
there the supervisor switches prometheus_client to its multiprocess mode before forking
(`shared_between_processes`): every worker writes its values to files of its own in a
private directory, and a scrape, on whichever worker, adds them all up
(`MultiProcessCollector`): counters and histograms summed over every worker that has run,
the open calls and chat streams summed over the live ones (`livesum`; the supervisor
forgets a dead worker's with `mark_process_dead`). The outbox figures are read from the
database at scrape time, by the worker that answers, and are the same on every instance:
take them from one instance (or `max`), never `sum` them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from channels.voice.channel import VoiceChannel
from channels.voice.metrics import CallMetrics
from core.observe import (
    CheckedIn,
    ConversationEnded,
    HandedOver,
    NameSearched,
    Observation,
    TurnTaken,
)
from core.store.db import SessionMaker
from core.store.models import Notification, NotificationAttempt, utcnow

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
PENDING = ("pending", "sending")
TURN_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
VOICE_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)
SHARED_DIR = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's own name for it


@contextmanager
def shared_between_processes() -> Iterator[Callable[[int], None]]:
    """For the supervisor of several workers, around forking them: a fresh private
    directory for the workers' metric files (named in PROMETHEUS_MULTIPROC_DIR, which the
    workers inherit, replacing any inherited one: another run's files must not count here),
    and prometheus_client's values kept in files from now on. Yields what to call with the
    pid of a worker that ended; the directory goes at the end."""
    path = Path(tempfile.mkdtemp(prefix="frontdesk-metrics-"))  # 0700, empty
    before_env, before_class = os.environ.get(SHARED_DIR), values.ValueClass
    os.environ[SHARED_DIR] = str(path)
    values.ValueClass = values.MultiProcessValue()  # type: ignore[no-untyped-call]
    try:
        yield lambda pid: multiprocess.mark_process_dead(pid, str(path))  # type: ignore[no-untyped-call]
    finally:
        values.ValueClass = before_class
        if before_env is None:
            os.environ.pop(SHARED_DIR, None)
        else:
            os.environ[SHARED_DIR] = before_env
        shutil.rmtree(path, ignore_errors=True)


def shared_dir() -> str | None:
    """The directory this process's metric values are kept in, if they are kept in files
    (multiprocess mode: set up by `shared_between_processes`, or by an operator who set
    PROMETHEUS_MULTIPROC_DIR before starting)."""
    if not getattr(values.ValueClass, "_multiprocess", False):
        return None
    return os.environ.get(SHARED_DIR)


class Metrics:
    def __init__(self, sessionmaker: SessionMaker) -> None:
        self.sessionmaker = sessionmaker
        self.registry = r = CollectorRegistry()
        self.turn_seconds = Histogram(
            "frontdesk_turn_seconds",
            "Time from a visitor's message to the committed reply, by channel",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=r,
        )
        self.checkins = Counter(
            "frontdesk_checkins",
            "Visitors checked in (booked: a booking arrived)",
            ["channel", "booked"],
            registry=r,
        )
        self.handovers = Counter(
            "frontdesk_handovers",
            "Conversations handed to the front desk, by reason",
            ["channel", "reason"],
            registry=r,
        )
        self.conversations = Counter(
            "frontdesk_conversations_ended",
            "Conversations ended: completed, handed_over or no_result",
            ["channel", "outcome"],
            registry=r,
        )
        self.without_result = Counter(
            "frontdesk_conversations_without_result",
            "Conversations that ended (idle, hung up) with no check-in, visit or hand-over",
            ["channel"],
            registry=r,
        )
        self.languages = Counter(
            "frontdesk_conversation_language",
            "Conversations ended, by the language they were in",
            ["language"],
            registry=r,
        )
        self.name_searches = Counter(
            "frontdesk_name_searches",
            "Directory look-ups by outcome",
            ["outcome"],
            registry=r,
        )
        self.voice_answer = Histogram(
            "frontdesk_voice_answer_seconds",
            "From the decided end of a caller's turn to the first frame of the answer",
            buckets=VOICE_BUCKETS,
            registry=r,
        )
        self.barge_in = Histogram(
            "frontdesk_voice_barge_in_seconds",
            "From the caller's first voiced frame of an interruption to the audio cleared",
            buckets=VOICE_BUCKETS,
            registry=r,
        )
        # Set as they change (not read at scrape time): another worker's scrape adds
        # them up from the files, over the workers alive.
        self.active_calls = Gauge(
            "frontdesk_active_calls",
            "Phone calls in progress",
            registry=r,
            multiprocess_mode="livesum",
        )
        self.chat_streams = Gauge(
            "frontdesk_chat_streams",
            "Open chat event streams (SSE) on this instance",
            registry=r,
            multiprocess_mode="livesum",
        )
        self.outbox = OutboxFigures()
        shared = shared_dir()
        self.exposed = r
        if shared is not None:
            self.exposed = CollectorRegistry()
            self.exposed.register(AllWorkers(shared, r))
        self.exposed.register(self.outbox)

    def observe(self, event: Observation) -> None:
        match event:
            case TurnTaken(channel, seconds):
                self.turn_seconds.labels(channel).observe(seconds)
            case CheckedIn(channel, booked):
                self.checkins.labels(channel, str(booked).lower()).inc()
            case HandedOver(channel, reason):
                self.handovers.labels(channel, reason).inc()
            case NameSearched(outcome):
                self.name_searches.labels(outcome).inc()
            case ConversationEnded(channel, language, outcome):
                self.conversations.labels(channel, outcome).inc()
                self.languages.labels(language).inc()
                if outcome == "no_result":
                    self.without_result.labels(channel).inc()

    def call_ended(self, call: CallMetrics) -> None:
        """The voice channel's `on_call_end`: the call's timings into the histograms."""
        for seconds in call.turn_latencies():
            self.voice_answer.observe(seconds)
        for seconds in call.barge_in_latencies():
            self.barge_in.observe(seconds)

    def watch_calls(self, voice: VoiceChannel | None) -> None:
        self.active_calls.set(len(voice.calls) if voice else 0)
        if voice is not None:
            voice.on_calls_changed = self.active_calls.set

    async def render(self) -> bytes:
        """The exposition, with the outbox read from the database now."""
        await self._read_outbox()
        return generate_latest(self.exposed)

    async def _read_outbox(self) -> None:
        now = utcnow()
        async with self.sessionmaker() as db:
            pending = (
                await db.execute(
                    sa.select(
                        Notification.channel,
                        sa.func.count(),
                        sa.func.min(Notification.created_at),
                    )
                    .where(Notification.status.in_(PENDING))
                    .group_by(Notification.channel)
                )
            ).all()
            failed = (
                await db.execute(
                    sa.select(NotificationAttempt.channel, sa.func.count())
                    .where(NotificationAttempt.ok.is_(False))
                    .group_by(NotificationAttempt.channel)
                )
            ).all()
        self.outbox.pending = [(n, float(count), _age(now, oldest)) for n, count, oldest in pending]
        self.outbox.failed = [(n, float(count)) for n, count in failed]


class OutboxFigures:
    """The outbox gauges, as last read from the database: a collector of their own (not
    values kept in the workers' files, where a notifier no longer waiting could not be
    cleared)."""

    def __init__(self) -> None:
        self.pending: Sequence[tuple[str, float, float]] = ()
        self.failed: Sequence[tuple[str, float]] = ()

    def collect(self) -> Iterable[Metric]:
        pending = GaugeMetricFamily(
            "frontdesk_outbox_pending",
            "Notifications waiting to be delivered (whole database)",
            labels=["notifier"],
        )
        oldest = GaugeMetricFamily(
            "frontdesk_outbox_oldest_pending_seconds",
            "Age of the oldest notification still waiting (whole database)",
            labels=["notifier"],
        )
        failures = GaugeMetricFamily(
            "frontdesk_outbox_failed_attempts",
            "Failed delivery attempts the database holds, by notifier (whole database)",
            labels=["notifier"],
        )
        for notifier, count, age in self.pending:
            pending.add_metric([notifier], count)
            oldest.add_metric([notifier], age)
        for notifier, count in self.failed:
            failures.add_metric([notifier], count)
        return [pending, oldest, failures]


class AllWorkers:
    """Every worker's values, from their files, added up; a family no worker has a value
    of yet (a labelled counter nothing has counted) is still named, empty, as it is in one
    process, so a dashboard sees every family from the first scrape."""

    def __init__(self, path: str, own: CollectorRegistry) -> None:
        self.files = multiprocess.MultiProcessCollector(None, path=path)  # type: ignore[no-untyped-call]
        self.own = own

    def collect(self) -> Iterable[Metric]:
        merged: list[Metric] = list(self.files.collect())  # type: ignore[no-untyped-call]
        seen = {family.name for family in merged}
        for family in self.own.collect():
            if family.name not in seen:
                merged.append(Metric(family.name, family.documentation, family.type))
        return merged


def _age(now: datetime, then: datetime | None) -> float:
    if then is None:
        return 0.0
    if then.tzinfo is None:  # SQLite's aggregate comes back without the column's type
        then = datetime.fromisoformat(str(then)).replace(tzinfo=now.tzinfo)
    return max(0.0, (now - then).total_seconds())
