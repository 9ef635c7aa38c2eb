"""Corrections and "no company", over the chat HTTP API, asserted on the visit row.

A correction ("sorry, I meant Tom", "ei, ma mõtlesin Liis Tamme", «нет, я имел в виду
Ивана») replaces the slot it corrects: the host while a host is chosen or confirmed (or
was just chosen), the visitor's name or company when that was what they just gave. "No
company" in any wording fills the company as none, and it is never asked for again.
"""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import ConversationSession, Visit
from tests.visitor import Visitor

pytestmark = pytest.mark.usefixtures("demo_directory")

# (language, what the visitor says in turn, (host, visitor name, company) on the visit row)
CONVERSATIONS = [
    (
        "en",
        [
            "Hi, I'm here to see Priya Patel",
            "yes",
            "Tom Baker",
            "sorry, I meant Tom Barker",
            "Acme Corporation",
        ],
        ("Priya Patel", "Tom Barker", "Acme Corporation"),
    ),
    (
        "en",
        [
            "I'm here to see Sarah Chen",
            "sorry, I meant Priya Patel",
            "yes",
            "Alice Young",
            "no company",
        ],
        ("Priya Patel", "Alice Young", ""),
    ),
    (
        "en",
        [
            "I'm here to see Sarah",
            "Chen",
            "sorry, I meant Sarah Miller",
            "yes",
            "Tom Baker",
            "Acme",
        ],
        ("Sarah Miller", "Tom Baker", "Acme"),
    ),
    (
        "en",
        [
            "Hi, I'm from Acme, here to see Priya Patel",
            "yes",
            "sorry, I meant Acme Corporation",
            "Tom Baker",
        ],
        ("Priya Patel", "Tom Baker", "Acme Corporation"),
    ),
    (
        "en",
        ["Hi, I'm Tom Baker, private visit, here to see Priya Patel", "yes"],
        ("Priya Patel", "Tom Baker", ""),
    ),
    (
        "en",
        ["Hello, here to see Priya Patel", "yes", "alice young", "i'm here privately"],
        ("Priya Patel", "alice young", ""),
    ),
    (
        "et",
        [
            "Tere, ma tulin Sarah Cheni juurde",
            "ei, ma mõtlesin Liis Tamme",
            "jah",
            "Mart Kask",
            "eraisik",
        ],
        ("Liis Tamm", "Mart Kask", ""),
    ),
    (
        "et",
        [
            "Tere, mul on kohtumine Jüri Tammega",
            "jah",
            "Mart Kask",
            "vabandust, mõtlesin Mart Kaasik",
            "Põhjala Ehitus",
        ],
        ("Jüri Tamm", "Mart Kaasik", "Põhjala Ehitus"),
    ),
    (
        "et",
        ["Tere, olen Mari Kuusk, tulin eraviisiliselt Jüri Tamme juurde", "jah"],
        ("Jüri Tamm", "Mari Kuusk", ""),
    ),
    (
        "ru",
        [
            "Здравствуйте, я к Саре Чен",
            "нет, я имел в виду Ивана Петрова",
            "да",
            "Тимур Белов",
            "частное лицо",
        ],
        ("Ivan Petrov", "Тимур Белов", ""),
    ),
    (
        "ru",
        [
            "Здравствуйте, я к Ивану Петрову",
            "да",
            "Тимур Белов",
            "извините, я имел в виду Тимур Белых",
            "ООО Ромашка",
        ],
        ("Ivan Petrov", "Тимур Белых", "ООО Ромашка"),
    ),
    (
        "ru",
        ["Здравствуйте, я Нина Орлова, частное лицо, я к Ивану Петрову", "да"],
        ("Ivan Petrov", "Нина Орлова", ""),
    ),
]


async def _visit(app: FastAPI, session_id: str) -> Visit | None:
    async with app.state.runtime.sessionmaker() as db:
        session = await db.get(ConversationSession, session_id)
        assert session is not None
        visit: Visit | None = await db.scalar(sa.select(Visit).where(Visit.id == session.visit_id))
        return visit


@pytest.mark.parametrize(("language", "messages", "want"), CONVERSATIONS)
async def test_a_correction_replaces_what_it_corrects_and_no_company_is_none(
    app: FastAPI,
    client: httpx.AsyncClient,
    language: str,
    messages: list[str],
    want: tuple[str, str, str],
) -> None:
    visitor = await Visitor.arrive(client, language)
    for text in messages:
        reply = await visitor.say(text)
    transcript = [(m, r["reply"]) for m, r in zip(messages, visitor.replies, strict=True)]
    assert reply["state"] == "complete", transcript
    visit = await _visit(app, visitor.session_id)
    assert visit is not None, transcript
    assert (visit.host_name, visit.visitor_name, visit.company or "") == want, transcript
    if want[2] == "":  # no company, once said, is never asked for
        said_none = next(i for i, m in enumerate(messages) if _says_no_company(m))
        asked = [r["expecting"] for r in visitor.replies[said_none:]]
        assert "company" not in asked, transcript


def _says_no_company(message: str) -> bool:
    words = ("no company", "private", "eraisik", "eraviisil", "частное лицо")
    return any(w in message.casefold() for w in words)
