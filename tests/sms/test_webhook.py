"""`POST /twilio/sms` end to end: signed webhooks in, TwiML out, the database after."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from channels.sms.segments import count
from core.store.models import ConversationSession, Notification, SmsInbound, SmsOptOut, Visit
from frontdesk.settings import Settings
from tests.sms.phone import Phone, message_of, new_sid

CONVERSATIONS = {
    "en": (
        "+447700900123",
        ["Hi, I'm here for James Wilson", "yes", "Tom Baker", "Acme"],
        ("Tom Baker", "James Wilson"),
    ),
    "et": (
        "+3725551234",
        ["Tere! Mul on kohtumine Jüri Tammega", "jah", "Mari Kask", "Telia"],
        ("Mari Kask", "Jüri Tamm"),
    ),
    "ru": (
        "+79161234567",
        ["Здравствуйте, я к Ивану Петрову", "да", "Анна Смирнова", "Яндекс"],
        ("Анна Смирнова", "Иван Петров"),
    ),
}


async def _rows(app: FastAPI, model: type) -> list:  # type: ignore[type-arg]
    async with app.state.runtime.sessionmaker() as db:
        return list((await db.scalars(sa.select(model))).all())


@pytest.mark.parametrize("language", ["en", "et", "ru"])
async def test_a_visitor_checks_in_by_sms(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_directory: None, language: str
) -> None:
    number, lines, (visitor, host) = CONVERSATIONS[language]
    phone = Phone(client, settings, number)
    for line in lines:
        reply = await phone.text(line)
        assert reply and count(reply).segments <= 2, reply
    assert visitor in phone.received[-1] and host in phone.received[-1]

    [visit] = await _rows(app, Visit)
    assert (visit.visitor_name, visit.host_name, visit.channel, visit.language) == (
        visitor,
        "Ivan Petrov" if language == "ru" else host,
        "sms",
        language,
    )
    [session] = await _rows(app, ConversationSession)
    assert (session.channel, session.session_key, session.visit_id) == ("sms", number, visit.id)
    [note] = await _rows(app, Notification)
    assert (note.kind, note.visit_id) == ("host_arrival", visit.id)


@pytest.mark.parametrize(
    "signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "other-token", "other-url"]
)
async def test_a_missing_or_bad_signature_is_refused_and_nothing_is_stored(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, signature: str | None
) -> None:
    from channels.twilio.signature import public_url, sign

    phone = Phone(client, settings, "+447700900123")
    form = phone.form("Hi, I'm here for James Wilson")
    if signature == "other-token":
        signature = sign("not-our-token", public_url(settings.public_url, "/twilio/sms"), form)
    elif signature == "other-url":
        signature = sign("twilio-test-token", "https://elsewhere.example.com/twilio/sms", form)
    response = await phone.post(form, signature=signature)
    assert response.status_code == 403
    assert "signature" in response.text.lower()
    assert await _rows(app, SmsInbound) == []
    assert await _rows(app, ConversationSession) == []


async def test_a_retried_webhook_gets_the_same_answer_and_no_second_turn(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_directory: None
) -> None:
    phone = Phone(client, settings, "+447700900123")
    first = phone.form("Hi, I'm here for James Wilson")
    second = phone.form("yes")
    answers = [await phone.post(first), await phone.post(first)]
    # Twilio may also deliver a retry while the first is still being answered.
    answers += await asyncio.gather(phone.post(second), phone.post(second), phone.post(second))
    assert [r.status_code for r in answers] == [200] * 5
    assert answers[0].text == answers[1].text
    assert answers[2].text == answers[3].text == answers[4].text
    assert "name" in (message_of(answers[2].text) or "")  # the "yes" was taken once
    [session] = await _rows(app, ConversationSession)
    visitor_turns = [t for t in session.transcript if t["who"] == "visitor"]
    assert [t["text"] for t in visitor_turns] == ["Hi, I'm here for James Wilson", "yes"]
    assert len(await _rows(app, SmsInbound)) == 2


async def test_stop_is_honoured_until_start(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_directory: None
) -> None:
    phone = Phone(client, settings, "+3725551234")
    assert await phone.text("Tere! Mul on kohtumine Jüri Tammega")
    stopped = await phone.text("STOPP")
    assert stopped and "START" in stopped and "sõnumeid" in stopped
    assert [o.phone for o in await _rows(app, SmsOptOut)] == ["+3725551234"]
    # Nothing more, whatever they send: no reply, no turn, not even to HELP.
    assert await phone.text("Mari Kask") is None
    assert await phone.text("HELP") is None
    [session] = await _rows(app, ConversationSession)
    assert [t["text"] for t in session.transcript if t["who"] == "visitor"] == []
    assert session.state == "confirm_host"

    resumed = await phone.text("jah")  # as Twilio does, a yes opts back in after STOP
    assert resumed and resumed.startswith("Sõnumid on taas")
    assert await _rows(app, SmsOptOut) == []
    assert await phone.text("Tere, ma tulin Mari Mägi juurde")


@pytest.mark.parametrize(("word", "language"), [("stop", "en"), ("СТОП", "ru"), ("Lõpeta", "et")])
async def test_stop_in_each_language_is_answered_in_it(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, word: str, language: str
) -> None:
    reply = await Phone(client, settings, "+447700900123").text(word)
    expected = {"en": "won't get any more", "et": "enam sõnumeid", "ru": "Больше не будем"}
    assert reply and expected[language] in reply
    assert len(await _rows(app, SmsOptOut)) == 1


async def test_help_and_a_picture_without_words(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    phone = Phone(client, settings, "+79161234567")
    assert "STOP" in (await phone.text("Помощь") or "")
    form = {**phone.form(""), "NumMedia": "1", "MediaUrl0": "https://x.test/p.jpg"}
    response = await phone.post(form)
    assert message_of(response.text) == "Извините, я читаю только текст. К кому вы пришли?"


async def test_twilio_advanced_opt_out_answers_for_us(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    phone = Phone(client, settings, "+447700900123")
    response = await phone.post({**phone.form("STOP"), "OptOutType": "STOP"})
    assert message_of(response.text) is None  # Twilio already told them
    assert len(await _rows(app, SmsOptOut)) == 1


async def test_a_webhook_without_a_sender_is_422_naming_the_field(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    phone = Phone(client, settings, "+447700900123")
    form = {k: v for k, v in phone.form("hi", new_sid()).items() if k != "From"}
    response = await phone.post(form)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "From"


async def test_a_number_quiet_for_longer_than_the_idle_time_starts_afresh(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, demo_directory: None
) -> None:
    from datetime import timedelta

    from core.store.models import utcnow

    phone = Phone(client, settings, "+447700900123")
    assert "James Wilson" in (await phone.text("Hi, I'm here for James Wilson") or "")
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await db.execute(
            sa.update(ConversationSession).values(updated_at=utcnow() - timedelta(hours=2))
        )
    # "yes" two hours later answers nothing: it is a new conversation.
    assert "James Wilson" not in (await phone.text("yes") or "")
    assert len(await _rows(app, ConversationSession)) == 2
