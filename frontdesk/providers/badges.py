"""Where badges go: the CUPS printer when one is named, else PDFs saved for the admin API;
and whether a font can draw the office's three languages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from channels.badges.cups import CupsPrinter
from channels.badges.fonts import FontChain
from channels.badges.pdf import render_badge
from core.badges.printer import BadgeCard, Printer
from frontdesk.providers import Health
from frontdesk.settings import Settings

# What a badge font must be able to draw for the office's three languages.
FONT_SAMPLE = "ÕõÄäÖöÜüŠšŽž Ёё Жж Щщ Ыы"


@dataclass
class BadgeSetup:
    render: Callable[[BadgeCard], bytes]
    printer: Printer | None
    health: Health = field(default_factory=dict)


def badge_setup(settings: Settings) -> BadgeSetup:
    fonts = FontChain.find(settings.badge_font)
    printer = (
        CupsPrinter(settings.badge_printer, command=settings.lp_command)
        if settings.badge_printer
        else None
    )
    health: Health = {"ok": True, "provider": printer.name if printer else "pdf"}
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
