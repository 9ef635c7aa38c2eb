"""Slack direct messages to hosts (with the answer buttons) and messages to the front
desk's channel, through Slack's Web API with the official SDK.

The host is found by their Slack ID from the directory, or looked up by e-mail. The SDK's
own retries are switched off: the outbox retries, records every attempt and moves on to
SMS, and two retry loops would hide attempts from it. A 429 comes back with its
`Retry-After`; an unknown user, a bad token or a missing scope is permanent.
"""

from __future__ import annotations

import logging
import time

import aiohttp
from slack_sdk.errors import SlackApiError

from channels.retry_after import retry_after
from channels.slack.blocks import message_blocks
from channels.slack.client import slack_client
from core.notifications.notifier import DeliveryError, OutgoingMessage, Recipient

log = logging.getLogger(__name__)

PERMANENT_ERRORS = frozenset(
    {
        "users_not_found",
        "user_not_found",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "missing_scope",
        "user_disabled",
        "cannot_dm_bot",
        "restricted_action",
    }
)
EMAIL_CACHE_SECONDS = 3600.0


def delivery_error(exc: SlackApiError) -> DeliveryError:
    status = exc.response.status_code
    code = exc.response.get("error") if isinstance(exc.response.data, dict) else None
    if status == 429:
        wait = retry_after(exc.response.headers)
        return DeliveryError(f"Slack is rate limiting (retry after {wait}s)", retry_after=wait)
    return DeliveryError(
        f"Slack said {status} ({code or 'no error code'})", permanent=code in PERMANENT_ERRORS
    )


class SlackNotifier:
    name = "slack"

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        front_desk_channel: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._client = slack_client(token, base_url=base_url, timeout=timeout)
        self._front_desk = front_desk_channel
        self._timeout = timeout
        self._by_email: dict[str, tuple[str, float]] = {}

    async def deliver(self, message: OutgoingMessage) -> None:
        blocks = message_blocks(
            message.text,
            kind=message.kind,
            visit_id=message.visit_id,
            payload=message.payload,
            language=message.language,
        )
        try:
            channel = await self._channel(message.recipient)
            await self._client.chat_postMessage(channel=channel, text=message.text, blocks=blocks)
        except SlackApiError as exc:
            raise delivery_error(exc) from None
        except TimeoutError:
            raise DeliveryError(f"Slack did not answer within {self._timeout:g}s") from None
        except aiohttp.ClientError as exc:
            raise DeliveryError(f"cannot reach Slack: {type(exc).__name__}") from None
        log.info("notification %s posted to Slack", message.notification_id)

    async def _channel(self, recipient: Recipient | None) -> str:
        if recipient is None:
            if not self._front_desk:
                raise DeliveryError("no Slack channel for the front desk", permanent=True)
            return self._front_desk
        if recipient.visitor:
            raise DeliveryError("visitors are not on our Slack", permanent=True)
        if recipient.slack_id:
            return recipient.slack_id  # a user ID as the channel: the app's DM with them
        if not recipient.email:
            raise DeliveryError("the host has no Slack ID or e-mail", permanent=True)
        return await self._user_by_email(recipient.email)

    async def _user_by_email(self, email: str) -> str:
        cached = self._by_email.get(email)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        found = await self._client.users_lookupByEmail(email=email)
        user_id = str(found["user"]["id"])
        self._by_email[email] = (user_id, time.monotonic() + EMAIL_CACHE_SECONDS)
        return user_id
