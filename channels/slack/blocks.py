"""Slack messages as Block Kit, and button presses back into host answers. Pure: no I/O.

A visitor's name and company are typed by the visitor, so they are escaped: in Slack's
markup `<!channel>` would page a whole channel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from core.messages import WEB_STYLE, Language
from core.notifications.host_response import HostAnswer
from core.replies import Say, render

ACTION_PREFIX = "frontdesk_host_"
ACTION_PATTERN = re.compile(rf"^{ACTION_PREFIX}({'|'.join(a.value for a in HostAnswer)})$")
ANSWERABLE = frozenset({"host_arrival", "host_reminder"})
_STYLE = {HostAnswer.ON_MY_WAY: "primary", HostAnswer.CANT_MAKE_IT: "danger"}


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _language(value: str) -> Language:
    return value if value in ("en", "et", "ru") else "en"  # type: ignore[return-value]


def button_label(answer: HostAnswer, language: str) -> str:
    return render(Say(answer.button), _language(language), WEB_STYLE)


def message_blocks(
    text: str, *, kind: str, visit_id: int | None, payload: Mapping[str, Any], language: str
) -> list[dict[str, Any]]:
    """The message to a host or the front desk; a host asked to come gets the buttons."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(text)}}
    ]
    if payload.get("purpose") and kind in ANSWERABLE:
        purpose = render(
            Say("note_purpose", {"purpose": payload["purpose"]}), _language(language), WEB_STYLE
        )
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(purpose)}]}
        )
    if kind in ANSWERABLE and visit_id is not None:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"frontdesk_visit_{visit_id}",
                "elements": [_button(answer, visit_id, language) for answer in HostAnswer],
            }
        )
    return blocks


def _button(answer: HostAnswer, visit_id: int, language: str) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": f"{ACTION_PREFIX}{answer.value}",
        "text": {"type": "plain_text", "text": button_label(answer, language)},
        "value": str(visit_id),
    }
    if answer in _STYLE:
        button["style"] = _STYLE[answer]
    return button


def answered_blocks(original: str, answered: str) -> list[dict[str, Any]]:
    """The same message once answered: the buttons give way to what was answered."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": original}},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f":white_check_mark: {escape(answered)}"}],
        },
    ]


def parse_action(action: Mapping[str, Any]) -> tuple[HostAnswer, int] | None:
    """(answer, visit id) from a pressed button, or None for anything that is not ours."""
    match = ACTION_PATTERN.match(str(action.get("action_id", "")))
    value = str(action.get("value", ""))
    if match is None or not value.isdecimal() or len(value) > 12:
        return None
    return HostAnswer(match.group(1)), int(value)
