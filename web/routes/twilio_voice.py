"""Twilio's voice webhooks and the Media Streams WebSocket (CONTRACT.md).

- `POST /twilio/voice`: a call to the lobby number. Answered with TwiML that connects
  the call to `WS /twilio/media`, passing the caller's number and the call SID along.
- `WS /twilio/media`: the call's audio, both ways. The handshake's signature is checked
  before the socket is accepted (refused: the server answers HTTP 403); then Twilio's
  `start` must come within seconds with the call's own stream token (a custom parameter
  of the TwiML, `channels/voice/stream_token.py`), or the socket is closed 1008; then
  the socket belongs to the runtime's call handler until the call ends.
- `POST /twilio/voice/whisper`: what the person answering a transferred call hears first.
- `POST /twilio/voice/dial-result`: how a transfer's `<Dial>` ended.
- `POST /twilio/voice/status`: status callbacks of calls the office placed.

Every request is signed by Twilio over the URL it called, rebuilt from
FRONTDESK_PUBLIC_URL (`wss://` for the stream); missing or wrong, the answer is 403 and
nothing else is read. Logs carry call SIDs, never phone numbers.
"""

from __future__ import annotations

import contextlib
import logging

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from starlette.websockets import WebSocketState

from channels.twilio.signature import public_url
from channels.voice import stream_gate, stream_token, twiml
from channels.voice.control import DIAL_RESULT_PATH, STATUS_PATH, WHISPER_PATH
from core.messages import as_language
from core.store.office import load_office
from frontdesk.runtime import Runtime
from web.api_errors import invalid_field
from web.deps import RuntimeDep
from web.routes.twilio_signed import (
    INVALID_FORM,
    XML,
    forbidden,
    signed,
    signed_form,
    webhook_docs,
)

log = logging.getLogger(__name__)
router = APIRouter()

VOICE_PATH = "/twilio/voice"
MEDIA_PATH = "/twilio/media"


def _missing(field: str) -> Response:
    return invalid_field(f"{field}: required by Twilio's voice webhook")


CALL_SID = {"CallSid": "The call's SID."}


@router.post(
    VOICE_PATH,
    **webhook_docs(
        {**CALL_SID, "From": "The caller's number."},
        required=("CallSid",),
        answer="TwiML that connects the call to the media stream "
        '(`<Connect><Stream url="wss://…/twilio/media">`), or says the line is unavailable.',
        errors=INVALID_FORM,
    ),
)
async def incoming_call(request: Request, runtime: RuntimeDep) -> Response:
    params = await signed_form(request, runtime, VOICE_PATH, "voice")
    if params is None:
        return forbidden()
    call_sid = params.get("CallSid", "")
    if not call_sid:
        return _missing("CallSid")
    settings = runtime.settings
    if runtime.voice is None:
        log.error("call %s arrived but the voice channel is not running", call_sid)
        async with runtime.sessionmaker() as db:
            front_desk = (await load_office(db, settings.office_defaults())).front_desk_phone
        document = twiml.line_unavailable(
            settings.default_language, front_desk, settings.twilio_phone_number
        )
        return Response(document, media_type=XML)
    log.info("call %s connected to the media stream", call_sid)
    stream_url = public_url(settings.public_url, MEDIA_PATH, websocket=True)
    token = stream_token.issue(_secret(runtime), call_sid)  # signed: the token is set
    document = twiml.connect_stream(
        stream_url,
        {"from": params.get("From", ""), "call_sid": call_sid, stream_token.PARAMETER: token},
    )
    return Response(document, media_type=XML)


@router.websocket(MEDIA_PATH)
async def media_stream(websocket: WebSocket) -> None:
    try:
        await _serve_stream(websocket)
    except WebSocketDisconnect:
        pass
    except Exception:
        # Before accept, closing makes the server answer 403; after, the call ends 1011.
        log.exception("the media stream failed and is closed")
        await _close(websocket, 1011, "internal error")
        return
    await _close(websocket, 1000, None)


async def _serve_stream(websocket: WebSocket) -> None:
    runtime: Runtime = websocket.app.state.runtime
    url = public_url(runtime.settings.public_url, MEDIA_PATH, websocket.url.query, websocket=True)
    if not signed(runtime.settings, url, {}, websocket.headers.get("x-twilio-signature")):
        log.warning("a media stream handshake with a missing or bad signature was refused")
        await websocket.close(code=1008)  # before accept: the server answers HTTP 403
        return
    await websocket.accept()
    handler = runtime.voice
    if handler is None:
        log.error("a media stream arrived but the voice channel is not running: closed")
        await websocket.close(code=1011, reason="voice channel not running")
        return
    admitted = await stream_gate.admit(
        websocket, _secret(runtime), require_token=runtime.settings.voice_stream_token
    )
    if admitted is not None:
        await handler.serve(admitted)


def _secret(runtime: Runtime) -> str:
    token = runtime.settings.twilio_auth_token
    return token.get_secret_value() if token else ""


async def _close(websocket: WebSocket, code: int, reason: str | None) -> None:
    """Close the socket unless the handler or Twilio already did."""
    if WebSocketState.DISCONNECTED not in (websocket.application_state, websocket.client_state):
        with contextlib.suppress(RuntimeError, OSError):
            await websocket.close(code=code, reason=reason)


@router.post(
    WHISPER_PATH,
    **webhook_docs(
        CALL_SID,
        answer="TwiML: what the person answering a transfer hears first.",
        query={"summary": "Who is calling, and why.", "language": "The staff's language."},
    ),
)
async def whisper(request: Request, runtime: RuntimeDep) -> Response:
    if await signed_form(request, runtime, WHISPER_PATH, "voice") is None:
        return forbidden()
    summary = request.query_params.get("summary", "")
    language = as_language(request.query_params.get("language"), runtime.settings.staff_language)
    return Response(twiml.whisper(summary, language), media_type=XML)


@router.post(
    DIAL_RESULT_PATH,
    **webhook_docs(
        {**CALL_SID, "DialCallStatus": "How the transfer's `<Dial>` ended."},
        answer="TwiML: what the caller hears after the transfer.",
        query={"language": "The caller's language."},
    ),
)
async def dial_result(request: Request, runtime: RuntimeDep) -> Response:
    params = await signed_form(request, runtime, DIAL_RESULT_PATH, "voice")
    if params is None:
        return forbidden()
    status = params.get("DialCallStatus", "")
    log.info("call %s: transfer ended %s", params.get("CallSid", "?"), status or "unknown")
    language = as_language(request.query_params.get("language"), runtime.settings.default_language)
    return Response(twiml.dial_result(status, language), media_type=XML)


@router.post(
    STATUS_PATH,
    status_code=204,
    **webhook_docs(
        {**CALL_SID, "CallStatus": "Where the call is: `ringing`, `completed`, …"},
        answer=None,
        errors={204: {"description": "Noted (logged); nothing to say back."}},
    ),
)
async def call_status(request: Request, runtime: RuntimeDep) -> Response:
    params = await signed_form(request, runtime, STATUS_PATH, "voice")
    if params is None:
        return forbidden()
    log.info("call %s is %s", params.get("CallSid", "?"), params.get("CallStatus", "unknown"))
    return Response(status_code=204)
