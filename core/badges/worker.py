"""The badge worker: the check-in writes a pending `Badge` row (copies = party size); this
worker claims it like the outbox claims a notification (core/store/leases.py), draws the
PDF, prints it when a printer is configured, and records what happened.

Every badge is also kept as a file under the data directory (named by the database's
identity and the badge id, never by visitor), so the admin API can show and reprint it; a
file whose badge row is gone — the visit was deleted, or expired — is deleted by the sweep,
so a visitor's name does not outlive their visit on disk. The sweep touches only files
named for its own database: a folder shared with another database (a test server next to
a demo) keeps the other's badges.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.badges.printer import BadgeCard, Printer, PrintError
from core.messages import WEB_STYLE, Language
from core.replies import Say, render
from core.store import leases
from core.store.db import SessionMaker, single_statement
from core.store.identity import database_identity
from core.store.models import Badge, Visit, utcnow
from core.store.office import OfficeSettings, load_office, office_from, stored_office

log = logging.getLogger(__name__)

Renderer = Callable[[BadgeCard], bytes]
DUE = ("pending", "rendering")
_DATE_FORMAT = {"en": "%d %b %Y", "et": "%d.%m.%Y", "ru": "%d.%m.%Y"}


class OnTheBadge(Protocol):
    """What a badge shows of a visit: a `Visit`, or a row of its columns by these names."""

    @property
    def id(self) -> int: ...
    @property
    def visitor_name(self) -> str | None: ...
    @property
    def company(self) -> str | None: ...
    @property
    def host_name(self) -> str | None: ...
    @property
    def party_size(self) -> int: ...
    @property
    def checked_in_at(self) -> datetime | None: ...


def card_for(visit: OnTheBadge, language: Language, office: OfficeSettings) -> BadgeCard:
    when = (visit.checked_in_at or utcnow()).astimezone(ZoneInfo(office.timezone))
    host = visit.host_name or "—"
    party = visit.party_size or 1
    return BadgeCard(
        visit_id=visit.id,
        visitor_name=visit.visitor_name or "—",
        company=visit.company,
        host_line=render(Say("badge_host", {"host": host}), language, WEB_STYLE),
        date_line=when.strftime(_DATE_FORMAT[language]),
        title=render(Say("badge_title"), language, WEB_STYLE),
        group_line=render(Say("badge_group", {"count": party}), language, WEB_STYLE)
        if party > 1
        else None,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    """A claimed badge, ready to draw."""

    badge_id: int
    copies: int
    card: BadgeCard
    path: Path


@dataclass
class BadgeWorker:
    sessionmaker: SessionMaker
    render: Renderer
    out_dir: Path
    printer: Printer | None = None
    language: Language = "en"
    office_defaults: OfficeSettings = field(default_factory=OfficeSettings)
    poll_seconds: float = 1.0
    lease_seconds: float = 120.0  # longer than rendering plus lp's time limit
    max_attempts: int = 5
    first_delay: float = 5.0
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _identity: str | None = None

    async def identity(self) -> str:
        """The database's name, which this worker's file names carry."""
        if self._identity is None:
            self._identity = await database_identity(self.sessionmaker)
        return self._identity

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        await leases.work(stop, self._wake, self.poll_seconds, self.process_due, "badge", batch=5)

    async def process_due(self, limit: int = 5) -> int:
        claimed = await leases.claim(
            self.sessionmaker,
            Badge,
            statuses=DUE,
            claimed_status="rendering",
            lease_seconds=self.lease_seconds,
            limit=limit,
        )
        if claimed:
            # One token for all the rows of a claim (leases.claim).
            await self._make([badge_id for badge_id, _ in claimed], claimed[0][1])
        return len(claimed)

    async def pdf_for(self, db: AsyncSession, visit: Visit) -> bytes:
        """The visit's badge as PDF, drawn now (for the admin API)."""
        office = await load_office(db, self.office_defaults)
        return await asyncio.to_thread(self.render, card_for(visit, self.language, office))

    async def _make(self, badge_ids: list[int], token: str) -> None:
        """The claimed badges as one batch: what they show read in one statement, drawn and
        written in one trip to a thread, printed one by one, and those made recorded in one
        statement; a badge that failed goes its own way (`_record`: retried later, or
        failed for good), and does not hold up the others. Per badge, the worker spent more
        around the drawing (a statement each way, a hand-off to a thread and back) than on
        it."""
        jobs = await self._jobs(badge_ids, token)
        if not jobs:
            return
        drawn = await asyncio.to_thread(_render_all, self.render, jobs)
        made: dict[int, Path] = {}
        for job, error in zip(jobs, drawn, strict=True):
            saved = job.path if error is None else None
            if error is None and self.printer is not None:
                try:
                    await self.printer.print_pdf(
                        job.path, copies=job.copies, title=f"frontdesk-badge-{job.badge_id}"
                    )
                except PrintError as exc:
                    error = exc
                except Exception as exc:  # a printer bug fails this badge, not the worker
                    log.exception("badge %s could not be printed", job.badge_id)
                    error = PrintError(f"{type(exc).__name__}: {exc}")
            if error is None:
                made[job.badge_id] = job.path
            else:
                await self._record(job.badge_id, token, saved, error)
        if made:
            await self._record_done(token, made)

    async def _jobs(self, badge_ids: list[int], token: str) -> list[_Job]:
        """The badges of `badge_ids` still claimed by `token`, in that order, with their
        visits' cards: one statement for all of them, on its own, reading columns (the
        rows are not needed as objects)."""
        identity = await self.identity()
        async with single_statement(self.sessionmaker) as db:
            rows = (await db.execute(_ON_THE_BADGES, {"badge_ids": badge_ids})).all()
        found = {row.badge_id: row for row in rows if row.claim_token == token}
        return [
            _Job(
                badge_id,
                row.copies,
                card_for(row, self.language, office_from(row.office, self.office_defaults)),
                self.out_dir / badge_file_name(identity, badge_id),
            )
            for badge_id in badge_ids
            if (row := found.get(badge_id)) is not None
        ]

    async def _record(
        self, badge_id: int, token: str, path: Path | None, error: PrintError
    ) -> None:
        """A badge not made (or saved but not printed): retried later, or failed for good."""
        async with self.sessionmaker() as db, db.begin():
            badge = await leases.reclaim(db, Badge, badge_id, token)
            if badge is None:
                return
            badge.attempts += 1
            if path is not None:  # saved, even if printing then failed
                badge.file_path = str(path)
            badge.error = str(error)[:500]
            if error.permanent or badge.attempts >= self.max_attempts:
                badge.status, badge.done_at = "failed", utcnow()
                log.warning("badge %s failed for good: %s", badge_id, badge.error)
                return
            badge.status = "pending"
            delay = self.first_delay * 2 ** (badge.attempts - 1)
            badge.next_attempt_at = utcnow() + timedelta(seconds=delay)
            log.info("badge %s attempt %s failed; retry in %.0fs", badge_id, badge.attempts, delay)

    async def _record_done(self, token: str, made: dict[int, Path]) -> None:
        """Badges made (id → file): one compare-and-set UPDATE for all of them, on its own
        (on Postgres one round trip instead of BEGIN, a locking SELECT, the UPDATE and
        COMMIT for each). It writes only the rows whose claim is still `token`'s
        (`leases.finishing_rows`): a badge whose lease passed on to another worker is
        that worker's to record."""
        status = "printed" if self.printer else "saved"
        values = {
            "token": token,
            "new_status": status,
            "finished": utcnow(),
            **leases.finishing_binds(list(made), file_path=[str(p) for p in made.values()]),
        }
        async with single_statement(self.sessionmaker) as db:
            done = (await db.scalars(_done(len(made)), values)).all()
        for badge_id in sorted(done):
            log.info("badge %s %s", badge_id, status)

    async def sweep_files(self) -> int:
        """Delete this database's badge files whose badge row is gone; returns how many.

        A file is this database's only if its name carries the database's identity; any
        other file (another database's badge, an older unnamed one) is left alone."""
        files = await asyncio.to_thread(_badge_files, self.out_dir, await self.identity())
        if not files:
            return 0
        async with self.sessionmaker() as db:
            kept = set((await db.scalars(sa.select(Badge.id).where(Badge.id.in_(files)))).all())
        gone = [p for badge_id, p in files.items() if badge_id not in kept]
        for path in gone:
            await asyncio.to_thread(path.unlink, missing_ok=True)
        return len(gone)


# Built once, not again (with its cache key) for every batch.
_ON_THE_BADGES = (
    sa.select(
        Badge.id.label("badge_id"),
        Badge.claim_token,
        Badge.copies,
        Visit.id,
        Visit.visitor_name,
        Visit.company,
        Visit.host_name,
        Visit.party_size,
        Visit.checked_in_at,
        stored_office().label("office"),
    )
    .join(Visit, Visit.id == Badge.visit_id)
    .where(Badge.id.in_(sa.bindparam("badge_ids", expanding=True)))
)


@functools.cache
def _done(count: int) -> sa.Update:
    """The statement that records `count` badges made (built once per batch size; a batch
    is at most a claim's limit)."""
    return leases.finishing_rows(
        Badge,
        count,
        each=("file_path",),
        status=sa.bindparam("new_status"),
        done_at=sa.bindparam("finished"),
        attempts=Badge.attempts + 1,
        error=None,
    )


def badge_file_name(identity: str, badge_id: int) -> str:
    return f"badge-{identity}-{badge_id}.pdf"


def _badge_files(folder: Path, identity: str) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    ours = re.compile(rf"^badge-{re.escape(identity)}-(\d+)\.pdf$")
    return {int(m.group(1)): p for p in folder.iterdir() if (m := ours.match(p.name))}


def _render_all(render: Renderer, jobs: list[_Job]) -> list[PrintError | None]:
    """Draw and write each badge (in a thread: one trip for the batch); what went wrong
    with each, None for those written."""
    failed: list[PrintError | None] = []
    for job in jobs:
        try:
            _write(job.path, render(job.card))
        except PrintError as exc:
            failed.append(exc)
        except Exception as exc:  # a renderer bug fails this badge, not the batch
            log.exception("badge %s could not be made", job.badge_id)
            failed.append(PrintError(f"{type(exc).__name__}: {exc}"))
        else:
            failed.append(None)
    return failed


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a printer never gets half a file."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, path)
