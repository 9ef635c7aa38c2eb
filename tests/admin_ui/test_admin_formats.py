"""Dates, times, numbers and time zones in the admin's language: moments written as the
language writes them (Babel), the visit log's day filter read in the language's own
format when typed into the address, and the time zones named by city in that language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from core.store.models import Visit
from web.admin.pages_settings import zone_choices
from web.i18n import Words

TALLINN = ZoneInfo("Europe/Tallinn")


def plain(text: str) -> str:
    """CLDR puts (narrow) no-break spaces where a line must not break: "9:30\u202fAM"."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("lang", "moment", "clock", "language"),
    [
        ("en", "Dec 6, 2026, 9:30 AM", "9:30 AM", "Estonian"),
        ("et", "6. dets 2026 09:30", "09:30", "eesti"),
        ("ru", "6 дек. 2026 г., 09:30", "09:30", "эстонский"),
    ],
)
def test_moments_as_the_language_writes_them(
    lang: str, moment: str, clock: str, language: str
) -> None:
    t = Words(lang)
    at = datetime(2026, 12, 6, 7, 30, tzinfo=UTC)
    assert plain(t.moment(at, TALLINN)) == moment
    assert plain(t.time(at, TALLINN)) == clock
    assert t.moment(None, TALLINN) == t.time(None, TALLINN) == "—"
    assert t.language_name("et") == language


def test_time_zones_by_city_in_the_admin_s_language() -> None:
    day = date(2026, 12, 6)
    for lang, area, tallinn in (
        ("en", "Europe", "Tallinn (GMT+02:00)"),
        ("et", "Euroopa", "Tallinn (GMT +02:00)"),
        ("ru", "Европа", "Таллин (GMT+02:00)"),
    ):
        choices = dict(zone_choices(lang, day))
        assert ("Europe/Tallinn", tallinn) in choices[area]
    europe = dict(dict(zone_choices("ru", day))["Европа"])
    assert europe["Europe/Kyiv"] == "Киев (GMT+02:00)" and "Europe/Kiev" not in europe  # once
    assert "US/Eastern" not in {z for _, zs in zone_choices("en", day) for z, _ in zs}


async def test_the_visit_log_reads_a_day_as_the_language_writes_it(
    app: FastAPI, client: httpx.AsyncClient, signed_in: str
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        at = datetime(2026, 12, 6, 7, 30, tzinfo=UTC)
        db.add(
            Visit(
                kind="visit",
                status="checked_in",
                visitor_name="Mari",
                channel="web",
                language="et",
                checked_in_at=at,
            )
        )
        old = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)
        db.add(
            Visit(
                kind="visit",
                status="checked_out",
                visitor_name="Olev",
                channel="sms",
                language="ru",
                checked_in_at=old,
            )
        )
    for lang, written in (("et", "6.12.2026"), ("ru", "06.12.2026"), ("en", "12/6/2026")):
        log = await client.get("/admin/visits", params={"lang": lang, "from": written})
        assert log.status_code == 200
        assert 'name="from" value="2026-12-06"' in log.text  # the date input's own format
        assert "Mari" in log.text and "Olev" not in log.text
    russian = await client.get("/admin/visits", params={"lang": "ru"})
    assert "6 дек. 2026 г., 09:30" in plain(russian.text)
    assert "2 нояб. 2026 г., 09:30" in plain(russian.text)
    bad = await client.get("/admin/visits", params={"lang": "et", "from": "eile"})
    assert bad.status_code == 422
    assert "„eile“ pole kuupäev: valige see kalendrist või kirjutage näiteks 06.12.26." in bad.text
    details = await client.get("/admin/visits/1", params={"lang": "en"})
    assert "Dec 6, 2026, 9:30 AM" in plain(details.text)
