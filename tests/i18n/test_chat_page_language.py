"""The chat page in the browser's language: an Estonian Chromium gets the page's own words
and the first greeting in Estonian; a choice made on the page is remembered; the language
buttons are big enough for a finger."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.async_api import Browser, expect

from web.i18n import Words


async def test_an_estonian_browser_gets_an_estonian_chat(
    live_server: str, browser: Browser, tmp_path: Path
) -> None:
    context = await browser.new_context(locale="et-EE", viewport={"width": 820, "height": 1180})
    page = await context.new_page()
    await page.goto(live_server)
    et = Words("et")

    assert await page.locator("html").get_attribute("lang") == "et"
    await expect(page.get_by_role("heading", level=1)).to_have_text("Vastuvõtt")
    await expect(page.get_by_role("button", name="Saada")).to_be_visible()
    await expect(page.get_by_label("Teie sõnum")).to_have_attribute(
        "placeholder", et("chat.placeholder")
    )
    await expect(page.locator("#log li").first).to_contain_text("Tere")
    await expect(page.locator("#log li").first).to_contain_text("Kelle juurde te tulite?")
    assert await page.title() == "Vastuvõtt — frontdesk"

    for name in ("English", "Eesti", "Русский"):
        box = await page.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, (name, box)
    await page.screenshot(path=str(tmp_path / "chat-et-tablet.png"), full_page=True)

    # Choosing Russian changes the page and starts the chat in Russian …
    await page.get_by_role("link", name="Русский").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Ресепшен")
    await expect(page.get_by_role("button", name="Отправить")).to_be_visible()
    await expect(page.locator("#log li").first).to_contain_text("Здравствуйте")
    assert await page.locator("html").get_attribute("lang") == "ru"
    await page.screenshot(path=str(tmp_path / "chat-ru-tablet.png"), full_page=True)

    # … and is remembered over the browser's own preference on the next visit.
    await page.goto(live_server)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Ресепшен")
    await context.close()


async def test_the_page_follows_accept_language_and_the_cookie(live_server: str) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        english = await client.get("/")
        assert '<html lang="en">' in english.text and ">Send<" in english.text
        russian = await client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        assert '<html lang="ru">' in russian.text and "Введите сообщение…" in russian.text
        chosen = await client.get("/?lang=et", headers={"Accept-Language": "ru"})
        assert '<html lang="et">' in chosen.text and ">Saada<" in chosen.text
        assert chosen.cookies.get("frontdesk_lang") == "et"
        again = await client.get("/", headers={"Accept-Language": "ru"})  # the cookie wins
        assert '<html lang="et">' in again.text
