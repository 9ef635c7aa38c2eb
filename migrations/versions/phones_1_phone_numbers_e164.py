"""phone numbers stored in E.164: the directory, visitors' contacts, opt-outs, the front desk

Revision ID: phones_1
Revises: sms_1
Create Date: 2026-12-01

Numbers used to be stored as typed ("+372 5555 0101", "00372 …"); from this revision on
they are normalised where they enter, and this brings the rows already stored to the same
spelling. A number without a country code cannot be normalised (it means a different phone
in every country): it is left as it is, counted in the log, and the admin UI asks for the
country code the next time that person is edited. Nothing else changes, so the downgrade
has nothing to undo.
"""

from __future__ import annotations

import logging
from typing import Any

import phonenumbers
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "phones_1"
down_revision = "sms_1"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

# Migrations never import the models or the app: this is the rule as of this revision.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
employees = sa.table("employees", sa.column("id", sa.Integer), sa.column("phone", sa.String))
visits = sa.table("visits", sa.column("id", sa.Integer), sa.column("contact_phone", sa.String))
opt_outs = sa.table("sms_opt_outs", sa.column("phone", sa.String))
app_settings = sa.table("app_settings", sa.column("key", sa.String), sa.column("value", JSON))


def e164(raw: str) -> str | None:
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _normalise(table: Any, key: str, column: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(table.c[key], table.c[column])).all()
    kept = 0
    for row_key, raw in rows:
        if not raw:
            continue
        number = e164(raw)
        if number is None:
            kept += 1
        elif number != raw:
            bind.execute(table.update().where(table.c[key] == row_key).values({column: number}))
    if kept:
        log.warning(
            "%s.%s: %d numbers without a country code left as they were", table.name, column, kept
        )


def _normalise_opt_outs() -> None:
    # The number is the primary key: two spellings of one number become one row.
    bind = op.get_bind()
    stored = [phone for (phone,) in bind.execute(sa.select(opt_outs.c.phone)).all()]
    present = set(stored)
    for raw in stored:
        number = e164(raw)
        if number is None or number == raw:
            continue
        if number in present:
            bind.execute(opt_outs.delete().where(opt_outs.c.phone == raw))
        else:
            bind.execute(opt_outs.update().where(opt_outs.c.phone == raw).values(phone=number))
            present.add(number)
        present.discard(raw)


def _normalise_front_desk() -> None:
    bind = op.get_bind()
    row = bind.execute(
        sa.select(app_settings.c.value).where(app_settings.c.key == "office")
    ).first()
    if row is None or not isinstance(row.value, dict) or not row.value.get("front_desk_phone"):
        return
    number = e164(str(row.value["front_desk_phone"]))
    if number is not None and number != row.value["front_desk_phone"]:
        bind.execute(
            app_settings.update()
            .where(app_settings.c.key == "office")
            .values(value={**row.value, "front_desk_phone": number})
        )


def upgrade() -> None:
    _normalise(employees, "id", "phone")
    _normalise(visits, "id", "contact_phone")
    _normalise_opt_outs()
    _normalise_front_desk()


def downgrade() -> None:
    pass  # E.164 is a spelling the old code accepted too
