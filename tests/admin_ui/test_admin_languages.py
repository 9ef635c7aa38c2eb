"""The admin UI in the office manager's language: the pages' own words, statuses and counts
in Estonian and Russian, chosen by `?lang=` and remembered, or by the browser."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
from babel.dates import format_date
from fastapi import FastAPI

from core.store.models import Visit, utcnow


async def _visit(app: FastAPI) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(
            Visit(
                kind="visit",
                status="checked_in",
                visitor_name="Mari Maasikas",
                host_name="Jüri Tamm",
                channel="sms",
                language="et",
                contact_phone="+37255512345",
                checked_in_at=utcnow(),
            )
        )


async def test_pages_in_estonian_then_russian(
    app: FastAPI, client: httpx.AsyncClient, signed_in: str
) -> None:
    await _visit(app)
    today = await client.get("/admin/today?lang=et")
    assert '<html lang="et">' in today.text
    for words in ("Praegu majas", "Külastuste logi", "Seaded", "Registreeri lahkumine"):
        assert words in today.text, words
    day = datetime.now(ZoneInfo("Europe/Tallinn")).date()
    assert f"Täna, {format_date(day, 'full', locale='et')}" in today.text  # "pühapäev, 6. …"
    log = await client.get("/admin/visits")  # remembered without ?lang=
    assert "Registreeritud" in log.text and "checked_in<" not in log.text
    assert ">SMS<" in log.text and "Olek" in log.text
    found = await client.get("/admin/privacy", params={"phone": "+372 5551 2345"})
    assert "1 külastus, 0 vestlust, 0 teavitust, 0 sõnumit." in found.text
    settings = await client.get("/admin/settings")
    assert 'name="escalation_minutes" value="2"' in settings.text  # not 2.0
    tallinn = r'<option value="Europe/Tallinn" selected>Tallinn \(GMT \+0[23]:00\)</option>'
    assert re.search(tallinn, settings.text)  # +03:00 in summer
    bad = await client.post(
        "/admin/settings",
        data={
            "csrf": signed_in,
            "retention_days": "x",
            "opening_hours": "Mon-Fri 08:00-18:00",
            "timezone": "Europe/Tallinn",
            "escalation_minutes": "2",
        },
    )
    assert bad.status_code == 422 and "Hoiuaeg: sisestage täisarv päevi." in bad.text

    wrong_phone = await client.post(
        "/admin/settings?lang=ru",
        data={
            "csrf": signed_in,
            "retention_days": "30",
            "front_desk_phone": "5555 0101",
            "opening_hours": "Mon-Fri 08:00-18:00",
            "timezone": "Europe/Tallinn",
            "escalation_minutes": "2",
        },
    )
    assert wrong_phone.status_code == 422
    assert "Телефон ресепшена: у номера «5555 0101» нет кода страны" in wrong_phone.text

    russian = await client.get("/admin/visits?lang=ru")
    assert '<html lang="ru">' in russian.text
    assert "Журнал визитов" in russian.text and "Зарегистрирован" in russian.text
    out = await client.post("/admin/visits/1/checkout", data={"csrf": signed_in})
    note = (await client.get(out.headers["location"])).text
    assert "Уход посетителя Mari Maasikas отмечен." in note


async def test_the_sign_in_page_follows_the_browser(client: httpx.AsyncClient) -> None:
    page = await client.get("/admin/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert "Вход в frontdesk" in page.text and "Пароль" in page.text
    assert "<code>frontdesk admin create-user you@example.com</code>" in page.text
