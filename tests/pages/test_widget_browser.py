"""The chat widget on a company's website, in a real Chromium: the site is served on a second
loopback port (another origin); a visitor opens the bubble and checks in; the visit is in the
database. A site that is not in FRONTDESK_WIDGET_ORIGINS gets neither the frame nor CORS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.async_api import Browser, expect

from core.directory_csv import parse_directory_csv
from core.store.db import create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.models import Visit
from frontdesk.settings import Settings
from tests.conftest import DEMO_CSV, make_settings, serve_asgi
from tests.pages.conftest import Website, watch, website
from web.app import create_app

CREATE_SESSION = """async (server) => {
  try {
    const res = await fetch(server + "/api/chat/sessions", {
      method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"});
    return String(res.status);
  } catch (err) { return "blocked"; }
}"""


@pytest.fixture
async def sites() -> AsyncIterator[tuple[Website, Website]]:
    """The company's own site (allowed) and a stranger's (not), on two more ports."""
    async with website() as company, website() as stranger:
        yield company, stranger


@pytest.fixture
async def frontdesk(
    sites: tuple[Website, Website], db_url: str, tmp_path: Path
) -> AsyncIterator[Settings]:
    company, stranger = sites
    settings = make_settings(db_url, tmp_path, widget_origins=(company.url,))
    async with serve_asgi(create_app(settings), lifespan="on") as url:
        company.frontdesk = stranger.frontdesk = url
        engine = create_engine(settings.database_url)
        async with create_sessionmaker(engine)() as db, db.begin():
            await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
        await engine.dispose()
        yield settings


async def test_a_visitor_checks_in_through_the_widget_on_the_company_site(
    frontdesk: Settings, sites: tuple[Website, Website], browser: Browser, tmp_path: Path
) -> None:
    company, _ = sites
    page = await browser.new_page(locale="en-US")
    watched = await watch(page)
    await page.goto(company.url)
    bubble = page.get_by_role("button", name="Chat with reception")
    await bubble.click()
    await expect(page.get_by_role("button", name="Close the chat")).to_have_attribute(
        "aria-expanded", "true"
    )
    chat = page.frame_locator("iframe[title='Reception chat']")
    log = chat.locator("#log li")
    await expect(log.first).to_contain_text("Who are you here to see?")
    message = chat.get_by_label("Your message")

    async def say(text: str, expected: str) -> None:
        count = await log.count()
        await message.fill(text)
        await message.press("Enter")
        await expect(log.nth(count + 1)).to_contain_text(expected)
        await expect(chat.locator("#send")).to_be_enabled()

    await say("Hi, I'm Tom Baker from Acme, here to see Priya Patel", "Priya Patel")
    await say("yes", "Priya")
    await expect(chat.locator("#log li.notice")).to_have_text("✓")
    await expect(message).to_be_in_viewport()  # the conversation scrolls, not the composer
    await page.screenshot(path=str(tmp_path / "widget.png"))
    await watched.assert_clean()

    engine = create_engine(frontdesk.database_url)
    async with create_sessionmaker(engine)() as db:
        visit = await db.scalar(sa.select(Visit))
    await engine.dispose()
    assert visit is not None
    assert (visit.visitor_name, visit.company, visit.host_name, visit.channel) == (
        "Tom Baker",
        "Acme",
        "Priya Patel",
        "web",
    )
    assert visit.status == "checked_in"

    # The site's own scripts may call the chat API: CORS answers its origin.
    assert await page.evaluate(CREATE_SESSION, company.frontdesk) == "201"

    # The bubble closes and opens again on the same conversation.
    await page.get_by_role("button", name="Close the chat").click()
    await expect(page.locator("iframe[title='Reception chat']")).to_be_hidden()
    await bubble.click()
    await expect(chat.locator("#log li.notice")).to_have_text("✓")


async def test_the_widget_speaks_the_language_its_tag_asks_for(
    frontdesk: Settings, sites: tuple[Website, Website], browser: Browser
) -> None:
    company, _ = sites
    page = await browser.new_page(locale="en-US")
    await page.goto(f"{company.url}/?language=et")
    await page.get_by_role("button", name="Kirjuta vastuvõttu").click()
    chat = page.frame_locator("iframe[title='Vastuvõtu vestlus']")
    await expect(chat.locator("#log li").first).to_contain_text("Kelle juurde te tulite?")


async def test_a_site_not_allowed_gets_no_frame_and_no_cors(
    frontdesk: Settings, sites: tuple[Website, Website], browser: Browser
) -> None:
    _, stranger = sites
    page = await browser.new_page(locale="en-US")
    watched = await watch(page)
    await page.goto(stranger.url)
    async with (
        page.expect_response(lambda r: r.url.startswith(stranger.frontdesk + "/?lang=")) as chat,
        page.expect_console_message(lambda m: "frame-ancestors" in m.text) as refusal,
    ):
        await page.get_by_role("button", name="Chat with reception").click()
    policy = await (await chat.value).header_value("content-security-policy") or ""
    assert "frame-ancestors 'self' " in policy and stranger.url not in policy
    assert "has been blocked" in (await refusal.value).text
    assert await page.frame_locator("iframe").locator("#log").count() == 0

    assert await page.evaluate(CREATE_SESSION, stranger.frontdesk) == "blocked"
    assert any("CORS" in error for error in watched.errors), watched.errors
