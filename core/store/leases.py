"""Claiming work rows (notifications, badge jobs) so that exactly one worker has each.

A worker claims due rows with a compare-and-set UPDATE that sets a lease and a token of
its own (and `FOR UPDATE SKIP LOCKED` on Postgres, so workers do not queue behind each
other), does the slow work outside any transaction, and reports back only if the token is
still its own. A worker that dies leaves a lease that expires; the next worker takes over.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.db import SessionMaker, single_statement
from core.store.models import utcnow

log = logging.getLogger(__name__)


def _unlocked(model: Any, now: Any) -> sa.ColumnElement[bool]:
    return sa.or_(model.locked_until.is_(None), model.locked_until < now)


def _due(model: Any, statuses: Sequence[str], now: Any) -> sa.ColumnElement[bool]:
    return sa.and_(
        model.status.in_(statuses),
        sa.or_(model.next_attempt_at.is_(None), model.next_attempt_at <= now),
        _unlocked(model, now),
    )


async def claim(
    sessionmaker: SessionMaker,
    model: Any,
    *,
    statuses: Sequence[str],
    claimed_status: str,
    lease_seconds: float,
    limit: int,
) -> list[tuple[int, str]]:
    """Claim up to `limit` due rows of `model`; returns (id, token) for each one won, in
    the order they fell due.

    One statement: an UPDATE of the due rows (picked by a subquery, `FOR UPDATE SKIP
    LOCKED` on Postgres) that checks again that each is due, and returns the ones it took.
    The claim's token is one for all the rows it took: the lease is this claim's either way.
    Being one statement, it runs on its own (`single_statement`: on Postgres without the
    BEGIN and COMMIT round trips around it; its row locks last as long as it does).
    """
    now = utcnow()
    token = secrets.token_hex(8)
    async with single_statement(sessionmaker) as db:
        due = sa.select(model.id).where(_due(model, statuses, now))
        due = due.order_by(model.next_attempt_at, model.id).limit(limit)
        picked: sa.ColumnElement[bool]
        if db.get_bind().dialect.name == "postgresql":
            # An array of the ids, so that the subquery runs once: as `IN (subquery)` the
            # planner may join it in a nested loop that runs it again for each row, each
            # run locking `limit` more (one claim with limit 5 took 300 due rows).
            due = due.with_for_update(skip_locked=True)
            picked = model.id == sa.any_(sa.func.array(due.scalar_subquery()))
        else:
            picked = model.id.in_(due.scalar_subquery())
        result = await db.execute(
            sa.update(model)
            .where(picked, _due(model, statuses, now))
            .values(
                status=claimed_status,
                claim_token=token,
                locked_until=now + timedelta(seconds=lease_seconds),
            )
            .returning(model.id, model.next_attempt_at)
            .execution_options(synchronize_session=False)
        )
        won = sorted(result.all(), key=lambda row: (_when(row[1]), row[0]))
        return [(row_id, token) for row_id, _ in won]


def _when(due: Any) -> Any:
    """A row's due time, for ordering (a row without one was due first)."""
    return due or _EPOCH


_EPOCH = datetime.min.replace(tzinfo=UTC)


async def reclaim(db: AsyncSession, model: Any, row_id: int, token: str) -> Any | None:
    """The row, locked, if this worker's lease on it still holds; None if it passed on."""
    row = await db.get(model, row_id, with_for_update=True)
    return _released(row, token)


def reclaiming(model: Any, *along: tuple[Any, sa.ColumnElement[bool]]) -> sa.Select[Any]:
    """The statement of `reclaim_with`: `model`'s row (locked) with the rows the caller
    will need next (each `(entity, on)` outer-joined). Build it once, at import: a
    statement built per row costs SQLAlchemy its construction and its cache key again."""
    query = sa.select(model, *(entity for entity, _ in along)).where(
        model.id == sa.bindparam("row_id")
    )
    for entity, on in along:
        query = query.outerjoin(entity, on)
    return query.with_for_update(of=model).execution_options(populate_existing=True)


async def reclaim_with(
    db: AsyncSession, reclaiming: sa.Select[Any], row_id: int, token: str
) -> sa.Row[*tuple[Any, ...]] | None:
    """`reclaim`, reading in the same statement (`reclaiming`'s) the rows the caller will
    need next (only the reclaimed row is locked). Returns the whole row, the reclaimed one
    first, or None if the lease passed on. Keep the row while using the session: its
    identity map holds the joined objects only while they are referred to, and `db.get`
    then finds them without a statement."""
    found: sa.Row[*tuple[Any, ...]] | None = (
        await db.execute(reclaiming, {"row_id": row_id})
    ).first()
    if found is None or _released(found[0], token) is None:
        return None
    return found


def finishing(model: Any, **values: Any) -> sa.Update:
    """The statement that ends a lease with a result in one compare-and-set UPDATE, on its
    own: it writes `values` and releases the row only while the claim (bind `token`) on
    row `row_id` still holds, as `reclaim` would, and returns the id of a row it wrote.
    Build it once, at import."""
    return (
        sa.update(model)
        .where(model.id == sa.bindparam("row_id"), model.claim_token == sa.bindparam("token"))
        .values(**values, locked_until=None, claim_token=None)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )


def finishing_rows(model: Any, count: int, *, each: Sequence[str] = (), **values: Any) -> sa.Update:
    """`finishing` for `count` rows of one claim at once: one compare-and-set UPDATE that
    writes and releases, of rows `row_id_0`…`row_id_{count-1}`, those the claim (bind
    `token`) still holds, and returns their ids. Each column named in `each` takes a value
    of its own per row (binds `{column}_0`…, which `finishing_binds` names), the others
    `values`. A batch costs one round trip, not one a row. Build it once per count (the
    number of bind names is its shape)."""
    ids = [sa.bindparam(f"row_id_{i}", type_=model.id.type) for i in range(count)]
    own = {
        name: sa.case(
            *(
                (
                    model.id == row_id,
                    sa.bindparam(f"{name}_{i}", type_=model.__table__.c[name].type),
                )
                for i, row_id in enumerate(ids)
            )
        )
        for name in each
    }
    return (
        sa.update(model)
        .where(model.id.in_(ids), model.claim_token == sa.bindparam("token"))
        .values(**values, **own, locked_until=None, claim_token=None)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )


def finishing_binds(row_ids: Sequence[int], **each: Sequence[Any]) -> dict[str, Any]:
    """The binds of `finishing_rows` for these rows: `row_id_{i}`, and `{column}_{i}` for
    each column given its own value per row (in the rows' order)."""
    binds: dict[str, Any] = {f"row_id_{i}": row_id for i, row_id in enumerate(row_ids)}
    for name, per_row in each.items():
        binds.update({f"{name}_{i}": value for i, value in enumerate(per_row)})
    return binds


def _released(row: Any | None, token: str) -> Any | None:
    if row is None or row.claim_token != token:
        return None
    row.locked_until = None
    row.claim_token = None
    return row


async def work(
    stop: asyncio.Event,
    wake: asyncio.Event,
    poll_seconds: float,
    process_due: Callable[[int], Awaitable[int]],
    what: str,
    *,
    batch: int,
) -> None:
    """A worker's life: do what is due until nothing is, then sleep until woken (a commit
    that queued work) or until `poll_seconds` pass (work queued by another instance).

    A pass that took fewer than `batch` rows found all that was due when it claimed, so
    the worker sleeps rather than ask again; the wake-up is cleared before each pass, so
    a commit during the pass still wakes it at once. That spares an empty claim (its own
    transaction) after every check-in."""
    while not stop.is_set():
        wake.clear()
        try:
            if await process_due(batch) >= batch:
                continue  # maybe more
        except Exception:  # a database hiccup must not kill the worker
            log.exception("%s pass failed", what)
        waiters = {asyncio.ensure_future(wake.wait()), asyncio.ensure_future(stop.wait())}
        await asyncio.wait(waiters, timeout=poll_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
