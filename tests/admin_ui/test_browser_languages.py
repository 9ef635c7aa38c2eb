"""Every admin page in an Estonian browser on a tablet in portrait (820 × 1180): the page's
own words in Estonian, nothing wider than the screen, a screenshot of each; then the
language switcher turns the UI Russian and the choice is kept."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.async_api import Browser, Page, expect

from tests.admin_ui.conftest import EMAIL, PASSWORD
from tests.visitor import Visitor

PAGES = [  # path, the Estonian words its main heading or body must show
    ("/admin/today", "Praegu majas"),
    ("/admin/today/evacuation", "Külastajad majas"),
    ("/admin/visits", "Külastuste logi"),
    ("/admin/visits/1", "Külastaja saabus"),
    ("/admin/directory", "Lisa töötaja"),
    ("/admin/directory/new", "Töötab siin"),
    ("/admin/directory/import", "Töötajate import CSV-failist"),
    ("/admin/privacy?name=Tom+Baker", "1 külastus"),
    ("/admin/settings", "Lahtiolekuajad"),
]


async def _fits(page: Page) -> None:
    width = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], (page.url, width)


async def test_every_admin_page_in_estonian_on_a_tablet(
    live_server: str, admin_user: str, demo_directory: None, browser: Browser, tmp_path: Path
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        visitor = await Visitor.arrive(client, "en")
        await visitor.say("Hi, I'm Tom Baker from Acme, here to see Priya Patel")
        assert (await visitor.say("yes"))["state"] == "complete"

    context = await browser.new_context(locale="et-EE", viewport={"width": 820, "height": 1180})
    page = await context.new_page()
    await page.goto(f"{live_server}/admin")
    await expect(page.get_by_role("heading", name="Logige frontdeski sisse")).to_be_visible()
    await page.get_by_label("E-post").fill(EMAIL)
    await page.get_by_label("Parool").fill(PASSWORD)
    await page.get_by_role("button", name="Logi sisse").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Täna")
    await expect(page.locator("#inside")).to_contain_text("Tom Baker")

    for path, words in PAGES:
        await page.goto(f"{live_server}{path}")
        assert await page.locator("html").get_attribute("lang") == "et"
        await expect(page.locator("main")).to_contain_text(words)
        await _fits(page)
        name = path.strip("/").split("?")[0].replace("/", "-")
        await page.screenshot(path=str(tmp_path / f"{name}-et-tablet.png"), full_page=True)

    switch = page.get_by_role("link", name="Русский")
    box = await switch.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    await switch.click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Настройки")
    await page.get_by_role("link", name="Журнал визитов").click()
    await expect(page.locator("#visits")).to_contain_text("Зарегистрирован")
    await _fits(page)
    await page.screenshot(path=str(tmp_path / "visits-ru-tablet.png"), full_page=True)
    await context.close()
