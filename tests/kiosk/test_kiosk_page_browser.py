"""An admin sets up a kiosk in the admin UI (in Estonian) and opens its link on the tablet;
the kiosk's page on that tablet (820 × 1180, portrait and landscape) in a real Chromium: its
own words in each language, nothing scrolling sideways, every button a finger's size, no
Content-Security-Policy violation; a visitor who types instead of talking gets an answer
on the screen; *Done* brings the welcome back; one who asks for a person is told someone
from the front desk is coming, and the page keeps saying so for a while; an unpaired tablet
is told the kiosk is not set up. Screenshots of each state (look at them:
FRONTDESK_SCREENSHOTS_DIR, else the test's tmp folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from channels.voice.conversation import PERSON_BUTTON
from core.store import kiosks
from core.store.db import create_engine, create_sessionmaker
from core.store.models import Notification
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.admin_ui.conftest import EMAIL, PASSWORD, admin_user
from tests.conftest import make_settings
from tests.pages.conftest import watch
from tests.voice.standin_speech import InstantTts, ScriptedStt, instant_voices
from web.routes.kiosk import COOKIE

__all__ = ["admin_user"]

TABLET = {"portrait": (820, 1180), "landscape": (1180, 820)}
WORDS = {
    "en": ("Welcome!", "Talk", "Done — next visitor", "Call a person"),
    "et": ("Tere tulemast!", "Räägi", "Valmis — järgmine külaline", "Kutsu töötaja"),
    "ru": ("Добро пожаловать!", "Говорить", "Готово — следующий посетитель", "Позвать сотрудника"),
}
# What the receptionist says and the page then shows, a visitor handed over at the kiosk.
COMING = {
    "en": "Someone from the front desk is on their way to you. Please wait here.",
    "ru": "Сейчас к вам подойдёт сотрудник ресепшена. Пожалуйста, подождите здесь.",
}
TOLD = {
    "en": "The front desk has been told — someone will be with you shortly.",
    "ru": "Ресепшен уже предупреждён — к вам скоро подойдут.",
}
UNSET = {"en": "This kiosk is not set up", "et": "See kiosk pole seadistatud"}
TARGETS = "button, nav a, input"
MEASURE = """(selector) => {
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not shown
    if (box.width < 44 || box.height < 44) small.push(el.outerHTML.slice(0, 60));
  }
  return {scrollWidth: document.scrollingElement.scrollWidth,
          width: document.documentElement.clientWidth, small};
}"""


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, run_workers=False)


@pytest.fixture
def providers() -> Providers:
    return Providers(stt=ScriptedStt(), tts=instant_voices(InstantTts(ms_per_char=5)))


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FRONTDESK_SCREENSHOTS_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def check(page: Page, folder: Path, name: str) -> None:
    await page.screenshot(path=str(folder / f"{name}.png"))
    found = await page.evaluate(MEASURE, TARGETS)
    assert found["scrollWidth"] <= found["width"], (name, found)
    assert found["small"] == [], (name, found["small"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the page, not the database
async def test_the_kiosk_page_on_a_tablet_in_each_language(
    live_server: str,
    demo_directory: None,
    admin_user: str,
    browser: Browser,
    screenshots: Path,
) -> None:
    office = await browser.new_context(locale="et-EE", viewport={"width": 820, "height": 1180})
    admin = await office.new_page()
    await admin.goto(f"{live_server}/admin/login")
    await admin.locator("input[type=email]").fill(EMAIL)
    await admin.locator("input[type=password]").fill(PASSWORD)
    await admin.locator("form button[type=submit]").click()
    await admin.get_by_role("link", name="Kioskid").click()
    await admin.get_by_label("Kioski nimi").fill("Fuajee")
    await admin.get_by_role("button", name="Loo kiosk").click()
    link = admin.locator("#setup-link")
    await expect(link).to_be_visible()
    setup_url = await link.get_attribute("href")
    assert setup_url is not None and setup_url.startswith(f"{live_server}/kiosk?token=")
    await expect(admin.locator("td", has_text="Ootab tahvelarvutit")).to_be_visible()
    await check(admin, screenshots, "kiosks-admin-et-portrait")

    stranger = await browser.new_context(locale="et-EE", viewport={"width": 820, "height": 1180})
    page = await stranger.new_page()
    response = await page.goto(f"{live_server}/kiosk")
    assert response is not None and response.status == 403
    await expect(page.locator("h1")).to_have_text(UNSET["et"])
    await check(page, screenshots, "kiosk-unset-et-portrait")
    await stranger.close()

    context = await browser.new_context(locale="en-US")
    page = await context.new_page()
    watched = await watch(page)
    await page.set_viewport_size({"width": 820, "height": 1180})
    await page.goto(setup_url)
    await expect(page).to_have_url(f"{live_server}/kiosk")
    await admin.reload()
    await expect(admin.locator("td", has_text="Kasutusel")).to_be_visible()  # paired
    await office.close()
    for lang, (welcome, talk, _, person) in WORDS.items():
        await page.get_by_role(
            "link", name={"en": "English", "et": "Eesti", "ru": "Русский"}[lang]
        ).click()
        await expect(page.locator("html")).to_have_attribute("lang", lang)
        await expect(page.locator(".welcome h2")).to_have_text(welcome)
        await expect(page.locator("#talk")).to_have_text(talk)
        await expect(page.get_by_role("button", name=person)).to_be_visible()
        for orientation, (w, h) in TABLET.items():
            await page.set_viewport_size({"width": w, "height": h})
            await check(page, screenshots, f"kiosk-{lang}-{orientation}")

    # English again; the visitor types instead of talking.
    await page.get_by_role("link", name="English").click()
    await page.set_viewport_size({"width": 820, "height": 1180})
    await page.get_by_label("Your message").fill("I'm here to see Priya Patel")
    await page.get_by_label("Your message").press("Enter")
    log = page.locator("#log li")
    await expect(page.locator("#log li.me")).to_have_text("I'm here to see Priya Patel")
    await expect(page.locator("#log li.them", has_text="Priya Patel").first).to_be_visible()
    done = page.get_by_role("button", name=WORDS["en"][2])
    await expect(done).to_be_visible()
    for orientation, (w, h) in TABLET.items():
        await page.set_viewport_size({"width": w, "height": h})
        await check(page, screenshots, f"kiosk-en-conversation-{orientation}")
    await done.click()
    await expect(page.locator("#talk")).to_be_visible()
    assert await log.count() == 0

    # The next visitor asks for a person: nobody can be put through at a kiosk, so the
    # front desk is told to come; the page says so and stays a while before starting over.
    await page.get_by_label("Your message").fill("Can I speak to a person, please?")
    await page.get_by_label("Your message").press("Enter")
    coming = "Someone from the front desk is on their way to you."
    await expect(page.locator("#log li.them", has_text=coming)).to_be_visible()
    notice = page.locator("#log li.notice")
    await expect(notice).to_have_text(
        "The front desk has been told — someone will be with you shortly."
    )
    await check(page, screenshots, "kiosk-en-handed-over-landscape")
    assert await page.locator("#talk").is_hidden()  # not reset at once
    await expect(page.locator("#hearing")).to_have_attribute("aria-live", "polite")
    await done.click()
    await expect(page.locator("#talk")).to_be_visible()
    await watched.assert_clean()
    await context.close()


async def _paired_kiosk(settings: Settings, name: str) -> str:
    """A kiosk set up and paired, as the admin's link leaves it: its device's secret."""
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as db, db.begin():
            _, setup = await kiosks.create(db, name)
            paired = await kiosks.pair(db, setup)
    finally:
        await engine.dispose()
    assert paired is not None
    return paired[1]


async def _front_desk_reasons(settings: Settings) -> list[tuple[str, str]]:
    import sqlalchemy as sa

    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            notes = (
                await db.scalars(sa.select(Notification).where(Notification.kind == "front_desk"))
            ).all()
    finally:
        await engine.dispose()
    return [(n.payload["kiosk"], n.payload["summary"]) for n in notes]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the page, not the database
async def test_call_a_person_on_the_kiosk_page(
    live_server: str,
    settings: Settings,
    demo_directory: None,
    browser: Browser,
    screenshots: Path,
) -> None:
    """The big button, tapped on the welcome screen (English, portrait) and in the middle of
    a conversation (Russian, landscape): the front desk is told once each time, the visitor
    hears and reads that someone is coming, and the page keeps saying so."""
    device = await _paired_kiosk(settings, "Fuajee")
    for lang, (w, h), mid_conversation in (("en", (820, 1180), False), ("ru", (1180, 820), True)):
        context = await browser.new_context(viewport={"width": w, "height": h})
        await context.add_cookies([{"name": COOKIE, "value": device, "url": live_server}])
        page = await context.new_page()
        watched = await watch(page)
        await page.goto(f"{live_server}/kiosk?lang={lang}")
        button = page.get_by_role("button", name=WORDS[lang][3])
        if mid_conversation:
            await page.get_by_label("Ваше сообщение").fill("Здравствуйте, я к Ивану Петрову")
            await page.get_by_label("Ваше сообщение").press("Enter")
            await expect(page.locator("#log li.them", has_text="Иван").first).to_be_visible()
            await expect(button).to_be_visible()
            await check(page, screenshots, f"kiosk-{lang}-person-button-in-conversation")
        else:
            await check(page, screenshots, f"kiosk-{lang}-person-button-welcome")
        await button.click()
        await expect(button).to_be_disabled()
        await expect(page.locator("#log li.them", has_text=COMING[lang])).to_be_visible()
        await expect(page.locator("#log li.notice")).to_have_text(TOLD[lang])
        await check(page, screenshots, f"kiosk-{lang}-person-handed-over")
        await page.get_by_role("button", name=WORDS[lang][2]).click()  # Done: the next one
        await expect(page.locator("#talk")).to_be_visible()
        await expect(button).to_be_enabled()
        await watched.assert_clean()
        await context.close()
    reasons = await _front_desk_reasons(settings)
    assert len(reasons) == 2, reasons  # once for each visitor
    assert all(kiosk == "Fuajee" and PERSON_BUTTON in summary for kiosk, summary in reasons)
