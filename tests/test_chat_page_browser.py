"""The visitor's chat page in a real headless Chromium: a newcomer checks in in Estonian,
sees the host's answer pushed later, and markup they type stays text."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from playwright.async_api import Browser, expect

from core.store.db import create_engine, create_sessionmaker
from core.store.models import ConversationSession
from core.store.sessions import push_event
from frontdesk.settings import Settings


async def test_a_newcomer_checks_in_from_the_chat_page(
    live_server: str,
    demo_directory: None,
    browser: Browser,
    settings: Settings,
    auth: dict[str, str],
) -> None:
    page = await browser.new_page(locale="en-US")
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    await page.goto(live_server)
    bubbles = page.locator("#log li")
    await expect(bubbles.first).to_contain_text("Who are you here to see?")

    await page.get_by_role("link", name="Eesti").click()  # the page, and a new chat, in Estonian
    await expect(bubbles.first).to_contain_text("Kelle juurde te tulite?")
    message = page.get_by_label("Teie sõnum")

    async def say(text: str, expected: str) -> None:
        count = await bubbles.count()
        await message.fill(text)
        await message.press("Enter")
        await expect(bubbles.nth(count + 1)).to_contain_text(expected)
        await expect(page.locator("#send")).to_be_enabled()  # the reply has fully arrived

    await say("Tere! Mul on kohtumine Jüri Tammega", "Jüri Tamm")
    await say("jah", "Kuidas on teie nimi?")
    await say("<img src=x onerror=alert(1)>", "nimi")  # not a name: asked again
    await say("Mari Kask", "ettevõttest")
    await say("Acme OÜ", "registreeritud")
    await expect(page.locator("#log li.notice")).to_have_text("✓")
    assert dialogs == []  # nothing the visitor typed ran as HTML
    assert await page.locator("#log img").count() == 0

    # The host answers later: the page shows it without the visitor doing anything.
    engine = create_engine(settings.database_url)
    async with create_sessionmaker(engine)() as db, db.begin():
        session_id = await db.scalar(  # the Estonian conversation, after the reload
            sa.select(ConversationSession.id).where(ConversationSession.language == "et")
        )
        assert session_id is not None
        await push_event(
            db,
            session_id,
            "host_response",
            {"text": "Jüri Tamm tuleb kohe alla.", "language": "et"},
        )
    await engine.dispose()
    await expect(bubbles.last).to_have_text("Jüri Tamm tuleb kohe alla.")

    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        [visit] = (await client.get("/api/admin/visits", headers=auth)).json()
    assert (visit["visitor_name"], visit["company"], visit["language"]) == (
        "Mari Kask",
        "Acme OÜ",
        "et",
    )
