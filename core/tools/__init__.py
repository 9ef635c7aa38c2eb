"""The tools a flow may use, bound to one turn: its transaction, session, language, style."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.dates.say import say_hours
from core.directory.types import Candidate, Resolution
from core.flows.state import Conversation
from core.messages import ChannelStyle
from core.observe import CheckedIn, HandedOver, NameSearched, Observation
from core.outbox import enqueue
from core.store.cards import HostCard
from core.store.office import OfficeSettings
from core.tools import bookings, visits
from core.tools.booking_tools import BookingTools
from core.tools.knowledge import KnowledgeAnswers
from core.tools.lookup import DirectoryCache

__all__ = [
    "DirectoryCache",
    "KnowledgeAnswers",
    "TurnTools",
    "handover_summary",
    "queue_front_desk",
]


@dataclass
class TurnTools(BookingTools):
    db: AsyncSession
    directory: DirectoryCache
    knowledge: KnowledgeAnswers
    conv: Conversation
    session_id: str
    channel: str
    style: ChannelStyle
    notifier: str
    on_slow: Callable[[], None] = lambda: None
    office: OfficeSettings = field(default_factory=OfficeSettings)
    badges_printed: bool = False
    client: str | None = None  # the channel's word for who is on the other end
    kiosk: str | None = None  # the lobby kiosk the visitor stands at, if they do
    # The directory's revision, when the turn read it with its session (None: look it up).
    directory_revision: int | None = None
    # What happened, for the metrics: handed over once the turn has committed.
    observed: list[Observation] = field(default_factory=list)

    async def lookup(self, query: str) -> Resolution:
        resolution = (await self.directory.index(self.db, self.directory_revision)).resolve(query)
        self.observed.append(NameSearched(str(resolution.status)))
        return resolution

    async def match_among(self, query: str, ids: Sequence[int]) -> list[Candidate]:
        return (await self.directory.index(self.db, self.directory_revision)).match_among(
            query, ids
        )

    async def people(self, ids: Sequence[int]) -> list[HostCard]:
        return await self.directory.cards(self.db, ids, self.directory_revision)

    def answer(self, question: str) -> str | None:
        language, spoken = self.conv.language, self.style.spoken
        hours = say_hours(self.office.hours, language, spoken=spoken)
        return self.knowledge.answer(
            question, language, spoken=spoken, facts={"opening_hours": hours}
        )

    async def check_in(self, conv: Conversation) -> int:
        # A visitor who booked ahead but named their host instead of giving the code is
        # that booking arriving, not a second visit.
        host = conv.host
        if host and conv.slots.get("host_confirmed"):
            mine = await bookings.expected_for_host_on_day(
                self.db, self.office, self.now(), host["id"]
            )
            booked = bookings.matching(mine, conv.slots.get("visitor_name"))
            if len(booked) == 1 and await self.arrive(conv, booked[0].id):
                return booked[0].id
        visit_id = await visits.check_in(
            self.db, conv, channel=self.channel, session_id=self.session_id, notifier=self.notifier
        )
        self.observed.append(CheckedIn(self.channel, booked=False))
        return visit_id

    async def record_delivery(self, conv: Conversation) -> int:
        return await visits.record_delivery(
            self.db, conv, channel=self.channel, session_id=self.session_id, notifier=self.notifier
        )

    async def call_front_desk(self, conv: Conversation, reason: str) -> None:
        self.observed.append(HandedOver(self.channel, reason))
        await queue_front_desk(
            self.db,
            conv,
            reason,
            channel=self.channel,
            notifier=self.notifier,
            session_id=self.session_id,
            kiosk=self.kiosk,
        )

    def slow(self) -> None:
        self.on_slow()


async def queue_front_desk(
    db: AsyncSession,
    conv: Conversation,
    reason: str,
    *,
    channel: str,
    notifier: str,
    session_id: str,
    kiosk: str | None = None,
) -> None:
    """Tell the front desk a visitor needs a person (the notifier: Slack, SMS, console);
    at a kiosk, which one, so that someone walks over."""
    payload: dict[str, Any] = {
        "summary": handover_summary(conv, reason),
        "channel": channel,
        "language": conv.language,
    }
    if kiosk:
        payload["kiosk"] = kiosk
    await enqueue(
        db,
        kind="front_desk",
        channel=notifier,
        session_id=session_id,
        visit_id=conv.slots.get("visit_id"),
        payload=payload,
    )


def handover_summary(conv: Conversation, reason: str) -> str:
    """One line for the person taking over, so nobody asks the visitor twice."""
    parts = []
    if name := conv.slots.get("visitor_name"):
        company = conv.slots.get("company")
        parts.append(f"Visitor: {name}" + (f" ({company})" if company else ""))
    if host := conv.host:
        confirmed = "confirmed" if conv.slots.get("host_confirmed") else "not confirmed"
        parts.append(f"for {host['name']} ({confirmed})")
    elif candidates := conv.candidates:
        names = " or ".join(c["name"] for c in candidates)
        parts.append(f"asked for “{conv.slots.get('query', '')}”: {names}")
    elif query := conv.slots.get("query"):
        parts.append(f"asked for “{query}” (not found)")
    if conv.is_delivery:
        parts.append("delivery")
    parts.append(f"language {conv.language}; {reason}")
    return "; ".join(parts)
