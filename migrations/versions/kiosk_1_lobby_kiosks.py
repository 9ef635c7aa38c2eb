"""lobby kiosks: tablets an admin set up to talk to visitors at /kiosk

Revision ID: kiosk_1
Revises: departments_1
Create Date: 2026-12-06

A kiosk is paired with one device: the admin's one-time setup link (`setup_hash`, cleared
when used or replaced) gives that device a long secret in a cookie (`token_hash`). Only
SHA-256 hashes of both are stored. Revoking a kiosk keeps its row for the list.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kiosk_1"
down_revision = "departments_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kiosks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("setup_hash", sa.String(length=64), nullable=True),
        sa.Column("setup_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kiosks_setup_hash"), ["setup_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_kiosks_token_hash"), ["token_hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kiosks_token_hash"))
        batch_op.drop_index(batch_op.f("ix_kiosks_setup_hash"))
    op.drop_table("kiosks")
