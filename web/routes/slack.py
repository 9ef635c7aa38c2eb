"""`POST /slack/events`: Slack's interactivity (and events) endpoint. The signature is
checked on the raw body before anything parses it, then Bolt runs the handlers; see
channels/slack/interactions, which takes the request as plain values (Slack's SDK is
imported only there)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.api_errors import documented, error_response
from web.deps import RuntimeDep

router = APIRouter()


@router.post(
    "/slack/events",
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                # Interactivity (a host's button): `payload=<JSON>`; events: JSON.
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"payload": {"type": "string"}}}
                },
                "application/json": {"schema": {"type": "object"}},
            }
        }
    },
    responses={
        200: {"description": "Slack's acknowledgement (Bolt's answer)."},
        **documented(
            400,
            401,
            404,
            s400="Signed by Slack, yet not a payload this server can read.",
            s401="Missing or invalid Slack signature (X-Slack-Signature, "
            "X-Slack-Request-Timestamp).",
            s404="Slack is not configured on this server.",
        ),
    },
)
async def slack_events(request: Request, runtime: RuntimeDep) -> Response:
    if runtime.slack is None:
        return error_response(
            404, "Slack is not configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)."
        )
    reply = await runtime.slack.handle(await request.body(), request.headers, request.url.query)
    return Response(reply.body, status_code=reply.status, headers=reply.headers)
