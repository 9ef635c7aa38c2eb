"""The admin JSON API: auth, the directory search (the same resolver as the agent), visits
and notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from core.store.models import Visit
from tests.visitor import Visitor

pytestmark = pytest.mark.usefixtures("demo_directory")
ROUTES = ["/api/admin/directory/search?q=Sarah", "/api/admin/visits", "/api/admin/notifications"]


@pytest.mark.parametrize("path", ROUTES)
async def test_admin_routes_need_a_token(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path)).status_code == 401
    bad = {"Authorization": "Bearer fd_not_a_real_token"}
    assert (await client.get(path, headers=bad)).status_code == 401
    assert (await client.get(path, headers={"Authorization": "Basic eDp5"})).status_code == 401


@pytest.mark.parametrize(
    ("q", "status", "names"),
    [
        ("Sarah", "multiple", {"Sarah Chen", "Sarah Miller"}),
        ("Сара Чен", "found", {"Sarah Chen"}),
        ("Jüri Tammega", "found", {"Jüri Tamm"}),
        ("Ивану Петрову", "found", {"Ivan Petrov"}),
        ("Tonu Ounapuu", "found", {"Tõnu Õunapuu"}),
        ("Dr. Patel", "found", {"Priya Patel"}),
        ("Kristjan Kuusk", "inactive", {"Kristjan Kuusk"}),
        ("everyone", "not_found", set()),
    ],
)
async def test_directory_search(
    client: httpx.AsyncClient, auth: dict[str, str], q: str, status: str, names: set[str]
) -> None:
    response = await client.get("/api/admin/directory/search", params={"q": q}, headers=auth)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == status
    assert {c["name"] for c in body["candidates"]} == names
    for candidate in body["candidates"]:
        assert set(candidate) >= {"id", "name", "department", "score"}
        assert 0 <= candidate["score"] <= 1


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "q"), ({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "a", "limit": "0"}, "limit")],
)
async def test_search_bad_input_names_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], params: dict[str, str], field: str
) -> None:
    response = await client.get("/api/admin/directory/search", params=params, headers=auth)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(field)


async def test_visits_and_notifications_after_a_check_in(
    app: FastAPI, client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    v = await Visitor.arrive(client, "en")
    await v.say("I'm Tom Baker from Acme, here to see Priya Patel")
    await v.say("yes")
    visits = (await client.get("/api/admin/visits", headers=auth)).json()
    assert len(visits) == 1
    visit = visits[0]
    assert {
        k: visit[k]
        for k in ("visitor_name", "company", "host_name", "channel", "language", "status")
    } == {
        "visitor_name": "Tom Baker",
        "company": "Acme",
        "host_name": "Priya Patel",
        "channel": "web",
        "language": "en",
        "status": "checked_in",
    }
    assert visit["checked_in_at"] and visit["expected_at"] is None
    assert set(visit) >= {
        "id",
        "visitor_name",
        "company",
        "host_id",
        "host_name",
        "channel",
        "language",
        "status",
        "expected_at",
        "checked_in_at",
    }
    notes = (await client.get("/api/admin/notifications", headers=auth)).json()
    assert notes[0]["visit_id"] == visit["id"] and notes[0]["host_id"] == visit["host_id"]
    assert set(notes[0]) >= {
        "id",
        "visit_id",
        "host_id",
        "channel",
        "status",
        "attempts",
        "created_at",
    }


async def test_visits_filters(
    app: FastAPI, client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    now = datetime.now(UTC)
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(
            Visit(
                status="checked_in",
                channel="web",
                language="en",
                visitor_name="New",
                created_at=now,
                checked_in_at=now,
            )
        )
        db.add(
            Visit(
                status="checked_out",
                channel="sms",
                language="et",
                visitor_name="Old",
                created_at=now - timedelta(days=3),
            )
        )
    by_status = (
        await client.get("/api/admin/visits", params={"status": "checked_out"}, headers=auth)
    ).json()
    assert [v["visitor_name"] for v in by_status] == ["Old"]
    since = (now - timedelta(days=1)).date().isoformat()
    recent = (await client.get("/api/admin/visits", params={"since": since}, headers=auth)).json()
    assert [v["visitor_name"] for v in recent] == ["New"]
    for params, field in (({"status": "partying"}, "status"), ({"since": "yesterday"}, "since")):
        response = await client.get("/api/admin/visits", params=params, headers=auth)
        assert response.status_code == 422 and response.json()["detail"].startswith(field)
