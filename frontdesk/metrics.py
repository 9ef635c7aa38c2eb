"""The Prometheus metrics one instance exposes at `/metrics` (when FRONTDESK_METRICS_TOKEN
is set): what the agent observed (core/observe.py), the voice channel's call timings, the
open calls and chat streams, and the outbox as the database holds it.

Each Runtime has its own registry, nothing is global: two apps in one process (the tests)
count apart, and a server run with several worker processes has one registry per process;
those share one port (frontdesk/serving.py), so a scrape sees the worker that answered:
FRONTDESK_WORKERS=1 per instance where the figures must be whole, and let Prometheus sum. The outbox
figures are read from the database at scrape time and are the same on every instance:
take them from one instance (or `max`), never `sum` them.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

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
        self.active_calls = Gauge("frontdesk_active_calls", "Phone calls in progress", registry=r)
        self.chat_streams = Gauge(
            "frontdesk_chat_streams",
            "Open chat event streams (SSE) on this instance",
            registry=r,
        )
        self.outbox_pending = Gauge(
            "frontdesk_outbox_pending",
            "Notifications waiting to be delivered (whole database)",
            ["notifier"],
            registry=r,
        )
        self.outbox_oldest = Gauge(
            "frontdesk_outbox_oldest_pending_seconds",
            "Age of the oldest notification still waiting (whole database)",
            ["notifier"],
            registry=r,
        )
        self.outbox_failures = Gauge(
            "frontdesk_outbox_failed_attempts",
            "Failed delivery attempts the database holds, by notifier (whole database)",
            ["notifier"],
            registry=r,
        )

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
        self.active_calls.set_function(lambda: len(voice.calls) if voice else 0)

    async def render(self) -> bytes:
        """The exposition, with the outbox read from the database now."""
        await self._read_outbox()
        return generate_latest(self.registry)

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
        self.outbox_pending.clear()
        self.outbox_oldest.clear()
        self.outbox_failures.clear()
        for notifier, count, oldest in pending:
            self.outbox_pending.labels(notifier).set(count)
            self.outbox_oldest.labels(notifier).set(_age(now, oldest))
        for notifier, count in failed:
            self.outbox_failures.labels(notifier).set(count)


def _age(now: datetime, then: datetime | None) -> float:
    if then is None:
        return 0.0
    if then.tzinfo is None:  # SQLite's aggregate comes back without the column's type
        then = datetime.fromisoformat(str(then)).replace(tzinfo=now.tzinfo)
    return max(0.0, (now - then).total_seconds())
