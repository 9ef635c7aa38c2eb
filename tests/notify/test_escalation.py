"""A host who does not answer: texted after the escalation time, then the front desk is
told; a host who answers in time stops the ladder."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from frontdesk.settings import Settings
from tests.notify.helpers import eventually, notes, settings_with_stand_ins
from tests.standins.fixtures import Running
from tests.visitor import Visitor

LINES = ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"]


@pytest.fixture
def settings(db_url: str, tmp_path: Path, slack: Running, twilio: Running) -> Settings:
    return settings_with_stand_ins(
        db_url,
        tmp_path,
        slack,
        twilio,
        escalation_minutes=0.02,  # 1.2 seconds
    )


async def _check_in(client: httpx.AsyncClient) -> Visitor:
    visitor = await Visitor.arrive(client, "en")
    for line in LINES:
        await visitor.say(line)
    return visitor


async def test_an_unanswered_host_is_texted_and_then_the_front_desk_is_told(
    app: FastAPI, client: httpx.AsyncClient, slack: Running, twilio: Running, demo_directory: None
) -> None:
    await _check_in(client)
    maker = app.state.runtime.sessionmaker

    async def desk_told() -> bool:
        last = (await notes(maker))[-1]
        return (last.kind, last.status) == ("host_unanswered", "sent")

    await eventually(desk_told)
    assert [p["channel"] for p in slack.api.posted] == ["U0JAMESWILS"]  # first, in Slack
    [reminder] = twilio.api.to("+3725550109")  # then a text to the host's phone
    assert reminder == "Reminder: Tom Baker (Acme) has been waiting at reception for 1 min."
    [desk] = twilio.api.to("+3725550000")  # then the front desk
    assert desk == (
        "James Wilson has not answered: Tom Baker (Acme) has been waiting at reception for 1 min."
    )
    ladder = [(n.kind, n.channel, n.status) for n in await notes(maker)]
    assert ladder == [
        ("host_arrival", "slack", "escalated"),
        ("host_reminder", "sms", "escalated"),
        ("host_unanswered", "slack", "rerouted"),  # no Slack channel for the desk here
        ("host_unanswered", "sms", "sent"),
    ]


async def test_a_host_who_answers_in_time_stops_the_reminders(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: dict[str, str],
    slack: Running,
    twilio: Running,
    demo_directory: None,
) -> None:
    await _check_in(client)
    maker = app.state.runtime.sessionmaker

    async def reminder_queued() -> bool:
        return any(n.kind == "host_reminder" for n in await notes(maker))

    await eventually(reminder_queued)
    visits = (await client.get("/api/admin/visits", headers=auth)).json()
    answer = {"answer": "send_up"}
    path = f"/api/admin/visits/{visits[0]['id']}/host-response"
    assert (await client.post(path, json=answer, headers=auth)).status_code == 200

    async def reminder_due_and_gone() -> bool:
        found = {n.kind: n.status for n in await notes(maker)}
        return found.get("host_reminder") == "acknowledged"

    await eventually(reminder_due_and_gone)
    assert twilio.api.sent == []
