"""The check-in flow: once the host is found and confirmed (`core.flows.host`), learn who
the visitor is and check them in.

Handlers take the conversation, what the visitor said (as interpreted) and the tools, and
return what to say. They change state only through `Conversation.goto`. Deliveries share
the host-finding step (the recipient is found and confirmed the same way) and end
without a badge or visitor details.
"""

from __future__ import annotations

from typing import Any

from core.flows import host as host_step
from core.flows.host import host_name, lookup
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools
from core.flows.welcome import badge_wording
from core.replies import Say
from core.understanding.types import Interpretation

E = Expecting
S = State


async def after_host_confirmed(conv: Conversation, tools: FlowTools) -> list[Say]:
    """The check-in's next step once its host is confirmed: who the visitor is, then in."""
    if not conv.slots.get("visitor_name"):
        conv.goto(S.COLLECT_VISITOR_INFO, E.VISITOR_NAME)
        return [Say("ask_name")]
    if conv.slots.get("company") is None:
        conv.goto(S.COLLECT_VISITOR_INFO, E.COMPANY)
        return [Say("ask_company", {"name": conv.slots["visitor_name"]})]
    return await _check_in(conv, tools)


async def _check_in(conv: Conversation, tools: FlowTools) -> list[Say]:
    tools.slow()
    conv.goto(S.NOTIFY_HOST)
    conv.slots["visit_id"] = await tools.check_in(conv)
    conv.goto(S.COMPLETE)
    host = conv.host
    assert host is not None  # notify_host is unreachable without a confirmed host
    party = int(conv.slots.get("party_size") or 1)
    params = {"name": conv.slots["visitor_name"], "host": host_name(host)}
    if party > 1:
        return [Say(badge_wording("checked_in_group", tools), {**params, "count": party})]
    return [Say(badge_wording("checked_in", tools), params)]


# --- deliveries -------------------------------------------------------------------------


async def start_delivery(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    conv.slots["kind"] = "delivery"
    if it.slots.host:
        return await lookup(conv, it.slots.host, tools)
    if it.slots.department:
        conv.slots["department"] = it.slots.department
        return await _finish_delivery(conv, tools)
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return [Say("delivery_ask_recipient")]


async def _finish_delivery(conv: Conversation, tools: FlowTools) -> list[Say]:
    tools.slow()
    if conv.host and conv.slots.get("host_confirmed"):
        conv.goto(S.NOTIFY_HOST)
        recipient: Any = host_name(conv.host)
    elif conv.slots.get("department"):
        recipient = Say("recipient_department", {"department": conv.slots["department"]})
    else:
        recipient = Say("recipient_front_desk")
    conv.slots["visit_id"] = await tools.record_delivery(conv)
    conv.goto(S.COMPLETE)
    return [Say("delivery_done", {"recipient": recipient})]


host_step.hands_back_to(None, after_host_confirmed)
host_step.hands_back_to("delivery", _finish_delivery)
