"""Slack's Web API as the SDK calls it: `POST /api/<method>` with a bot token, JSON or form
bodies, `{"ok": …}` answers, HTTP 429 with Retry-After when rate limited."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.standins.server import Failure, Script, retry_headers

TOKEN = "xoxb-test-token"


@dataclass
class SlackStandIn:
    users_by_email: dict[str, str] = field(default_factory=dict)
    posted: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    script: Script = field(default_factory=Script)
    _ts: Any = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        args = await _arguments(request)
        failure = await self.script.next(method)
        if failure is not None:
            return _failed(failure)
        match method:
            case "auth.test":
                return web.json_response({"ok": True, "user_id": "UBOT", "team_id": "T1"})
            case "chat.postMessage":
                ts = f"1700000000.{next(self._ts):06d}"
                self.posted.append({**args, "ts": ts})
                return web.json_response({"ok": True, "channel": args["channel"], "ts": ts})
            case "chat.update":
                self.updated.append(args)
                return web.json_response({"ok": True, "channel": args["channel"], "ts": args["ts"]})
            case "users.lookupByEmail":
                user = self.users_by_email.get(str(args.get("email")))
                if user is None:
                    return web.json_response({"ok": False, "error": "users_not_found"})
                return web.json_response({"ok": True, "user": {"id": user}})
        return web.json_response({"ok": False, "error": "unknown_method"})


async def _arguments(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args.update(await request.json())
    elif request.can_read_body:
        form = await request.post()
        args.update({k: v for k, v in form.items() if isinstance(v, str)})
        if isinstance(args.get("blocks"), str):
            args["blocks"] = json.loads(args["blocks"])
    return args


def _failed(failure: Failure) -> web.Response:
    if failure.error:
        return web.json_response({"ok": False, "error": failure.error})
    if failure.status == 429:
        return web.json_response(
            {"ok": False, "error": "ratelimited"}, status=429, headers=retry_headers(failure)
        )
    return web.Response(status=failure.status, text="upstream trouble")


def button_press(post: dict[str, Any], answer: str, *, user: str = "U0HOST") -> dict[str, Any]:
    """The `block_actions` payload Slack sends when the host presses `answer` on `post`."""
    actions = next(b for b in post["blocks"] if b["type"] == "actions")
    button = next(e for e in actions["elements"] if e["action_id"].endswith(answer))
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "host", "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "team": {"id": "T1", "domain": "frontdesk-test"},
        "container": {
            "type": "message",
            "message_ts": post["ts"],
            "channel_id": post["channel"],
            "is_ephemeral": False,
        },
        "trigger_id": "1.2.3",
        "channel": {"id": post["channel"], "name": "directmessage"},
        "message": {
            "type": "message",
            "text": post["text"],
            "blocks": post["blocks"],
            "ts": post["ts"],
        },
        "response_url": "https://hooks.invalid/actions/1",
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": actions["block_id"],
                "value": button["value"],
                "text": button["text"],
                "action_ts": "1700000001.000001",
            }
        ],
    }


def signed(
    payload: dict[str, Any], secret: str, *, timestamp: int | None = None
) -> tuple[str, dict[str, str]]:
    """An interaction as Slack posts it: a form body, signed with the signing secret."""
    import time
    from urllib.parse import urlencode

    from slack_sdk.signature import SignatureVerifier

    body = urlencode({"payload": json.dumps(payload)})
    ts = str(timestamp or int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None  # None only without a secret
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }
    return body, headers
