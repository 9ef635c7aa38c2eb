"""How staff are told: Slack when its bot token is set, SMS when Twilio can text, and the
console always, as the last resort; and the Slack app that takes the hosts' button
presses. The Slack and Twilio SDKs are optional extras, imported only when their
credentials are set."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from channels.notify.console import ConsoleNotifier
from core.notifications.notifier import Notifier
from core.notifications.routing import Routes
from core.store.db import SessionMaker
from frontdesk.providers import Health
from frontdesk.providers.extras import require
from frontdesk.providers.telephony import twilio_account
from frontdesk.settings import Settings

if TYPE_CHECKING:
    from channels.slack.interactions import SlackEvents


def choose_notifiers(settings: Settings, sessionmaker: SessionMaker) -> dict[str, Notifier]:
    """Every configured notifier, best first; the console is always the last resort."""
    notifiers: dict[str, Notifier] = {}
    timeout = settings.notify_timeout_seconds
    if settings.slack_bot_token is not None:
        require("slack", "SLACK_BOT_TOKEN")
        from channels.notify.slack import SlackNotifier

        notifiers["slack"] = SlackNotifier(
            settings.slack_bot_token.get_secret_value(),
            base_url=settings.slack_api_base_url,
            front_desk_channel=settings.slack_front_desk_channel,
            timeout=timeout,
        )
    account = twilio_account(settings)
    if account is not None and account.phone_number:
        require("twilio", "TWILIO_AUTH_TOKEN")
        from channels.notify.sms import SmsNotifier

        notifiers["sms"] = SmsNotifier(
            account, sessionmaker, office_defaults=settings.office_defaults(), timeout=timeout
        )
    notifiers["console"] = ConsoleNotifier()
    return notifiers


def notifier_health(notifiers: dict[str, Notifier], first: str) -> Health:
    """Which notifier new notifications go through, and where a message goes when it
    cannot deliver."""
    fallbacks = list(Routes.of(notifiers).available[1:])
    return {"provider": first, **({"fallbacks": fallbacks} if fallbacks else {})}


def slack_events_app(
    settings: Settings,
    sessionmaker: SessionMaker,
    *,
    front_desk: str,
    on_change: Callable[[], None],
) -> tuple[SlackEvents | None, Health]:
    """The app that receives button presses; None without a bot token and signing
    secret."""
    if settings.slack_bot_token is None or settings.slack_signing_secret is None:
        return None, {"provider": "off"}
    require("slack", "SLACK_SIGNING_SECRET")
    from channels.slack.interactions import SlackEvents, build_slack_app

    app = build_slack_app(
        token=settings.slack_bot_token.get_secret_value(),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        sessionmaker=sessionmaker,
        front_desk=front_desk,
        staff_language=settings.staff_language,
        base_url=settings.slack_api_base_url,
        timeout=settings.notify_timeout_seconds,
        on_change=on_change,
    )
    return SlackEvents(app), {"provider": "slack"}
