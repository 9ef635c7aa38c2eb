"""`POST /twilio/sms`: Twilio's webhook for a text to the lobby number (CONTRACT.md).

The signature is checked before anything else, over the URL Twilio called (rebuilt from
FRONTDESK_PUBLIC_URL: behind a proxy this server sees another); missing or wrong, the
answer is 403 and nothing is read further or stored.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from channels.sms.webhook import IncomingSms
from channels.twilio.signature import is_valid, public_url
from web.deps import RuntimeDep

log = logging.getLogger(__name__)
router = APIRouter()
PATH = "/twilio/sms"


@router.post(PATH, response_model=None)
async def sms_webhook(request: Request, runtime: RuntimeDep) -> Response:
    form = await request.form()
    params = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    url = public_url(runtime.settings, PATH, request.url.query)
    if not is_valid(runtime.settings, url, params, request.headers.get("x-twilio-signature")):
        if runtime.settings.twilio_auth_token is None:
            log.warning("an SMS webhook arrived but TWILIO_AUTH_TOKEN is not set: refused")
        else:
            log.warning("an SMS webhook with a missing or bad signature for %s was refused", url)
        return Response("Missing or invalid X-Twilio-Signature.", 403, media_type="text/plain")
    try:
        sms = IncomingSms.from_form(params)
    except ValueError as exc:
        field, _, problem = str(exc).partition(": ")
        errors = [{"field": field, "message": problem}]
        return JSONResponse({"detail": str(exc), "errors": errors}, status_code=422)
    assert runtime.sms is not None
    return Response(await runtime.sms.handle(sms), media_type="text/xml")
