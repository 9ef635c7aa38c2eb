"""A host's button press in Slack reaches the visitor on their own channel: the web chat's
/events stream over a real socket, or a text message; and the visit records the answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import sqlalchemy as sa

from core.store.db import SessionMaker
from core.store.models import Notification, SessionEvent, Visit
from frontdesk.settings import Settings
from tests.notify.helpers import eventually, notes
from tests.sms.phone import Phone
from tests.standins.fixtures import SIGNING_SECRET, Running
from tests.standins.slack_api import button_press, signed
from tests.visitor import Visitor


async def _check_in(client: httpx.AsyncClient, language: str, lines: list[str]) -> Visitor:
    visitor = await Visitor.arrive(client, language)
    for line in lines:
        reply = await visitor.say(line)
    assert reply["state"] == "complete", reply
    return visitor


async def _posted(slack: Running, count: int = 1) -> dict[str, Any]:
    async def arrived() -> bool:
        return len(slack.api.posted) >= count

    await eventually(arrived)
    post: dict[str, Any] = slack.api.posted[count - 1]  # a stand-in is untyped in `Running`
    return post


async def _press(client: httpx.AsyncClient, post: dict[str, Any], answer: str) -> httpx.Response:
    body, headers = signed(button_press(post, answer), SIGNING_SECRET)
    return await client.post("/slack/events", content=body, headers=headers)


async def _events(client: httpx.AsyncClient, session_id: str) -> AsyncIterator[tuple[str, Any]]:
    """The session's /events stream as (event, data), read off the socket as it comes."""
    async with client.stream("GET", f"/api/chat/sessions/{session_id}/events") as response:
        assert response.status_code == 200
        event = "message"
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                yield event, json.loads(line[5:])


async def _visit(sessionmaker: SessionMaker) -> Visit:
    async with sessionmaker() as db:
        visit: Visit | None = await db.scalar(sa.select(Visit))
        assert visit is not None
        return visit


async def test_a_slack_button_reaches_the_visitor_waiting_in_the_web_chat(
    live_server: str, sessionmaker: SessionMaker, slack: Running
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        visitor = await _check_in(
            client, "ru", ["Здравствуйте, я к Ивану Петрову", "да", "Анна Смирнова", "Яндекс"]
        )
        post = await _posted(slack)
        assert post["channel"] == "U0IVANPETRO"

        async def first_host_response() -> Any:
            async for event, data in _events(client, visitor.session_id):
                if event == "host_response":
                    return data
            return None

        listening = asyncio.create_task(first_host_response())
        await asyncio.sleep(0.3)  # the visitor is already waiting when the host answers
        pressed = await _press(client, post, "on_my_way")
        assert pressed.status_code == 200
        data = await asyncio.wait_for(listening, timeout=10)

    assert data == {
        "text": "Иван Петров уже идёт к вам.",
        "spoken": "Иван Петров уже идёт к вам.",
        "language": "ru",
        "answer": "on_my_way",
    }
    visit = await _visit(sessionmaker)
    assert (visit.host_response, visit.host_response_via) == ("on_my_way", "slack")
    assert visit.host_responded_at is not None

    # The host's message now shows the answer instead of the buttons.
    async def updated() -> bool:
        return bool(slack.api.updated)

    await eventually(updated)
    [update] = slack.api.updated
    assert update["ts"] == post["ts"]
    assert "Your answer: On my way. Анна Смирнова (Яндекс) has been told." in update["text"]
    # Answered: the reminder that was waiting will not be sent.
    kinds = {n.kind: n.status for n in await notes(sessionmaker)}
    assert kinds == {"host_arrival": "acknowledged", "host_reminder": "acknowledged"}


async def test_an_unsigned_or_stale_press_is_refused(
    app: object, client: httpx.AsyncClient, slack: Running, demo_directory: None
) -> None:
    await _check_in(client, "en", ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"])
    post = await _posted(slack)
    body, headers = signed(button_press(post, "on_my_way"), "not-the-secret")
    assert (await client.post("/slack/events", content=body, headers=headers)).status_code == 401
    body, headers = signed(button_press(post, "on_my_way"), SIGNING_SECRET, timestamp=1_000_000)
    assert (await client.post("/slack/events", content=body, headers=headers)).status_code == 401
    maker = app.state.runtime.sessionmaker  # type: ignore[attr-defined]
    assert (await _visit(maker)).host_response is None


async def test_a_visitor_who_texted_gets_the_answer_by_text(
    app: object,
    client: httpx.AsyncClient,
    settings: Settings,
    slack: Running,
    twilio: Running,
    demo_directory: None,
) -> None:
    phone = Phone(client, settings, "+3725551234")
    for line in ["Tere! Mul on kohtumine Jüri Tammega", "jah", "Mari Kask", "Telia"]:
        await phone.text(line)
    post = await _posted(slack)
    assert (await _press(client, post, "send_up")).status_code == 200

    async def texted() -> bool:
        return bool(twilio.api.to("+3725551234"))

    await eventually(texted)
    assert twilio.api.to("+3725551234") == [
        "Jüri Tamm palub teil üles tulla, infolaud juhatab teed."
    ]


async def test_a_visitor_who_sent_stop_is_not_texted_and_cant_make_it_reaches_the_desk(
    app: object,
    client: httpx.AsyncClient,
    settings: Settings,
    slack: Running,
    twilio: Running,
    demo_directory: None,
) -> None:
    phone = Phone(client, settings, "+447700900123")
    for line in ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme", "STOP"]:
        await phone.text(line)
    post = await _posted(slack)
    assert (await _press(client, post, "cant_make_it")).status_code == 200
    maker = app.state.runtime.sessionmaker  # type: ignore[attr-defined]

    async def settled() -> bool:
        found = {n.kind: n for n in await notes(maker)}
        relay = found.get("visitor_message")
        return bool(relay and relay.status == "failed" and twilio.api.to("+3725550000"))

    await eventually(settled)
    assert twilio.api.to("+447700900123") == []  # the visitor said STOP
    async with maker() as db:
        relay = await db.scalar(
            sa.select(Notification).where(Notification.kind == "visitor_message")
        )
        assert relay is not None and "STOP" in (relay.last_error or "")
    assert twilio.api.to("+3725550000") == [
        "James Wilson can't make it: please look after Tom Baker (Acme) at reception."
    ]


async def test_the_desk_can_record_a_host_answer_given_by_phone(
    app: object,
    client: httpx.AsyncClient,
    auth: dict[str, str],
    slack: Running,
    demo_directory: None,
) -> None:
    lines = ["Tere! Tulin Mari Mägi juurde", "jah", "Kalle", "Bolt"]
    visitor = await _check_in(client, "et", lines)
    await _posted(slack)
    maker = app.state.runtime.sessionmaker  # type: ignore[attr-defined]
    visit_id = (await _visit(maker)).id
    path = f"/api/admin/visits/{visit_id}/host-response"
    assert (await client.post(path, json={"answer": "on_my_way"})).status_code == 401
    bad = await client.post(path, json={"answer": "maybe"}, headers=auth)
    assert bad.status_code == 422 and "answer" in bad.json()["detail"]
    unknown = "/api/admin/visits/999/host-response"
    assert (await client.post(unknown, json={"answer": "send_up"}, headers=auth)).status_code == 404
    ok = await client.post(path, json={"answer": "on_my_way"}, headers=auth)
    assert ok.json() == {"visit_id": visit_id, "host_response": "on_my_way", "changed": True}
    again = await client.post(path, json={"answer": "on_my_way"}, headers=auth)
    assert again.json()["changed"] is False  # pressed twice, told once
    async with maker() as db:
        events = (await db.scalars(sa.select(SessionEvent))).all()
    assert [(e.session_id, e.payload["text"]) for e in events] == [
        (visitor.session_id, "Mari Mägi on teile juba vastu tulemas.")
    ]
    assert (await _visit(maker)).host_response_via == "admin"
