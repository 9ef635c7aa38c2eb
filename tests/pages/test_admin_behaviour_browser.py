"""What moved out of the admin pages' markup into admin.js still works in Chromium: erasing a
visitor's data asks first (and nothing is erased when the admin says no); the evacuation
list's Print button prints; narrow tables label each value with its column."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from playwright.async_api import Browser, Dialog, expect

from core.store.models import Visit
from tests.admin_ui.conftest import EMAIL, PASSWORD
from tests.pages.conftest import watch
from tests.visitor import Visitor

COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


async def visits(app: FastAPI) -> int:
    async with app.state.runtime.sessionmaker() as db:
        return int(await db.scalar(sa.select(sa.func.count()).select_from(Visit)) or 0)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the page, not the database
async def test_admin_page_behaviour_runs_from_its_own_script(
    app: FastAPI,
    live_server: str,
    demo_directory: None,
    admin_user: str,
    browser: Browser,
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as chat:
        visitor = await Visitor.arrive(chat)
        await visitor.say("Hi, I'm Tom Baker from Acme, here to see Priya Patel")
        assert (await visitor.say("yes"))["state"] == "complete"

    page = await browser.new_page(viewport={"width": 820, "height": 1180})
    watched = await watch(page)
    await page.add_init_script(COUNT_PRINTS)
    await page.goto(f"{live_server}/admin/login")
    await page.locator("input[type=email]").fill(EMAIL)
    await page.locator("input[type=password]").fill(PASSWORD)
    await page.locator("form button[type=submit]").click()
    await expect(page.locator("#inside")).to_be_visible()

    # a tablet in portrait: the table is cards, each value labelled with its column
    cell = page.locator("#inside tbody td").nth(1)
    assert await cell.get_attribute("data-label") == "Company"
    assert await cell.evaluate("td => getComputedStyle(td).display") != "table-cell"

    await page.goto(f"{live_server}/admin/today/evacuation")
    await page.locator("button[data-print]").click()
    assert await page.evaluate("window.__prints") == 1

    await page.goto(f"{live_server}/admin/privacy?name=Tom+Baker")
    asked: list[str] = []

    async def say_no(dialog: Dialog) -> None:
        asked.append(dialog.message)
        await dialog.dismiss()

    page.once("dialog", say_no)
    erase = page.locator("form[data-confirm] button[type=submit]")
    await erase.click()
    await expect(page.locator("#found")).to_be_visible()
    assert len(asked) == 1 and asked[0]
    assert await visits(app) == 1  # the admin said no: nothing is erased

    async def say_yes(dialog: Dialog) -> None:
        await dialog.accept()

    page.once("dialog", say_yes)
    async with page.expect_navigation():
        await erase.click()
    assert await visits(app) == 0
    await watched.assert_clean()
