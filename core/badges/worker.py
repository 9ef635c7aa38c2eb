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
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
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


async def card_for(
    db: AsyncSession, visit: Visit, language: Language, office: OfficeSettings
) -> BadgeCard:
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
        for badge_id, token in claimed:
            await self._make(badge_id, token)
        return len(claimed)

    async def pdf_for(self, db: AsyncSession, visit: Visit) -> bytes:
        """The visit's badge as PDF, drawn now (for the admin API)."""
        office = await load_office(db, self.office_defaults)
        card = await card_for(db, visit, self.language, office)
        return await asyncio.to_thread(self.render, card)

    async def _make(self, badge_id: int, token: str) -> None:
        # The badge, its visit and the office settings: one statement, on its own.
        async with single_statement(self.sessionmaker) as db:
            found = (await db.execute(_WITH_VISIT_AND_OFFICE, {"badge_id": badge_id})).first()
            if found is None or found[0].claim_token != token:
                return
            badge, visit = found[0], found[1]
            office = office_from(found[2], self.office_defaults)
            card = await card_for(db, visit, self.language, office)
            copies = badge.copies
        path = self.out_dir / badge_file_name(await self.identity(), badge_id)
        saved: Path | None = None
        error: PrintError | None = None
        try:
            # Drawn and written in one trip to a thread (each trip is a hand-off each way).
            await asyncio.to_thread(_render_to, self.render, card, path)
            saved = path
            if self.printer is not None:
                await self.printer.print_pdf(
                    path, copies=copies, title=f"frontdesk-badge-{badge_id}"
                )
        except PrintError as exc:
            error = exc
        except Exception as exc:  # a renderer bug fails this badge, not the worker
            log.exception("badge %s could not be made", badge_id)
            error = PrintError(f"{type(exc).__name__}: {exc}")
        await self._record(badge_id, token, saved, error)

    async def _record(
        self, badge_id: int, token: str, path: Path | None, error: PrintError | None
    ) -> None:
        if error is None and path is not None:
            await self._record_done(badge_id, token, path)
            return
        async with self.sessionmaker() as db, db.begin():
            badge = await leases.reclaim(db, Badge, badge_id, token)
            if badge is None:
                return
            badge.attempts += 1
            if path is not None:  # saved, even if printing then failed
                badge.file_path = str(path)
            if error is None:
                badge.status = "printed" if self.printer else "saved"
                badge.error, badge.done_at = None, utcnow()
                log.info("badge %s %s", badge_id, badge.status)
                return
            badge.error = str(error)[:500]
            if error.permanent or badge.attempts >= self.max_attempts:
                badge.status, badge.done_at = "failed", utcnow()
                log.warning("badge %s failed for good: %s", badge_id, badge.error)
                return
            badge.status = "pending"
            delay = self.first_delay * 2 ** (badge.attempts - 1)
            badge.next_attempt_at = utcnow() + timedelta(seconds=delay)
            log.info("badge %s attempt %s failed; retry in %.0fs", badge_id, badge.attempts, delay)

    async def _record_done(self, badge_id: int, token: str, path: Path) -> None:
        """A badge made: one compare-and-set UPDATE, on its own (on Postgres one round trip
        instead of BEGIN, a locking SELECT, the UPDATE and COMMIT). It writes only while
        the claim is still this worker's (`leases.finishing`)."""
        status = "printed" if self.printer else "saved"
        async with single_statement(self.sessionmaker) as db:
            done = await db.scalar(
                _DONE,
                {
                    "row_id": badge_id,
                    "token": token,
                    "new_status": status,
                    "saved_to": str(path),
                    "finished": utcnow(),
                },
            )
        if done is not None:
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


# Built once, not again (with its cache key) for every badge.
_WITH_VISIT_AND_OFFICE = (
    sa.select(Badge, Visit, stored_office())
    .join(Visit, Visit.id == Badge.visit_id)
    .where(Badge.id == sa.bindparam("badge_id"))
)

_DONE = leases.finishing(
    Badge,
    status=sa.bindparam("new_status"),
    file_path=sa.bindparam("saved_to"),
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


def _render_to(render: Renderer, card: BadgeCard, path: Path) -> None:
    _write(path, render(card))


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a printer never gets half a file."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, path)
