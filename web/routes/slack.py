"""`POST /slack/events`: Slack's interactivity (and events) endpoint. Bolt verifies the
request signature and its age before any handler runs; see channels/slack/interactions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from web.deps import RuntimeDep

router = APIRouter()


@router.post("/slack/events", response_model=None)
async def slack_events(request: Request, runtime: RuntimeDep) -> Response:
    if runtime.slack is None:
        return JSONResponse(
            {"detail": "Slack is not configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)."},
            status_code=404,
        )
    # Bolt (the `slack` extra) is there whenever Slack is configured.
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

    return await AsyncSlackRequestHandler(runtime.slack).handle(request)
