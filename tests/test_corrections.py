"""Corrections and "no company", over the chat HTTP API, asserted on the visit row.

A correction ("sorry, I meant Tom", "ei, ma mõtlesin Liis Tamme", «нет, я имел в виду
Ивана») replaces the slot it corrects: the slot whose value it resembles ("Tom Barker"
after "Tom Baker"); else the one it contradicts — a name the directory does not know is no
host, so it corrects the company (or the name) the visitor gave; a person the directory
knows is the host — else the likeliest slip: the host while a host is chosen or confirmed,
the visitor's name or company when that was what they just gave. "No company" in any
wording fills the company as none, and it is never asked for again.

`CORRECTIONS` runs whole conversations over the chat API; `TURNS` runs one correction
through the flow's own turn (`core.flows.turn.advance`) with the demo directory, read by
the rules and as a model might read it, which must end the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.agent import _context
from core.directory.index import DirectoryIndex
from core.directory.types import Person, Resolution
from core.directory_csv import parse_directory_csv
from core.flows import turn
from core.flows.state import Conversation, ConversationSlots, Expecting, State
from core.store.cards import HostCard
from core.store.models import ConversationSession, Visit
from core.understanding.checks import checked
from core.understanding.llm import interpretation_from_tool
from core.understanding.rules import interpret
from core.understanding.types import Act
from tests.visitor import Visitor

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


# A correction after the likeliest slip points elsewhere: (language, what the visitor says
# in turn, (host, visitor name, company) on the visit row). The host is chosen last (so it
# is the slot filled last) or the name is, and the correction names another slot.
CORRECTIONS = [
    # The company, named before the host was chosen, corrected by a name nobody has.
    (
        "en",
        [
            "Hi, I'm from Globex, here to see Sarah",
            "Miller",
            "sorry, I meant Initech",
            "Alice Young",
        ],
        ("Sarah Miller", "Alice Young", "Initech"),
    ),
    (
        "et",
        [
            "Tere, olen ettevõttest Telia, tulin Sarah juurde",
            "Miller",
            "vabandust, mõtlesin Bolt",
            "Jaan Kask",
        ],
        ("Sarah Miller", "Jaan Kask", "Bolt"),
    ),
    (
        "ru",
        [
            "Здравствуйте, я из компании Яндекс, я к Саре",
            "Миллер",
            "извините, я имел в виду Северный Ветер",
            "Нина Орлова",
        ],
        ("Sarah Miller", "Нина Орлова", "Северный Ветер"),
    ),
    # A company of several words, kept whole though the host was chosen last.
    (
        "ru",
        [
            "Здравствуйте, я из компании Яндекс, я к Саре",
            "Миллер",
            "извините, я имел в виду Газпром нефть",
            "Пётр Щукин",
        ],
        ("Sarah Miller", "Пётр Щукин", "Газпром нефть"),
    ),
    # The name, said before the host was chosen, corrected by a name spelled alike.
    (
        "en",
        ["Hi, I'm Tom Baker, here to see Sarah", "Miller", "sorry, I meant Tom Barker", "Acme"],
        ("Sarah Miller", "Tom Barker", "Acme"),
    ),
    (
        "et",
        [
            "Tere, olen Mart Kask, tulin Sarah juurde",
            "Miller",
            "vabandust, mõtlesin Mart Kaasik",
            "Bolt",
        ],
        ("Sarah Miller", "Mart Kaasik", "Bolt"),
    ),
    (
        "ru",
        [
            "Здравствуйте, я Тимур Белов, я к Саре",
            "Миллер",
            "извините, я имел в виду Тимур Белых",
            "Яндекс",
        ],
        ("Sarah Miller", "Тимур Белых", "Яндекс"),
    ),
    # The company, resembling what was said, though the name was given last.
    (
        "en",
        [
            "Hi, I'm from Acme, here to see Sarah",
            "Miller",
            "sorry, I meant Acme Corporation",
            "Tom Baker",
        ],
        ("Sarah Miller", "Tom Baker", "Acme Corporation"),
    ),
    # The host, named by someone the directory knows, though the name was given last.
    (
        "en",
        [
            "Hi, I'm here to see Priya Patel",
            "yes",
            "Tom Baker",
            "sorry, I meant Jüri Tamm",
            "yes",
            "Acme",
        ],
        ("Jüri Tamm", "Tom Baker", "Acme"),
    ),
    (
        "et",
        [
            "Tere, ma tulin Priya Pateli juurde",
            "jah",
            "Mart Kask",
            "vabandust, ma mõtlesin Jüri Tamme",
            "jah",
            "Bolt",
        ],
        ("Jüri Tamm", "Mart Kask", "Bolt"),
    ),
    (
        "ru",
        [
            "Здравствуйте, я к Прие Патель",
            "да",
            "Тимур Белов",
            "извините, я имел в виду Ивана Петрова",
            "да",
            "Яндекс",
        ],
        ("Ivan Petrov", "Тимур Белов", "Яндекс"),
    ),
]


async def _visit(app: FastAPI, session_id: str) -> Visit | None:
    async with app.state.runtime.sessionmaker() as db:
        session = await db.get(ConversationSession, session_id)
        assert session is not None
        visit: Visit | None = await db.scalar(sa.select(Visit).where(Visit.id == session.visit_id))
        return visit


@pytest.mark.usefixtures("demo_directory")
@pytest.mark.parametrize(("language", "messages", "want"), CONVERSATIONS + CORRECTIONS)
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


# --- one correction through the flow's turn, read by the rules and by a model -----------

DEMO = Path(__file__).resolve().parent.parent / "frontdesk" / "demo_directory.csv"
ROWS = parse_directory_csv(DEMO.read_bytes())
PEOPLE: dict[int, HostCard] = {
    i: {"id": i, "name": row.name, "department": row.department, "aliases": list(row.aliases)}
    for i, row in enumerate(ROWS, 1)
}
INDEX = DirectoryIndex.build(
    Person(i, row.name, row.department, row.aliases) for i, row in enumerate(ROWS, 1)
)
SARAH_MILLER = next(p for p in PEOPLE.values() if p["name"] == "Sarah Miller")
PRIYA_PATEL = next(p for p in PEOPLE.values() if p["name"] == "Priya Patel")
IVAN_PETROV = next(p for p in PEOPLE.values() if p["name"] == "Ivan Petrov")
CHOSEN: ConversationSlots = {"host": SARAH_MILLER, "host_confirmed": True, "query": "Sarah"}

# (language, the slots before, what the receptionist asks, the correction, the slot it
# replaces and the value it gets — for "host", the person now offered for confirmation)
TURNS: list[tuple[str, dict[str, Any], Expecting, str, str, str]] = [
    (
        "en",
        {"company": "Globex", "last_given": "host"},
        Expecting.VISITOR_NAME,
        "sorry, I meant Initech",
        "company",
        "Initech",
    ),
    (
        "et",
        {"company": "Telia", "last_given": "host"},
        Expecting.VISITOR_NAME,
        "vabandust, mõtlesin Bolt",
        "company",
        "Bolt",
    ),
    (
        "ru",
        {"company": "Яндекс", "last_given": "host"},
        Expecting.VISITOR_NAME,
        "извините, я имел в виду Северный Ветер",
        "company",
        "Северный Ветер",
    ),
    (
        "en",
        {"visitor_name": "Tom Baker", "last_given": "host"},
        Expecting.COMPANY,
        "sorry, I meant Tom Barker",
        "visitor_name",
        "Tom Barker",
    ),
    (
        "et",
        {"visitor_name": "Mart Kask", "last_given": "host"},
        Expecting.COMPANY,
        "vabandust, mõtlesin Mart Kaasik",
        "visitor_name",
        "Mart Kaasik",
    ),
    (
        "ru",
        {"visitor_name": "Тимур Белов", "last_given": "host"},
        Expecting.COMPANY,
        "извините, я имел в виду Тимур Белых",
        "visitor_name",
        "Тимур Белых",
    ),
    (
        "en",
        {"visitor_name": "Alice Young", "last_given": "host"},
        Expecting.COMPANY,
        "sorry, I meant Mary Watson",
        "visitor_name",
        "Mary Watson",
    ),
    (
        "en",
        {"company": "Acme", "last_given": "host"},
        Expecting.VISITOR_NAME,
        "sorry, I meant Acme Corporation",
        "company",
        "Acme Corporation",
    ),
    # A company spelled a little like the host's surname ("Telia", "Pateli") is no host.
    (
        "et",
        {
            "company": "Bolt",
            "last_given": "company",
            "host": PRIYA_PATEL,
            "query": "Priya Pateli",
        },
        Expecting.VISITOR_NAME,
        "vabandust, mõtlesin Telia",
        "company",
        "Telia",
    ),
    # A first name like the host's surname ("Пётр", "Петров") is no likeness of the host.
    (
        "ru",
        {
            "visitor_name": "Нина Орлова",
            "last_given": "visitor_name",
            "host": IVAN_PETROV,
            "query": "Ивану Петрову",
        },
        Expecting.COMPANY,
        "извините, я имел в виду Пётр Щукин",
        "visitor_name",
        "Пётр Щукин",
    ),
    (
        "en",
        {"visitor_name": "Tom Baker", "last_given": "visitor_name"},
        Expecting.COMPANY,
        "sorry, I meant Jüri Tamm",
        "host",
        "Jüri Tamm",
    ),
    (
        "et",
        {"visitor_name": "Mart Kask", "last_given": "visitor_name"},
        Expecting.COMPANY,
        "vabandust, ma mõtlesin Jüri Tamme",
        "host",
        "Jüri Tamm",
    ),
    (
        "ru",
        {"visitor_name": "Тимур Белов", "last_given": "visitor_name"},
        Expecting.COMPANY,
        "извините, я имел в виду Ивана Петрова",
        "host",
        "Ivan Petrov",
    ),
]


class DirectoryTools:
    """The demo directory; nothing else may be asked of the world in one correction."""

    def slow(self) -> None:
        pass

    def answer(self, question: str) -> str | None:
        return None

    async def lookup(self, query: str) -> Resolution:
        return INDEX.resolve(query)

    async def people(self, ids: Sequence[int]) -> list[HostCard]:
        return [PEOPLE[i] for i in ids if i in PEOPLE]

    def __getattr__(self, name: str) -> Any:
        async def unexpected(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"a correction called tools.{name}")

        return unexpected


@pytest.mark.parametrize("reader", ["rules", "model"])
@pytest.mark.parametrize(("language", "slots", "expecting", "text", "slot", "value"), TURNS)
async def test_a_correction_replaces_the_slot_it_resembles_or_contradicts(
    reader: str,
    language: str,
    slots: dict[str, Any],
    expecting: Expecting,
    text: str,
    slot: str,
    value: str,
) -> None:
    before: ConversationSlots = {**CHOSEN, **slots}  # type: ignore[typeddict-item]
    conv = Conversation(State.COLLECT_VISITOR_INFO, expecting, language, before)  # type: ignore[arg-type]
    context = _context(conv)
    ruled = interpret(text, context)
    assert Act.CORRECT in ruled.acts, ruled
    if reader == "rules":
        it = ruled
    else:  # a model that names the value as a host, whatever it corrects: its answer
        # passes the same checks and the flow must still put the value where it belongs
        said = ruled.slots.host or ruled.slots.visitor_name or ruled.slots.company
        answer = {"intent": "deny", "host": said}
        it = checked(text, interpretation_from_tool(answer, context), context)
        assert Act.CORRECT in it.acts, it
    await turn.advance(conv, it, DirectoryTools())
    kept = {k: conv.slots.get(k) for k in ("visitor_name", "company")}
    if slot == "host":
        host = conv.slots.get("host")
        assert (conv.state, host and host["name"]) == (State.CONFIRM_HOST, value), conv
        assert kept == {k: slots.get(k) for k in kept}
        return
    assert conv.slots.get(slot) == value, conv
    assert conv.slots.get("host") == before["host"], conv
    other = "company" if slot == "visitor_name" else "visitor_name"
    assert conv.slots.get(other) == slots.get(other), conv
