"""Every page at phone, tablet and desktop width, in each language, in a real Chromium:
a screenshot of each (look at them: FRONTDESK_SCREENSHOTS_DIR, else the test's tmp folder),
nothing scrolls sideways, every button and navigation link is a finger's size (44 px), and
the pages run with no Content-Security-Policy violation or console error."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.admin_ui.conftest import EMAIL, PASSWORD
from tests.pages.conftest import watch
from tests.visitor import Visitor

WIDTHS = {"phone": (390, 844), "tablet": (820, 1180), "desktop": (1440, 900)}
LANGUAGES = ("en", "et", "ru")
ADMIN_PAGES = {
    "today": "/admin/today",
    "visits": "/admin/visits",
    "visit": "/admin/visits/1",
    "directory": "/admin/directory",
    "employee": "/admin/directory/1",
    "settings": "/admin/settings",
    "privacy": "/admin/privacy?name=Tom+Baker",
    "kiosks": "/admin/kiosks",
}
TARGETS = "button, a.button, nav a, form a, input[type=submit], select"
MEASURE = """(selector) => {
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not shown
    if (box.width < 44 || box.height < 44) {
      const size = Math.round(box.width) + "x" + Math.round(box.height);
      small.push(`${el.tagName} "${el.textContent.trim()}" ${size}`);
    }
  }
  return {scrollWidth: document.scrollingElement.scrollWidth,
          width: document.documentElement.clientWidth, small};
}"""


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FRONTDESK_SCREENSHOTS_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def check(page: Page, folder: Path, name: str) -> None:
    await page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    found = await page.evaluate(MEASURE, TARGETS)
    assert found["scrollWidth"] <= found["width"], (name, found)
    assert found["small"] == [], (name, found["small"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the layout, not the database
async def test_every_page_fits_every_screen(
    live_server: str,
    demo_directory: None,
    admin_user: str,
    browser: Browser,
    screenshots: Path,
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        visitor = await Visitor.arrive(client)
        await visitor.say("Hi, I'm Tom Baker from Acme, here to see Priya Patel")
        assert (await visitor.say("yes"))["state"] == "complete"

    for language in LANGUAGES:
        context = await browser.new_context(locale=language)
        page = await context.new_page()
        watched = await watch(page)
        for width, (w, h) in WIDTHS.items():
            await page.set_viewport_size({"width": w, "height": h})
            await page.goto(live_server)
            await expect(page.locator("#log li").first).not_to_be_empty()
            await check(page, screenshots, f"chat-{language}-{width}")
            await page.goto(f"{live_server}/admin/login")
            await check(page, screenshots, f"sign-in-{language}-{width}")
        await page.locator("input[type=email]").fill(EMAIL)
        await page.locator("input[type=password]").fill(PASSWORD)
        await page.locator("form button[type=submit]").click()
        await expect(page.locator("header.top")).to_be_visible()
        for width, (w, h) in WIDTHS.items():
            await page.set_viewport_size({"width": w, "height": h})
            for name, path in ADMIN_PAGES.items():
                response = await page.goto(live_server + path)
                assert response is not None and response.ok, path
                await check(page, screenshots, f"{name}-{language}-{width}")
            missing = await page.goto(f"{live_server}/admin/directory/99999")
            assert missing is not None and missing.status == 404
            await check(page, screenshots, f"not-found-{language}-{width}")
        # The browser reports the 404 it was sent to on purpose; nothing else may appear.
        watched.errors = [e for e in watched.errors if "/admin/directory/99999" not in e]
        await watched.assert_clean()
        await context.close()
    taken = await asyncio.to_thread(lambda: {p.name for p in screenshots.glob("*.png")})
    for language in LANGUAGES:
        for width in WIDTHS:
            for name in ("chat", "sign-in", "not-found", *ADMIN_PAGES):
                assert f"{name}-{language}-{width}.png" in taken
