"""`POST /slack/events`: Slack's interactivity (and events) endpoint. The signature and its
age are checked here, on the raw body, before anything parses it (Bolt parses the body
before it verifies, so a malformed unsigned one would fail inside it): unsigned → 401.
Bolt then checks again and runs the handlers; see channels/slack/interactions."""

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
    # Bolt and slack_sdk (the `slack` extra) are there whenever Slack is configured.
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
    from slack_sdk.signature import SignatureVerifier

    secret = runtime.settings.slack_signing_secret
    body = await request.body()
    verifier = SignatureVerifier(secret.get_secret_value() if secret else "")
    timestamp = request.headers.get("x-slack-request-timestamp", "")
    if not (timestamp.isdigit() and len(timestamp) <= 12) or not verifier.is_valid(
        body=body, timestamp=timestamp, signature=request.headers.get("x-slack-signature", "")
    ):
        return JSONResponse({"detail": "Missing or invalid Slack signature."}, status_code=401)
    try:
        return await AsyncSlackRequestHandler(runtime.slack).handle(request)
    except ValueError:  # signed by Slack, yet not a payload Bolt can read
        return JSONResponse({"detail": "Unreadable Slack payload."}, status_code=400)
