"""Everything a running frontdesk holds: engine, agent, workers, providers.

Opened by the app's lifespan (or the CLI's `chat` and `worker`), closed on the way out;
nothing here is created at import. Tests pass their own Settings and Providers instead of
patching globals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine

from channels.sms import dedupe
from channels.sms.webhook import SmsChannel
from channels.voice.channel import VoiceChannel
from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from core import retention
from core.agent import Agent
from core.badges.worker import BadgeWorker
from core.messages import Language
from core.notifications.escalation import FollowUps
from core.notifications.notifier import Notifier
from core.notifications.routing import Routes
from core.outbox import OutboxWorker, RetryPolicy
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.store.event_signals import EventSignals
from core.tools import DirectoryCache
from core.understanding.types import Understanding
from frontdesk.metrics import Metrics
from frontdesk.providers.badges import badge_setup
from frontdesk.providers.notifiers import choose_notifiers, notifier_health, slack_events_app
from frontdesk.providers.telephony import sms_health
from frontdesk.providers.understanding import choose_understanding, understanding_health
from frontdesk.providers.voice import voice_channel
from frontdesk.settings import Settings
from knowledge import KnowledgeBase

if TYPE_CHECKING:
    from channels.slack.interactions import SlackEvents

log = logging.getLogger(__name__)
SWEEP_SECONDS = 60.0


@dataclass
class Providers:
    """The swappable edges. None means: choose from the settings (embedded default when no
    credentials are configured)."""

    understanding: Understanding | None = None
    notifiers: dict[str, Notifier] | None = None
    notifier: str | None = None  # which notifier new notifications go through
    stt: SpeechToText | None = None  # the phone's recogniser
    tts: Mapping[Language, SpeechSynth] | None = None  # the phone's voice, per language


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: SessionMaker
    agent: Agent
    outbox: OutboxWorker
    provider_names: dict[str, str]
    signals: EventSignals  # wakes the streams waiting for a session's later messages
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    sms: SmsChannel | None = None
    slack: SlackEvents | None = None  # receives Slack's button presses, when Slack is set up
    badges: BadgeWorker | None = None
    # More for /health than a provider's name: {"ok": False, "error": …} overrides "ok".
    provider_details: dict[str, dict[str, Any]] = field(default_factory=dict)
    voice: VoiceChannel | None = None  # serves /twilio/media
    metrics: Metrics | None = None  # served at /metrics when a token is set
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    @classmethod
    def open(cls, settings: Settings, providers: Providers | None = None) -> Runtime:
        providers = providers or Providers()
        engine = create_engine(settings.database_url)
        sessionmaker = create_sessionmaker(engine)
        if providers.understanding is not None:
            understanding = providers.understanding
            understanding_line = understanding_health(understanding)
        else:
            understanding, understanding_line = choose_understanding(settings)
        notifiers = providers.notifiers or choose_notifiers(settings, sessionmaker)
        notifier = providers.notifier or Routes.of(notifiers).first
        outbox = OutboxWorker(
            sessionmaker,
            notifiers,
            staff_language=settings.staff_language,
            poll_seconds=settings.outbox_poll_seconds,
            policy=RetryPolicy(
                lease=settings.outbox_lease_seconds, first_delay=settings.outbox_retry_seconds
            ),
            follow_ups=FollowUps(Routes.of(notifiers), settings.office_defaults()),
        )
        badge = badge_setup(settings)
        badges = BadgeWorker(
            sessionmaker,
            badge.render,
            settings.data_dir / "badges",
            printer=badge.printer,
            language=settings.staff_language,
            office_defaults=settings.office_defaults(),
            poll_seconds=settings.outbox_poll_seconds,
        )

        def on_commit() -> None:
            outbox.wake()
            badges.wake()

        metrics = Metrics(sessionmaker)

        agent = Agent(
            sessionmaker=sessionmaker,
            understanding=understanding,
            directory=DirectoryCache(),
            knowledge=KnowledgeBase.load(settings.knowledge_dir)
            if settings.knowledge_dir
            else KnowledgeBase.load(),
            notifier=notifier,
            default_language=settings.default_language,
            session_idle=timedelta(minutes=settings.session_idle_minutes),
            on_commit=on_commit,
            office_defaults=settings.office_defaults(),
            badges_printed=badge.printer is not None,
            observe=metrics.observe,
        )
        sms = SmsChannel(
            agent,
            sessionmaker,
            default_language=settings.default_language,
            session_idle=timedelta(minutes=settings.session_idle_minutes),
        )
        slack, slack_line = slack_events_app(
            settings, sessionmaker, front_desk=notifier, on_change=outbox.wake
        )
        voice, voice_lines = voice_channel(settings, agent, stt=providers.stt, voices=providers.tts)
        if voice is not None:
            voice.on_call_end = metrics.call_ended
        metrics.watch_calls(voice)
        details = {
            "understanding": understanding_line,
            "notifier": notifier_health(notifiers, notifier),
            "sms": sms_health(settings),
            "slack_events": slack_line,
            "badges": badge.health,
            **voice_lines,
        }
        names = {check: str(line.get("provider", check)) for check, line in details.items()}
        return cls(
            settings,
            engine,
            sessionmaker,
            agent,
            outbox,
            names,
            EventSignals(engine),
            notifiers,
            sms,
            slack,
            badges,
            details,
            voice=voice,
            metrics=metrics,
        )

    def details(self, check: str) -> dict[str, Any]:
        """One check's /health details as of now: the understanding's circuit breakers
        open and close while the process runs; the other seams are fixed at start-up."""
        if check == "understanding":
            return understanding_health(self.agent.understanding)
        return self.provider_details.get(check, {})

    def start_workers(self) -> None:
        self._tasks.append(asyncio.create_task(self.outbox.run(self._stop), name="outbox"))
        if self.badges is not None:
            self._tasks.append(asyncio.create_task(self.badges.run(self._stop), name="badges"))
        self._tasks.append(asyncio.create_task(self._sweep(), name="sweeper"))
        self._tasks.append(asyncio.create_task(self._retention(), name="retention"))

    def warm_up(self) -> None:
        """Load now, in the background, what the first visitor would otherwise wait for:
        the directory's index, the language detector and the VAD, and (outside tests,
        where hundreds of short-lived apps would each load them) the speech models."""
        self._tasks.append(asyncio.create_task(self._warm_directory(), name="directory"))
        if self.voice is not None:
            self.voice.warm_up()
            if self.settings.environment != "test":
                self._tasks.append(
                    asyncio.create_task(self.voice.warm_speech(), name="speech models")
                )

    async def _warm_directory(self) -> None:
        """Build the directory's index now, not in the first visitor's turn."""
        try:
            async with self.sessionmaker() as db:
                await self.agent.directory.index(db)
        except Exception:
            log.exception("could not build the directory index at start-up")

    async def _retention(self) -> None:
        """Delete what is past the retention period: at start, then every interval. Several
        instances may run it at once; deleting what is already gone is harmless."""
        interval = self.settings.retention_interval_minutes * 60
        while not self._stop.is_set():
            try:
                async with self.sessionmaker() as db, db.begin():
                    await retention.sweep(
                        db, self.settings.office_defaults(), self.settings.data_dir
                    )
            except Exception:
                log.exception("retention run failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=interval)

    async def _sweep(self) -> None:
        """End idle conversations; forget old SMS message ids and orphaned badge files."""
        while not self._stop.is_set():
            try:
                ended = await self.agent.end_idle_sessions()
                if ended:
                    log.info("ended %s idle sessions", ended)
                await dedupe.forget_old(self.sessionmaker)
                if self.badges is not None:
                    await self.badges.sweep_files()
            except Exception:
                log.exception("sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=SWEEP_SECONDS)

    async def close(self) -> None:
        self._stop.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=5)
        for notifier in self.notifiers.values():
            closer = getattr(notifier, "aclose", None)
            if closer is not None:
                with contextlib.suppress(Exception):
                    await closer()
        voice_close = getattr(self.voice, "aclose", None)
        if voice_close is not None:  # the speech providers' models and HTTP sessions
            with contextlib.suppress(Exception):
                await voice_close()
        await self.signals.close()
        close = getattr(self.agent.understanding, "close", None)
        if close is not None:  # an LLM client holds HTTP connections
            await close()
        await self.engine.dispose()
