"""Host notifications through the real Slack and Twilio SDKs against their stand-ins:
what a host sees, and what happens on 500s, timeouts, rate limits and unknown users."""

from __future__ import annotations

from datetime import timedelta

from core.store.db import SessionMaker
from core.store.models import Notification
from frontdesk.settings import Settings
from tests.notify.helpers import Worker, arrival, attempts, drain, notes
from tests.standins.fixtures import Running
from tests.standins.server import Failure


async def _status(sessionmaker: SessionMaker, note_id: int) -> str:
    async with sessionmaker() as db:
        note = await db.get(Notification, note_id)
        assert note is not None
        return note.status


async def test_a_host_gets_a_slack_dm_with_the_visitor_and_three_buttons(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running
) -> None:
    visit_id, note_id = await arrival(sessionmaker, "james.wilson@example.com")
    assert await worker.process_due() == 1
    [post] = slack.api.posted
    assert post["channel"] == "U0JAMESWILS"  # the directory's Slack ID: a DM
    section, context, actions = post["blocks"]
    # A visitor's words cannot page a channel or break the markup.
    assert section["text"]["text"] == (
        "Tom &lt;!channel&gt; Baker (Acme &amp; Sons) is at reception to see you."
    )
    assert context["elements"][0]["text"] == "Purpose: Quarterly review"
    assert [(b["text"]["text"], b["value"]) for b in actions["elements"]] == [
        ("On my way", str(visit_id)),
        ("Send them up", str(visit_id)),
        ("I can't make it", str(visit_id)),
    ]
    assert await _status(sessionmaker, note_id) == "sent"


async def test_a_host_without_a_slack_id_is_found_by_email(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running
) -> None:
    from sqlalchemy import update

    from core.store.models import Employee

    async with sessionmaker() as db, db.begin():
        await db.execute(
            update(Employee).where(Employee.email == "mari.magi@example.com").values(slack_id=None)
        )
    slack.api.users_by_email["mari.magi@example.com"] = "U0MARIFOUND"
    await arrival(sessionmaker, "mari.magi@example.com")
    await worker.process_due()
    assert [p["channel"] for p in slack.api.posted] == ["U0MARIFOUND"]


async def test_a_delivery_that_fails_twice_then_succeeds(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running
) -> None:
    # A 500, then no answer at all (the notifier's timeout ends it), then success.
    slack.api.script.fail("chat.postMessage", Failure(status=500), Failure(hang=True))
    _, note_id = await arrival(sessionmaker, "james.wilson@example.com")

    async def sent() -> bool:
        return await _status(sessionmaker, note_id) == "sent"

    await drain(worker, sent)
    assert len(slack.api.posted) == 1
    assert await attempts(sessionmaker, note_id) == [False, False, True]
    note, reminder = await notes(sessionmaker)
    assert note.attempts == 3 and note.channel == "slack"
    # Sent, so the reminder ladder starts: a text to the host if they do not answer.
    assert (reminder.kind, reminder.channel, reminder.status) == ("host_reminder", "sms", "pending")


async def test_a_rate_limit_is_waited_out_as_slack_asks(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running
) -> None:
    slack.api.script.fail("chat.postMessage", Failure(status=429, retry_after=30))
    await arrival(sessionmaker, "james.wilson@example.com")
    await worker.process_due()
    assert await worker.process_due() == 0  # not due again for half a minute
    [note] = await notes(sessionmaker)
    assert note.status == "pending" and "rate limiting" in (note.last_error or "")
    assert note.next_attempt_at - note.updated_at >= timedelta(seconds=29)


async def test_an_unknown_slack_user_falls_back_to_sms_at_once(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running, twilio: Running
) -> None:
    slack.api.script.fail("chat.postMessage", Failure(error="channel_not_found"))
    await arrival(sessionmaker, "james.wilson@example.com", visitor="Tom Baker")

    async def texted() -> bool:
        return bool(twilio.api.sent)

    await drain(worker, texted)
    first, second, later = await notes(sessionmaker)
    assert (first.channel, first.status, first.attempts) == ("slack", "rerouted", 1)
    # Told by text already, so if they do not answer the front desk hears next.
    assert (later.kind, later.status) == ("host_unanswered", "pending")
    assert (second.channel, second.status, second.payload["reason"]) == (
        "sms",
        "sent",
        "fallback from slack",
    )
    [sms] = twilio.api.sent
    assert sms["to"] == "+3725550109" and sms["from"] == settings.twilio_phone_number
    assert sms["body"] == "Tom Baker (Acme & Sons) is at reception to see you."


async def test_a_failing_slack_gives_way_to_sms_after_three_attempts(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, slack: Running, twilio: Running
) -> None:
    slack.api.script.fail("chat.postMessage", *[Failure(status=503)] * 5)
    await arrival(sessionmaker, "james.wilson@example.com")

    async def texted() -> bool:
        return bool(twilio.api.sent)

    await drain(worker, texted)
    assert slack.api.script.calls["chat.postMessage"] == 3
    first, second, _ = await notes(sessionmaker)
    assert (first.status, first.attempts, second.channel) == ("rerouted", 3, "sms")


async def test_twilio_trouble_is_retried_and_a_dead_end_reaches_the_front_desk(
    settings: Settings, sessionmaker: SessionMaker, worker: Worker, twilio: Running
) -> None:
    from tests.standins.twilio_api import MESSAGES

    # Throttled (with Retry-After 0), then the number turns out to have opted out.
    twilio.api.script.fail(
        MESSAGES, Failure(status=429, retry_after=0), Failure(status=400, error="21610")
    )
    await arrival(sessionmaker, "james.wilson@example.com", channel="sms", visitor="Tom Baker")

    async def told_front_desk() -> bool:
        return any(
            n.kind == "host_unreachable" and n.status == "sent" for n in await notes(sessionmaker)
        )

    await drain(worker, told_front_desk)
    by_kind = {(n.kind, n.channel): n for n in await notes(sessionmaker)}
    host = by_kind["host_arrival", "sms"]
    assert (host.status, host.attempts) == ("failed", 2)
    assert "21610" in (host.last_error or "")
    # Twilio said the host unsubscribed: that is remembered.
    from core.store.models import SmsOptOut

    async with sessionmaker() as db:
        assert await db.get(SmsOptOut, "+3725550109") is not None
    # The front desk has no Slack channel here, so it is texted on its own phone.
    assert by_kind["host_unreachable", "slack"].status == "rerouted"
    assert by_kind["host_unreachable", "sms"].status == "sent"
    assert twilio.api.to("+3725550000") == [
        "James Wilson could not be reached: Tom Baker (Acme & Sons) is waiting at reception."
    ]
