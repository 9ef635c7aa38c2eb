"""An outbox row as the message a notifier delivers: who it is for and what it says.

Staff read it in the office language; a visitor's message was written in the visitor's
language when it was queued. The kinds, and who reads them:

- `host_arrival`, `host_reminder`, the booking notices — the host; `delivery` — the host,
  or the front desk
- `front_desk`, `host_unanswered`, `host_unreachable`, `host_declined` — the front desk
- `visitor_message` — a waiting visitor, on their own channel (the host's answer by SMS)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import WEB_STYLE, Language
from core.notifications.notifier import OutgoingMessage, Recipient
from core.replies import Say, render
from core.replies.notices import BOOKING_NOTICES, booking_notice
from core.store.models import ConversationSession, Employee, Notification, Visit, utcnow

HOST_KINDS = frozenset({"host_arrival", "host_reminder"})
FRONT_DESK_KINDS = frozenset({"front_desk", "host_unanswered", "host_unreachable", "host_declined"})
VISITOR_KINDS = frozenset({"visitor_message"})


def visitor_label(payload: Mapping[str, Any]) -> str:
    """ "Tom Baker (Acme)": how staff are told who is waiting."""
    visitor = str(payload.get("visitor_name") or "?")
    return f"{visitor} ({payload['company']})" if payload.get("company") else visitor


def minutes_waiting(visit: Visit | None, now: datetime | None = None) -> int:
    if visit is None or visit.checked_in_at is None:
        return 0
    return max(1, round(((now or utcnow()) - visit.checked_in_at).total_seconds() / 60))


def staff_text(
    note: Notification, language: Language, host_name: str | None, visit: Visit | None = None
) -> str:
    """The staff-facing sentence for a notification, in the office language."""
    p = note.payload
    visitor = visitor_label(p)
    host = host_name or (visit.host_name if visit else None) or "?"
    minutes = minutes_waiting(visit)
    match note.kind:
        case "host_arrival" if int(p.get("party_size") or 1) > 1:
            say = Say("host_arrival_group", {"visitor": visitor, "others": p["party_size"] - 1})
        case "host_arrival" if p.get("booked_for"):
            say = booking_notice("host_arrival", p, visitor)
        case "host_arrival":
            say = Say("host_arrival", {"visitor": visitor})
        case kind if kind in BOOKING_NOTICES:
            say = booking_notice(kind, p, visitor)
        case "delivery":
            recipient = host_name or p.get("department") or p.get("recipient") or "?"
            say = Say("delivery_arrival", {"recipient": recipient})
        case "host_reminder":
            say = Say("host_reminder", {"visitor": visitor, "minutes": minutes})
        case "host_unanswered":
            say = Say("host_unanswered", {"host": host, "visitor": visitor, "minutes": minutes})
        case "host_unreachable" | "host_declined":
            say = Say(note.kind, {"host": host, "visitor": visitor})
        case "front_desk" if p.get("kiosk"):
            say = Say(
                "front_desk_help_kiosk", {"kiosk": p["kiosk"], "summary": p.get("summary", "")}
            )
        case _:
            say = Say(
                "front_desk_help",
                {"channel": p.get("channel", "?"), "summary": p.get("summary", "")},
            )
    return render(say, language, WEB_STYLE)


async def outgoing(
    db: AsyncSession, note: Notification, staff_language: Language
) -> OutgoingMessage:
    host = await db.get(Employee, note.host_id) if note.host_id else None
    visit = await db.get(Visit, note.visit_id) if note.visit_id else None
    language: str = staff_language
    recipient: Recipient | None
    if note.kind in VISITOR_KINDS:
        session = await db.get(ConversationSession, note.session_id) if note.session_id else None
        recipient = Recipient(
            employee_id=None,
            name=(visit.visitor_name if visit else None) or "visitor",
            phone=session.session_key if session else None,
            visitor=True,
        )
        text = str(note.payload.get("text", ""))
        language = str(note.payload.get("language", staff_language))
    else:
        recipient = None if note.kind in FRONT_DESK_KINDS else _recipient(host)
        text = staff_text(note, staff_language, host.name if host else None, visit)
    return OutgoingMessage(
        notification_id=note.id,
        kind=note.kind,
        text=text,
        recipient=recipient,
        payload=dict(note.payload),
        visit_id=note.visit_id,
        language=language,
    )


def _recipient(host: Employee | None) -> Recipient | None:
    if host is None:
        return None
    return Recipient(
        employee_id=host.id,
        name=host.name,
        email=host.email,
        phone=host.phone,
        slack_id=host.slack_id,
    )
