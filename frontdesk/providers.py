"""Choosing the real provider when its credentials are set, the embedded default otherwise
— for notifications, Slack's buttons and the badge printer — and saying which for /health."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncApp

from channels.badges.cups import CupsPrinter
from channels.badges.fonts import FontChain
from channels.badges.pdf import render_badge
from channels.notify.console import ConsoleNotifier
from channels.notify.slack import SlackNotifier
from channels.notify.sms import SmsNotifier
from channels.slack.interactions import build_slack_app
from core.badges.printer import BadgeCard, Printer
from core.notifications.notifier import Notifier
from core.notifications.routing import Routes
from core.store.db import SessionMaker
from frontdesk.settings import Settings

# What a badge font must be able to draw for the office's three languages.
FONT_SAMPLE = "ÕõÄäÖöÜüŠšŽž Ёё Жж Щщ Ыы"


def choose_notifiers(settings: Settings, sessionmaker: SessionMaker) -> dict[str, Notifier]:
    """Every configured notifier, best first; the console is always the last resort."""
    notifiers: dict[str, Notifier] = {}
    timeout = settings.notify_timeout_seconds
    if settings.slack_bot_token is not None:
        notifiers["slack"] = SlackNotifier(
            settings.slack_bot_token.get_secret_value(),
            base_url=settings.slack_api_base_url,
            front_desk_channel=settings.slack_front_desk_channel,
            timeout=timeout,
        )
    if settings.twilio_configured and settings.twilio_phone_number:
        notifiers["sms"] = SmsNotifier(settings, sessionmaker, timeout=timeout)
    notifiers["console"] = ConsoleNotifier()
    return notifiers


def slack_events_app(
    settings: Settings, sessionmaker: SessionMaker, *, front_desk: str, on_change: Any
) -> AsyncApp | None:
    """The app that receives button presses; None without a bot token and signing secret."""
    if settings.slack_bot_token is None or settings.slack_signing_secret is None:
        return None
    return build_slack_app(
        token=settings.slack_bot_token.get_secret_value(),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        sessionmaker=sessionmaker,
        front_desk=front_desk,
        staff_language=settings.staff_language,
        base_url=settings.slack_api_base_url,
        timeout=settings.notify_timeout_seconds,
        on_change=on_change,
    )


@dataclass
class BadgeSetup:
    render: Callable[[BadgeCard], bytes]
    printer: Printer | None
    health: dict[str, Any] = field(default_factory=dict)


def badge_setup(settings: Settings) -> BadgeSetup:
    fonts = FontChain.find(settings.badge_font)
    printer = (
        CupsPrinter(settings.badge_printer, command=settings.lp_command)
        if settings.badge_printer
        else None
    )
    health: dict[str, Any] = {"ok": True, "provider": printer.name if printer else "pdf"}
    health["label"] = settings.badge_size
    if settings.badge_font is not None and not FontChain.find(settings.badge_font).uses(
        settings.badge_font
    ):
        health["ok"] = False
        health["error"] = (
            f"FRONTDESK_BADGE_FONT {settings.badge_font} is not a usable TrueType font"
        )
    elif not fonts.covers(FONT_SAMPLE):
        health["ok"] = False
        health["error"] = (
            f"no badge font covers {fonts.missing(FONT_SAMPLE)!r}: install fonts-dejavu-core "
            "or set FRONTDESK_BADGE_FONT"
        )
    render: Callable[[BadgeCard], bytes] = partial(
        render_badge, label=settings.badge_size, fonts=fonts
    )
    return BadgeSetup(render, printer, health)


def sms_health(settings: Settings) -> dict[str, Any]:
    if settings.twilio_configured and not settings.twilio_phone_number:
        return {"ok": False, "error": "TWILIO_PHONE_NUMBER is not set: no text can be sent"}
    return {}


def notifier_health(notifiers: dict[str, Notifier]) -> dict[str, Any]:
    """Where a message goes when the first notifier cannot deliver it."""
    fallbacks = list(Routes.of(notifiers).available[1:])
    return {"fallbacks": fallbacks} if fallbacks else {}
