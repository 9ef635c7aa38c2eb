"""Vendor SDKs are optional extras (`pip install 'frontdesk[anthropic]'`, `[openai]`,
`[slack]`, `[twilio]`, or `[all]`): a default install is the offline receptionist and
imports none of them. A credential set for a vendor whose extra is missing would otherwise
fail on the first visitor, deep in a traceback; it is refused at start-up instead, in one
line that names the extra to install.
"""

from __future__ import annotations

import importlib

from frontdesk.settings import Settings

# The modules each extra installs that our vendor modules import.
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "anthropic": ("anthropic",),
    "openai": ("openai",),
    "slack": ("slack_sdk", "slack_bolt", "aiohttp"),
    "twilio": ("twilio", "aiohttp"),
    "docs": ("fastapi_swagger",),
}


class MissingExtra(RuntimeError):
    """A vendor is configured but its SDK is not installed."""


def require(extra: str, variable: str) -> None:
    """Import the extra's SDK now, or say in one line which extra `variable` needs."""
    for module in EXTRA_MODULES[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtra(
                f"{variable} is set but the {extra} extra is not installed: "
                f"pip install 'frontdesk[{extra}]'"
            ) from None


def in_use(settings: Settings) -> list[tuple[str, str]]:
    """(extra, the variable that asks for it) for every vendor these settings use: the
    same conditions the providers' choices follow."""
    used: list[tuple[str, str]] = []
    if settings.anthropic_api_key is not None:
        used.append(("anthropic", "ANTHROPIC_API_KEY"))
    elif settings.openai_api_key is not None:
        used.append(("openai", "OPENAI_API_KEY"))
    if settings.slack_bot_token is not None:
        used.append(("slack", "SLACK_BOT_TOKEN"))
    elif settings.slack_signing_secret is not None:
        used.append(("slack", "SLACK_SIGNING_SECRET"))
    if settings.twilio_auth_token is not None:  # it alone makes webhooks verifiable
        used.append(("twilio", "TWILIO_AUTH_TOKEN"))
    elif settings.twilio_account_sid:
        used.append(("twilio", "TWILIO_ACCOUNT_SID"))
    if settings.api_docs:
        used.append(("docs", "FRONTDESK_API_DOCS"))
    return used


def check_extras(settings: Settings) -> None:
    """Raise `MissingExtra` for the first configured vendor whose extra is missing."""
    for extra, variable in in_use(settings):
        require(extra, variable)
