"""The welcome a checked-in visitor hears, as true as the set-up: it says the badge is
printing only when a printer prints it; otherwise it sends the visitor to the front desk
for it (the `_collect` wording)."""

from __future__ import annotations

from core.flows.tools import FlowTools


def badge_wording(key: str, tools: FlowTools) -> str:
    return key if tools.badges_printed else f"{key}_collect"
