"""Live-call control over Twilio's REST API: transfer, hang up, record, place a call.

The call handler uses it to hand a caller to a person (with a whispered summary for
whoever answers) and to end a call; the admin API uses it to place a call and read its
status. The account's `api_base_url` points it at a local stand-in of Twilio (tests, the
simulator). The SDK client is made on first use, inside the running event loop, and
closed by `aclose()`; the `twilio` SDK (an optional extra) is imported only then, so the
errors and number checks here serve the admin API on a server without it.

Errors: a bad number is a `ValueError` (`InvalidNumber`); anything Twilio refuses or
cannot be reached for is a `CallControlError` naming Twilio (`CallNotFound` for an
unknown call SID).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from channels.twilio.account import TwilioAccount
from channels.twilio.signature import public_url
from channels.voice import twiml
from core.messages import Language
from core.text.phones import PhoneError, to_e164

if TYPE_CHECKING:
    from twilio.rest import Client

log = logging.getLogger(__name__)

WHISPER_PATH = "/twilio/voice/whisper"
DIAL_RESULT_PATH = "/twilio/voice/dial-result"
STATUS_PATH = "/twilio/voice/status"
CALL_SID = re.compile(r"^CA[0-9a-fA-F]{32}$")
_REMEMBERED_PURPOSES = 1000


class InvalidNumber(ValueError):
    """A phone number that is not E.164 (after removing spaces, dashes and brackets)."""


class CallControlError(Exception):
    """Twilio refused the request, or could not be reached."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class CallNotFound(CallControlError):
    """Twilio has no call with that SID."""


class NotConfigured(CallControlError):
    """A setting the request needs (e.g. TWILIO_PHONE_NUMBER) is missing."""


@dataclass(frozen=True, slots=True)
class CallInfo:
    sid: str
    to: str
    status: str
    purpose: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"sid": self.sid, "to": self.to, "status": self.status, "purpose": self.purpose}


def phone_number(value: str, field: str = "to") -> str:
    """`value` as E.164 (`+3725551234`); spaces, dashes, dots, brackets and a leading 00
    are forgiven. Raises `InvalidNumber` naming `field`."""
    try:
        return to_e164(value if isinstance(value, str) else "")
    except PhoneError:
        raise InvalidNumber(
            f"{field}: must be a phone number in international E.164 form, e.g. +3725551234"
        ) from None


def call_sid(value: str) -> str:
    if not CALL_SID.match(value):
        raise ValueError("sid: must be a Twilio call SID: CA followed by 32 hex digits")
    return value


def _text(value: Any) -> str:
    return str(getattr(value, "value", value) or "")


class TwilioCallControl:
    """The voice channel's `CallControl`, and the admin API's calls, through Twilio.
    `server_url` is where Twilio reaches this server (for the transfer's whisper and the
    status callbacks); `staff_language` is what staff hear."""

    def __init__(
        self,
        account: TwilioAccount,
        *,
        server_url: str,
        staff_language: Language,
        timeout: float = 10.0,
    ) -> None:
        self._account = account
        self._server_url = server_url
        self._staff_language: Language = staff_language
        self._timeout = timeout
        self._client: Client | None = None
        self._purposes: OrderedDict[str, str] = OrderedDict()

    # --- on a live call ---------------------------------------------------------------

    async def transfer(self, call_sid: str, *, to: str, summary: str, language: Language) -> None:
        """Put the caller through to `to`. Whoever answers first hears `summary` (in the
        staff language) before the caller is connected; if nobody answers, the caller is
        told so in `language`, the call's language."""
        number = phone_number(to)
        staff = self._staff_language
        whisper = public_url(
            self._server_url,
            WHISPER_PATH,
            urlencode({"summary": twiml.one_line(summary), "language": staff}),
        )
        action = public_url(self._server_url, DIAL_RESULT_PATH, urlencode({"language": language}))
        document = twiml.dial(
            number,
            caller_id=self._account.phone_number,
            whisper_url=whisper,
            action_url=action,
        )
        await self._call(lambda c: c.calls(call_sid).update_async(twiml=document), call_sid)
        log.info("call %s is being transferred", call_sid)

    async def hangup(self, call_sid: str) -> None:
        await self._call(lambda c: c.calls(call_sid).update_async(status="completed"), call_sid)
        log.info("call %s hung up", call_sid)

    async def start_recording(self, call_sid: str) -> str:
        """Start recording the call on Twilio's side; returns the recording's SID."""
        recording = await self._call(
            lambda c: c.calls(call_sid).recordings.create_async(), call_sid
        )
        log.info("call %s is being recorded (%s)", call_sid, recording.sid)
        return _text(recording.sid)

    # --- calls the office places ------------------------------------------------------

    async def place_call(self, to: str, purpose: str) -> CallInfo:
        """Call `to` and say `purpose` (twice, with the front desk's greeting) in the staff
        language."""
        number = phone_number(to)
        purpose = twiml.one_line(purpose)
        if not purpose:
            raise ValueError("purpose: must not be empty")
        caller_id = self._account.phone_number
        if not caller_id:
            raise NotConfigured("TWILIO_PHONE_NUMBER is not set: there is no number to call from")
        language = self._staff_language
        document = twiml.say(
            [
                twiml.spoken("call_purpose", language, purpose=purpose),
                twiml.spoken("call_purpose_again", language, purpose=purpose),
            ],
            language,
            pause_seconds=1,
        )
        call = await self._call(
            lambda c: c.calls.create_async(
                to=number,
                from_=caller_id,
                twiml=document,
                status_callback=public_url(self._server_url, STATUS_PATH),
                status_callback_event=["initiated", "ringing", "answered", "completed"],
            ),
            None,
        )
        info = CallInfo(_text(call.sid), _text(call.to) or number, _text(call.status), purpose)
        self._remember(info.sid, purpose)
        log.info("call %s placed (%s)", info.sid, info.status)
        return info

    async def status(self, sid: str) -> CallInfo:
        call = await self._call(lambda c: c.calls(sid).fetch_async(), sid)
        return CallInfo(
            _text(call.sid), _text(call.to), _text(call.status), self._purposes.get(sid)
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.http_client.close()
            self._client = None

    # --- plumbing ---------------------------------------------------------------------

    def _remember(self, sid: str, purpose: str) -> None:
        self._purposes[sid] = purpose
        while len(self._purposes) > _REMEMBERED_PURPOSES:
            self._purposes.popitem(last=False)

    def _twilio(self) -> Client:
        if self._client is None:
            from channels.twilio.rest import twilio_client

            self._client = twilio_client(self._account)
        return self._client

    async def _call(self, request: Any, sid: str | None) -> Any:
        """Run one SDK request with a time limit; Twilio's failures become
        `CallControlError`s that say what happened without echoing numbers."""
        import aiohttp
        from twilio.base.exceptions import TwilioRestException

        from channels.twilio.rest import TwilioThrottled

        client = self._twilio()
        try:
            async with asyncio.timeout(self._timeout):
                return await request(client)
        except TwilioThrottled as exc:
            raise CallControlError(
                f"Twilio is throttling requests (retry after {exc.retry_after}s)", status=429
            ) from None
        except TwilioRestException as exc:
            if exc.status == 404 and sid is not None:
                raise CallNotFound(f"Twilio has no call {sid}", status=404) from None
            raise CallControlError(
                f"Twilio refused the request: {exc.status} (code {exc.code})", status=exc.status
            ) from None
        except TimeoutError:
            raise CallControlError(f"Twilio did not answer within {self._timeout:g}s") from None
        except aiohttp.ClientError as exc:
            raise CallControlError(f"cannot reach Twilio: {type(exc).__name__}") from None
