"""an employee's department in Estonian and Russian, said to visitors in those languages

Revision ID: departments_1
Revises: sessions_1
Create Date: 2026-12-06

Both columns are empty for everyone already in the directory: the receptionist then says
`department` as before, in every language.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "departments_1"
down_revision = "sessions_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_et", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("department_ru", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employees", schema=None) as batch_op:
        batch_op.drop_column("department_ru")
        batch_op.drop_column("department_et")
