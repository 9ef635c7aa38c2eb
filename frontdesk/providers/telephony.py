"""Twilio, for texts and calls: the account the channels act for (plain values built from
the settings), the call control the voice channel and the admin API use, and what
`/health` says about SMS. The `twilio` SDK is an optional extra: the channels import it
only when an account exists."""

from __future__ import annotations

from channels.twilio.account import TwilioAccount
from channels.voice.control import TwilioCallControl
from frontdesk.providers import Health
from frontdesk.settings import Settings


def twilio_account(settings: Settings) -> TwilioAccount | None:
    """None unless both the account SID and the auth token are set."""
    if not settings.twilio_account_sid or settings.twilio_auth_token is None:
        return None
    return TwilioAccount(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token.get_secret_value(),
        phone_number=settings.twilio_phone_number,
        api_base_url=settings.twilio_api_base_url,
    )


def call_control(settings: Settings, *, timeout: float = 10.0) -> TwilioCallControl | None:
    """None without Twilio credentials: nothing to control calls with."""
    account = twilio_account(settings)
    if account is None:
        return None
    return TwilioCallControl(
        account,
        server_url=settings.public_url,
        staff_language=settings.staff_language,
        timeout=timeout,
    )


def sms_health(settings: Settings) -> Health:
    """Texts go through Twilio when its account is configured, else nowhere."""
    if not settings.twilio_configured:
        return {"provider": "off"}
    if not settings.twilio_phone_number:
        return {
            "provider": "twilio",
            "ok": False,
            "error": "TWILIO_PHONE_NUMBER is not set: no text can be sent",
        }
    return {"provider": "twilio"}
