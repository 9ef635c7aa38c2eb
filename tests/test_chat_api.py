"""The web chat routes as the contract states them, including bad input."""

from __future__ import annotations

import asyncio
import gc
import json
import sys
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from core.messages import WEB_STYLE, Inbound
from core.store.db import create_engine, create_sessionmaker
from core.store.sessions import push_event
from frontdesk.settings import Settings
from tests.visitor import Visitor, parse_sse


async def test_session_is_created_with_a_greeting(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/chat/sessions", json={"language": "et"})
    assert response.status_code == 201
    body = response.json()
    assert len(body["session_id"]) >= 20
    assert body["greeting"].startswith("Tere")


async def test_session_without_body(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/chat/sessions")
    assert response.status_code == 201


@pytest.mark.parametrize("language", ["xx", "EN", 5])
async def test_unknown_language_is_422_naming_the_field(
    client: httpx.AsyncClient, language: object
) -> None:
    response = await client.post("/api/chat/sessions", json={"language": language})
    assert response.status_code == 422
    assert "language" in response.json()["detail"]


async def test_unknown_session_is_404(client: httpx.AsyncClient) -> None:
    for path in (
        "/api/chat/sessions/nope/messages",
        "/api/chat/sessions/" + "x" * 500 + "/messages",
    ):
        response = await client.post(path, json={"text": "hello"})
        assert response.status_code == 404
    response = await client.get("/api/chat/sessions/nope/events")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n\t "}, "text"),
        ({"text": "\x00\x01\x02"}, "text"),
        ({"text": "a" * 10_000}, "text"),
        ({}, "text"),
        ({"text": None}, "text"),
        ({"text": ["hi"]}, "text"),
    ],
)
async def test_bad_text_is_422_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    visitor = await Visitor.arrive(client)
    response = await client.post(f"/api/chat/sessions/{visitor.session_id}/messages", json=body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(field)


async def test_malformed_json_is_422(client: httpx.AsyncClient) -> None:
    visitor = await Visitor.arrive(client)
    response = await client.post(
        f"/api/chat/sessions/{visitor.session_id}/messages",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422


async def test_control_characters_are_dropped_not_fatal(client: httpx.AsyncClient) -> None:
    visitor = await Visitor.arrive(client, "en")
    reply = await visitor.say("hel\x00lo\x07\u202e")
    assert reply["language"] == "en"


async def test_json_and_sse_modes_give_the_same_reply_object(
    client: httpx.AsyncClient,
) -> None:
    a = await Visitor.arrive(client, "en")
    b = await Visitor.arrive(client, "en")
    json_reply = await a.say("Hello")
    sse_reply = await b.say("Hello", stream=True)
    assert json_reply == sse_reply


async def test_events_stream_pushes_later_messages(live_server: str, settings: Settings) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        visitor = await Visitor.arrive(client, "en")
        url = f"/api/chat/sessions/{visitor.session_id}/events"

        async def push_soon() -> None:
            await asyncio.sleep(0.3)
            engine = create_engine(settings.database_url)
            async with create_sessionmaker(engine)() as db, db.begin():
                await push_event(
                    db, visitor.session_id, "host_response", {"text": "Sarah is on her way."}
                )
            await engine.dispose()

        pusher = asyncio.create_task(push_soon())
        received = ""
        async with client.stream("GET", url) as response:
            assert response.status_code == 200
            async for chunk in response.aiter_text():
                received += chunk
                if "Sarah is on her way" in received and received.endswith(("\n\n", "\r\n\r\n")):
                    break
        await pusher
    events = parse_sse(received)
    assert ("host_response", {"text": "Sarah is on her way."}) in events
    assert "id: " in received  # resumable with Last-Event-ID


async def test_html_in_text_comes_back_as_text(client: httpx.AsyncClient) -> None:
    visitor = await Visitor.arrive(client, "en")
    reply = await visitor.say("<script>alert(1)</script>")
    assert "<script>" not in json.dumps(reply) or reply["reply"].count("<script>") <= 1


async def test_a_turn_leaves_no_generator_for_the_event_loop_to_close(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """A turn's events are read to the end, by the JSON route and by `Agent.reply`: a
    generator left suspended is closed by the event loop later, in a task of its own,
    woken with a thread-safe call (a system call), after every turn."""
    firstiter, finalizer = sys.get_asyncgen_hooks()
    left: list[str] = []

    def noting(agen: Any) -> None:
        left.append(agen.__qualname__)
        if finalizer is not None:
            finalizer(agen)

    sys.set_asyncgen_hooks(firstiter, noting)
    try:
        visitor = await Visitor.arrive(client)
        await visitor.say("hello")
        await visitor.say("Hi, I'm here to see Sarah Miller")
        agent = app.state.runtime.agent
        inbound = Inbound(text="hello", channel="web", session_key=visitor.session_id)
        await agent.reply(replace(inbound, session_opened=True), WEB_STYLE)
        gc.collect()
    finally:
        sys.set_asyncgen_hooks(firstiter, finalizer)
    assert "Agent.turn" not in left
