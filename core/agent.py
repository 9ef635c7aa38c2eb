"""One turn of a conversation, for every channel.

take the conversation's lock → read the session → settle the language → interpret → run
the flow and its tools, write the session, the visit and the outbox rows → stream the
reply. Turns of one conversation run one after the other (`core.store.turn_lock`): on
Postgres the whole turn is one transaction holding the conversation's lock. On SQLite,
whose write lock covers the whole file, the interpretation runs outside any transaction and
the write checks that the session is still as read; if another process on the same file
took a turn in between, the turn is taken again inside one transaction, under that lock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core.flows import acts
from core.flows.state import Conversation, Expecting, State, slots_from_json, slots_to_json
from core.flows.turn import advance
from core.language import country_language, session_language
from core.logcontext import conversation_ref, ref
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
    final_reply,
)
from core.observe import (
    ConversationEnded,
    HandedOver,
    Observation,
    Observer,
    Outcome,
    TurnTaken,
    ended,
    ignore,
)
from core.replies import Say, render, sentences
from core.store import sessions
from core.store.db import SessionMaker, single_statement
from core.store.directory import stored_revision
from core.store.models import Badge, ConversationSession, Notification, utcnow
from core.store.office import OfficeSettings, office_from, stored_office
from core.store.turn_lock import (
    TurnLocks,
    conversation_key,
    holds_across_turn,
    lock_conversation,
)
from core.tools import (
    DirectoryCache,
    KnowledgeAnswers,
    TurnTools,
    handover_summary,
    queue_front_desk,
)
from core.understanding.types import (
    CandidateRef,
    Interpretation,
    Understanding,
    UnderstandingContext,
)

log = logging.getLogger(__name__)


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
    # Wakes the outbox and badge workers after a turn that queued work for them.
    on_commit: Callable[[], None] = lambda: None
    office_defaults: OfficeSettings = field(default_factory=OfficeSettings)
    # Whether a badge printer is configured (the wiring knows; core only hears the answer),
    # so the receptionist never says a badge is printing when it is only saved.
    badges_printed: bool = False
    _turn_locks: TurnLocks = field(default_factory=TurnLocks, init=False, repr=False)
    _interprets_outside: bool | None = field(default=None, init=False, repr=False)
    observe: Observer = ignore  # what happened, for the metrics (core/observe.py)

    def _tell(self, event: Observation) -> None:
        """A watcher's failure never fails a committed turn."""
        try:
            self.observe(event)
        except Exception:
            log.exception("recording %s failed", type(event).__name__)

    async def open_session(
        self, channel: Channel, *, language: Language | None = None, session_key: str | None = None
    ) -> str:
        async with single_statement(self.sessionmaker) as db:
            row = await sessions.insert_session(
                db,
                channel=channel,
                language=language or self.default_language,
                language_known=language is not None,
                session_key=session_key,
            )
            return row.id

    async def session_exists(self, session_id: str, channel: Channel) -> bool:
        """Whether `channel` opened this session: a channel reaches only its own."""
        async with self.sessionmaker() as db:
            row = await db.get(ConversationSession, session_id)
            return row is not None and row.channel == channel

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

    async def call_front_desk(
        self, session_id: str, reason: str, *, kiosk: str | None = None
    ) -> None:
        """Tell the front desk this visitor needs a person, as the flow's hand-over does,
        for a hand-over the channel decides (a provider failed at a kiosk): through the
        notifier, saying at which kiosk. The conversation is then handed over, as a flow's
        hand-over leaves it (so that ending it counts no second hand-over)."""
        async with self.sessionmaker() as db, db.begin():
            row = await db.get(ConversationSession, session_id, with_for_update=True)
            if row is None:
                raise UnknownSession(session_id)
            conv = _conversation(row, as_language(row.language, self.default_language))
            row.state, row.expecting = State.TRANSFER_HUMAN.value, None
            row.updated_at = utcnow()
            channel = row.channel
            await queue_front_desk(
                db,
                conv,
                reason,
                channel=row.channel,
                notifier=self.notifier,
                session_id=row.id,
                kiosk=kiosk,
            )
        self.on_commit()
        self._tell(HandedOver(channel, reason))

    async def end_session(self, session_id: str, *, handed_over: str | None = None) -> None:
        """The visitor left (hung up), or was put through to a person: `handed_over` is why
        (a channel's fixed reason, e.g. a caller pressed 0). The session ends now, its
        transcript with it. A hand-over the flow already made (the conversation is in
        `transfer_human`: it was counted then, with the flow's reason) is not counted again."""
        async with self.sessionmaker() as db, db.begin():
            row = await db.get(ConversationSession, session_id, with_for_update=True)
            if row is None or row.ended_at is not None:
                return
            sessions.end_session(row)
            channel, language, state = row.channel, row.language, row.state
            outcome: Outcome = (
                "handed_over" if handed_over else ended(row.state, row.visit_id is not None)
            )
        if handed_over and state != "transfer_human":
            self._tell(HandedOver(channel, handed_over))
        self._tell(ConversationEnded(channel, language, outcome))

    async def end_idle_sessions(self) -> int:
        """End the conversations nobody has spoken in for `session_idle`."""
        async with self.sessionmaker() as db, db.begin():
            rows = await sessions.end_idle(db, idle=self.session_idle)
        for channel, language, state, visit_id in rows:
            self._tell(ConversationEnded(channel, language, ended(state, visit_id is not None)))
        return len(rows)

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
        final = await final_reply(self.turn(inbound, style))
        if final is None:
            raise RuntimeError("turn ended without a reply")
        return final

    async def _run(self, inbound: Inbound, style: ChannelStyle, queue: asyncio.Queue[Any]) -> None:
        try:
            started = time.monotonic()
            reply, parts, events, queued = await self._committed_turn(
                inbound, style, queue.put_nowait
            )
            if queued:
                self.on_commit()
            for event in events:  # told only now that the turn has committed, and once
                self._tell(event)
            self._tell(TurnTaken(inbound.channel, time.monotonic() - started))
            for sentence in parts:
                queue.put_nowait(Sentence(sentence, reply.language))
            queue.put_nowait(Final(reply))
        except BaseException as exc:
            queue.put_nowait(exc)
        finally:
            queue.put_nowait(None)

    async def _committed_turn(
        self, inbound: Inbound, style: ChannelStyle, emit: Callable[[ReplyEvent], None]
    ) -> _Done:
        key = conversation_key(inbound.channel, inbound.session_key, opened=inbound.session_opened)
        async with self._turn_locks.hold(key):
            if self._optimistic():
                try:
                    return await self._optimistic_turn(inbound, style, emit)
                except StaleDataError:
                    log.info("a session changed during a turn; taking it again under the lock")
            # The transaction begins with the turn's first statement, in that statement's
            # greenlet (`db.begin()` would take one of its own, to begin nothing on the
            # database yet), and ends with the commit here; a failure leaves it to the
            # session's close, which rolls it back.
            async with self.sessionmaker() as db:
                if not inbound.session_opened:
                    await lock_conversation(db, key)
                # else the session's row, read FOR UPDATE first thing, is the lock
                done = await self._turn_in(db, inbound, style, emit)
                await db.commit()
                return done

    def _optimistic(self) -> bool:
        """Whether turns interpret outside a transaction (SQLite: see `core.store.turn_lock`)."""
        if self._interprets_outside is None:  # asked once: a session opens no connection
            self._interprets_outside = not holds_across_turn(self.sessionmaker())
        return self._interprets_outside

    async def _turn_in(
        self,
        db: AsyncSession,
        inbound: Inbound,
        style: ChannelStyle,
        emit: Callable[[ReplyEvent], None],
    ) -> _Done:
        """The whole turn in one transaction that holds the conversation's lock."""
        read = await self._session_row(db, inbound, lock=True)
        assert read.row is not None
        conv = self._conversation_now(read.row, inbound)
        interpretation = await self.understanding.interpret(inbound.text, _context(conv))
        return await self._advance(db, read, conv, interpretation, inbound, style, emit)

    async def _optimistic_turn(
        self, inbound: Inbound, style: ChannelStyle, emit: Callable[[ReplyEvent], None]
    ) -> _Done:
        """Read, interpret outside any transaction, then write if the session is still as
        read; StaleDataError if another process changed it in between."""
        async with self.sessionmaker() as db:
            read = await self._session_row(db, inbound, lock=False)
            await db.commit()  # _session_row may have created it
        assert read.row is not None
        conv = self._conversation_now(read.row, inbound)
        interpretation = await self.understanding.interpret(inbound.text, _context(conv))
        async with self.sessionmaker() as db, db.begin():
            # This transaction holds the database's write lock (SQLite): checked now, the
            # version cannot move before the turn's own write.
            if await sessions.version_of(db, read.row.id) != read.row.version:
                raise StaleDataError("session changed under this turn")
            return await self._advance(db, read, conv, interpretation, inbound, style, emit)

    def _conversation_now(self, row: sessions.SessionRow, inbound: Inbound) -> Conversation:
        stored = as_language(row.language, self.default_language)
        language = session_language(
            stored if row.language_known else None,
            inbound.text,
            country=_country(inbound),
            default=stored,
        )
        return _conversation(row, language)

    async def _advance(
        self,
        db: AsyncSession,
        read: sessions.TurnRead,
        conv: Conversation,
        interpretation: Interpretation,
        inbound: Inbound,
        style: ChannelStyle,
        emit: Callable[[ReplyEvent], None],
    ) -> _Done:
        """Run the flow and its tools and write the session, in the caller's transaction
        (`read`: the session as the turn read it, with the office settings and the
        directory's revision)."""
        row = read.row
        assert row is not None
        filler_sent = False
        conversation_ref.set(ref(row.id))  # this turn runs in its own task: its context

        def on_slow() -> None:
            nonlocal filler_sent
            if not filler_sent:
                filler_sent = True
                emit(Filler(render(Say("filler"), conv.language, style), conv.language))

        was_open = row.ended_at is None
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
            office=office_from(read.office, self.office_defaults),
            badges_printed=self.badges_printed,
            client=inbound.meta.get("client") or inbound.meta.get("from"),
            kiosk=inbound.meta.get("kiosk"),
            directory_revision=read.directory_revision,
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
        saved = _save(row, conv, inbound.text, reply, style)
        # A session changed by another writer fails here, before the commit.
        if not await sessions.write_turn(db, row, saved):
            raise StaleDataError("session changed under this turn")
        log.info("turn state=%s intent=%s", reply.state, interpretation.intent)
        events = list(tools.observed)
        if conv.done and was_open:
            outcome = ended(reply.state, saved.visit_id is not None)
            events.append(ConversationEnded(inbound.channel, conv.language, outcome))
        # The workers are woken only for a turn that gave them work (most turns give none,
        # and a woken worker looks in the database for it); the rest they find by polling.
        queued = any(isinstance(obj, (Notification, Badge)) for obj in db.identity_map.values())
        queued = queued or any(isinstance(obj, (Notification, Badge)) for obj in db.new)
        return _Done(reply, parts, events, queued)

    async def _session_row(
        self, db: AsyncSession, inbound: Inbound, *, lock: bool
    ) -> sessions.TurnRead:
        """The turn's session (`lock`: FOR UPDATE, on a database that has it), with the
        office settings and the directory's revision, in one statement; a conversation
        keyed by the channel's address gets a new session when it has none or went quiet."""
        lock = lock and holds_across_turn(db)
        if inbound.session_opened:
            read = await _READS.session(db, inbound.session_key, lock=lock)
            _opened(read.row, inbound)
            return read
        read = await _READS.active(
            db, channel=inbound.channel, session_key=inbound.session_key, idle=self.session_idle
        )
        if read.row is not None:
            return read
        row = await sessions.insert_session(
            db,
            channel=inbound.channel,
            session_key=inbound.session_key,
            language=inbound.language or _country(inbound) or self.default_language,
            language_known=inbound.language is not None,
        )
        return replace(read, row=row)


# A turn's first statement: its session, the office settings and the directory's revision.
_READS = sessions.turn_reads(stored_office(), stored_revision())


class _Done(NamedTuple):
    """A committed turn: the reply, its sentences, what happened (for the metrics), and
    whether it queued notifications or badges."""

    reply: Reply
    parts: list[str]
    events: list[Observation]
    queued: bool


def _opened(row: sessions.SessionRow | None, inbound: Inbound) -> sessions.SessionRow:
    """The session the client opened, if it is this channel's (an SMS's id is no chat's)."""
    if row is None or row.channel != inbound.channel:
        raise UnknownSession(ref(inbound.session_key))
    return row


def _country(inbound: Inbound) -> Language | None:
    return country_language(inbound.meta.get("from"))


def _conversation(
    row: ConversationSession | sessions.SessionRow, language: Language
) -> Conversation:
    return Conversation(
        state=State(row.state),
        expecting=Expecting(row.expecting) if row.expecting else None,
        language=language,
        slots=slots_from_json(row.slots),
        failures=row.failures,
        done=row.state in (State.COMPLETE, State.TRANSFER_HUMAN),
    )


def _context(conv: Conversation) -> UnderstandingContext:
    return UnderstandingContext(
        state=str(conv.state),
        expecting=str(conv.expecting) if conv.expecting else None,
        language=conv.language,
        candidates=[
            CandidateRef(
                c["id"],
                c["name"],
                c.get("department", ""),
                tuple((c.get("departments") or {}).values()),
            )
            for c in conv.candidates
        ],
        corrects=conv.slots.get("last_given"),
        given=acts.given(conv),
    )


def _save(
    row: sessions.SessionRow, conv: Conversation, text: str, reply: Reply, style: ChannelStyle
) -> sessions.SessionRow:
    """The session as this turn leaves it (`row`, as read, is left as it was)."""
    done = conv.done
    transcript = sessions.appended(
        row.transcript,
        {"who": "visitor", "text": text},
        {"who": "receptionist", "text": reply.reply},
    )
    return replace(
        row,
        state=str(conv.state),
        expecting=str(conv.expecting) if conv.expecting else None,
        language=conv.language,
        language_known=True,
        slots=slots_to_json(conv.slots),
        failures=conv.failures,
        visit_id=conv.slots.get("visit_id") or row.visit_id,
        reply_style=style.as_dict(),  # how the host's answer reaches this visitor later
        updated_at=utcnow(),
        # Transcripts die with the session; the outcome (state, visit) stays.
        transcript=[] if done else transcript,
        ended_at=utcnow() if done else None,
    )
