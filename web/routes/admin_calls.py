"""`POST /api/admin/calls` places a call that says a message; `GET /api/admin/calls/{sid}`
reads its status. Both need admin auth and a configured Twilio.

Answers: 201/200 `{sid, to, status, purpose}`; 422 naming the field for bad input; 404
for a call Twilio does not know; 503 when Twilio is not configured; 502 naming Twilio
when its API fails. `purpose` is known only for calls this server placed since it started.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from channels.voice.control import (
    CallControlError,
    CallNotFound,
    NotConfigured,
    TwilioCallControl,
    call_sid,
    phone_number,
)
from web.api_errors import documented, error_response, invalid_field
from web.deps import CurrentAdmin

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", responses=documented(401, 403))  # CurrentAdmin

NOT_CONFIGURED = (
    "Calls need Twilio: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER."
)


class PlaceCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: Annotated[str, Field(min_length=1, max_length=40, description="E.164, e.g. +3725551234")]
    purpose: Annotated[str, Field(min_length=1, max_length=500, description="What to say")]


# What these routes answer besides 200/201 and the admin API's 401/403/422.
CALL_ERRORS = documented(
    502,
    503,
    s502="Twilio's API failed.",
    s503="Twilio is not configured on this server (or the database is unavailable).",
)


def _failed(exc: CallControlError) -> JSONResponse:
    if isinstance(exc, NotConfigured):
        return error_response(503, f"{exc} {NOT_CONFIGURED}")
    if isinstance(exc, CallNotFound):
        return error_response(404, str(exc))
    log.warning("an admin call request failed: %s", exc)
    return error_response(502, f"Twilio's API failed: {exc}")


def _control(request: Request) -> TwilioCallControl | None:
    control: TwilioCallControl | None = getattr(request.app.state, "call_control", None)
    return control


@router.post("/calls", status_code=201, response_model=None, responses=CALL_ERRORS)
async def place_call(
    _admin: CurrentAdmin, body: PlaceCall, request: Request
) -> dict[str, Any] | JSONResponse:
    try:
        to = phone_number(body.to)
    except ValueError as exc:
        return invalid_field(str(exc))
    if not body.purpose.strip():
        return invalid_field("purpose: must not be blank")
    control = _control(request)
    if control is None:
        return error_response(503, NOT_CONFIGURED)
    try:
        info = await control.place_call(to, body.purpose)
    except CallControlError as exc:
        return _failed(exc)
    except ValueError as exc:
        return invalid_field(str(exc))
    return info.as_dict()


@router.get(
    "/calls/{sid}",
    response_model=None,
    responses={**CALL_ERRORS, **documented(404, s404="Twilio knows no call with that SID.")},
)
async def call_status(
    _admin: CurrentAdmin, sid: str, request: Request
) -> dict[str, Any] | JSONResponse:
    try:
        call_sid(sid)
    except ValueError as exc:
        return invalid_field(str(exc))
    control = _control(request)
    if control is None:
        return error_response(503, NOT_CONFIGURED)
    try:
        info = await control.status(sid)
    except CallControlError as exc:
        return _failed(exc)
    return info.as_dict()
