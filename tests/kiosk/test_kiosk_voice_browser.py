"""A whole English check-in by voice at the lobby kiosk, in a real headless Chromium whose
microphone is a WAV file, on the embedded speech providers (faster-whisper hears the
visitor, Piper answers): the same voice pipeline as a phone call, over the kiosk's own
line. The visitor names the host, confirms, gives their name and company (the page shows
while it hears them speak); the visit is in
the database as said, the host's later answer is shown and spoken, and *Done* resets the
kiosk for the next visitor.

Chromium plays the file once (`%noloop`) from when the page opens the microphone, so the
visitor's lines are laid out in time with gaps long enough for each answer to be heard.
"""

from __future__ import annotations

import asyncio
import shutil
import wave
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa
from playwright.async_api import Page, async_playwright, expect

from channels.voice.codec import resample, ulaw_to_pcm16
from core.directory_csv import parse_directory_csv
from core.store import kiosks
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.models import ConversationSession, Employee, Visit
from core.store.sessions import push_event
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from simulator.voices import CallerVoice
from tests.conftest import CHROMIUM, DEMO_CSV, IN_CI, make_settings
from tests.voice.e2e_support import LocalSpeech, local_speech

__all__ = ["local_speech"]

RATE = 16000
LEAD_SECONDS = 5.0  # the greeting plays first
# The visitor's lines, each followed by the quiet in which the receptionist answers.
LINES = (
    ("I'm here to see Priya Patel.", 9.0),
    ("Yes, that's right.", 9.0),
    ("My name is Tom Baker.", 9.0),
    ("I'm from Microsoft.", 6.0),
)


@pytest.fixture
def db_url(sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite only: the real-time conversation is the slow part, the database the same."""
    path = tmp_path / "frontdesk.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, run_workers=False)


@pytest.fixture
def providers(local_speech: LocalSpeech) -> Providers:
    return Providers(stt=local_speech.stt, tts=local_speech.voices)


async def visitor_wav(folder: Path) -> Path:
    """The visitor's whole side of the conversation, as the tablet's microphone hears it."""
    voice = CallerVoice()
    parts = [np.zeros(int(LEAD_SECONDS * RATE), dtype=np.int16)]
    for text, gap in LINES:
        line = ulaw_to_pcm16(await voice.speak(text, "en"))
        parts.append(resample(line, 8000, RATE))
        parts.append(np.zeros(int(gap * RATE), dtype=np.int16))
    path = folder / "visitor.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.concatenate(parts).astype("<i2").tobytes())
    return path


@pytest.fixture
async def microphone_browser(tmp_path: Path) -> AsyncIterator[Any]:
    if shutil.which(CHROMIUM) is None:
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: scripts/test should have installed chromium")
        pytest.skip("Debian's chromium is not installed")
    wav = await visitor_wav(tmp_path)
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-audio-capture={wav}%noloop",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        try:
            yield browser
        finally:
            await browser.close()


# What the listening indicator showed, each change (it is lit only while the visitor speaks).
WATCH_HEARING = """() => {
  const line = document.getElementById("hearing");
  window.hearingShown = [];
  new MutationObserver(() => window.hearingShown.push(line.textContent))
    .observe(line, {childList: true, characterData: true, subtree: true});
}"""


async def _until(check: Any, within: float, what: str) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while (found := await check()) is None:
        if loop.time() > deadline:
            raise AssertionError(f"no {what} within {within:.0f} s")
        await asyncio.sleep(0.5)
    return found


async def _captions(page: Page) -> list[str]:
    texts: list[str] = await page.locator("#log li").all_inner_texts()
    return texts


async def test_a_visitor_checks_in_by_voice_at_the_kiosk(
    live_server: str, settings: Settings, microphone_browser: Any
) -> None:
    engine = create_engine(settings.database_url)
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as db, db.begin():
        await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        _, setup = await kiosks.create(db, "Lobby")

    context = await microphone_browser.new_context(
        locale="en-US", viewport={"width": 820, "height": 1180}
    )
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await page.goto(f"{live_server}/kiosk?token={setup}&lang=en")
    await expect(page.get_by_role("button", name="Talk")).to_be_visible()
    await page.evaluate(WATCH_HEARING)
    await page.get_by_role("button", name="Talk").click()
    log = page.locator("#log li")
    await expect(log.first).to_contain_text("Who are you here to see?", timeout=30_000)

    async def visit() -> Visit | None:
        async with sessionmaker() as db:
            row = await db.scalar(sa.select(Visit))
        return row if row is not None and row.company else None

    try:
        row = await _until(visit, 100, "visit with a company")
    except AssertionError:
        print("page:", await _captions(page))
        raise
    print("page:", await _captions(page))
    async with sessionmaker() as db:
        priya = await db.scalar(sa.select(Employee).where(Employee.name == "Priya Patel"))
        session = await db.scalar(
            sa.select(ConversationSession).where(ConversationSession.visit_id == row.id)
        )
        visits = (await db.scalars(sa.select(Visit))).all()
    assert priya is not None and session is not None
    assert len(visits) == 1
    assert (row.host_id, row.host_name, row.visitor_name, row.company) == (
        priya.id,
        "Priya Patel",
        "Tom Baker",
        "Microsoft",
    )
    assert (row.channel, row.language, row.status) == ("voice", "en", "checked_in")
    assert session.session_key is not None and session.session_key.startswith("kiosk-")
    assert row.contact_phone is None and row.contact_email is None  # nothing invented

    # While the visitor spoke, the page said that it heard them (and then stopped saying it).
    hearing = page.locator("#hearing")
    await expect(hearing).to_have_attribute("aria-live", "polite")
    shown: list[str] = await page.evaluate("window.hearingShown")
    assert "I can hear you…" in shown and "" in shown, shown

    # What was said is on the screen: the receptionist's words and the visitor's.
    captions = await _captions(page)
    assert any("Priya Patel" in c for c in captions), captions
    assert any("Tom Baker" in c for c in captions), captions

    # The host answers later (in Slack): the kiosk shows it (and says it).
    async with sessionmaker() as db, db.begin():
        await push_event(
            db,
            session.id,
            "host_response",
            {"text": "Priya Patel is on her way down.", "language": "en"},
        )
    answer = page.locator("#log li.them", has_text="Priya Patel is on her way down.")
    await expect(answer).to_be_visible(timeout=45_000)  # after the reply still being said

    # The visitor leaves: Done resets the kiosk, and the conversation is over.
    await page.get_by_role("button", name="Done — next visitor").click()
    await expect(page.get_by_role("button", name="Talk")).to_be_visible()
    assert await log.count() == 0

    async def ended() -> bool | None:
        async with sessionmaker() as db:
            again = await db.get(ConversationSession, session.id, populate_existing=True)
        return True if again is not None and again.ended_at is not None else None

    await _until(ended, 10, "end of the kiosk's conversation")
    assert errors == []
    await context.close()
    await engine.dispose()
