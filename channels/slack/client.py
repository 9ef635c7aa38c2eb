"""The Slack Web API client both halves share: the notifier that posts to hosts and the
Bolt app that takes their button presses.

The SDK's own retries are switched off: the outbox retries, records every attempt and
moves on to SMS, and two retry loops would hide attempts from it.
"""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient


def slack_client(token: str, *, base_url: str | None, timeout: float) -> AsyncWebClient:
    return AsyncWebClient(
        token=token,
        base_url=(base_url.rstrip("/") + "/") if base_url else AsyncWebClient.BASE_URL,
        timeout=timeout,  # type: ignore[arg-type]  # the SDK passes it on to aiohttp
        retry_handlers=[],
    )
