"""A call put through to the front desk is a hand-over in /metrics, counted once, with why:
through a real Media Streams socket, Twilio's REST stand-in, and /metrics over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from channels.voice.stream_events import OutMark
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
TOKEN = "metrics-test-token-123"
pytestmark = [
    pytest.mark.usefixtures("demo_directory"),
    pytest.mark.parametrize("options", [{"metrics_token": TOKEN}], indirect=True),
]


async def _handovers(server: VoiceServer) -> dict[str, float]:
    """frontdesk_handovers_total of the voice channel, by reason; and the ended calls."""
    async with httpx.AsyncClient(base_url=server.url) as client:
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    found: dict[str, Any] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.labels.get("channel") != "voice":
                continue
            if sample.name == "frontdesk_handovers_total":
                found[sample.labels["reason"]] = sample.value
            if sample.name == "frontdesk_conversations_ended_total":
                found[f"ended:{sample.labels['outcome']}"] = sample.value
    return found


async def test_pressing_0_is_a_handover_with_its_reason(server: VoiceServer) -> None:
    async with server.line() as line:
        await line.wait_for(lambda: line.count(OutMark) >= 1)
        await line.press("0")
        await line.wait_for(lambda: line.closed_by_server)
    await server.wait_calls_over()
    assert await _handovers(server) == {"the caller pressed 0": 1, "ended:handed_over": 1}


async def test_asking_for_a_person_on_a_call_is_one_handover(
    server: VoiceServer, stt: ScriptedStt
) -> None:
    """The flow hands over (its reason), then the call is transferred: one hand-over."""
    stt.script = ["Can I speak to a person, please?"]
    async with server.line() as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Can I speak to a person, please?"))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    await server.wait_calls_over()
    assert await _handovers(server) == {"asked for a person": 1, "ended:handed_over": 1}
