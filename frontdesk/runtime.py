"""Everything a running frontdesk holds: engine, agent, workers, providers.

Opened by the app's lifespan (or the CLI's `chat`), closed on the way out; nothing here is
created at import. Tests pass their own Settings and Providers instead of patching globals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from channels.notify.base import Notifier
from channels.notify.console import ConsoleNotifier
from core import retention
from core.agent import Agent
from core.outbox import OutboxWorker
from core.store import sessions
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.tools import DirectoryCache
from core.understanding import RuleBasedUnderstanding
from core.understanding.llm import LLMBackend, LLMUnderstanding
from core.understanding.llm_anthropic import AnthropicBackend
from core.understanding.llm_openai import OpenAIBackend
from core.understanding.types import Understanding
from frontdesk.settings import Settings
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)


@dataclass
class Providers:
    """The swappable edges. None means: choose from the settings (embedded default when no
    credentials are configured)."""

    understanding: Understanding | None = None
    notifiers: dict[str, Notifier] | None = None
    notifier: str | None = None  # which notifier new notifications go through


def choose_understanding(settings: Settings) -> Understanding:
    """The LLM whose key is configured (Anthropic first), else the embedded rules."""
    rules = RuleBasedUnderstanding()
    backend: LLMBackend
    if settings.anthropic_api_key:
        backend = AnthropicBackend(
            settings.anthropic_api_key.get_secret_value(),
            model=settings.anthropic_model,
            base_url=settings.anthropic_base_url,
        )
    elif settings.openai_api_key:
        backend = OpenAIBackend(
            settings.openai_api_key.get_secret_value(),
            model=settings.openai_model,
            base_url=settings.openai_base_url,
        )
    else:
        return rules
    return LLMUnderstanding(
        backend, rules, mode=settings.llm_mode, timeout=settings.llm_timeout_seconds
    )


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: SessionMaker
    agent: Agent
    outbox: OutboxWorker
    provider_names: dict[str, str]
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    @classmethod
    def open(cls, settings: Settings, providers: Providers | None = None) -> Runtime:
        providers = providers or Providers()
        engine = create_engine(settings.database_url)
        sessionmaker = create_sessionmaker(engine)
        understanding = providers.understanding or choose_understanding(settings)
        notifiers: dict[str, Notifier] = providers.notifiers or {"console": ConsoleNotifier()}
        notifier = providers.notifier or next(iter(notifiers))
        outbox = OutboxWorker(
            sessionmaker,
            notifiers,
            staff_language=settings.staff_language,
            poll_seconds=settings.outbox_poll_seconds,
        )
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
            on_commit=outbox.wake,
            office_defaults=settings.office_defaults(),
        )
        names = {
            "understanding": getattr(understanding, "name", type(understanding).__name__),
            "notifier": notifier,
        }
        return cls(settings, engine, sessionmaker, agent, outbox, names)

    def start_workers(self) -> None:
        self._tasks.append(asyncio.create_task(self.outbox.run(self._stop), name="outbox"))
        self._tasks.append(asyncio.create_task(self._sweep_sessions(), name="session-sweeper"))
        self._tasks.append(asyncio.create_task(self._retention(), name="retention"))

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

    async def _sweep_sessions(self) -> None:
        idle = timedelta(minutes=self.settings.session_idle_minutes)
        while not self._stop.is_set():
            try:
                async with self.sessionmaker() as db, db.begin():
                    ended = await sessions.end_idle_sessions(db, idle=idle)
                if ended:
                    log.info("ended %s idle sessions", ended)
            except Exception:
                log.exception("session sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=60)

    async def close(self) -> None:
        self._stop.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=5)
        close = getattr(self.agent.understanding, "close", None)
        if close is not None:  # an LLM client holds HTTP connections
            await close()
        await self.engine.dispose()
