"""The booking half of `TurnTools`: what the booking, arrival and change flows may do,
bound to the turn's transaction, session and the office's clock.

A booking is found by what only its visitor knows: the code (while the booking is still
expected: a finished visit's code is an unknown code, core/tools/bookings.py), or their own
name together with its host (a name alone finds bookings but shows none; a company asks for
the name).
Wrong guesses — a code, a name said with a company that has bookings, a host named for a
booking found by name — are counted in the database (core/store/attempts.py) per
conversation, per client (web address or phone number), per booking and in total; once a
limit is reached nothing more is checked there, right or wrong, until its window has
passed (`TooManyTries`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.directory.types import MatchStatus
from core.flows.state import Conversation
from core.flows.tools import TooManyTries
from core.observe import CheckedIn, Observation
from core.store import attempts
from core.store.attempts import Limit
from core.store.cards import BookingCard
from core.store.models import Visit
from core.store.office import OfficeSettings
from core.tools import bookings
from core.tools.lookup import DirectoryCache

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
GUESSES_PER_SESSION = 5  # then the code path closes and the front desk is offered
GUESSES_PER_CLIENT = 10  # an hour, from one web address or phone number
GUESSES_PER_BOOKING = 5  # a day: wrong names given for one company's booking
GUESSES_IN_ALL = 30  # an hour, whoever sends them: bounds a guesser with many addresses
ARRIVAL_WINDOW_DAYS = 7  # a booked visitor this many days early or late is still recognised


class BookingTools:
    """Mixed into `TurnTools`, which provides these attributes."""

    db: AsyncSession
    session_id: str
    channel: str
    notifier: str
    office: OfficeSettings
    client: str | None  # who is on the other end: a web address, a phone number
    observed: list[Observation]
    directory: DirectoryCache

    def now(self) -> datetime:
        """Now on the office's clock: "today" and "in the past" are the office's."""
        return datetime.now(self.office.zone)

    async def book(self, conv: Conversation, expected_at: datetime) -> tuple[int, str]:
        return await bookings.create(
            self.db,
            conv,
            expected_at.astimezone(UTC),
            channel=self.channel,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )

    async def find_booking(self, code: str) -> BookingCard | None:
        """The expected booking with this code. A checked-in or cancelled one is found only
        by the conversation that finished it (it knows already); anywhere else its code is
        as wrong a guess as a made-up one."""
        limits = await self._guessing()
        visit = await bookings.by_code(self.db, code)
        if visit is None:
            visit = await bookings.finished_here(self.db, code, self.session_id)
        if visit is None:
            attempts.record(self.db, [limit.key for limit in limits], ok=False)
            return None
        return await bookings.card(self.db, visit)

    async def expected_today(self, name: str | None, company: str | None) -> list[BookingCard]:
        """Today's bookings of the visitor with this name. Said together with a company
        that has bookings today, a name that matches none of them is a wrong guess."""
        today = await bookings.expected_on_day(self.db, self.office, self.now())
        theirs = bookings.from_company(today, company) if company else []
        limits = await self._guessing(theirs) if theirs else []
        found = bookings.matching(today, name)
        if theirs and not found:
            attempts.record(self.db, [limit.key for limit in limits], ok=False)
        return [await bookings.card(self.db, v) for v in found]

    async def _guessing(self, booked: Sequence[Visit] = ()) -> list[Limit]:
        """The limits a guess at a booking counts against; raises TooManyTries when one
        is reached. Checked before the guess, so a right guess after the limit fails too."""
        limits = [Limit(f"guess:session:{self.session_id}", GUESSES_PER_SESSION, DAY)]
        if self.client:
            limits.append(Limit(f"guess:client:{self.client}", GUESSES_PER_CLIENT, HOUR))
        limits += [Limit(f"guess:booking:{v.id}", GUESSES_PER_BOOKING, DAY) for v in booked]
        limits.append(Limit("guess:all", GUESSES_IN_ALL, HOUR))
        await attempts.serialise(self.db, "guess")
        if await attempts.reached(self.db, limits) is not None:
            raise TooManyTries
        return limits

    async def expected_around(self, name: str | None, company: str | None) -> list[BookingCard]:
        """Today's bookings of the visitor with this name or, if there are none, theirs
        within `ARRIVAL_WINDOW_DAYS` either side (nearest day first). A name is needed: a
        company alone recognises nobody."""
        today = await self.expected_today(name, company)
        if today or not name:
            return today
        now = self.now()
        near = await bookings.expected_around(self.db, self.office, now, ARRIVAL_WINDOW_DAYS)
        found = bookings.matching(near, name)
        found.sort(key=lambda v: abs(((v.expected_at or now) - now).total_seconds()))
        return [await bookings.card(self.db, v) for v in found]

    async def booking_with_host(self, visit_ids: Sequence[int], host: str) -> BookingCard | None:
        """The first still expected booking among `visit_ids` (found by the visitor's own
        name, nearest first) whose host `host` names. Naming someone else is a wrong
        guess; a phrase that names nobody, or several people among them the host ("Sarah"
        for one of two), is neither — the ordinary check-in sorts it out."""
        loaded = [await self.db.get(Visit, i) for i in visit_ids]
        booked = [v for v in loaded if v is not None and v.status == "expected"]
        if not booked:
            return None
        limits = await self._guessing(booked)
        resolution = (await self.directory.index(self.db)).resolve(host)
        named = {c.id for c in resolution.candidates}
        if resolution.status is MatchStatus.FOUND and len(named) == 1:
            match = [v for v in booked if v.host_id in named]
            if match:
                return await bookings.card(self.db, match[0])
        if not named or any(v.host_id in named for v in booked):
            return None
        attempts.record(self.db, [limit.key for limit in limits], ok=False)
        return None

    async def arrive(self, conv: Conversation, visit_id: int) -> bool:
        """Check the booked visitor in; False if the booking is no longer expected (another
        session got there first)."""
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.arrive(
            self.db,
            visit,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        self.observed.append(CheckedIn(self.channel, booked=True))
        return True

    async def cancel_booking(self, conv: Conversation, visit_id: int) -> bool:
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.cancel(
            self.db,
            visit,
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        return True

    async def move_booking(self, conv: Conversation, visit_id: int, expected_at: datetime) -> bool:
        visit = await self._locked(visit_id)
        if visit is None or visit.status != "expected":
            return False
        await bookings.move(
            self.db,
            visit,
            expected_at.astimezone(UTC),
            session_id=self.session_id,
            notifier=self.notifier,
            timezone=self.office.timezone,
        )
        return True

    async def _locked(self, visit_id: int) -> Visit | None:
        return await self.db.get(Visit, visit_id, with_for_update=True)
