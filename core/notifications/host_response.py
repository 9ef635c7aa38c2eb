"""A host answered ("On my way", "Send them up", "I can't make it"): record it on the visit
and tell the visitor, on whatever channel they are waiting on, in their language.

Every channel gets the answer as a `host_response` event on the visitor's session (the
web chat's /events stream shows it, a live call speaks it); a channel with no open
stream to the visitor (SMS) also names a notifier in its style (`ChannelStyle.push`) that
carries it through the outbox, retried like any notification. The style is the one the
channel passed in with the visitor's last turn, which the session keeps. An answer also
stops the reminders still waiting, and "I can't make it" hands the visitor to the front
desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import VOICE_STYLE, WEB_STYLE, ChannelStyle, Language
from core.notifications.compose import HOST_KINDS, visitor_label
from core.notifications.escalation import ESCALATION_KINDS, mark
from core.notifications.queue import enqueue
from core.replies import PersonRef, Say, render
from core.store.models import ConversationSession, Employee, Notification, Visit, utcnow
from core.store.sessions import push_event


class HostAnswer(StrEnum):
    ON_MY_WAY = "on_my_way"
    SEND_UP = "send_up"
    CANT_MAKE_IT = "cant_make_it"

    @property
    def button(self) -> str:
        """The catalogue key of the button that gives this answer."""
        return f"button_{self.value}"

    @property
    def to_visitor(self) -> str:
        """The catalogue key of what the visitor is told."""
        return f"host_{self.value}"


class UnknownVisit(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Recorded:
    visit_id: int
    answer: HostAnswer
    changed: bool  # False when the host pressed the same button again
    visitor: str  # "Tom Baker (Acme)", for the confirmation staff see


async def record_host_response(
    db: AsyncSession, visit_id: int, answer: HostAnswer, *, via: str, front_desk: str
) -> Recorded:
    """In the caller's transaction. `front_desk` is the notifier that tells the front desk."""
    visit = await db.get(Visit, visit_id, with_for_update=True)
    if visit is None:
        raise UnknownVisit(visit_id)
    label = visitor_label({"visitor_name": visit.visitor_name, "company": visit.company})
    if visit.host_response == answer:
        return Recorded(visit_id, answer, changed=False, visitor=label)
    visit.host_response, visit.host_responded_at, visit.host_response_via = answer, utcnow(), via
    await mark(db, visit_id, set(ESCALATION_KINDS), {"pending"}, "acknowledged")
    await mark(db, visit_id, set(HOST_KINDS), {"sent", "escalated"}, "acknowledged")
    await _tell_visitor(db, visit, answer)
    if answer is HostAnswer.CANT_MAKE_IT:
        await enqueue(
            db,
            kind="host_declined",
            channel=front_desk,
            visit_id=visit.id,
            host_id=visit.host_id,
            payload={"visitor_name": visit.visitor_name, "company": visit.company},
        )
    return Recorded(visit_id, answer, changed=True, visitor=label)


async def _tell_visitor(db: AsyncSession, visit: Visit, answer: HostAnswer) -> None:
    session = await _visitor_session(db, visit.id)
    if session is None:
        return  # checked in by the front desk, or the conversation was deleted
    language: Language = visit.language  # type: ignore[assignment]
    host = await db.get(Employee, visit.host_id) if visit.host_id else None
    ref = PersonRef(
        name=host.name if host else visit.host_name or "?",
        aliases=tuple(host.aliases or ()) if host else (),
    )
    say = Say(answer.to_visitor, {"host": ref})
    payload = {
        "text": render(say, language, WEB_STYLE),
        "spoken": render(say, language, VOICE_STYLE),
        "language": language,
        "answer": str(answer),
    }
    await push_event(db, session.id, "host_response", payload)
    style = ChannelStyle.from_dict(session.reply_style) if session.reply_style else None
    if style is not None and style.push:
        await enqueue(
            db,
            kind="visitor_message",
            channel=style.push,
            visit_id=visit.id,
            session_id=session.id,
            payload={**payload, "text": render(say, language, style)},
        )


async def _visitor_session(db: AsyncSession, visit_id: int) -> ConversationSession | None:
    # The conversation that checked the visitor in is on the host's notification; a kiosk
    # session may have moved on to the next visitor since, so its visit_id is not enough.
    session_id = await db.scalar(
        sa.select(Notification.session_id)
        .where(
            Notification.visit_id == visit_id,
            Notification.kind == "host_arrival",
            Notification.session_id.is_not(None),
        )
        .limit(1)
    )
    if session_id is None:
        session_id = await db.scalar(
            sa.select(ConversationSession.id).where(ConversationSession.visit_id == visit_id)
        )
    return await db.get(ConversationSession, session_id) if session_id else None
