"""a session keeps the reply style its channel passed in, for what is sent to it later

Revision ID: sessions_1
Revises: phones_1
Create Date: 2026-12-01

The host's answer used to be pushed to a waiting visitor by looking the session's channel
name up in a table of styles; now the style the channel itself passed in with the visitor's
last turn is kept on the session. Conversations already under way by SMS get the SMS style
as it was at this revision, so a host's answer still reaches them; web chat and calls have
an open stream and need nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "sessions_1"
down_revision = "phones_1"
branch_labels = None
depends_on = None

# Migrations never import the models: they describe the schema as it was at this revision.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
SMS_STYLE = {"spoken": False, "max_chars": 320, "variant": "sms", "push": "sms"}


def upgrade() -> None:
    with op.batch_alter_table("conversation_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_style", JSON, nullable=True))
    sessions = sa.table(
        "conversation_sessions",
        sa.column("channel", sa.String),
        sa.column("ended_at", sa.DateTime(timezone=True)),
        sa.column("reply_style", JSON),
    )
    op.execute(
        sessions.update()
        .where(sessions.c.channel == "sms", sessions.c.ended_at.is_(None))
        .values(reply_style=SMS_STYLE)
    )


def downgrade() -> None:
    with op.batch_alter_table("conversation_sessions", schema=None) as batch_op:
        batch_op.drop_column("reply_style")
