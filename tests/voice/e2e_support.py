"""The end-to-end phone tests' line: the real app on a real socket, called by the simulator.

`phone_line` serves the app (settings with a Twilio auth token, the demo directory
imported, Twilio's REST API pointed at the stand-in) on uvicorn on loopback. Each call is
registered with the REST stand-in first, as Twilio knows every call it carries; when the
server redirects or ends the call through the REST API (a transfer's `<Dial>`, a hang-up
after goodbye), the stream ends as Twilio would end it: `stop`, then the socket closes.

A test module imports the fixtures it uses by name (`twilio`, `settings`, `phone_line`,
`local_speech`) and defines `providers` (which recogniser and voices the server runs with).

The local speech providers (Whisper, Piper, espeak-ng) are loaded once for the session and
shared by every test's server, as one long-running server would keep them: loading Piper
and two Whisper models takes longer than a call.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from core.messages import LANGUAGES, Language
from core.store.models import ConversationSession, Notification, Visit
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from simulator.call import CallSimulator
from simulator.dial import CallSetup
from simulator.report import CallReport, print_report
from simulator.script import Step
from simulator.voices import CallerVoice
from tests.conftest import DEMO_CSV, make_settings, serve_asgi
from tests.standins.fixtures import Running, twilio, twilio_settings
from tests.standins.twilio_api import AUTH_TOKEN
from tests.voice.standin_speech import InstantTts
from web.app import create_app

__all__ = ["phone_line", "settings", "twilio"]

FRONT_DESK = "+3725550000"
NUMBERS: dict[Language, str] = {"en": "+14155550123", "et": "+3725550123", "ru": "+79165550123"}
_VOICE = CallerVoice()  # one Piper voice per test session: loading it takes seconds

Row = TypeVar("Row")


def line_settings(db_url: str, tmp_path: Path, twilio: Running, **overrides: Any) -> Settings:
    """Twilio configured (signatures are checked) with its REST API at the stand-in, a
    front desk to transfer to, and no background workers (a notification stays queued,
    and every task left after a call is the call's)."""
    values: dict[str, Any] = {
        **twilio_settings(twilio.url),
        "front_desk_phone": FRONT_DESK,
        "run_workers": False,
    }
    return make_settings(db_url, tmp_path, **(values | overrides))


@pytest.fixture
def settings(db_url: str, tmp_path: Path, twilio: Running) -> Settings:
    return line_settings(db_url, tmp_path, twilio)


@pytest.fixture
def sqlite_only(tmp_path: Path, sqlite_template: Path) -> str:
    """For a module's `db_url`: a call's behaviour (barge-in, silence, hanging up) does not
    depend on the database, and real-time audio is slow, so those tests run on SQLite; the
    check-in calls, which write visits, run on both backends."""
    import shutil

    path = tmp_path / "frontdesk.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


class Kept:
    """A speech provider shared by the session's servers: a server's shutdown closes its
    providers, but this one stays loaded for the next test."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def aclose(self) -> None:
        pass


def instant_tts(tts: InstantTts) -> dict[Language, SpeechSynth]:
    """The instant stand-in voice for every language, as `Providers.tts` wants it."""
    return dict.fromkeys(LANGUAGES, cast(SpeechSynth, tts))


@dataclass
class LocalSpeech:
    stt: SpeechToText
    voices: dict[Language, SpeechSynth]


@pytest.fixture(scope="session")
async def local_speech(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LocalSpeech]:
    """The embedded recogniser and voices, loaded once: faster-whisper (tiny.en, and the
    multilingual base that identifies the language), Piper for English, espeak-ng."""
    from channels.voice.stt.whisper_local import WhisperLocal
    from channels.voice.tts.voices import close_all, warm
    from frontdesk.providers.speech_in import models_dir
    from frontdesk.providers.speech_out import choose_tts

    local = Settings(
        _env_file=None, data_dir=tmp_path_factory.mktemp("speech"), tts_provider="local"
    )
    stt = WhisperLocal(models_dir(local))
    voices, _ = choose_tts(local)
    await stt.preload()
    await warm(voices)
    yield LocalSpeech(
        stt=cast(SpeechToText, Kept(stt)),
        voices={language: cast(SpeechSynth, Kept(voice)) for language, voice in voices.items()},
    )
    await stt.aclose()
    await close_all(voices)


@dataclass
class PhoneLine:
    url: str
    app: FastAPI
    settings: Settings
    twilio: Running

    def simulator(self, language: Language = "en", **setup: Any) -> CallSimulator:
        caller = setup.pop("caller", NUMBERS[language])
        call_sid = self.twilio.api.add_call(from_=caller)
        return CallSimulator(
            CallSetup(
                base_url=self.url,
                auth_token=AUTH_TOKEN,
                public_url=self.settings.public_url,
                caller=caller,
                call_sid=call_sid,
                language=language,
                **setup,
            ),
            voice=_VOICE,
        )

    async def call(
        self, script: Sequence[Step], language: Language = "en", **setup: Any
    ) -> tuple[CallReport, CallSimulator]:
        """Place a call, play `script`, and wait until the server has let go of it."""
        simulator = self.simulator(language, **setup)
        before = set(asyncio.all_tasks())
        watcher = asyncio.create_task(self._end_when_redirected(simulator))
        try:
            report = await asyncio.wait_for(simulator.run(script), 120)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        print_report(report)  # pytest shows it when the test fails
        for at, what in report.events:
            print(f"  {at:8.3f}  {what}")
        await self._until_let_go(before)
        return report, simulator

    async def _end_when_redirected(self, simulator: CallSimulator) -> None:
        """Twilio ends the Media Stream when the call gets new TwiML or is completed."""
        call = self.twilio.api.calls[simulator.call_sid]
        while not call.updates:  # noqa: ASYNC110 - the stand-in keeps a list, not an event
            await asyncio.sleep(0.05)
        await simulator.hang_up(by="twilio")

    async def _until_let_go(self, before: set[asyncio.Task[Any]], within: float = 5.0) -> None:
        """The call's tasks have all finished and it is no longer among the channel's calls."""
        voice = self.app.state.runtime.voice
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            left = [t for t in asyncio.all_tasks() - before if _the_calls(t)]
            calls = getattr(voice, "calls", ())
            if not left and not calls:
                return
            if loop.time() > deadline:
                raise AssertionError(f"the call left {left} running ({len(calls)} calls)")
            await asyncio.sleep(0.05)

    async def rows(self, model: type[Row]) -> list[Row]:
        async with self.app.state.runtime.sessionmaker() as db:
            return list((await db.scalars(sa.select(model))).all())

    async def session(self) -> ConversationSession:
        [row] = [r for r in await self.rows(ConversationSession) if r.channel == "voice"]
        return row

    async def checked_in(self) -> tuple[Visit, Notification]:
        [visit] = await self.rows(Visit)
        [note] = await self.rows(Notification)
        return visit, note


def _the_calls(task: asyncio.Task[Any]) -> bool:
    """A task still running that the call could have left: not this test's own, and not
    the REST stand-in holding a kept-alive connection of Twilio's SDK client."""
    if task.done() or task is asyncio.current_task():
        return False
    return getattr(task.get_coro(), "__qualname__", "") != "RequestHandler.start"


@pytest.fixture
async def phone_line(
    settings: Settings, providers: Providers, twilio: Running
) -> AsyncIterator[PhoneLine]:
    from core.directory_csv import parse_directory_csv
    from core.store.directory import apply_import

    app = create_app(settings, providers)
    async with app.router.lifespan_context(app):
        async with app.state.runtime.sessionmaker() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        async with serve_asgi(app) as url:
            yield PhoneLine(url, app, settings, twilio)
