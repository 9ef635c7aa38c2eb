"""What the admin UI refuses, said in the admin's language, in a real Chromium: a CSV with
bad rows (nothing imported), the employee form's bad field (marked, not saved), a page that
does not exist and an address with a bad date — first in an Estonian browser, then with
the UI switched to Russian."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI
from playwright.async_api import Browser, Page, expect

from core.store.models import Employee
from tests.admin_ui.conftest import EMAIL, PASSWORD

BAD_CSV = (
    "name,department,email,phone,slack_id,aliases,active\n"
    "Mari Mägi,HR,mari@example.com,5555 0107,,,true\n"
    "Tom Tamm,Sales,tom@example.com,,,,maybe\n"
    "Leo Lõvi,IT\n"
)
SAID: dict[str, dict[str, Any]] = {
    "et": {
        "csv": [
            "rida 2, veerg phone: „5555 0107“ on ilma riigikoodita: "
            "kirjutage näiteks +372 5123 4567",
            "rida 3, veerg active: kirjutage true või false, mitte „maybe“",
            "rida 4: veerge peab olema 7, real on 2",
        ],
        "nothing": "Midagi ei imporditud",
        "header": "rida 1: päis peab olema „name,department,email,phone,slack_id,aliases,active“",
        "name": "Nimi",
        "email": "E-post",
        "save": "Salvesta",
        "form": "Telefon: „5555 0108“ on ilma riigikoodita: kirjutage näiteks +372 5123 4567",
        "date": "„31.02.2026“ pole kuupäev: valige see kalendrist või kirjutage näiteks 06.12.26.",
        "404": "Ei leitud",
        "422": "Aadressis on viga",
    },
    "ru": {
        "csv": [
            "строка 2, столбец phone: у номера «5555 0107» нет кода страны: "
            "пишите, например, +372 5123 4567",
            "строка 3, столбец active: укажите true или false, а не «maybe»",
            "строка 4: нужно 7 столбцов, а в строке 2",
        ],
        "nothing": "Ничего не импортировано",
        "header": "строка 1: заголовок должен быть «name,department,email,phone,slack_id,",
        "name": "Имя",
        "email": "Эл. почта",
        "save": "Сохранить",
        "form": "Телефон: у номера «5555 0108» нет кода страны: пишите, например, +372 5123 4567",
        "date": "«31.02.2026» — не дата: выберите её в календаре или напишите, например, "
        "06.12.2026.",
        "404": "Не найдено",
        "422": "В адресе ошибка",
    },
}


async def _refusals(page: Page, base: str, lang: str, tmp_path: Path) -> None:
    said = SAID[lang]
    csv = tmp_path / "people.csv"
    csv.write_text(BAD_CSV, encoding="utf-8")
    await page.goto(f"{base}/admin/directory/import")
    await page.locator("input[type=file]").set_input_files(str(csv))
    await page.locator("form.stacked button[type=submit]").click()
    alert = page.locator("div.error")
    await expect(alert).to_contain_text(said["nothing"])
    await expect(alert.locator("li")).to_have_text(said["csv"])

    # A wrong header, on a phone: its long column list wraps instead of widening the page.
    await page.set_viewport_size({"width": 390, "height": 844})
    csv.write_text("email,name\nmari@example.com,Mari\n", encoding="utf-8")
    await page.locator("input[type=file]").set_input_files(str(csv))
    await page.locator("form.stacked button[type=submit]").click()
    await expect(alert.locator("li")).to_contain_text(said["header"])
    sizes = await page.evaluate(
        "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], sizes
    await page.set_viewport_size({"width": 1280, "height": 800})

    await page.goto(f"{base}/admin/directory/new")
    await page.get_by_label(said["name"], exact=True).fill("Kati Karu")
    await page.get_by_label(said["email"], exact=True).fill("kati@example.com")
    phone = page.locator("input[name=phone]")
    await phone.fill("5555 0108")
    await page.get_by_role("button", name=said["save"]).click()
    await expect(page.locator("p.error")).to_have_text(said["form"])
    assert await phone.get_attribute("aria-invalid") == "true"
    await expect(phone).to_have_value("5555 0108")  # kept, to be corrected

    await page.goto(f"{base}/admin/visits?from=31.02.2026")
    await expect(page.locator("p.error")).to_have_text(said["date"])

    long_status = "x" * 30  # longer than any status: the address itself is wrong
    for path, status in (
        ("/admin/directory/99999", "404"),
        (f"/admin/visits?status={long_status}", "422"),
    ):
        response = await page.goto(f"{base}{path}")
        assert response is not None and response.status == int(status)
        assert await page.locator("html").get_attribute("lang") == lang
        await expect(page.get_by_role("heading", level=1)).to_have_text(said[status])


async def test_refusals_are_said_in_estonian_then_russian(
    live_server: str, app: FastAPI, admin_user: str, browser: Browser, tmp_path: Path
) -> None:
    context = await browser.new_context(locale="et-EE")
    page = await context.new_page()
    await page.goto(f"{live_server}/admin/login")
    await page.get_by_label("Parool").fill(PASSWORD)
    await page.get_by_label("E-post").fill(EMAIL)
    await page.get_by_role("button", name="Logi sisse").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Täna")

    await _refusals(page, live_server, "et", tmp_path)
    await page.goto(f"{live_server}/admin/today?lang=ru")  # the choice is remembered
    await _refusals(page, live_server, "ru", tmp_path)
    await context.close()

    async with app.state.runtime.sessionmaker() as db:
        assert await db.scalar(sa.select(sa.func.count()).select_from(Employee)) == 0
