"""The progress guard by SMS: the same random visitors as tests/test_progress_guard.py,
texting the lobby number through Twilio's signed webhook, never get the same answer three
times without being offered a person. A conversation that ended (checked in, goodbye)
and the new one the next text opens are counted apart, as the guard counts them."""

from __future__ import annotations

import os
import random
from collections import Counter

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from channels.sms.compose import cheapest
from core.messages import Language
from core.replies.catalogue import CATALOGUE
from core.store.models import ConversationSession
from frontdesk.settings import Settings
from tests.sms.phone import Phone
from tests.test_progress_guard import CORPUS, HANDOVER, TURNS, next_visitor

pytestmark = pytest.mark.usefixtures("demo_directory")

CONVERSATIONS = int(os.environ.get("PROGRESS_GUARD_SMS_CONVERSATIONS", "2"))  # per language
NUMBERS = {"en": "+447700900{:03d}", "et": "+3725550{:03d}", "ru": "+7916555{:04d}"}


def _is_handover(text: str, language: Language) -> bool:
    offers = [CATALOGUE[key].form(language, spoken=False) for key in HANDOVER]
    return any(offer in text or cheapest(offer) in text for offer in offers)


async def _conversation(app: FastAPI, number: str) -> tuple[str, str]:
    """The number's latest session and its state."""
    async with app.state.runtime.sessionmaker() as db:
        query = (
            sa.select(ConversationSession.id, ConversationSession.state)
            .where(ConversationSession.channel == "sms", ConversationSession.session_key == number)
            .order_by(ConversationSession.created_at.desc())
            .limit(1)
        )
        row = (await db.execute(query)).one()
        return str(row[0]), str(row[1])


@pytest.mark.parametrize("language", sorted(CORPUS))
async def test_random_texts_never_get_the_same_answer_three_times_without_a_person_offered(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, language: Language
) -> None:
    rng = random.Random(f"progress-guard-sms-{language}")
    offers = 0
    for n in range(CONVERSATIONS):
        phone = Phone(client, settings, NUMBERS[language].format(n + 1))
        since_offer: Counter[str] = Counter()
        said: list[str] = []
        last = ("", "")
        for _ in range(TURNS):
            text = rng.choice(CORPUS[language]) or "..."
            said.append(text)
            reply = await phone.text(text)
            now = await _conversation(app, phone.number)
            if now[0] != last[0] or next_visitor({"state": last[1]}, {"state": now[1]}):
                since_offer.clear()  # the last conversation ended; this text opened one
            last = now
            if reply is None:
                continue
            if _is_handover(reply, language):
                offers += 1
                since_offer.clear()
                continue
            since_offer[reply] += 1
            worst, count = since_offer.most_common(1)[0]
            assert count < 3, f"{worst!r} three times; texted {said}, got {phone.received}"
    print(f"sms {language}: {CONVERSATIONS * TURNS} texts, {offers} hand-over replies")
