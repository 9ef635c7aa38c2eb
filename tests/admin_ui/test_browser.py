"""The admin UI in a real headless Chromium (Debian's), as an office manager uses it:
sign in, add an employee, import a CSV, see a check-in appear, check the visitor out."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.async_api import Browser, expect

from tests.admin_ui.conftest import EMAIL, PASSWORD
from tests.visitor import Visitor


async def test_an_office_manager_runs_the_front_desk(
    live_server: str, admin_user: str, demo_directory: None, browser: Browser, tmp_path: Path
) -> None:
    page = await browser.new_page()
    await page.goto(f"{live_server}/admin")
    await expect(page.get_by_role("heading", name="Sign in to frontdesk")).to_be_visible()
    await page.get_by_label("E-mail").fill(EMAIL)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Today")

    # add an employee
    await page.get_by_role("link", name="Directory").click()
    await page.get_by_role("link", name="Add an employee").click()
    await page.get_by_label("Name", exact=True).fill("Kati Karu")
    await page.get_by_label("Department", exact=True).fill("Sales")
    await page.get_by_label("E-mail", exact=True).fill("kati.karu@example.com")
    await page.get_by_label("Also known as").fill("Katrin; Катя")
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator(".note")).to_contain_text("Kati Karu was added")
    await expect(page.locator("#people")).to_contain_text("Катя")

    # import a CSV, through its preview
    csv = tmp_path / "people.csv"
    csv.write_text(
        "name,department,email,phone,slack_id,aliases,active\n"
        "Leo Lõvi,IT,leo.lovi@example.com,+372 5555 0002,,Leo,true\n",
        encoding="utf-8",
    )
    await page.get_by_role("link", name="Import CSV").click()
    await page.get_by_label("CSV file").set_input_files(str(csv))
    await page.get_by_role("button", name="Preview").click()
    await expect(page.locator("#summary")).to_contain_text("1 to add")
    await page.get_by_role("button", name="Apply these changes").click()
    await expect(page.locator(".note")).to_contain_text("1 added")
    await page.get_by_label("Search").fill("Lõvi")
    await page.get_by_role("button", name="Search").click()
    await expect(page.locator("#people")).to_contain_text("leo.lovi@example.com")

    # a visitor checks in through the web chat; the front desk sees them
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        visitor = await Visitor.arrive(client)
        await visitor.say("Hi, I'm Tom Baker from Acme, here to see Leo Lõvi")
        done = await visitor.say("yes")
        assert done["state"] == "complete", done
    await page.get_by_role("link", name="Today").click()
    inside = page.locator("#inside")
    await expect(inside).to_contain_text("Tom Baker")
    await expect(inside).to_contain_text("Leo Lõvi")
    await page.screenshot(path=str(tmp_path / "today.png"), full_page=True)

    # check the visitor out
    await inside.get_by_role("button", name="Check out").click()
    await expect(page.locator(".note")).to_contain_text("is checked out")
    await expect(page.get_by_text("Nobody is checked in.")).to_be_visible()
    await page.get_by_role("link", name="Visit log").click()
    await expect(page.locator("#visits")).to_contain_text("Checked out")
