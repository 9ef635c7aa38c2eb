"""Twilio's REST API as the SDK calls it for SMS: `POST /2010-04-01/Accounts/{sid}/
Messages.json` with HTTP Basic auth and form fields, 201 with the message resource, and
Twilio's error document (`code`, `message`, `status`) when it refuses."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BasicAuth, web

from tests.standins.server import Script, retry_headers

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "twilio-test-token"
LOBBY_NUMBER = "+3725559999"
MESSAGES = "messages"


@dataclass
class TwilioStandIn:
    sent: list[dict[str, str]] = field(default_factory=list)
    script: Script = field(default_factory=Script)
    _sid: Any = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{account}/Messages.json", self._create)
        return app

    async def _create(self, request: web.Request) -> web.Response:
        auth = BasicAuth.decode(request.headers.get("Authorization", ""))
        if (
            request.match_info["account"] != ACCOUNT_SID
            or auth.login != ACCOUNT_SID
            or (auth.password != AUTH_TOKEN)
        ):
            return _error(401, 20003, "Authenticate")
        form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        failure = await self.script.next(MESSAGES)
        if failure is not None:
            if failure.error:
                return _error(failure.status, int(failure.error), "refused")
            return _error(
                failure.status,
                20429 if failure.status == 429 else 20500,
                "trouble",
                headers=retry_headers(failure),
            )
        sid = f"SM{next(self._sid):032d}"
        self.sent.append({"sid": sid, "to": form["To"], "from": form["From"], "body": form["Body"]})
        return web.json_response(
            {
                "sid": sid,
                "to": form["To"],
                "from": form["From"],
                "body": form["Body"],
                "status": "queued",
                "account_sid": ACCOUNT_SID,
            },
            status=201,
        )

    def to(self, number: str) -> list[str]:
        return [m["body"] for m in self.sent if m["to"] == number]


def _error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    body = {"code": code, "message": message, "more_info": "", "status": status}
    return web.json_response(body, status=status, headers=headers or {})
