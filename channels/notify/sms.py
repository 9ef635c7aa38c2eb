"""Text messages through Twilio's REST API: to a host (the fallback when Slack is not there
or fails, and the reminder when they have not answered), to the front desk's phone, and
to a visitor who checked in by SMS (the host's answer).

Nothing goes to a number that texted STOP. Failures are sorted for the outbox: a throttle
(HTTP 429) comes back with its `Retry-After`, a timeout or a 5xx is worth retrying, and an
invalid or unsubscribed number is permanent, so the outbox moves on at once.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from channels.sms.compose import compose
from channels.sms.optouts import is_opted_out, opt_out
from channels.twilio.account import TwilioAccount
from channels.twilio.rest import TwilioThrottled, twilio_client
from core.notifications.notifier import DeliveryError, OutgoingMessage, Recipient
from core.store.db import SessionMaker
from core.store.office import OfficeSettings, load_office
from core.text.phones import address_key

log = logging.getLogger(__name__)

# Twilio error codes that no retry can fix: not a valid number, not a mobile number,
# the recipient unsubscribed (texted STOP to Twilio), the sender cannot reach them.
PERMANENT_CODES = frozenset({21211, 21214, 21408, 21610, 21612, 21614, 21659})
UNSUBSCRIBED = 21610


class SmsNotifier:
    name = "sms"

    def __init__(
        self,
        account: TwilioAccount,
        sessionmaker: SessionMaker,
        *,
        office_defaults: OfficeSettings,
        timeout: float = 10.0,
    ) -> None:
        self._account = account
        self._sessionmaker = sessionmaker
        self._office = office_defaults
        self._timeout = timeout
        self._client: Client | None = None

    async def deliver(self, message: OutgoingMessage) -> None:
        to = await self._number(message.recipient)
        async with self._sessionmaker() as db:
            if await is_opted_out(db, to):
                raise DeliveryError("the recipient texted STOP", permanent=True)
        body = compose([message.text])
        try:
            async with asyncio.timeout(self._timeout):
                sent = await self._twilio().messages.create_async(
                    to=to, from_=self._account.phone_number, body=body
                )
        except TwilioThrottled as exc:
            wait = exc.retry_after
            raise DeliveryError(
                f"Twilio is throttling (retry after {wait}s)", retry_after=wait
            ) from None
        except TwilioRestException as exc:
            if exc.code == UNSUBSCRIBED:
                async with self._sessionmaker() as db, db.begin():
                    await opt_out(db, to)  # Twilio knows they said STOP; now so do we
            permanent = exc.code in PERMANENT_CODES or exc.status in (400, 401, 403, 404)
            raise DeliveryError(
                f"Twilio said {exc.status} (code {exc.code})", permanent=permanent
            ) from None
        except TimeoutError:
            raise DeliveryError(f"Twilio did not answer within {self._timeout:g}s") from None
        except aiohttp.ClientError as exc:
            raise DeliveryError(f"cannot reach Twilio: {type(exc).__name__}") from None
        log.info("notification %s texted (%s)", message.notification_id, sent.sid)

    async def _number(self, recipient: Recipient | None) -> str:
        if recipient is None:
            async with self._sessionmaker() as db:
                phone = (await load_office(db, self._office)).front_desk_phone
            if not phone:
                raise DeliveryError("no phone number for the front desk", permanent=True)
            return address_key(phone)
        if not recipient.phone:
            raise DeliveryError("the recipient has no phone number", permanent=True)
        return address_key(recipient.phone)

    def _twilio(self) -> Client:
        if self._client is None:
            self._client = twilio_client(self._account)
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.http_client.close()
            self._client = None
