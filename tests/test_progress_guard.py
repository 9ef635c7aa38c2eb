"""The progress guard as a property: whatever a visitor says, in whatever order, the
receptionist never gives the same reply three times without offering a person.

A session that ends and starts over for the next visitor (a lobby tablet) counts afresh
from there, as the guard does after a check-in. Each conversation draws 30 messages at
random (seeded) from a corpus of the kinds of thing visitors say in each language —
greetings, questions, acknowledgements, names, companies, hosts who exist and who do not,
yes and no, corrections, noise, bookings — and talks to the real app over the chat HTTP
API.
"""

from __future__ import annotations

import os
import random
from collections import Counter

import httpx
import pytest

from core.messages import Language
from core.replies.catalogue import CATALOGUE
from tests.visitor import Visitor

pytestmark = pytest.mark.usefixtures("demo_directory")

TURNS = 30
# Per language; every turn is a real HTTP round trip. Set PROGRESS_GUARD_CONVERSATIONS for
# a longer run (the seed stays fixed, so a failure reproduces).
CONVERSATIONS = int(os.environ.get("PROGRESS_GUARD_CONVERSATIONS", "4"))

CORPUS: dict[Language, tuple[str, ...]] = {
    "en": (
        "Hi",
        "Hello, I'm here to see Priya Patel",
        "I'm here to see Sarah",
        "Zorblat Quux",
        "ok",
        "Okay, thanks",
        "Sorry, where can I park?",
        "is there wifi?",
        "yes",
        "no",
        "Tom Baker",
        "I'm Tom Baker from Acme Corporation",
        "Acme Corporation",
        "no company",
        "sorry, I meant Tom",
        "the second one",
        "I have a booking",
        "I'd like to book a visit with Priya Patel",
        "tomorrow at 10",
        "asdf qwerty",
        "thanks, bye",
        "what?",
        "",
    ),
    "et": (
        "Tere",
        "Tere, mul on kohtumine Jüri Tammega",
        "Tere, ma tulin Sarah juurde",
        "Selge Mustikas",
        "selge",
        "Selge, aitäh.",
        "Vabandust, kus ma saan parkida?",
        "kas teil on wifi?",
        "jah",
        "ei",
        "Mart Kask",
        "Olen Oskar Valdma ettevõttest Põhjala Ehitus.",
        "Põhjala Ehitus",
        "eraisik",
        "ei, ma mõtlesin Marti",
        "teine",
        "mul on broneering",
        "Soovin broneerida külastuse Jüri Tamme juurde",
        "homme kell 10",
        "lorem ipsum",
        "aitäh, head aega",
        "mis?",
    ),
    "ru": (
        "Здравствуйте",
        "Здравствуйте, я к Ивану Петрову",
        "Здравствуйте, я к Саре",
        "Пумпурум Трам",
        "понятно",
        "Хорошо, спасибо",
        "Извините, а где можно припарковать машину?",
        "у вас есть wifi?",
        "да",
        "нет",
        "Иван Петров",
        "Меня зовут Олег Смирнов, я из компании Ромашка",
        "Ромашка",
        "частное лицо",
        "нет, я имел в виду Ивана",
        "второй",
        "у меня бронь",
        "Хочу записаться на визит к Ивану Петрову",
        "завтра в 10",
        "абра кадабра",
        "спасибо, до свидания",
        "что?",
    ),
}

# The sentences that offer a person, as the web chat writes them.
HANDOVER = ("offer_human", "offer_human_again", "transfer")


def _is_handover(reply: dict[str, object], language: Language) -> bool:
    text = str(reply["reply"])
    offers = [CATALOGUE[key].form(language, spoken=False) for key in HANDOVER]
    return reply["state"] == "transfer_human" or any(offer in text for offer in offers)


def next_visitor(before: dict[str, object], after: dict[str, object]) -> bool:
    """The conversation ended (checked in, or said goodbye) and the session started over
    for the next visitor (a lobby tablet)."""
    return before["state"] == "complete" and after["state"] not in ("complete", "transfer_human")


@pytest.mark.parametrize("language", sorted(CORPUS))
async def test_random_visitors_never_hear_the_same_reply_three_times_without_a_person_offered(
    client: httpx.AsyncClient, language: Language
) -> None:
    rng = random.Random(f"progress-guard-{language}")
    turns = offers = 0
    for _ in range(CONVERSATIONS):
        visitor = await Visitor.arrive(client, language)
        since_offer: Counter[str] = Counter()
        said: list[str] = []
        for _ in range(TURNS):
            text = rng.choice(CORPUS[language]) or "..."
            said.append(text)
            reply = await visitor.say(text)
            turns += 1
            if len(visitor.replies) > 1 and next_visitor(visitor.replies[-2], reply):
                since_offer.clear()  # checked in; the kiosk's next visitor starts afresh
            if _is_handover(reply, language):
                offers += 1
                since_offer.clear()
                continue
            since_offer[str(reply["reply"])] += 1
            worst, count = since_offer.most_common(1)[0]
            assert count < 3, (
                f"{worst!r} three times without a hand-over; visitor said {said}, "
                f"replies {[r['reply'] for r in visitor.replies]}"
            )
    print(f"{language}: {turns} turns, {offers} hand-over replies")
    assert turns == CONVERSATIONS * TURNS


@pytest.mark.parametrize(
    ("language", "ask", "questions"),
    [
        ("en", "Hi", ["Where can I park?", "Is there wifi?", "Where are the toilets?"]),
        ("et", "Tere", ["Kus ma saan parkida?", "Kas teil on wifi?", "Kus on tualett?"]),
        ("ru", "Здравствуйте", ["Где можно парковаться?", "Есть ли wifi?", "Где туалет?"]),
    ],
)
async def test_four_turns_without_a_new_fact_offer_a_person(
    client: httpx.AsyncClient, language: Language, ask: str, questions: list[str]
) -> None:
    """Questions answered are not progress towards a check-in: by the fourth turn without a
    new fact the receptionist offers a person, and a yes hands over."""
    visitor = await Visitor.arrive(client, language)
    replies = [await visitor.say(text) for text in [ask, *questions]]
    assert not any(_is_handover(r, language) for r in replies[:3]), replies
    assert _is_handover(replies[3], language) and replies[3]["expecting"] == "confirmation"
    yes = {"en": "yes", "et": "jah", "ru": "да"}[language]
    assert (await visitor.say(yes))["state"] == "transfer_human"
