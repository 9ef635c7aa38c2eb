"""Visitors who make one natural off-script move, generated from a small grammar.

A conversation is a cooperative visitor (who answers whatever the receptionist asks) plus
one move — a question, an acknowledgement, a self-introduction, a language switch, a host
asked for as a question, a choice by department — made at one point of the conversation.
The grammar is phrasings × languages × states; `conversations()` lists every combination.
The outcome that counts is the visit row: exactly the host, name and company the visitor
gave, and nothing the visitor did not say.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import ConversationSession, Visit
from tests.visitor import Visitor

# Two people share a first name in departments no lexicon knows ("Product", "Platform"):
# choosing between them by department must work from the candidates, not from a word list.
EXTRA_DIRECTORY = (
    "name,department,email,phone,slack_id,aliases,active\n"
    "Kalle Kuusik,Product,kalle.kuusik@example.com,+3725550201,U0KALLEKUU,Калле Куузик,true\n"
    "Kalle Lepp,Platform,kalle.lepp@example.com,+3725550202,U0KALLELEP,Калле Лепп,true\n"
    "Oleg Shcherbakov,Finance,oleg.s@example.com,+3725550203,U0OLEGSHCH,Олег Щербаков,true\n"
)


@dataclass(frozen=True)
class Script:
    """What one language's cooperative visitor says."""

    language: str
    other: str  # a language the session is opened in, for the switch move
    host: str  # the directory name of the host
    ask_host: str  # first message naming the host
    ask_host_as_question: tuple[str, ...]  # the same request phrased as a question
    ask_ambiguous: str  # first message naming "Kalle" (two candidates)
    pick: str  # the cooperative answer to the choice: Kalle Kuusik
    pick_by_department: tuple[str, ...]  # the same, by department, with the first name
    yes: str
    people: tuple[tuple[str, str], ...]  # (visitor name, company) pairs
    questions: tuple[str, ...]
    acks: tuple[str, ...]
    intros: tuple[str, ...]  # with {name} and {company}
    switches: tuple[str, ...]  # asks for this script's language


SCRIPTS = {
    "en": Script(
        language="en",
        other="et",
        host="Priya Patel",
        ask_host="Hi, I'm here to see Priya Patel",
        ask_host_as_question=(
            "Hello, could you call Priya Patel?",
            "Could you get Priya Patel for me, please?",
        ),
        ask_ambiguous="Hi, I'm here to see Kalle",
        pick="Kuusik",
        pick_by_department=("Kalle, from Product", "the Kalle from Product, please"),
        yes="yes",
        people=(("Tom Baker", "Acme Corporation"), ("Alice Young", "Northwind Traders")),
        questions=("Sorry, where can I park?", "Excuse me, is there wifi here?"),
        acks=("ok", "Okay, thanks", "got it, thank you"),
        intros=("I'm {name} from {company}.", "My name is {name}, I'm with {company}"),
        switches=("Could we speak English, please?", "English please"),
    ),
    "et": Script(
        language="et",
        other="en",
        host="Jüri Tamm",
        ask_host="Tere, mul on kohtumine Jüri Tammega",
        ask_host_as_question=(
            "Tere, kas saaksite Jüri Tamme kutsuda?",
            "Kas te saaksite palun Jüri Tamme kutsuda?",
        ),
        ask_ambiguous="Tere, ma tulin Kalle juurde",
        pick="Kuusik",
        pick_by_department=("Kalle, Product osakonnast", "see Kalle, kes on Productis"),
        yes="jah",
        people=(("Oskar Valdma", "Põhjala Ehitus"), ("Mari Kuusk", "Acme OÜ")),
        questions=("Vabandust, kus ma saan autot parkida?", "Vabandage, kas siin on wifi?"),
        acks=("Selge, aitäh.", "okei", "selge"),
        intros=("Olen {name} ettevõttest {company}.", "Minu nimi on {name}, firmast {company}"),
        switches=("Vabandust, räägime parem eesti keeles.", "Kas saame eesti keeles rääkida?"),
    ),
    "ru": Script(
        language="ru",
        other="en",
        host="Ivan Petrov",
        ask_host="Здравствуйте, я к Ивану Петрову",
        ask_host_as_question=(
            "Здравствуйте, можно позвать Ивана Петрова?",
            "Не могли бы вы пригласить Ивана Петрова?",
        ),
        ask_ambiguous="Здравствуйте, я к Калле",
        pick="Куузик",
        pick_by_department=("Калле, из Product", "Тот Калле, который из Product"),
        yes="да",
        people=(("Тимур Белов", "ООО Ромашка"), ("Нина Орлова", "Северный Ветер")),
        questions=("Извините, а где можно припарковать машину?", "Простите, здесь есть wifi?"),
        acks=("Понятно, спасибо.", "Хорошо", "ясно"),
        intros=("Я {name} из компании {company}.", "Меня зовут {name}, компания {company}"),
        switches=("Давайте лучше по-русски.", "Можно по-русски, пожалуйста?"),
    ),
}

# Where a move is made: the value of `expecting` the receptionist is waiting on.
STATES = ("confirmation", "choice", "visitor_name", "company")
MOVES = ("question", "ack", "intro", "switch")
MAX_TURNS = 12


@dataclass(frozen=True)
class Conversation:
    language: str
    move: str
    at: str  # the `expecting` the move is made at ("host": it is the first message)
    phrasing: str
    name: str
    company: str
    ambiguous: bool  # the host is asked for as "Kalle" and chosen among two

    @property
    def host(self) -> str:
        return "Kalle Kuusik" if self.ambiguous else SCRIPTS[self.language].host

    @property
    def label(self) -> str:
        return f"{self.language}/{self.move}@{self.at}: {self.phrasing!r}"


def conversations(language: str) -> list[Conversation]:
    script = SCRIPTS[language]
    people = itertools.cycle(script.people)
    out: list[Conversation] = []
    phrasings = {
        "question": script.questions,
        "ack": script.acks,
        "intro": script.intros,
        "switch": script.switches,
    }
    for at, move in itertools.product(STATES, MOVES):
        for phrasing in phrasings[move]:
            name, company = next(people)
            out.append(Conversation(language, move, at, phrasing, name, company, at == "choice"))
    for phrasing in script.ask_host_as_question:
        name, company = next(people)
        out.append(Conversation(language, "host_question", "host", phrasing, name, company, False))
    for phrasing in script.pick_by_department:
        name, company = next(people)
        out.append(Conversation(language, "department", "choice", phrasing, name, company, True))
    return out


@dataclass
class Outcome:
    conversation: Conversation
    ok: bool
    why: str
    transcript: list[tuple[str, str]]


async def run(app: FastAPI, client: Any, c: Conversation) -> Outcome:
    script = SCRIPTS[c.language]
    opened_in = script.other if c.move == "switch" else None
    v = await Visitor.arrive(client, opened_in)
    transcript: list[tuple[str, str]] = []
    moved = False

    async def say(text: str) -> dict[str, Any]:
        reply = await v.say(text)
        transcript.append((text, reply["reply"]))
        return reply

    if c.move == "host_question":
        reply = await say(c.phrasing)
        moved = True
    else:
        reply = await say(script.ask_ambiguous if c.ambiguous else script.ask_host)
    for _ in range(MAX_TURNS):
        if reply["done"]:
            break
        expecting = reply["expecting"]
        if not moved and expecting == c.at:
            moved = True
            reply = await say(c.phrasing.format(name=c.name, company=c.company))
            if c.move == "switch" and reply["language"] != c.language:
                return Outcome(c, False, f"still speaks {reply['language']}", transcript)
            continue
        answer = {
            "confirmation": script.yes,
            "choice": script.pick,
            "visitor_name": c.name,
            "company": c.company,
        }.get(expecting or "")
        if answer is None or reply["state"] == "transfer_human":
            return Outcome(c, False, f"stuck at {reply['state']}/{expecting}", transcript)
        reply = await say(answer)
    if not reply["done"] or reply["state"] != "complete":
        return Outcome(c, False, f"ended at {reply['state']}/{reply['expecting']}", transcript)
    if not moved:
        return Outcome(c, False, f"never reached {c.at}", transcript)
    async with app.state.runtime.sessionmaker() as db:
        session = await db.get(ConversationSession, v.session_id)
        visit = await db.scalar(sa.select(Visit).where(Visit.id == session.visit_id))
    if visit is None:
        return Outcome(c, False, "no visit row", transcript)
    got = (visit.host_name, visit.visitor_name, visit.company, visit.purpose, visit.party_size)
    want = (c.host, c.name, c.company, None, 1)
    if got != want:
        return Outcome(c, False, f"visit {got} != {want}", transcript)
    return Outcome(c, True, "", transcript)


def report(outcomes: list[Outcome]) -> str:
    done = sum(o.ok for o in outcomes)
    lines = [f"completed {done}/{len(outcomes)} ({100 * done / max(1, len(outcomes)):.0f} %)"]
    for o in outcomes:
        if not o.ok:
            lines.append(f"  FAIL {o.conversation.label}: {o.why}")
            lines += [f"      > {said}\n      < {heard}" for said, heard in o.transcript]
    return "\n".join(lines)
