"""Schemathesis hooks for tests/test_openapi_conformance.py (loaded by `st run` through
SCHEMATHESIS_HOOKS): before each request, point some generated ids at rows that exist, and
sign the Twilio webhooks' forms as Twilio would, so the handlers behind the ids and the
signature are exercised, not only their 404 and 403."""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from typing import Any

import requests
import schemathesis

from channels.twilio.signature import sign
from tests.standins import twilio_api

SEEDED_ENV = "FRONTDESK_SCHEMATHESIS_SEEDED"
Case = schemathesis.Case[Any]


@dataclass(frozen=True)
class Seeded:
    """The server, its admin token, and rows that exist for generated ids to hit."""

    url: str
    token: str
    visit_id: int
    notification_id: int
    session_id: str


def _seeded() -> Seeded | None:
    raw = os.environ.get(SEEDED_ENV)
    return Seeded(**json.loads(raw)) if raw else None


def _heads(value: object) -> bool:
    """A coin the generated value tosses itself: the same input lands on the same side, so
    a failure replays (Python's own `hash` of a str is salted per process)."""
    return zlib.crc32(repr(value).encode()) % 2 == 0


# A call's SID as Twilio's stand-in gives the first call placed through it.
FIRST_CALL_SID = f"CA{1:032x}"
A_PHONE = "+3725551234"


def aim_at_rows(case: Case, seeded: Seeded) -> None:
    if case.path == "/api/admin/calls" and isinstance(case.body, dict) and _heads(case.body):
        case.body = {**case.body, "to": A_PHONE}  # generated text is rarely a phone number
    params = case.path_parameters
    if not params:
        return
    for name, real in (
        ("visit_id", seeded.visit_id),
        ("notification_id", seeded.notification_id),
        ("session_id", seeded.session_id),
        ("sid", FIRST_CALL_SID),
    ):
        if name in params and _heads(params[name]):
            if name == "session_id" and _heads((params[name], repr(case.body))):
                case.headers["accept"] = "text/event-stream"
            params[name] = real


def sign_twilio_webhook(case: Case, seeded: Seeded) -> None:
    """Sign the form as Twilio would, over the URL exactly as it will be sent."""
    if not case.path.startswith("/twilio/") or not isinstance(case.body, dict):
        return
    if any(isinstance(v, list | dict) for v in case.body.values()):
        return  # repeated or nested fields: left unsigned, and answered 403
    url = requests.Request("POST", seeded.url + case.formatted_path, params=case.query).prepare()
    form = {str(k): str(v) for k, v in case.body.items()}
    signature = sign(twilio_api.AUTH_TOKEN, str(url.url), form)
    case.headers["X-Twilio-Signature"] = signature


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: Case, kwargs: Any) -> None:
    seeded = _seeded()
    if seeded is None:
        return
    aim_at_rows(case, seeded)
    sign_twilio_webhook(case, seeded)
