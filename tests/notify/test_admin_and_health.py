"""What an admin sees: the outbox with status and every attempt, and /health naming the
providers in use."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.notify.helpers import arrival, eventually
from tests.standins.fixtures import Running
from tests.standins.server import Failure


async def test_the_outbox_shows_status_and_attempts(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: dict[str, str],
    slack: Running,
    demo_directory: None,
) -> None:
    slack.api.script.fail(
        "chat.postMessage", Failure(status=500), Failure(status=429, retry_after=0)
    )
    _, note_id = await arrival(app.state.runtime.sessionmaker, "priya.patel@example.com")
    app.state.runtime.outbox.wake()

    async def sent() -> bool:
        listed = (await client.get("/api/admin/notifications", headers=auth)).json()
        return any(n["id"] == note_id and n["status"] == "sent" for n in listed)

    await eventually(sent)
    listed = (await client.get("/api/admin/notifications?status=sent", headers=auth)).json()
    [row] = [n for n in listed if n["id"] == note_id]
    assert (row["channel"], row["attempts"], row["kind"], row["host_id"]) == (
        "slack",
        3,
        "host_arrival",
        3,
    )
    detail = (await client.get(f"/api/admin/notifications/{note_id}", headers=auth)).json()
    assert [(a["ok"], a["error"]) for a in detail["history"]] == [
        (False, "Slack said 500 (no error code)"),
        (False, "Slack is rate limiting (retry after 0.0s)"),
        (True, None),
    ]
    assert (await client.get("/api/admin/notifications/999", headers=auth)).status_code == 404
    assert (await client.get(f"/api/admin/notifications/{note_id}")).status_code == 401


async def test_health_names_slack_and_twilio_when_they_are_configured(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    checks = (await client.get("/health", headers=auth)).json()["checks"]
    assert checks["notifier"] == {"ok": True, "provider": "slack", "fallbacks": ["sms", "console"]}
    assert checks["sms"] == {"ok": True, "provider": "twilio"}
    assert checks["slack_events"] == {"ok": True, "provider": "slack"}
    assert checks["badges"] == {"ok": True, "provider": "pdf", "label": "62x100mm"}
