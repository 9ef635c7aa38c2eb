"""Twilio's REST API as the SDK calls it, for SMS and for voice calls.

- SMS: `POST /2010-04-01/Accounts/{sid}/Messages.json`.
- Calls: `POST …/Calls.json` (create), `GET …/Calls/{sid}.json` (fetch), `POST …/Calls/
  {sid}.json` (update: new `Twiml`, or `Status=completed`), `POST …/Calls/{sid}/
  Recordings.json` (start recording).

HTTP Basic auth with the account SID and auth token, form fields in, 201/200 with the
resource as JSON, and Twilio's error document (`code`, `message`, `status`) when it
refuses. Calls Twilio did not place here (an incoming call) are added with `add_call`."""

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
CALLS_CREATE = "calls.create"
CALLS_FETCH = "calls.fetch"
CALLS_UPDATE = "calls.update"
RECORDINGS_CREATE = "recordings.create"
_LIVE = frozenset({"queued", "ringing", "in-progress"})


@dataclass
class Call:
    """One call as the stand-in holds it, with every request that touched it."""

    sid: str
    to: str
    from_: str
    status: str
    twiml: str | None = None
    created_with: dict[str, list[str]] = field(default_factory=dict)
    updates: list[dict[str, str]] = field(default_factory=list)
    recordings: list[str] = field(default_factory=list)

    def resource(self) -> dict[str, Any]:
        return {
            "sid": self.sid,
            "account_sid": ACCOUNT_SID,
            "to": self.to,
            "from": self.from_,
            "status": self.status,
            "direction": "outbound-api" if self.created_with else "inbound",
            "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{self.sid}.json",
        }


@dataclass
class TwilioStandIn:
    sent: list[dict[str, str]] = field(default_factory=list)
    script: Script = field(default_factory=Script)
    calls: dict[str, Call] = field(default_factory=dict)
    _sid: Any = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        base = "/2010-04-01/Accounts/{account}"
        app.router.add_post(f"{base}/Messages.json", self._create)
        app.router.add_post(f"{base}/Calls.json", self._create_call)
        app.router.add_get(f"{base}/Calls/{{call}}.json", self._fetch_call)
        app.router.add_post(f"{base}/Calls/{{call}}.json", self._update_call)
        app.router.add_post(f"{base}/Calls/{{call}}/Recordings.json", self._record_call)
        return app

    def add_call(self, *, to: str = LOBBY_NUMBER, from_: str = "+3725551234") -> str:
        """A call Twilio is carrying that was not placed through this API (an incoming
        one); returns its SID."""
        sid = f"CA{next(self._sid):032x}"
        self.calls[sid] = Call(sid, to, from_, "in-progress")
        return sid

    def set_status(self, sid: str, status: str) -> None:
        """Move a call on, as the phone network would (ringing, in-progress, completed…)."""
        self.calls[sid].status = status

    async def _refusal(self, request: web.Request, method: str) -> web.Response | None:
        """Twilio's answer when it refuses (bad credentials, a scripted failure), else None."""
        auth = BasicAuth.decode(request.headers.get("Authorization", ""))
        if (
            request.match_info["account"] != ACCOUNT_SID
            or auth.login != ACCOUNT_SID
            or (auth.password != AUTH_TOKEN)
        ):
            return _error(401, 20003, "Authenticate")
        failure = await self.script.next(method)
        if failure is None:
            return None
        if failure.error:
            return _error(failure.status, int(failure.error), "refused")
        return _error(
            failure.status,
            20429 if failure.status == 429 else 20500,
            "trouble",
            headers=retry_headers(failure),
        )

    async def _create(self, request: web.Request) -> web.Response:
        if (refusal := await self._refusal(request, MESSAGES)) is not None:
            return refusal
        form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
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

    # --- Calls ------------------------------------------------------------------------

    async def _create_call(self, request: web.Request) -> web.Response:
        if (refusal := await self._refusal(request, CALLS_CREATE)) is not None:
            return refusal
        posted = await request.post()
        form: dict[str, list[str]] = {}
        for key, value in posted.items():
            if isinstance(value, str):
                form.setdefault(key, []).append(value)
        missing = [k for k in ("To", "From") if k not in form]
        if missing:
            return _error(400, 21201, f"Required parameter {missing[0]} missing.")
        if not any(k in form for k in ("Url", "Twiml", "ApplicationSid")):
            return _error(400, 21205, "Url, Twiml or ApplicationSid is required.")
        sid = f"CA{next(self._sid):032x}"
        call = Call(sid, form["To"][0], form["From"][0], "queued", created_with=form)
        call.twiml = form.get("Twiml", [None])[0]
        self.calls[sid] = call
        return web.json_response(call.resource(), status=201)

    def _call(self, request: web.Request) -> Call | web.Response:
        call = self.calls.get(request.match_info["call"])
        if call is None:
            return _error(404, 20404, "The requested resource was not found")
        return call

    async def _fetch_call(self, request: web.Request) -> web.Response:
        if (refusal := await self._refusal(request, CALLS_FETCH)) is not None:
            return refusal
        call = self._call(request)
        return call if isinstance(call, web.Response) else web.json_response(call.resource())

    async def _update_call(self, request: web.Request) -> web.Response:
        if (refusal := await self._refusal(request, CALLS_UPDATE)) is not None:
            return refusal
        call = self._call(request)
        if isinstance(call, web.Response):
            return call
        form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        if call.status not in _LIVE:
            return _error(400, 21220, "Call is not in-progress. Cannot redirect.")
        call.updates.append(form)
        if form.get("Status") in ("completed", "canceled"):
            call.status = form["Status"]
        elif "Twiml" in form:
            call.twiml = form["Twiml"]
        return web.json_response(call.resource())

    async def _record_call(self, request: web.Request) -> web.Response:
        if (refusal := await self._refusal(request, RECORDINGS_CREATE)) is not None:
            return refusal
        call = self._call(request)
        if isinstance(call, web.Response):
            return call
        if call.status != "in-progress":
            return _error(400, 21220, "Call is not in-progress.")
        sid = f"RE{next(self._sid):032x}"
        call.recordings.append(sid)
        return web.json_response(
            {"sid": sid, "call_sid": call.sid, "account_sid": ACCOUNT_SID, "status": "in-progress"},
            status=201,
        )


def _error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    body = {"code": code, "message": message, "more_info": "", "status": status}
    return web.json_response(body, status=status, headers=headers or {})
