"""A call put through to the front desk is a hand-over in /metrics, counted once, with why:
through a real Media Streams socket, Twilio's REST stand-in, and /metrics over HTTP."""

from __future__ import annotations

import pytest

from channels.voice.stream_events import OutMark
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import VoiceServer, voice_metrics
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
TOKEN = "metrics-test-token-123"
pytestmark = [
    pytest.mark.usefixtures("demo_directory"),
    pytest.mark.parametrize("options", [{"metrics_token": TOKEN}], indirect=True),
]


async def _handovers(server: VoiceServer) -> dict[str, float]:
    return await voice_metrics(server, TOKEN)


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


async def test_a_call_in_progress_is_an_active_call(server: VoiceServer) -> None:
    """Counted as the call starts and ends (not read at scrape time: another worker
    process's scrape must see it too)."""

    async def active() -> float:
        import httpx
        from prometheus_client.parser import text_string_to_metric_families

        async with httpx.AsyncClient(base_url=server.url) as client:
            text = (await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text
        (value,) = [
            s.value
            for family in text_string_to_metric_families(text)
            for s in family.samples
            if s.name == "frontdesk_active_calls"
        ]
        return value

    assert await active() == 0
    async with server.line() as line:
        await line.wait_for(lambda: line.count(OutMark) >= 1)
        assert await active() == 1
        await line.press("0")
        await line.wait_for(lambda: line.closed_by_server)
    await server.wait_calls_over()
    assert await active() == 0
