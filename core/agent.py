"""One turn of a conversation, for every channel.

read the session → settle the language → interpret (outside any transaction: an LLM may
be slow) → in one transaction: re-read the session, run the flow and its tools, write the
session, the visit and the outbox rows → stream the reply. If another instance changed the
session in between (two messages racing), the turn is interpreted again on the new state.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core.flows.state import Conversation, Expecting, State
from core.flows.turn import advance
from core.language import country_language, session_language
from core.messages import (
    Channel,
    ChannelStyle,
    Filler,
    Final,
    Inbound,
    Language,
    Reply,
    ReplyEvent,
    Sentence,
    as_language,
)
from core.replies import Say, render, sentences
from core.store import sessions
from core.store.db import SessionMaker
from core.store.models import ConversationSession, utcnow
from core.store.office import OfficeSettings, load_office
from core.tools import DirectoryCache, KnowledgeAnswers, TurnTools, handover_summary
from core.understanding.types import CandidateRef, Understanding, UnderstandingContext

log = logging.getLogger(__name__)
MAX_RACES = 3


class UnknownSession(LookupError):
    pass


@dataclass
class Agent:
    sessionmaker: SessionMaker
    understanding: Understanding
    directory: DirectoryCache
    knowledge: KnowledgeAnswers  # the wiring loads the bundled `knowledge` package
    notifier: str = "console"
    default_language: Language = "en"
    session_idle: timedelta = timedelta(minutes=30)
    on_commit: Callable[[], None] = lambda: None  # wakes the outbox worker
    office_defaults: OfficeSettings = field(default_factory=OfficeSettings)

    async def open_session(
        self, channel: Channel, *, language: Language | None = None, session_key: str | None = None
    ) -> str:
        async with self.sessionmaker() as db, db.begin():
            row = await sessions.create_session(
                db,
                channel=channel,
                language=language or self.default_language,
                language_known=language is not None,
                session_key=session_key,
            )
            return row.id

    async def session_exists(self, session_id: str) -> bool:
        async with self.sessionmaker() as db:
            return await db.get(ConversationSession, session_id) is not None

    # --- what a live channel (a phone call) needs besides turns ---------------------------

    async def keyterms(self, limit: int = 500) -> list[str]:
        """The directory's names, for a recogniser to listen out for."""
        async with self.sessionmaker() as db:
            index = await self.directory.index(db)
        return index.keyterms(limit)

    async def set_language(self, session_id: str, language: Language) -> None:
        """The visitor chose a language (a keypad press, what their speech was recognised
        as): the session speaks it from the next turn on."""
        async with self.sessionmaker() as db, db.begin():
            row = await db.get(ConversationSession, session_id, with_for_update=True)
            if row is not None:
                row.language = language
                row.language_known = True
                row.updated_at = utcnow()

    async def cut_short(self, session_id: str, heard: str) -> None:
        """The visitor interrupted the last reply: the conversation keeps only `heard`, the
        part that reached them, so the next turn is understood against what they know."""
        async with self.sessionmaker() as db, db.begin():
            row = await db.get(ConversationSession, session_id, with_for_update=True)
            if row is not None and sessions.cut_last_reply(row, heard):
                row.updated_at = utcnow()

    async def handover_summary(self, session_id: str, reason: str) -> str:
        """One line for a person taking the conversation over (host, visitor, state)."""
        async with self.sessionmaker() as db:
            row = await db.get(ConversationSession, session_id)
            if row is None:
                return reason
            conv = _conversation(row, as_language(row.language, self.default_language))
        return f"{handover_summary(conv, reason)}; state {conv.state}"

    async def end_session(self, session_id: str) -> None:
        """The visitor left (hung up): the session ends now, its transcript with it."""
        async with self.sessionmaker() as db, db.begin():
            row = await db.get(ConversationSession, session_id, with_for_update=True)
            if row is not None and row.ended_at is None:
                sessions.end_session(row)

    async def turn(self, inbound: Inbound, style: ChannelStyle) -> AsyncIterator[ReplyEvent]:
        """Run one turn; yields fillers as slow work starts, then sentences, then Final.

        The turn runs in its own task: a client that goes away mid-stream does not stop
        a check-in half-way.
        """
        queue: asyncio.Queue[ReplyEvent | BaseException | None] = asyncio.Queue()
        task = asyncio.create_task(self._run(inbound, style, queue))
        try:
            while (event := await queue.get()) is not None:
                if isinstance(event, BaseException):
                    raise event
                yield event
        finally:
            if not task.done():
                await asyncio.shield(task)

    async def reply(self, inbound: Inbound, style: ChannelStyle) -> Reply:
        async for event in self.turn(inbound, style):
            if isinstance(event, Final):
                return event.reply
        raise RuntimeError("turn ended without a reply")

    async def _run(self, inbound: Inbound, style: ChannelStyle, queue: asyncio.Queue[Any]) -> None:
        try:
            reply, parts = await self._committed_turn(inbound, style, queue.put_nowait)
            self.on_commit()
            for sentence in parts:
                queue.put_nowait(Sentence(sentence, reply.language))
            queue.put_nowait(Final(reply))
        except BaseException as exc:
            queue.put_nowait(exc)
        finally:
            queue.put_nowait(None)

    async def _committed_turn(
        self, inbound: Inbound, style: ChannelStyle, emit: Callable[[ReplyEvent], None]
    ) -> tuple[Reply, list[str]]:
        filler_sent = False

        def on_slow() -> None:
            nonlocal filler_sent
            if not filler_sent:
                filler_sent = True
                emit(Filler(render(Say("filler"), conv.language, style), conv.language))

        for _ in range(MAX_RACES):
            async with self.sessionmaker() as db:
                row = await self._session_row(db, inbound)
                await db.commit()  # _session_row may have created it
                version = row.version
                stored = as_language(row.language, self.default_language)
                language = session_language(
                    stored if row.language_known else None,
                    inbound.text,
                    country=_country(inbound),
                    default=stored,
                )
                conv = _conversation(row, language)
            interpretation = await self.understanding.interpret(inbound.text, _context(conv))
            try:
                async with self.sessionmaker() as db, db.begin():
                    fresh = await db.get(ConversationSession, row.id, with_for_update=True)
                    if fresh is None or fresh.version != version:
                        raise StaleDataError("session changed under this turn")
                    row = fresh
                    office = await load_office(db, self.office_defaults)
                    tools = TurnTools(
                        db=db,
                        directory=self.directory,
                        knowledge=self.knowledge,
                        conv=conv,
                        session_id=row.id,
                        channel=inbound.channel,
                        style=style,
                        notifier=self.notifier,
                        on_slow=on_slow,
                        office=office,
                    )
                    says = await advance(conv, interpretation, tools)
                    parts = sentences(says, conv.language, style)
                    reply = Reply(
                        reply=" ".join(parts),
                        language=conv.language,
                        state=str(conv.state),
                        expecting=str(conv.expecting) if conv.expecting else None,
                        done=conv.done,
                    )
                    _save(row, conv, inbound.text, reply, style)
                log.info(
                    "turn session=%s state=%s intent=%s", row.id, reply.state, interpretation.intent
                )
                return reply, parts
            except StaleDataError:
                log.info("session %s changed during a turn; interpreting again", row.id)
        raise RuntimeError("the session kept changing; giving up on this turn")

    async def _session_row(self, db: AsyncSession, inbound: Inbound) -> ConversationSession:
        if inbound.session_opened:
            row = await db.get(ConversationSession, inbound.session_key)
            if row is None:
                raise UnknownSession(inbound.session_key)
            return row
        row = await sessions.find_active(
            db, channel=inbound.channel, session_key=inbound.session_key, idle=self.session_idle
        )
        if row is None:
            row = await sessions.create_session(
                db,
                channel=inbound.channel,
                session_key=inbound.session_key,
                language=inbound.language or _country(inbound) or self.default_language,
                language_known=inbound.language is not None,
            )
        return row


def _country(inbound: Inbound) -> Language | None:
    return country_language(inbound.meta.get("from"))


def _conversation(row: ConversationSession, language: Language) -> Conversation:
    return Conversation(
        state=State(row.state),
        expecting=Expecting(row.expecting) if row.expecting else None,
        language=language,
        slots=dict(row.slots or {}),
        failures=row.failures,
        done=row.state in (State.COMPLETE, State.TRANSFER_HUMAN),
    )


def _context(conv: Conversation) -> UnderstandingContext:
    return UnderstandingContext(
        state=str(conv.state),
        expecting=str(conv.expecting) if conv.expecting else None,
        language=conv.language,
        candidates=[
            CandidateRef(c["id"], c["name"], c.get("department", "")) for c in conv.candidates
        ],
        corrects=conv.slots.get("last_given"),
    )


def _save(
    row: ConversationSession, conv: Conversation, text: str, reply: Reply, style: ChannelStyle
) -> None:
    row.state = str(conv.state)
    row.expecting = str(conv.expecting) if conv.expecting else None
    row.language = conv.language
    row.language_known = True
    row.slots = conv.slots
    row.failures = conv.failures
    row.visit_id = conv.slots.get("visit_id") or row.visit_id
    row.reply_style = style.as_dict()  # how the host's answer reaches this visitor later
    row.updated_at = utcnow()
    sessions.append_transcript(
        row, {"who": "visitor", "text": text}, {"who": "receptionist", "text": reply.reply}
    )
    if conv.done:
        sessions.end_session(row)
    else:
        row.ended_at = None
