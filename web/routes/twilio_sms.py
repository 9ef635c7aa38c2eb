"""`POST /twilio/sms`: Twilio's webhook for a text to the lobby number (CONTRACT.md).

The signature is checked before anything else, over the URL Twilio called (rebuilt from
FRONTDESK_PUBLIC_URL: behind a proxy this server sees another); missing or wrong, the
answer is 403 and nothing is read further or stored.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from channels.sms.webhook import IncomingSms
from web.deps import RuntimeDep
from web.routes.twilio_signed import forbidden, signed_form

router = APIRouter()
PATH = "/twilio/sms"


@router.post(PATH, response_model=None)
async def sms_webhook(request: Request, runtime: RuntimeDep) -> Response:
    params = await signed_form(request, runtime, PATH, "SMS")
    if params is None:
        return forbidden()
    try:
        sms = IncomingSms.from_form(params)
    except ValueError as exc:
        field, _, problem = str(exc).partition(": ")
        errors = [{"field": field, "message": problem}]
        return JSONResponse({"detail": str(exc), "errors": errors}, status_code=422)
    assert runtime.sms is not None
    return Response(await runtime.sms.handle(sms), media_type="text/xml")
