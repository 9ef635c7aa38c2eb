"""A visitor simulator: scripted visitors who make natural off-script moves, over web chat
and SMS, judged by the visit row they leave behind.

A simulated visitor is a cooperative visitor (who answers whatever the receptionist asks)
plus one *perturbation kind* applied at one point of the conversation:

- ``cooperative``  answers exactly what is asked (the baseline);
- ``overshare``    volunteers name and company before being asked (in the first message,
                   or with the answer to another question);
- ``acknowledge``  says "ok" / "selge, aitäh" / «понятно» instead of answering, then answers;
- ``question``     asks something midway ("where can I park?"), then answers;
- ``wrap``         wraps answers: "My name is …", "I'm with Acme", «Меня зовут…»;
- ``lowercase``    types every message in lower case without punctuation;
- ``no_company``   has no company ("private visit", "eraisik", «частное лицо»);
- ``correct``      gives a wrong name, company or host, then corrects it;
- ``switch``       starts in another language, then asks for their own;
- ``misread``      answers a different question than the one asked (gives the company
                   when asked the name, the name when asked to confirm the host…).

Conversations are generated, not listed: perturbation kind × language × channel, each
drawn from the product of where the move is made × its phrasings × hosts from the demo
directory (hard names included) × visitor names, sampled with a fixed seed.

The outcome that counts is the visit row: exactly the host, name and company the visitor
gave (none when they said they have no company), a party of one, and no value they never
said (``invented``; a purpose is kept only as they said it). A reply given three times, a
slot asked for again after the visitor gave it, or a conversation that runs past its
bound is a loop.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import ConversationSession, Visit
from frontdesk.settings import Settings

LANGUAGES = ("en", "et", "ru")
CHANNELS = ("web", "sms")
KINDS = (
    "cooperative",
    "overshare",
    "acknowledge",
    "question",
    "wrap",
    "lowercase",
    "no_company",
    "correct",
    "switch",
    "misread",
)
MAX_TURNS = 14


@dataclass(frozen=True)
class Host:
    """A person in the demo directory and how a visitor names them in each language: as
    the object of "here to see" (en), "… juurde" (et, genitive) and «я к …» (ru, dative)."""

    name: str
    said: dict[str, str]
    pick: dict[str, str] | None = None  # the answer to "which one?" when the name is shared
    sharing: str | None = None  # the other person the short name finds


HOSTS = (
    Host("Priya Patel", {"en": "Priya Patel", "et": "Priya Pateli", "ru": "Прие Патель"}),
    Host("Jüri Tamm", {"en": "Jüri Tamm", "et": "Jüri Tamme", "ru": "Юри Тамму"}),
    Host("Tõnu Õunapuu", {"en": "Tõnu Õunapuu", "et": "Tõnu Õunapuu", "ru": "Тыну Ыунапуу"}),
    Host("Ivan Petrov", {"en": "Ivan Petrov", "et": "Ivan Petrovi", "ru": "Ивану Петрову"}),
    Host(
        "Michael O'Brien",
        {"en": "Michael O'Brien", "et": "Michael O'Brieni", "ru": "Михаилу О'Брайену"},
    ),
    Host(
        "Aleksei Kuznetsov",
        {"en": "Aleksei Kuznetsov", "et": "Aleksei Kuznetsovi", "ru": "Алексею Кузнецову"},
    ),
    Host(
        "Catherine Brown", {"en": "Catherine Brown", "et": "Catherine Browni", "ru": "Кэтрин Браун"}
    ),
    Host(
        "Sarah Miller",
        {"en": "Sarah", "et": "Sarah", "ru": "Саре"},
        pick={"en": "Miller", "et": "Miller", "ru": "Миллер"},
        sharing="Sarah Chen",
    ),
)


@dataclass(frozen=True)
class Language:
    """What a visitor says in one language. Templates take {host}, {name}, {company}."""

    code: str
    people: tuple[tuple[str, str], ...]  # (visitor name, company)
    ask_host: tuple[str, ...]
    overshare_first: tuple[str, ...]
    overshare_answer: tuple[str, ...]  # the name question answered with the company too
    company_first: tuple[str, ...]  # the first message gives the company and the host
    yes: tuple[str, ...]
    acks: tuple[str, ...]
    questions: tuple[str, ...]
    wrap_name: tuple[str, ...]
    wrap_company: tuple[str, ...]
    no_company: tuple[str, ...]
    correct_name: tuple[str, ...]
    correct_company: tuple[str, ...]
    correct_host: tuple[str, ...]
    switch: tuple[str, ...]  # asks for this language


SCRIPTS = {
    "en": Language(
        code="en",
        people=(
            ("Tom Baker", "Acme Corporation"),
            ("Siobhan O'Connor", "Northwind Traders"),
            ("Mary-Jane Watson", "Globex"),
            ("Alice Young", "Initech Ltd"),
        ),
        ask_host=("Hi, I'm here to see {host}", "Hello, I have a meeting with {host}"),
        overshare_first=(
            "Hi, I'm {name} from {company}, here to see {host}",
            "Hello, my name is {name}, I'm with {company}. I have a meeting with {host}.",
        ),
        overshare_answer=("{name} from {company}", "{name}, {company}"),
        company_first=("Hi, I'm from {company}, here to see {host}",),
        yes=("yes", "yes, that's right", "yep"),
        acks=("ok", "Okay, thanks", "got it, thank you", "sure"),
        questions=(
            "Sorry, where can I park?",
            "Excuse me, is there wifi here?",
            "Where is the restroom?",
        ),
        wrap_name=("My name is {name}", "I'm {name}", "It's {name}."),
        wrap_company=("I'm with {company}", "I'm from {company}", "I work for {company}."),
        no_company=("no company", "I'm not with a company", "private visit", "none, it's personal"),
        correct_name=("sorry, I meant {name}", "no wait, my name is {name}"),
        correct_company=("sorry, I meant {company}",),
        correct_host=("no, I meant {host}", "sorry, I meant {host}"),
        switch=("Could we speak English, please?", "English please"),
    ),
    "et": Language(
        code="et",
        people=(
            ("Oskar Valdma", "Põhjala Ehitus"),
            ("Tiiu Õispuu", "Acme OÜ"),
            ("Mari-Liis Männik", "Telia"),
            ("Jaan Kask", "Bolt"),
        ),
        ask_host=("Tere, ma tulin {host} juurde", "Tere! Tulin kohtumisele {host} juurde."),
        overshare_first=(
            "Tere, olen {name} ettevõttest {company}, tulin {host} juurde",
            "Tere! Minu nimi on {name}, firmast {company}. Tulin {host} juurde.",
        ),
        overshare_answer=("{name} ettevõttest {company}", "{name}, {company}"),
        company_first=("Tere, olen ettevõttest {company}, tulin {host} juurde",),
        yes=("jah", "jah, just", "jaa"),
        acks=("Selge, aitäh.", "okei", "selge", "Hea küll"),
        questions=(
            "Vabandust, kus ma saan autot parkida?",
            "Vabandage, kas siin on wifi?",
            "Kus on tualett?",
        ),
        wrap_name=("Minu nimi on {name}", "Olen {name}", "Mina olen {name}."),
        wrap_company=(
            "Olen firmast {company}",
            "Tulen ettevõttest {company}",
            "Firma on {company}",
        ),
        no_company=("eraisik", "ei ole firmast", "tulin eraviisiliselt", "firmat pole"),
        correct_name=("vabandust, mõtlesin {name}", "ei, minu nimi on {name}"),
        correct_company=("vabandust, mõtlesin {company}",),
        correct_host=("ei, ma tulin {host} juurde", "vabandust, ma mõtlesin {host}"),
        switch=("Vabandust, räägime parem eesti keeles.", "Kas saame eesti keeles rääkida?"),
    ),
    "ru": Language(
        code="ru",
        people=(
            ("Тимур Белов", "ООО Ромашка"),
            ("Нина Орлова", "Северный Ветер"),
            ("Пётр Щукин", "Яндекс"),
            ("Анна-Мария Ли", "Газпром нефть"),
        ),
        ask_host=("Здравствуйте, я к {host}", "Добрый день! У меня встреча, я к {host}."),
        overshare_first=(
            "Здравствуйте, я {name} из компании {company}, я к {host}",
            "Добрый день, меня зовут {name}, компания {company}. Я к {host}.",
        ),
        overshare_answer=("{name}, компания {company}", "{name} из компании {company}"),
        company_first=("Здравствуйте, я из компании {company}, я к {host}",),
        yes=("да", "да, верно", "ага"),
        acks=("Понятно, спасибо.", "Хорошо", "ясно", "Ага, понял"),
        questions=(
            "Извините, а где можно припарковать машину?",
            "Простите, здесь есть wifi?",
            "Где здесь туалет?",
        ),
        wrap_name=("Меня зовут {name}", "Я {name}", "Моё имя {name}."),
        wrap_company=("Я из компании {company}", "Компания {company}", "Я представляю {company}"),
        no_company=("частное лицо", "я не от компании", "по личному делу", "без компании"),
        correct_name=("извините, я имел в виду {name}", "нет, меня зовут {name}"),
        correct_company=("извините, я имел в виду {company}",),
        correct_host=("нет, я к {host}", "извините, я к {host}"),
        switch=("Давайте лучше по-русски.", "Можно по-русски, пожалуйста?"),
    ),
}


# --- a simulated visitor ----------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """Something the visitor says instead of the cooperative answer, the first time the
    receptionist asks `at` ("*": at the very next turn). `gives` names the slots it fills;
    `speaks` is the language of what the visitor says from then on."""

    at: str
    text: str
    gives: frozenset[str] = frozenset()
    speaks: str | None = None


@dataclass(frozen=True)
class Plan:
    kind: str
    language: str
    channel: str
    host: Host
    name: str
    company: str | None  # None: the visitor has no company
    opening: str
    moves: tuple[Move, ...] = ()
    speaks_first: str | None = None  # the language before a switch
    gives_first: frozenset[str] = frozenset({"host"})
    no_company: str = ""  # the answer to the company question for a visitor without one
    lower: bool = False
    where: str = ""  # a short description of the move, for the report

    @property
    def label(self) -> str:
        return f"{self.channel}/{self.language}/{self.kind}{self.where}"


def _fill(template: str, *, host: str = "", name: str = "", company: str = "") -> str:
    return template.format(host=host, name=name, company=company)


def _lower(text: str) -> str:
    return re.sub(r"[.,!?;:]", "", text).lower().strip()


def plans(kind: str, language: str, channel: str, count: int) -> list[Plan]:
    """`count` conversations of one kind, language and channel, drawn (with a fixed seed)
    from every combination of where the move is made, its phrasing, host and visitor."""
    s = SCRIPTS[language]
    other = "en" if language != "en" else "et"
    variants = list(_variants(kind, s))
    combos = list(itertools.product(variants, HOSTS, s.people, s.ask_host, range(len(s.people))))
    rng = random.Random(f"{kind}/{language}/{channel}")
    picked = combos if len(combos) <= count else rng.sample(combos, count)
    out = []
    for (where, build), host, (name, company), ask, wrong in picked:
        wrong_person = s.people[wrong] if s.people[wrong][0] != name else s.people[wrong - 1]
        plan = Plan(
            kind=kind,
            language=language,
            channel=channel,
            host=host,
            name=name,
            company=company,
            opening=_fill(ask, host=host.said[language]),
            where=where,
        )
        out.append(build(plan, s, SCRIPTS[other], wrong_person, rng))
    return out


def _variants(kind: str, s: Language) -> list[tuple[str, Any]]:
    """(description, how to turn a cooperative plan into this kind) for every variant."""
    from dataclasses import replace as r

    def at(where: str, text: str, gives: Sequence[str] = ()) -> Move:
        return Move(where, text, frozenset(gives))

    out: list[tuple[str, Any]] = []
    if kind == "cooperative":
        out.append(("", lambda p, *_: p))
    elif kind == "overshare":
        for t in s.overshare_first:

            def first(p: Plan, *_: Any, t: str = t) -> Plan:
                opening = _fill(
                    t, host=p.host.said[p.language], name=p.name, company=p.company or ""
                )
                return r(
                    p, opening=opening, gives_first=frozenset({"host", "visitor_name", "company"})
                )

            out.append(("@host", first))
        for t in s.overshare_answer:

            def answer(p: Plan, *_: Any, t: str = t) -> Plan:
                text = _fill(t, name=p.name, company=p.company or "")
                return r(p, moves=(at("visitor_name", text, ("visitor_name", "company")),))

            out.append(("@visitor_name", answer))
    elif kind in ("acknowledge", "question"):
        phrasings = s.acks if kind == "acknowledge" else s.questions
        for where, t in itertools.product(("confirmation", "visitor_name", "company"), phrasings):
            out.append((f"@{where}", lambda p, *_, w=where, t=t: r(p, moves=(at(w, t),))))
    elif kind == "wrap":
        for tn, tc in itertools.product(s.wrap_name, s.wrap_company):

            def wrap(p: Plan, *_: Any, tn: str = tn, tc: str = tc) -> Plan:
                name = at("visitor_name", _fill(tn, name=p.name), ("visitor_name",))
                company = at("company", _fill(tc, company=p.company or ""), ("company",))
                return r(p, moves=(name, company))

            out.append(("", wrap))
    elif kind == "lowercase":
        out.append(
            (
                "",
                lambda p, *_: r(
                    p,
                    lower=True,
                    name=p.name.lower(),
                    company=(p.company or "").lower(),
                    opening=_lower(p.opening),
                ),
            )
        )
    elif kind == "no_company":
        for t in s.no_company:
            out.append(("", lambda p, *_, t=t: r(p, company=None, no_company=t)))
    elif kind == "correct":
        for t in s.correct_name:

            def name(
                p: Plan, _s: Language, _o: Language, wrong: tuple[str, str], *_: Any, t: str = t
            ) -> Plan:
                first = at("visitor_name", wrong[0], ("visitor_name",))
                fix = at("*", _fill(t, name=p.name), ("visitor_name",))
                return r(p, moves=(first, fix))

            out.append(("@visitor_name", name))
        for t in s.correct_company:

            def company(
                p: Plan, s: Language, _o: Language, wrong: tuple[str, str], *_: Any, t: str = t
            ) -> Plan:
                # Said before the company question, so there is a turn left to correct it.
                opening = _fill(s.company_first[0], host=p.host.said[p.language], company=wrong[1])
                fix = at("visitor_name", _fill(t, company=p.company or ""), ("company",))
                return r(
                    p, opening=opening, moves=(fix,), gives_first=frozenset({"host", "company"})
                )

            out.append(("@visitor_name", company))
        for t in s.correct_host:

            def host(
                p: Plan, s: Language, _o: Language, _w: Any, rng: random.Random, t: str = t
            ) -> Plan:
                if p.host.pick:  # a shared first name: correct to it by its full name
                    return p
                others = [h for h in HOSTS if h is not p.host and not h.pick]
                wrong = rng.choice(others)
                opening = _fill(s.ask_host[0], host=wrong.said[p.language])
                fix = at("confirmation", _fill(t, host=p.host.said[p.language]), ("host",))
                return r(p, opening=opening, moves=(fix,), gives_first=frozenset())

            out.append(("@confirmation", host))
    elif kind == "switch":
        for where, t in itertools.product(("confirmation", "visitor_name", "company"), s.switch):

            def switch(
                p: Plan, _s: Language, o: Language, *_: Any, w: str = where, t: str = t
            ) -> Plan:
                opening = _fill(o.ask_host[0], host=p.host.said[o.code])
                move = Move(w, t, frozenset(), speaks=p.language)
                return r(p, opening=opening, speaks_first=o.code, moves=(move,))

            out.append((f"@{where}", switch))
    elif kind == "misread":
        # Only the introductions that cannot be heard as a host: "It's Tom Baker" after
        # "Priya Patel — is that right?" may well be naming someone else.
        for tn, tc in itertools.product(s.wrap_name[:2], s.wrap_company):

            def company_for_name(p: Plan, *_: Any, tc: str = tc) -> Plan:
                return r(
                    p, moves=(at("visitor_name", _fill(tc, company=p.company or ""), ("company",)),)
                )

            def name_for_confirmation(p: Plan, *_: Any, tn: str = tn) -> Plan:
                return r(p, moves=(at("confirmation", _fill(tn, name=p.name), ("visitor_name",)),))

            out.append(("@visitor_name", company_for_name))
            out.append(("@confirmation", name_for_confirmation))
    else:
        raise ValueError(kind)
    return out


# --- channels ---------------------------------------------------------------------------


@dataclass
class Turn:
    reply: str
    state: str
    expecting: str | None
    language: str
    done: bool


class Channel(Protocol):
    async def say(self, text: str) -> Turn: ...
    async def visit(self) -> Visit | None: ...


class WebChannel:
    """The chat HTTP API, as the lobby page uses it."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        self.app, self.client = app, client
        self.session_id: str | None = None

    async def say(self, text: str) -> Turn:
        if self.session_id is None:
            response = await self.client.post("/api/chat/sessions", json={})
            assert response.status_code == 201, response.text
            self.session_id = response.json()["session_id"]
        url = f"/api/chat/sessions/{self.session_id}/messages"
        response = await self.client.post(url, json={"text": text})
        assert response.status_code == 200, response.text
        r = response.json()
        return Turn(r["reply"], r["state"], r["expecting"], r["language"], r["done"])

    async def visit(self) -> Visit | None:
        async with self.app.state.runtime.sessionmaker() as db:
            session = await db.get(ConversationSession, self.session_id)
            if session is None or session.visit_id is None:
                return None
            visit: Visit | None = await db.get(Visit, session.visit_id)
            return visit


_NUMBERS = itertools.count(1)


class SmsChannel:
    """Texts to the lobby number through Twilio's signed webhook; where the conversation
    is (what the receptionist is waiting for) is read from the session row."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient, settings: Settings) -> None:
        from tests.sms.phone import Phone

        self.app = app
        self.phone = Phone(client, settings, f"+3725999{next(_NUMBERS):04d}")

    async def _session(self) -> ConversationSession:
        async with self.app.state.runtime.sessionmaker() as db:
            query = (
                sa.select(ConversationSession)
                .where(
                    ConversationSession.channel == "sms",
                    ConversationSession.session_key == self.phone.number,
                )
                .order_by(ConversationSession.created_at.desc())
                .limit(1)
            )
            session: ConversationSession | None = await db.scalar(query)
            assert session is not None
            return session

    async def say(self, text: str) -> Turn:
        reply = await self.phone.text(text)
        s = await self._session()
        done = s.state in ("complete", "transfer_human")
        return Turn(reply or "", s.state, s.expecting, s.language, done)

    async def visit(self) -> Visit | None:
        s = await self._session()
        if s.visit_id is None:
            return None
        async with self.app.state.runtime.sessionmaker() as db:
            visit: Visit | None = await db.get(Visit, s.visit_id)
            return visit


# --- running and judging ------------------------------------------------------------------


@dataclass
class Outcome:
    plan: Plan
    verdict: str  # ok | incomplete | wrong | invented | loop
    why: str = ""
    transcript: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"


async def run(channel: Channel, plan: Plan) -> Outcome:
    speaks = plan.speaks_first or plan.language
    given = set(plan.gives_first)
    said: list[str] = []
    transcript: list[tuple[str, str]] = []
    replies: Counter[str] = Counter()
    pending = list(plan.moves)

    def out(verdict: str, why: str) -> Outcome:
        return Outcome(plan, verdict, why, transcript)

    async def say(text: str) -> Turn:
        text = _lower(text) if plan.lower else text
        said.append(text)
        turn = await channel.say(text)
        transcript.append((text, turn.reply))
        replies[turn.reply] += 1
        return turn

    turn = await say(plan.opening)
    for _ in range(MAX_TURNS):
        if turn.done:
            break
        if replies[turn.reply] >= 3:
            return out("loop", f"the same reply three times: {turn.reply!r}")
        expecting = turn.expecting or ""
        move = pending[0] if pending else None
        if move is not None and _matches(move.at, expecting):
            pending.pop(0)
            turn = await say(move.text)
            given |= move.gives
            if move.speaks:
                speaks = move.speaks
                if turn.language != speaks:
                    return out("incomplete", f"still speaks {turn.language}")
            continue
        if expecting in given and expecting in ("visitor_name", "company"):
            return out("loop", f"asked for {expecting} again")
        answer = _answer(plan, SCRIPTS[speaks], expecting)
        if answer is None or turn.state == "transfer_human":
            return out("incomplete", f"stuck at {turn.state}/{expecting}")
        given.add(expecting)
        turn = await say(answer)
    else:
        return out("loop", f"no end after {MAX_TURNS} turns")
    if pending:
        return out("incomplete", f"never asked {pending[0].at}")
    visit = await channel.visit()
    if turn.state != "complete" or visit is None:
        return out("incomplete", f"ended at {turn.state}/{turn.expecting}")
    verdict = judge(plan, visit, said)
    verdict.transcript = transcript
    return verdict


def _matches(at: str, expecting: str) -> bool:
    """Whether a move made at `at` is made now; a move at the host's confirmation is made
    at the choice instead when the host's name is shared."""
    return at in ("*", expecting) or (at, expecting) == ("confirmation", "choice")


def _answer(plan: Plan, s: Language, expecting: str) -> str | None:
    if expecting == "confirmation":
        return s.yes[len(plan.name) % len(s.yes)]
    if expecting == "choice" and plan.host.pick:
        return plan.host.pick[s.code]
    if expecting == "visitor_name":
        return plan.name
    if expecting == "company":
        return plan.company if plan.company is not None else plan.no_company
    return None


def judge(plan: Plan, visit: Visit, said: Sequence[str]) -> Outcome:
    heard = " ".join(said).casefold()
    got = {
        "host": visit.host_name,
        "visitor_name": visit.visitor_name,
        "company": visit.company or None,
        "purpose": visit.purpose,
    }
    for slot in ("visitor_name", "company", "purpose"):
        value = got[slot]
        if value and value.casefold() not in heard:
            return Outcome(plan, "invented", f"{slot} {value!r} was never said")
    want = {"host": plan.host.name, "visitor_name": plan.name, "company": plan.company or None}
    for slot, value in want.items():
        # "I work for Initech Ltd." — the full stop may be the sentence's or the Ltd's.
        if (got[slot] or "").removesuffix(".") != (value or ""):
            return Outcome(plan, "wrong", f"{slot} {got[slot]!r}, not {value!r}")
    if visit.party_size != 1:
        return Outcome(plan, "invented", f"party of {visit.party_size}")
    return Outcome(plan, "ok")


# --- the whole simulation and its report ----------------------------------------------------


async def simulate(
    app: FastAPI,
    client: httpx.AsyncClient,
    settings: Settings,
    *,
    per_cell: int,
    channels: Sequence[str] = CHANNELS,
    languages: Sequence[str] = LANGUAGES,
    kinds: Sequence[str] = KINDS,
) -> list[Outcome]:
    outcomes = []
    for channel, language, kind in itertools.product(channels, languages, kinds):
        for plan in plans(kind, language, channel, per_cell):
            ch: Channel = (
                WebChannel(app, client) if channel == "web" else SmsChannel(app, client, settings)
            )
            outcomes.append(await run(ch, plan))
    return outcomes


def table(outcomes: Sequence[Outcome]) -> str:
    """Completion per perturbation kind × language (both channels), then loops and
    invented values; the failures follow with their transcripts."""
    cells: dict[tuple[str, str], list[bool]] = {}
    for o in outcomes:
        cells.setdefault((o.plan.kind, o.plan.language), []).append(o.ok)
    languages = sorted({o.plan.language for o in outcomes}, key=LANGUAGES.index)
    kinds = [k for k in KINDS if any(o.plan.kind == k for o in outcomes)]
    lines = [f"{'kind':<13}" + "".join(f"{lang:>14}" for lang in languages)]
    for kind in kinds:
        row = f"{kind:<13}"
        for lang in languages:
            oks = cells.get((kind, lang), [])
            row += f"{sum(oks):>6}/{len(oks):<3}{pct(oks):>4}%" if oks else f"{'-':>14}"
        lines.append(row)
    verdicts = Counter(o.verdict for o in outcomes)
    lines.append(
        f"all: {verdicts['ok']}/{len(outcomes)} complete ({pct([o.ok for o in outcomes])} %); "
        f"loops {verdicts['loop']}, invented {verdicts['invented']}, "
        f"wrong {verdicts['wrong']}, incomplete {verdicts['incomplete']}"
    )
    for channel in CHANNELS:
        mine = [o.ok for o in outcomes if o.plan.channel == channel]
        if mine:
            lines.append(f"  {channel}: {sum(mine)}/{len(mine)} ({pct(mine)} %)")
    return "\n".join(lines)


def failures(outcomes: Sequence[Outcome], limit: int = 30) -> str:
    lines = []
    for o in [o for o in outcomes if not o.ok][:limit]:
        lines.append(f"FAIL {o.plan.label} [{o.verdict}] {o.why}")
        lines += [f"    > {said}\n    < {heard}" for said, heard in o.transcript]
    return "\n".join(lines)


def pct(oks: Sequence[bool]) -> int:
    return int(100 * sum(oks) / max(1, len(oks)))
