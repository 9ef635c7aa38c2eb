"""A host pressing a button in Slack: Bolt checks the request's signature (and its age),
the answer is recorded on the visit and relayed to the visitor, and the message in Slack
changes to show what was answered.

The answer is written before Slack is acknowledged, so a host never sees a press go
through that was not recorded. Authorization needs no call to Slack (the bot token is
ours), so a press is taken even while Slack's Web API is slow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError

from channels.slack.blocks import ACTION_PATTERN, answered_blocks, button_label, parse_action
from channels.slack.client import slack_client
from core.messages import WEB_STYLE, Language
from core.notifications.host_response import UnknownVisit, record_host_response
from core.replies import Say, render
from core.store.db import SessionMaker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackReply:
    """What goes back to Slack, for the web route to send as it is."""

    status: int
    body: str
    headers: dict[str, str]


class SlackEvents:
    """Slack's interactivity endpoint in plain values: the request's body, headers and
    query in, the status, body and headers out. Bolt checks the signature and its age
    before any handler runs; a body that is not UTF-8 fails that check (401), never a 500.
    """

    def __init__(self, app: AsyncApp) -> None:
        self.app = app

    async def handle(self, body: bytes, headers: Mapping[str, str], query: str) -> SlackReply:
        request = AsyncBoltRequest(
            body=body.decode("utf-8", errors="replace"), query=query, headers=dict(headers)
        )
        response = await self.app.async_dispatch(request)
        return SlackReply(
            response.status, response.body, response.first_headers_without_set_cookie()
        )


def build_slack_app(
    *,
    token: str,
    signing_secret: str,
    sessionmaker: SessionMaker,
    front_desk: str,
    staff_language: Language,
    base_url: str | None = None,
    timeout: float = 10.0,
    on_change: Callable[[], None] = lambda: None,
) -> AsyncApp:
    async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=token)

    app = AsyncApp(
        signing_secret=signing_secret,
        client=slack_client(token, base_url=base_url, timeout=timeout),
        authorize=authorize,
        logger=log,
    )

    @app.action(ACTION_PATTERN)
    async def host_answered(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: Any
    ) -> None:
        parsed = parse_action(action)
        if parsed is None:
            await ack()
            return
        answer, visit_id = parsed
        try:
            async with sessionmaker() as db, db.begin():
                recorded = await record_host_response(
                    db, visit_id, answer, via="slack", front_desk=front_desk
                )
        except UnknownVisit:
            await ack()
            log.info("slack answer for visit %s, which is no longer on record", visit_id)
            return
        await ack()
        on_change()
        log.info("host answered %s for visit %s in Slack", answer, visit_id)
        line = render(
            Say(
                "host_answered",
                {"answer": button_label(answer, staff_language), "visitor": recorded.visitor},
            ),
            staff_language,
            WEB_STYLE,
        )
        await _show_answer(client, body, line)

    return app


async def _show_answer(client: Any, body: dict[str, Any], line: str) -> None:
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    message = body.get("message") or {}
    original = ((message.get("blocks") or [{}])[0].get("text") or {}).get("text") or message.get(
        "text", ""
    )
    if not (channel and ts):
        return
    try:
        await client.chat_update(
            channel=channel,
            ts=ts,
            text=f"{original}\n{line}",
            blocks=answered_blocks(original, line),
        )
    except (
        SlackApiError,
        OSError,
        TimeoutError,
    ) as exc:  # the answer is recorded; this is cosmetic
        log.warning("could not update the Slack message: %s", type(exc).__name__)
