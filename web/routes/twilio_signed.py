"""Twilio's webhooks are signed over the URL Twilio called (rebuilt from
FRONTDESK_PUBLIC_URL: behind a proxy this server sees another) with the account's auth
token. One check for every Twilio route: a missing or wrong signature is refused with 403
before anything is read further or stored."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from channels.twilio.signature import is_valid, public_url
from frontdesk.runtime import Runtime
from frontdesk.settings import Settings
from web.api_errors import documented

log = logging.getLogger(__name__)


def signed(settings: Settings, url: str, params: dict[str, str], signature: str | None) -> bool:
    """Whether Twilio signed `params` posted to `url` with this server's auth token."""
    token = settings.twilio_auth_token
    return is_valid(token.get_secret_value() if token else None, url, params, signature)


FORBIDDEN = "Missing or invalid X-Twilio-Signature."
XML = "text/xml"
INVALID_FORM = documented(422, s422="A field Twilio always sends is missing or malformed.")


def webhook_docs(
    fields: dict[str, str],
    *,
    answer: str | None,
    required: tuple[str, ...] = (),
    errors: Mapping[int | str, dict[str, Any]] | None = None,
    query: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The route decorator's arguments that document a Twilio webhook in /openapi.json: the
    form Twilio posts (the `fields` this route reads, each described; Twilio sends more),
    the TwiML answer, and the 403 for a bad signature. The routes read the form themselves,
    after the signature check, so FastAPI cannot see it. `answer=None`: no body (204);
    `query`: the parameters this server put into the URL it gave Twilio."""
    form = {
        "type": "object",
        "properties": {name: {"type": "string", "description": d} for name, d in fields.items()},
        "required": list(required),
        "additionalProperties": {"type": "string"},
    }
    return {
        "response_class": Response,
        "openapi_extra": {
            "parameters": [
                {
                    "name": "X-Twilio-Signature",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": "Twilio's signature of the URL and the form; "
                    "missing or wrong: 403.",
                },
                *(
                    {"name": name, "in": "query", "schema": {"type": "string"}, "description": d}
                    for name, d in (query or {}).items()
                ),
            ],
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": form}},
            },
        },
        "responses": {
            **(
                {200: {"description": answer, "content": {XML: {"schema": {"type": "string"}}}}}
                if answer is not None
                else {}
            ),
            403: {
                "description": FORBIDDEN,
                "content": {"text/plain": {"schema": {"type": "string"}}},
            },
            **(errors or {}),
        },
    }


def forbidden() -> Response:
    return Response(FORBIDDEN, 403, media_type="text/plain")


async def signed_form(
    request: Request, runtime: Runtime, path: str, what: str
) -> dict[str, str] | None:
    """The form Twilio posted to `path`, or None when its signature does not check out
    (`what` names the webhook in the log line)."""
    form = await request.form()
    params = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    url = public_url(runtime.settings.public_url, path, request.url.query)
    if signed(runtime.settings, url, params, request.headers.get("x-twilio-signature")):
        return params
    if runtime.settings.twilio_auth_token is None:
        log.warning("a %s webhook arrived but TWILIO_AUTH_TOKEN is not set: refused", what)
    else:
        log.warning("a %s webhook with a missing or bad signature for %s was refused", what, url)
    return None
