"""`POST /slack/events`: Slack's interactivity (and events) endpoint. Bolt verifies the
request signature and its age before any handler runs; see channels/slack/interactions,
which takes the request as plain values (Slack's SDK is imported only there)."""

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
    reply = await runtime.slack.handle(await request.body(), request.headers, request.url.query)
    return Response(reply.body, status_code=reply.status, headers=reply.headers)
