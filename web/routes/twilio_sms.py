"""`POST /twilio/sms`: Twilio's webhook for a text to the lobby number (CONTRACT.md).

The signature is checked before anything else, over the URL Twilio called (rebuilt from
FRONTDESK_PUBLIC_URL: behind a proxy this server sees another); missing or wrong, the
answer is 403 and nothing is read further or stored.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from channels.sms.webhook import IncomingSms
from web.api_errors import invalid_field
from web.deps import RuntimeDep
from web.routes.twilio_signed import INVALID_FORM, forbidden, signed_form, webhook_docs

router = APIRouter()
PATH = "/twilio/sms"


@router.post(
    PATH,
    **webhook_docs(
        {
            "MessageSid": "The message's SID (older accounts: `SmsSid`).",
            "From": "The sender's number.",
            "Body": "The text.",
            "NumMedia": "How many pictures came with it.",
            "OptOutType": "Set when Twilio's opt-out handling answered the text (STOP).",
        },
        answer="TwiML: `<Response><Message>…` with the reply.",
        required=("From",),
        errors=INVALID_FORM,
    ),
)
async def sms_webhook(request: Request, runtime: RuntimeDep) -> Response:
    params = await signed_form(request, runtime, PATH, "SMS")
    if params is None:
        return forbidden()
    try:
        sms = IncomingSms.from_form(params)
    except ValueError as exc:
        return invalid_field(str(exc))
    assert runtime.sms is not None
    return Response(await runtime.sms.handle(sms), media_type="text/xml")
