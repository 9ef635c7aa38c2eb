"""The schema, as typed SQLAlchemy 2 models. Alembic (migrations/) is the only way it changes.

Everything that hangs off a visit (its conversation, notifications, badges) references it
with ON DELETE CASCADE, so deleting a visit cannot forget anything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way out, on SQLite (which drops the zone) as on Postgres."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType, list[Any]: JSONType}


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Employee(TimestampMixin, Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    department: Mapped[str] = mapped_column(sa.String(200), default="")
    # The department as Estonian and Russian visitors hear it; empty: `department` is said.
    department_et: Mapped[str | None] = mapped_column(sa.String(200))
    department_ru: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    slack_id: Mapped[str | None] = mapped_column(sa.String(40))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    pronunciation: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)


class AppSetting(Base):
    """Small key/value settings an admin can change at run time, and internal counters."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Visit(TimestampMixin, Base):
    __tablename__ = "visits"
    __table_args__ = (sa.Index("ix_visits_status_checked_in", "status", "checked_in_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="visit")  # visit | delivery
    # expected | checked_in | checked_out | cancelled | delivered
    status: Mapped[str] = mapped_column(sa.String(20), index=True)
    visitor_name: Mapped[str | None] = mapped_column(sa.String(200))
    company: Mapped[str | None] = mapped_column(sa.String(200))
    purpose: Mapped[str | None] = mapped_column(sa.String(500))
    party_size: Mapped[int] = mapped_column(default=1)
    host_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("employees.id", ondelete="SET NULL"), index=True
    )
    host_name: Mapped[str | None] = mapped_column(sa.String(200))  # as it was at check-in
    department: Mapped[str | None] = mapped_column(sa.String(200))
    channel: Mapped[str] = mapped_column(sa.String(10))
    language: Mapped[str] = mapped_column(sa.String(2))
    code: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    contact_email: Mapped[str | None] = mapped_column(sa.String(320))
    expected_at: Mapped[datetime | None] = mapped_column(index=True)
    checked_in_at: Mapped[datetime | None] = mapped_column()
    checked_out_at: Mapped[datetime | None] = mapped_column()
    host_response: Mapped[str | None] = mapped_column(sa.String(40))
    host_responded_at: Mapped[datetime | None] = mapped_column()
    host_response_via: Mapped[str | None] = mapped_column(sa.String(20))  # slack | sms | admin


class ConversationSession(TimestampMixin, Base):
    __tablename__ = "conversation_sessions"
    __table_args__ = (sa.Index("ix_sessions_channel_key", "channel", "session_key"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(10))
    session_key: Mapped[str] = mapped_column(sa.String(100))
    language: Mapped[str] = mapped_column(sa.String(2))
    # False until the visitor (or the session request) has shown which language they use.
    language_known: Mapped[bool] = mapped_column(default=False)
    flow: Mapped[str] = mapped_column(sa.String(20), default="checkin")
    state: Mapped[str] = mapped_column(sa.String(30), default="greeting")
    expecting: Mapped[str | None] = mapped_column(sa.String(20))
    slots: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # What was said, for context within a live session only: wiped when the session ends.
    transcript: Mapped[list[Any]] = mapped_column(default=list)
    failures: Mapped[int] = mapped_column(default=0)
    visit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("visits.id", ondelete="CASCADE"), index=True
    )
    # The reply style the channel passed in with its last turn (`ChannelStyle.as_dict`):
    # what is sent to the visitor later (the host's answer) is rendered and pushed in it.
    reply_style: Mapped[dict[str, Any] | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class SessionEvent(Base):
    """A message the receptionist sends later (the host is on the way): the /events stream."""

    __tablename__ = "session_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(
        sa.ForeignKey("conversation_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(30))
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(TimestampMixin, Base):
    """The outbox: written in the check-in's transaction, delivered by a worker."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("visits.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("conversation_sessions.id", ondelete="CASCADE"), index=True
    )
    host_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employees.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(30))  # host_arrival | delivery | front_desk …
    channel: Mapped[str] = mapped_column(sa.String(20))  # the notifier that delivers it
    # pending | sending | sent | failed | acknowledged | escalated
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column()
    claim_token: Mapped[str | None] = mapped_column(sa.String(32))  # whose lease this is
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sent_at: Mapped[datetime | None] = mapped_column()


class NotificationAttempt(Base):
    __tablename__ = "notification_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        sa.ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(sa.String(20))
    ok: Mapped[bool] = mapped_column()
    error: Mapped[str | None] = mapped_column(sa.String(500))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)


class Badge(TimestampMixin, Base):
    __tablename__ = "badges"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("visits.id", ondelete="CASCADE"), index=True
    )
    # pending | rendering | printed | saved | failed
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    copies: Mapped[int] = mapped_column(default=1)
    file_path: Mapped[str | None] = mapped_column(sa.String(500))
    error: Mapped[str | None] = mapped_column(sa.String(500))
    # The badge worker claims rows the way the outbox does (core/store/leases.py).
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    locked_until: Mapped[datetime | None] = mapped_column()
    claim_token: Mapped[str | None] = mapped_column(sa.String(32))
    done_at: Mapped[datetime | None] = mapped_column()


class SmsOptOut(Base):
    """A number that texted STOP: nothing more is sent to it until it texts START."""

    __tablename__ = "sms_opt_outs"

    phone: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    opted_out_at: Mapped[datetime] = mapped_column(default=utcnow)


class SmsInbound(Base):
    """A Twilio message already taken in, by MessageSid, with the TwiML it was answered
    with: a webhook Twilio retries gets the same answer, not a second turn. Kept a day."""

    __tablename__ = "sms_inbound"

    message_sid: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    reply: Mapped[str | None] = mapped_column(sa.Text)  # None while the turn is running
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column()


class AdminUser(Base):
    __tablename__ = "admin_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)  # sha256 hex
    prefix: Mapped[str] = mapped_column(sa.String(12))  # shown in lists, never the secret
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class AdminSession(Base):
    """A signed-in admin UI session. The cookie holds a random secret; only its SHA-256 is
    stored, so a leaked database does not sign anyone in. Kept in the database so that any
    instance recognises the cookie and signing out ends the session everywhere."""

    __tablename__ = "admin_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)  # sha256 hex of the secret
    admin_id: Mapped[int] = mapped_column(
        sa.ForeignKey("admin_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginAttempt(Base):
    """Sign-in attempts, for rate limiting across instances. The key is a hash of the
    e-mail or the client address, so this table names nobody."""

    __tablename__ = "login_attempts"
    __table_args__ = (sa.Index("ix_login_attempts_key_at", "key_hash", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    ok: Mapped[bool] = mapped_column()
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """What an admin did that removes data (an erasure). Holds counts and ids of admins,
    never the visitor's name, phone or e-mail: the log must survive the erasure it records."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(sa.String(40))  # "admin:3", "token:2", "cli"
    action: Mapped[str] = mapped_column(sa.String(40))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Kiosk(Base):
    """A lobby tablet an admin set up to talk to visitors (`/kiosk`). The one-time setup
    link's secret pairs one device, which then keeps a long secret in a cookie; only the
    SHA-256 of each is stored. Revoked, the row stays (the list shows it) and works no more."""

    __tablename__ = "kiosks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    setup_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True, index=True)
    setup_expires_at: Mapped[datetime | None] = mapped_column()
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    paired_at: Mapped[datetime | None] = mapped_column()
    last_seen_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
