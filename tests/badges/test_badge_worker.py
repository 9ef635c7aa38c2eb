"""Badges end to end: a check-in's badge is drawn and saved (or printed through CUPS's
`lp`), shown by the admin API, retried when the printer fails, and deleted with the visit."""

from __future__ import annotations

import asyncio
import io
import shutil
import stat
from datetime import timedelta
from pathlib import Path

import httpx
import pypdf
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.badges.printer import BadgeCard
from core.badges.worker import BadgeWorker
from core.directory_csv import parse_directory_csv
from core.store.db import SessionMaker, create_engine, create_sessionmaker
from core.store.directory import apply_import
from core.store.models import Badge, Visit, utcnow
from frontdesk.providers.badges import badge_setup
from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import DEMO_CSV, make_settings
from tests.notify.helpers import eventually
from tests.visitor import Visitor
from web.app import create_app

RUSSIAN = ["Здравствуйте, я к Ивану Петрову", "да", "Анна Смирнова", "Яндекс"]


async def _check_in(client: httpx.AsyncClient, lines: list[str], language: str = "ru") -> None:
    visitor = await Visitor.arrive(client, language)
    for line in lines:
        reply = await visitor.say(line)
    assert reply["state"] == "complete", reply


async def _badges(app: FastAPI) -> list[Badge]:
    async with app.state.runtime.sessionmaker() as db:
        return list((await db.scalars(sa.select(Badge).order_by(Badge.id))).all())


def fake_lp(folder: Path, *, failures: int = 0) -> Path:
    """A stand-in for CUPS's `lp`: logs its arguments, keeps the file, and fails the first
    `failures` times the way lp does (a message on stderr, exit status 1)."""
    script = folder / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'count=$(cat "{folder}/count" 2>/dev/null || echo 0)\n'
        f'echo $((count + 1)) > "{folder}/count"\n'
        f'if [ "$count" -lt {failures} ]; then echo "lp: printer is offline" >&2; exit 1; fi\n'
        f'echo "$@" >> "{folder}/jobs"\n'
        "for last; do :; done\n"
        f'cp "$last" "{folder}/printed.pdf"\n'
        'echo "request id is Lobby_QL-1 (1 file(s))"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


async def test_a_checked_in_visitor_gets_a_badge_the_admin_can_see(
    app: FastAPI, client: httpx.AsyncClient, auth: dict[str, str], demo_directory: None
) -> None:
    await _check_in(client, RUSSIAN)

    async def saved() -> bool:
        return [b.status for b in await _badges(app)] == ["saved"]

    await eventually(saved)
    [badge] = await _badges(app)
    identity = await app.state.runtime.badges.identity()
    assert badge.file_path and Path(badge.file_path).name == f"badge-{identity}-{badge.id}.pdf"

    response = await client.get(f"/api/admin/visits/{badge.visit_id}/badge", headers=auth)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Анна Смирнова" in text and "Яндекс" in text and "Host: Ivan Petrov" in text

    assert (await client.get(f"/api/admin/visits/{badge.visit_id}/badge")).status_code == 401
    assert (await client.get("/api/admin/visits/999/badge", headers=auth)).status_code == 404


async def test_deleting_the_visit_deletes_the_badge_file(
    app: FastAPI, client: httpx.AsyncClient, demo_directory: None
) -> None:
    await _check_in(client, ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"], "en")

    async def saved() -> bool:
        return [b.status for b in await _badges(app)] == ["saved"]

    await eventually(saved)
    [badge] = await _badges(app)
    runtime = app.state.runtime
    async with runtime.sessionmaker() as db, db.begin():
        await db.execute(sa.delete(Visit))
    assert await runtime.badges.sweep_files() == 1
    assert badge.file_path is not None
    assert not await asyncio.to_thread(Path(badge.file_path).exists)


async def test_a_sweep_never_deletes_another_databases_badge_files(
    app: FastAPI,
    client: httpx.AsyncClient,
    settings: Settings,
    sqlite_template: Path,
    tmp_path: Path,
    demo_directory: None,
) -> None:
    """Two databases share one data folder (a test server started next to the demo): each
    keeps its own badge files, and sweeping one deletes nothing of the other's."""
    other_db = tmp_path / "other.db"
    await asyncio.to_thread(shutil.copyfile, sqlite_template, other_db)
    other = create_app(
        make_settings(f"sqlite+aiosqlite:///{other_db}", tmp_path, data_dir=settings.data_dir),
        Providers(),
    )
    lines = ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"]
    await _check_in(client, lines, "en")

    async def saved() -> bool:
        return [b.status for b in await _badges(app)] == ["saved"]

    await eventually(saved)
    [ours] = await _badges(app)
    assert ours.file_path is not None
    ours_pdf = await asyncio.to_thread(Path(ours.file_path).read_bytes)
    legacy = settings.data_dir / "badges" / "badge-1.pdf"  # named before databases had names
    await asyncio.to_thread(legacy.write_bytes, b"%PDF- someone else's")

    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://other.test") as c:
            async with other.state.runtime.sessionmaker() as db, db.begin():
                await apply_import(db, parse_directory_csv(DEMO_CSV.read_bytes()))
            await _check_in(c, ["Hi, I'm here for James Wilson", "yes", "Ann Lee", "Initech"], "en")

            async def other_saved() -> bool:
                return [b.status for b in await _badges(other)] == ["saved"]

            await eventually(other_saved)
            [theirs] = await _badges(other)
            assert theirs.id == ours.id and theirs.file_path != ours.file_path
            # Their database is emptied: the sweep deletes their file, and only theirs.
            async with other.state.runtime.sessionmaker() as db, db.begin():
                await db.execute(sa.delete(Visit))
            assert await other.state.runtime.badges.sweep_files() == 1
            assert theirs.file_path is not None
            assert not await asyncio.to_thread(Path(theirs.file_path).exists)

    assert await asyncio.to_thread(Path(ours.file_path).read_bytes) == ours_pdf
    assert await asyncio.to_thread(legacy.exists)
    assert await app.state.runtime.badges.sweep_files() == 0


class TestPrinting:
    @pytest.fixture
    def settings(self, db_url: str, tmp_path: Path) -> Settings:
        return make_settings(
            db_url,
            tmp_path,
            badge_printer="Lobby_QL",
            lp_command=str(fake_lp(tmp_path, failures=1)),
        )

    async def test_a_group_badge_is_printed_after_the_printer_comes_back(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        settings: Settings,
        tmp_path: Path,
        demo_directory: None,
    ) -> None:
        runtime = app.state.runtime
        runtime.badges.first_delay = 0.05  # retry at once: the printer is back
        assert runtime.provider_names["badges"] == "cups:Lobby_QL"
        lines = ["Tere! Tulime kolmekesi Jüri Tamme juurde", "jah", "Tõnu Õunapuu", "Telia"]
        await _check_in(client, lines, "et")

        async def printed() -> bool:
            return [b.status for b in await _badges(app)] == ["printed"]

        await eventually(printed)
        [badge] = await _badges(app)
        assert badge.attempts == 2 and badge.error is None
        [job] = (tmp_path / "jobs").read_text().splitlines()
        assert job.startswith(f"-d Lobby_QL -n 3 -t frontdesk-badge-{badge.id} -- ")
        text = pypdf.PdfReader(tmp_path / "printed.pdf").pages[0].extract_text()
        assert "Tõnu Õunapuu" in text and "Group of 3" in text


async def test_a_printer_that_stays_down_fails_the_badge_but_keeps_the_file(
    app: FastAPI,
    client: httpx.AsyncClient,
    settings: Settings,
    tmp_path: Path,
    demo_directory: None,
) -> None:
    badges = app.state.runtime.badges
    failing = settings.model_copy(
        update={"badge_printer": "Lobby_QL", "lp_command": str(fake_lp(tmp_path, failures=99))}
    )
    badges.printer = badge_setup(failing).printer
    badges.max_attempts, badges.first_delay = 2, 0.01
    await _check_in(client, ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"], "en")

    async def failed() -> bool:
        return [b.status for b in await _badges(app)] == ["failed"]

    await eventually(failed)
    [badge] = await _badges(app)
    assert "printer is offline" in (badge.error or "") and badge.attempts == 2
    assert badge.file_path  # still there, to print by hand
    assert await asyncio.to_thread(Path(badge.file_path).is_file)


async def test_the_admin_can_reprint_and_a_bad_font_setting_shows_in_health(
    app: FastAPI,
    client: httpx.AsyncClient,
    auth: dict[str, str],
    demo_directory: None,
    settings: Settings,
    tmp_path: Path,
) -> None:
    await _check_in(client, ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"], "en")
    visit_id = (await client.get("/api/admin/visits", headers=auth)).json()[0]["id"]
    path = f"/api/admin/visits/{visit_id}/badge"
    assert (await client.post(f"{path}?copies=0", headers=auth)).status_code == 422
    again = await client.post(f"{path}?copies=2", headers=auth)
    assert again.status_code == 202 and again.json()["copies"] == 2

    async def both_saved() -> bool:
        return [b.status for b in await _badges(app)] == ["saved", "saved"]

    await eventually(both_saved)
    not_a_font = tmp_path / "font.ttf"
    not_a_font.write_text("no glyphs here")
    health = badge_setup(settings.model_copy(update={"badge_font": not_a_font})).health
    assert health["ok"] is False and "FRONTDESK_BADGE_FONT" in health["error"]


async def test_a_worker_whose_lease_passed_on_does_not_record_the_badge(
    app: FastAPI, client: httpx.AsyncClient, demo_directory: None
) -> None:
    """A badge is recorded as made only under the claim that made it: a worker whose lease
    expired (another worker holds the row now) writes nothing."""
    await _check_in(client, RUSSIAN)

    async def saved() -> bool:
        return [b.status for b in await _badges(app)] == ["saved"]

    await eventually(saved)
    [badge] = await _badges(app)
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await db.execute(
            sa.update(Badge)
            .where(Badge.id == badge.id)
            .values(
                status="rendering",
                claim_token="theirs",
                locked_until=utcnow() + timedelta(hours=1),  # not for the app's own worker
                done_at=None,
            )
        )
    worker = app.state.runtime.badges
    path = Path(str(badge.file_path))
    await worker._record_done("ours", {badge.id: path})  # the lease passed on: nothing
    [late] = await _badges(app)
    assert (late.status, late.attempts, late.claim_token) == ("rendering", 1, "theirs")
    await worker._record_done("theirs", {badge.id: path})  # the claim's holder: recorded
    [done] = await _badges(app)
    assert (done.status, done.attempts, done.claim_token) == ("saved", 2, None)
    assert done.done_at is not None and done.file_path == str(path)


async def _pending_badges(maker: SessionMaker, *names: str) -> list[int]:
    """A checked-in visit with a pending badge for each name; the badges' ids."""
    async with maker() as db, db.begin():
        visits = [
            Visit(
                status="checked_in",
                visitor_name=name,
                company="Acme",
                host_name="Sarah Miller",
                channel="web",
                language="en",
                checked_in_at=utcnow(),
            )
            for name in names
        ]
        db.add_all(visits)
        await db.flush()
        badges = [Badge(visit_id=visit.id) for visit in visits]
        db.add_all(badges)
        await db.flush()
        return [badge.id for badge in badges]


async def test_a_batch_of_badges_is_read_and_recorded_in_one_statement_each(
    db_url: str, settings: Settings, tmp_path: Path
) -> None:
    """Claim, read, record: three statements for a batch of three badges, not a read and a
    record for each; each badge still gets its own file, with its own visitor on it."""
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    statements: list[str] = []
    try:
        worker = BadgeWorker(maker, badge_setup(settings).render, tmp_path / "badges")
        await worker.identity()
        ids = await _pending_badges(maker, "Tom Baker", "Ann Lee", "Анна Смирнова")
        sa.event.listen(
            engine.sync_engine,
            "before_cursor_execute",
            lambda _c, _cur, statement, *_: statements.append(statement),
        )
        assert await worker.process_due() == 3
        batch = [s for s in statements if not s.startswith("BEGIN")]  # SQLite's own
        async with maker() as db:
            badges = (await db.scalars(sa.select(Badge).order_by(Badge.id))).all()
    finally:
        await engine.dispose()
    assert len(batch) == 3, batch  # claim, read, record
    assert [(b.id, b.status, b.attempts, b.claim_token) for b in badges] == [
        (badge_id, "saved", 1, None) for badge_id in ids
    ]
    for badge, name in zip(badges, ("Tom Baker", "Ann Lee", "Анна Смирнова"), strict=True):
        assert badge.file_path is not None and badge.file_path.endswith(f"-{badge.id}.pdf")
        pdf = await asyncio.to_thread(Path(badge.file_path).read_bytes)
        assert name in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


async def test_a_badge_that_cannot_be_drawn_does_not_hold_up_its_batch(
    db_url: str, tmp_path: Path
) -> None:
    """The others of its batch are saved; it is retried later, on its own path."""

    def render(card: BadgeCard) -> bytes:
        if card.visitor_name == "Bad Font":
            raise ValueError("no glyph")
        return b"%PDF-1.4 " + card.visitor_name.encode()

    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    try:
        worker = BadgeWorker(maker, render, tmp_path / "badges")
        await _pending_badges(maker, "Tom Baker", "Bad Font", "Ann Lee")
        assert await worker.process_due() == 3
        async with maker() as db:
            badges = (await db.scalars(sa.select(Badge).order_by(Badge.id))).all()
    finally:
        await engine.dispose()
    assert [(b.status, b.attempts, b.claim_token) for b in badges] == [
        ("saved", 1, None),
        ("pending", 1, None),
        ("saved", 1, None),
    ]
    assert badges[1].error == "ValueError: no glyph" and badges[1].next_attempt_at is not None
    assert badges[1].file_path is None


async def test_a_batch_records_only_the_badges_whose_claim_is_still_its_own(
    db_url: str, tmp_path: Path
) -> None:
    """Of a batch claimed together, the badge another worker took over meanwhile (the lease
    passed on) is left to that worker; the others are recorded."""
    engine = create_engine(db_url)
    maker = create_sessionmaker(engine)
    try:
        worker = BadgeWorker(maker, lambda card: b"%PDF-1.4", tmp_path / "badges")
        ours, taken = await _pending_badges(maker, "Tom Baker", "Ann Lee")
        async with maker() as db, db.begin():
            for badge_id, token in ((ours, "ours"), (taken, "theirs")):
                await db.execute(
                    sa.update(Badge)
                    .where(Badge.id == badge_id)
                    .values(status="rendering", claim_token=token, locked_until=utcnow())
                )
        files = {ours: tmp_path / "a.pdf", taken: tmp_path / "b.pdf"}
        await worker._record_done("ours", files)
        async with maker() as db:
            rows = (await db.execute(sa.select(Badge).order_by(Badge.id))).scalars().all()
            got = [(b.status, b.attempts, b.claim_token, b.file_path) for b in rows]
    finally:
        await engine.dispose()
    assert got == [
        ("saved", 1, None, str(tmp_path / "a.pdf")),
        ("rendering", 0, "theirs", None),
    ]
