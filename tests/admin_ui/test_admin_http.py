"""The admin UI over HTTP: sign-in, CSRF, rate limiting, escaping, and each page's work."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.directory import directory_revision
from core.store.models import AuditEntry, Employee, Visit, utcnow
from core.store.office import load_office
from tests.admin_ui.conftest import EMAIL, csrf_of, sign_in


async def test_pages_need_a_sign_in_and_the_api_accepts_the_session(
    client: httpx.AsyncClient, admin_user: str
) -> None:
    away = await client.get("/admin/visits")
    assert away.status_code == 303 and away.headers["location"] == "/admin/login?next=/admin/visits"
    assert (await client.get("/api/admin/visits")).status_code == 401
    signed = await sign_in(client)
    assert signed.status_code == 303 and signed.headers["location"] == "/admin/today"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert (await client.get("/api/admin/visits")).status_code == 200
    today = await client.get("/admin/today")
    await client.post("/admin/logout", data={"csrf": csrf_of(today.text)})
    assert (await client.get("/api/admin/visits")).status_code == 401
    assert (await client.get("/admin/today")).status_code == 303


async def test_a_wrong_password_and_a_forged_form_are_refused(
    client: httpx.AsyncClient, admin_user: str
) -> None:
    wrong = await sign_in(client, "not the password")
    assert wrong.status_code == 401 and "Wrong e-mail or password" in wrong.text
    forged = await client.post(
        "/admin/login", data={"email": EMAIL, "password": "x", "csrf": "made-up"}
    )
    assert forged.status_code == 403
    await sign_in(client)
    posted = await client.post("/admin/settings", data={"csrf": "made-up", "retention_days": "1"})
    assert posted.status_code == 403


async def test_sign_in_attempts_are_limited_in_the_database(
    client: httpx.AsyncClient, app: FastAPI, admin_user: str
) -> None:
    for _ in range(3):
        assert (await sign_in(client, "guess")).status_code == 401
    blocked = await sign_in(client, "guess")  # this address must wait before the next try
    assert blocked.status_code == 429 and "Too many" in blocked.text
    assert int(blocked.headers["retry-after"]) > 0
    # Another instance of the app, sharing the database, makes it wait too.
    from web.app import create_app

    other = create_app(app.state.runtime.settings)
    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://b.test") as second:
            assert (await sign_in(second)).status_code == 429
        # The admin at another address is not locked out by these failures.
        elsewhere = httpx.ASGITransport(app=other, client=("198.51.100.20", 50000))
        async with httpx.AsyncClient(transport=elsewhere, base_url="http://b.test") as third:
            assert (await sign_in(third)).status_code == 303


async def test_what_a_visitor_typed_is_shown_escaped(
    client: httpx.AsyncClient, app: FastAPI, signed_in: str
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(
            Visit(
                kind="visit",
                status="checked_in",
                visitor_name="<script>alert(1)</script>",
                company="Acme & <b>Co</b>",
                channel="web",
                language="en",
                checked_in_at=utcnow(),
            )
        )
    for url in ("/admin/today", "/admin/visits", "/admin/visits/1", "/admin/today/evacuation"):
        html = (await client.get(url)).text
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html, url
        assert "<b>Co</b>" not in html


async def test_directory_add_edit_deactivate_import_export(
    client: httpx.AsyncClient, app: FastAPI, signed_in: str
) -> None:
    csrf = signed_in
    person = {
        "name": "Kati Karu",
        "department": "Sales",
        "department_et": "Müük",
        "department_ru": "Продажи",
        "email": "kati@example.com",
        "phone": "+372 5555 0001",
        "slack_id": "U0KATI",
        "aliases": "Katrin; Катя",
        "pronunciation": "KAH-ti",
        "active": "on",
        "csrf": csrf,
    }
    bad = await client.post("/admin/directory/new", data={**person, "email": "not-an-email"})
    assert bad.status_code == 422 and "not a valid e-mail" in bad.text
    national = await client.post("/admin/directory/new", data={**person, "phone": "5555 0001"})
    assert national.status_code == 422 and "has no country code" in national.text
    added = await client.post("/admin/directory/new", data=person)
    assert added.status_code == 303
    async with app.state.runtime.sessionmaker() as db:
        kati = await db.scalar(sa.select(Employee).where(Employee.email == "kati@example.com"))
        revision = await directory_revision(db)
    assert (
        kati is not None and kati.aliases == ["Katrin", "Катя"] and kati.pronunciation == "KAH-ti"
    )
    assert (kati.department_et, kati.department_ru) == ("Müük", "Продажи")
    form = await client.get(f"/admin/directory/{kati.id}")
    assert 'name="department_ru" value="Продажи"' in form.text
    edited = await client.post(
        f"/admin/directory/{kati.id}", data={**person, "department": "Legal"}
    )
    assert edited.status_code == 303
    await client.post(f"/admin/directory/{kati.id}/active", data={"csrf": csrf, "active": "false"})
    async with app.state.runtime.sessionmaker() as db:
        kati = await db.get(Employee, kati.id)
        assert kati is not None and (kati.department, kati.active) == ("Legal", False)
        assert await directory_revision(db) == revision + 2

    csv = (
        "name,department,email,phone,slack_id,aliases,active\nLeo Lõvi,IT,leo@example.com,,,,true\n"
    )
    preview = await client.post(
        "/admin/directory/import", data={"csrf": csrf}, files={"file": ("d.csv", csv.encode())}
    )
    assert "1 to add" in preview.text and "Leo Lõvi" in preview.text
    async with app.state.runtime.sessionmaker() as db:
        assert not await db.scalar(
            sa.select(Employee.id).where(Employee.email == "leo@example.com")
        )
    applied = await client.post(
        "/admin/directory/import/apply", data={"csrf": csrf, "csv": csrf_field(preview.text)}
    )
    assert applied.status_code == 303 and "1 added" in applied.headers["location"].replace(
        "%20", " "
    )
    broken = await client.post(
        "/admin/directory/import",
        data={"csrf": csrf},
        files={
            "file": ("d.csv", b"name,department,email,phone,slack_id,aliases,active\nX,,nope,,,,\n")
        },
    )
    assert "line 2" in broken.text and "Nothing was imported" in broken.text
    exported = await client.get("/admin/directory/export.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert (
        "leo@example.com" in exported.text and "kati@example.com,+37255550001" in exported.text
    )  # E.164
    assert ",false,Müük,Продажи\n" in exported.text  # Kati, inactive, departments as entered


def csrf_field(html: str) -> str:
    """The CSV the preview carries to the apply step."""
    import html as html_lib
    import re

    found = re.search(r'<textarea name="csv" hidden>(.*?)</textarea>', html, re.DOTALL)
    assert found
    return html_lib.unescape(found.group(1))


async def test_settings_are_checked_and_saved(
    client: httpx.AsyncClient, app: FastAPI, signed_in: str
) -> None:
    form = {
        "csrf": signed_in,
        "retention_days": "14",
        "front_desk_phone": "+372 600 0000",
        "opening_hours": "Mon-Fri 09:00-17:00; Sat 10:00-13:00",
        "timezone": "Europe/Tallinn",
        "escalation_minutes": "3",
    }
    bad = await client.post("/admin/settings", data={**form, "opening_hours": "Mon-Fri 17-9"})
    assert bad.status_code == 422 and "Opening hours" in bad.text
    assert (await client.post("/admin/settings", data=form)).status_code == 303
    async with app.state.runtime.sessionmaker() as db:
        office = await load_office(db, app.state.runtime.agent.office_defaults)
    assert office.retention_days == 14 and office.opening_hours.startswith("Mon-Fri 09:00-17:00")
    assert office.escalation_minutes == 3 and office.front_desk_phone == "+3726000000"


async def test_today_checkout_log_filters_and_visitor_erasure(
    client: httpx.AsyncClient, app: FastAPI, signed_in: str
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(
            Visit(
                kind="visit",
                status="checked_in",
                visitor_name="Tom Baker",
                host_name="Priya Patel",
                channel="sms",
                language="en",
                checked_in_at=utcnow(),
                contact_phone="+37255512345",
            )
        )
        db.add(
            Visit(
                kind="visit",
                status="checked_in",
                visitor_name="Mari Maasikas",
                host_name="Jüri Tamm",
                channel="web",
                language="et",
                checked_in_at=utcnow(),
            )
        )
    today = await client.get("/admin/today")
    assert "Tom Baker" in today.text and "Mari Maasikas" in today.text
    out = await client.post("/admin/visits/1/checkout", data={"csrf": signed_in})
    assert out.status_code == 303
    log = await client.get("/admin/visits", params={"channel": "sms", "status": "checked_out"})
    assert "Tom Baker" in log.text and "Mari Maasikas" not in log.text
    assert "Mari Maasikas" in (await client.get("/admin/visits", params={"host": "jüri"})).text
    assert (await client.get("/admin/visits", params={"from": "not-a-date"})).status_code == 422

    found = await client.get("/admin/privacy", params={"phone": "+372 5551 2345"})
    assert "1 visit," in found.text
    data = await client.get("/admin/privacy/export.json", params={"phone": "+372 5551 2345"})
    assert data.json()["visits"][0]["visitor_name"] == "Tom Baker"
    erased = await client.post(
        "/admin/privacy/erase", data={"csrf": signed_in, "phone": "+37255512345"}
    )
    assert erased.status_code == 303
    async with app.state.runtime.sessionmaker() as db:
        names = (await db.scalars(sa.select(Visit.visitor_name))).all()
        [entry] = (await db.scalars(sa.select(AuditEntry))).all()
    assert names == ["Mari Maasikas"] and entry.actor.startswith("admin:")
    assert "Tom" not in str(entry.details)
