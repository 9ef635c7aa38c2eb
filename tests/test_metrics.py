"""`/metrics`: absent without a token, refused with a wrong one, and with the right one the
named families, counting what visitors actually did over the real HTTP routes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from channels.voice.metrics import CallMetrics
from core.outbox import enqueue
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.visitor import Visitor

TOKEN = "metrics-test-token-123"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
FAMILIES = {
    "frontdesk_turn_seconds",
    "frontdesk_checkins",
    "frontdesk_handovers",
    "frontdesk_conversations_ended",
    "frontdesk_conversations_without_result",
    "frontdesk_conversation_language",
    "frontdesk_name_searches",
    "frontdesk_voice_answer_seconds",
    "frontdesk_voice_barge_in_seconds",
    "frontdesk_outbox_pending",
    "frontdesk_outbox_oldest_pending_seconds",
    "frontdesk_outbox_failed_attempts",
    "frontdesk_active_calls",
    "frontdesk_chat_streams",
}


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def families(text: str) -> set[str]:
    return {family.name for family in text_string_to_metric_families(text)}


async def test_metrics_are_not_served_without_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/metrics")).status_code == 404
    assert (await client.get("/metrics", headers=BEARER)).status_code == 404
    assert "/metrics" not in (await client.get("/openapi.json")).text


class TestWithAToken:
    @pytest.fixture
    def settings(self, db_url: str, tmp_path: Path) -> Settings:
        return make_settings(db_url, tmp_path, metrics_token=TOKEN, run_workers=False)

    async def test_a_wrong_token_is_refused(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/metrics")).status_code == 401
        wrong = {"Authorization": "Bearer not-it"}
        response = await client.get("/metrics", headers=wrong)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"

    async def test_the_families_count_what_visitors_did(
        self, app: FastAPI, client: httpx.AsyncClient, demo_directory: None
    ) -> None:
        empty = await client.get("/metrics", headers=BEARER)
        assert empty.status_code == 200
        assert empty.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert families(empty.text) >= FAMILIES

        checked_in = await Visitor.arrive(client, "en")
        for line in ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"]:
            reply = await checked_in.say(line)
        assert reply["state"] == "complete"
        handed_over = await Visitor.arrive(client, "ru")
        await handed_over.say("Здравствуйте, я к Зорбаксу Квимби")
        reply = await handed_over.say("Позовите, пожалуйста, живого человека")
        assert reply["state"] == "transfer_human", reply
        left = await Visitor.arrive(client, "et")
        await left.say("Tere, ma tulin Jüri Tamme juurde")
        runtime = app.state.runtime
        runtime.agent.session_idle = -runtime.agent.session_idle  # everyone is idle now
        assert await runtime.agent.end_idle_sessions() == 1  # only the open one
        runtime.voice.on_call_end(_a_call())

        got = samples((await client.get("/metrics", headers=BEARER)).text)
        web = ("channel", "web")
        assert got["frontdesk_turn_seconds_count", frozenset({web})] == 7
        assert got["frontdesk_checkins_total", frozenset({web, ("booked", "false")})] == 1
        reasons = [k for k in got if k[0] == "frontdesk_handovers_total"]
        assert [dict(labels)["reason"] for _, labels in reasons] == ["asked for a person"]
        ended = {
            dict(labels)["outcome"]: value
            for (name, labels), value in got.items()
            if name == "frontdesk_conversations_ended_total"
        }
        assert ended == {"completed": 1, "handed_over": 1, "no_result": 1}
        assert got["frontdesk_conversations_without_result_total", frozenset({web})] == 1
        for language in ("en", "ru", "et"):
            key = ("frontdesk_conversation_language_total", frozenset({("language", language)}))
            assert got[key] == 1
        found = ("frontdesk_name_searches_total", frozenset({("outcome", "found")}))
        not_found = ("frontdesk_name_searches_total", frozenset({("outcome", "not_found")}))
        assert got[found] >= 2 and got[not_found] >= 1
        assert got["frontdesk_voice_answer_seconds_count", frozenset()] == 2
        assert got["frontdesk_voice_answer_seconds_sum", frozenset()] == pytest.approx(0.9)
        assert got["frontdesk_voice_barge_in_seconds_count", frozenset()] == 1
        assert got["frontdesk_active_calls", frozenset()] == 0

        # The workers are off: the host's and the front desk's notifications wait.
        pending = {
            dict(labels)["notifier"]: value
            for (name, labels), value in got.items()
            if name == "frontdesk_outbox_pending"
        }
        assert pending == {"console": 2}
        oldest = got[
            "frontdesk_outbox_oldest_pending_seconds", frozenset({("notifier", "console")})
        ]
        assert 0 <= oldest < 60

    async def test_a_call_put_through_to_a_person_is_a_handover(
        self, app: FastAPI, client: httpx.AsyncClient
    ) -> None:
        """What the call does when Twilio has transferred it (channels/voice/call.py)."""
        agent = app.state.runtime.agent
        transferred = await agent.open_session("voice", language="et", session_key="CA-1")
        await agent.end_session(transferred, handed_over="the caller pressed 0")
        hung_up = await agent.open_session("voice", language="ru", session_key="CA-2")
        await agent.end_session(hung_up)
        await agent.end_session(hung_up)  # ended once, counted once
        got = samples((await client.get("/metrics", headers=BEARER)).text)
        voice = ("channel", "voice")
        reason = ("reason", "the caller pressed 0")
        assert got["frontdesk_handovers_total", frozenset({voice, reason})] == 1
        for outcome in ("handed_over", "no_result"):
            key = frozenset({voice, ("outcome", outcome)})
            assert got["frontdesk_conversations_ended_total", key] == 1
        assert got["frontdesk_conversations_without_result_total", frozenset({voice})] == 1

    async def test_an_outbox_failure_is_counted_by_notifier(
        self, app: FastAPI, client: httpx.AsyncClient
    ) -> None:
        runtime = app.state.runtime
        async with runtime.sessionmaker() as db, db.begin():
            payload = {
                "summary": "a visitor asked for a person",
                "channel": "web",
                "language": "en",
            }
            await enqueue(db, kind="front_desk", channel="sms", payload=payload)
        # Only the console notifier is configured: the SMS attempt fails.
        await runtime.outbox.process_due()
        got = samples((await client.get("/metrics", headers=BEARER)).text)
        assert got["frontdesk_outbox_failed_attempts", frozenset({("notifier", "sms")})] >= 1


async def test_open_chat_streams_are_counted(tmp_path: Path, db_url: str) -> None:
    from frontdesk.runtime import Providers
    from tests.conftest import serve_asgi
    from web.app import create_app

    settings = make_settings(db_url, tmp_path, metrics_token=TOKEN)
    async with (
        serve_asgi(create_app(settings, Providers()), lifespan="on") as url,
        httpx.AsyncClient(base_url=url, timeout=10) as client,
    ):
        visitor = await Visitor.arrive(client, "en")

        async def streams() -> float:
            text = (await client.get("/metrics", headers=BEARER)).text
            return samples(text)["frontdesk_chat_streams", frozenset()]

        assert await streams() == 0
        events = f"/api/chat/sessions/{visitor.session_id}/events"
        async with client.stream("GET", events) as response:
            assert response.status_code == 200
            assert await streams() == 1
        for _ in range(100):  # the server notices the client left at its next write or poll
            if await streams() == 0:
                break
            await asyncio.sleep(0.05)
        assert await streams() == 0


def _a_call() -> CallMetrics:
    call = CallMetrics(call_sid="CA1")
    call.end_of_turn(10.0)
    call.first_media(10.4)
    call.end_of_turn(20.0)
    call.first_media(20.5)
    call.barge_in(30.0, 30.25)
    return call
