"""Greetings, check-ins and the visitor introducing themselves, in all three languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.understanding.helpers import Row, check, read

GREETINGS = ["Hi", "Hello!", "hello there", "Good morning", "Hey :)", "Hi, how are you?"]
GREETINGS += ["Tere!", "Tervist", "Tere päevast", "Hommikust", "Tere, kuidas läheb?"]
GREETINGS += ["Здравствуйте", "Добрый день!", "Привет", "Доброе утро", "zdravstvuyte", "privet"]


@pytest.mark.parametrize("text", GREETINGS)
def test_a_greeting_alone(text: str) -> None:
    it = read(text)
    check(it, "greeting", {})
    assert it.greeted is True


CHECK_INS: list[Row] = [
    ("I'm here to see Priya", None, "check_in", {"host": "Priya"}),
    ("I have a meeting with Sarah Chen", None, "check_in", {"host": "Sarah Chen"}),
    ("Hello, I'm looking for Dr. Patel", None, "check_in", {"host": "Dr. Patel"}),
    ("Can I see Priya?", None, "check_in", {"host": "Priya"}),
    ("Priya is expecting me", None, "check_in", {"host": "Priya"}),
    ("My colleague Sarah Chen is expecting me", None, "check_in", {"host": "Sarah Chen"}),
    ("Hi, I'm Sarah Chen's guest", None, "check_in", {"host": "Sarah Chen"}),
    ("I'm visiting from Acme", None, "check_in", {"company": "Acme"}),
    ("Olen Jüri Tamme külaline", None, "check_in", {"host": "Jüri Tamme"}),
    ("Mari-Liis Tamm ootab mind", None, "check_in", {"host": "Mari-Liis Tamm"}),
    ("Я гость Ивана Петрова", None, "check_in", {"host": "Ивана Петрова"}),
    ("I'm here to see Michael O'Brien", None, "check_in", {"host": "Michael O'Brien"}),
    ("i'm here to see priya patel please", None, "check_in", {"host": "priya patel"}),
    ("im here to see sarah chen", None, "check_in", {"host": "sarah chen"}),
    ("I'M HERE TO SEE PRIYA PATEL", None, "check_in", {"host": "PRIYA PATEL"}),
    ("I have an appointment", None, "check_in", {}),
    ("Please tell Sarah Chen that I'm here", None, "check_in", {"host": "Sarah Chen"}),
    ("I'd like to speak to Sarah Chen", None, "check_in", {"host": "Sarah Chen"}),
    (
        "Hello, this is Tom Baker calling for Sarah Chen",
        None,
        "check_in",
        {"visitor_name": "Tom Baker", "host": "Sarah Chen"},
    ),
    ("Соедините меня с Иваном Петровым", None, "check_in", {"host": "Иваном Петровым"}),
    (
        "I'm supposed to meet with Mike from sales",
        None,
        "check_in",
        {"host": "Mike", "department": "Sales"},
    ),
    ("Hi, is Priya around?", None, "check_in", {"host": "Priya"}),
    ("Kas Jüri Tamm on majas?", None, "check_in", {"host": "Jüri Tamm"}),
    ("Mind ootab Kadri Kask", None, "check_in", {"host": "Kadri Kask"}),
    ("Tahaksin kohtuda Marko Sepaga", None, "check_in", {"host": "Marko Sepaga"}),
    ("Иван Петров на месте?", None, "check_in", {"host": "Иван Петров"}),
    ("Позовите, пожалуйста, Ивана Петрова", None, "check_in", {"host": "Ивана Петрова"}),
    ("Меня ждёт Анна Иванова", None, "check_in", {"host": "Анна Иванова"}),
    (
        "Добрый день, я на встречу к Дмитрию Волкову",
        None,
        "check_in",
        {"host": "Дмитрию Волкову", "purpose": "встречу"},
    ),
    ("Tere! Mul on kohtumine Jüri Tammega", None, "check_in", {"host": "Jüri Tammega"}),
    ("Tulin Jüri Tamme juurde", None, "check_in", {"host": "Jüri Tamme"}),
    ("Otsin Mari Mäge", None, "check_in", {"host": "Mari Mäge"}),
    ("Ma tulin Tõnu Õunapuu juurde", None, "check_in", {"host": "Tõnu Õunapuu"}),
    ("Mul on Jüri Tammega kohtumine", None, "check_in", {"host": "Jüri Tammega"}),
    ("Jüri Tamm ootab mind", None, "check_in", {"host": "Jüri Tamm"}),
    ("tere, ma otsin marko seppa", None, "check_in", {"host": "marko seppa"}),
    ("Здравствуйте, я к Ивану Петрову", None, "check_in", {"host": "Ивану Петрову"}),
    ("У меня встреча с Анной Ивановой", None, "check_in", {"host": "Анной Ивановой"}),
    ("Мне нужен Дмитрий Волков", None, "check_in", {"host": "Дмитрий Волков"}),
    ("Добрый день, мне нужна Ольга Смирнова", None, "check_in", {"host": "Ольга Смирнова"}),
    ("Мне к Алексею Кузнецову", None, "check_in", {"host": "Алексею Кузнецову"}),
    ("К Ивану Петрову", None, "check_in", {"host": "Ивану Петрову"}),
    ("privet, ya k Ivanu", None, "check_in", {"host": "Ivanu"}),
    ("u menya vstrecha s Annoy Ivanovoy", None, "check_in", {"host": "Annoy Ivanovoy"}),
    # a bare name is the host when the receptionist asked whom they came to see
    ("Priya", "host", "provide", {"host": "Priya"}),
    ("Tom Baker", "host", "provide", {"host": "Tom Baker"}),
    ("Dr. Patel", "host", "provide", {"host": "Dr. Patel"}),
    ("Jüri Tammega", "host", "provide", {"host": "Jüri Tammega"}),
    ("Ивану Петрову", "host", "provide", {"host": "Ивану Петрову"}),
    ("Priya from Research", "host", "provide", {"host": "Priya", "department": "Research"}),
    ("someone from Marketing", "host", "provide", {"department": "Marketing"}),
    ("Marketing", "host", "provide", {"department": "Marketing"}),
    ("the HR department", "host", "provide", {"department": "Human Resources"}),
    ("Priya Patel, please", None, "provide", {"host": "Priya Patel"}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), CHECK_INS)
def test_check_in_names_the_host_as_said(
    text: str, expecting: str | None, intent: str, slots: dict[str, Any]
) -> None:
    check(read(text, expecting), intent, slots)


COMBINED: list[Row] = [
    (
        "I'm Tom Baker from Acme, here to see Priya",
        None,
        "check_in",
        {"visitor_name": "Tom Baker", "company": "Acme", "host": "Priya"},
    ),
    (
        "Olen Tom Baker firmast Acme ja tulin Jüri Tamme juurde",
        None,
        "check_in",
        {"visitor_name": "Tom Baker", "company": "Acme", "host": "Jüri Tamme"},
    ),
    (
        "Меня зовут Том Бейкер, компания Acme, я к Ивану Петрову",
        None,
        "check_in",
        {"visitor_name": "Том Бейкер", "company": "Acme", "host": "Ивану Петрову"},
    ),
    (
        "Tere, ma olen Kadri Kask firmast Telia AS ja mul on kohtumine Peeter Saarega",
        None,
        "check_in",
        {"visitor_name": "Kadri Kask", "company": "Telia AS", "host": "Peeter Saarega"},
    ),
    (
        "Tom Baker, here to see Priya",
        "visitor_name",
        "check_in",
        {"visitor_name": "Tom Baker", "host": "Priya"},
    ),
    (
        "I'm with two colleagues, here to see Priya",
        None,
        "check_in",
        {"host": "Priya", "party_size": 3},
    ),
    ("мы втроем к Ивану Петрову", None, "check_in", {"host": "Ивану Петрову", "party_size": 3}),
    (
        "Good afternoon, I'm Anna from Nordea, I'm meeting Peeter Saar at 3",
        None,
        "check_in",
        {"visitor_name": "Anna", "company": "Nordea", "host": "Peeter Saar", "time": "3"},
    ),
    (
        "Tere. Ma olen Mari ja mul on aeg Kadri Kasega kell kaks",
        None,
        "check_in",
        {"visitor_name": "Mari", "host": "Kadri Kasega", "time": "kell kaks"},
    ),
    (
        "Здравствуйте! Я Олег из компании Ромашка, у меня встреча с Ольгой Смирновой в 11",
        None,
        "check_in",
        {"visitor_name": "Олег", "company": "Ромашка", "host": "Ольгой Смирновой", "time": "в 11"},
    ),
    (
        "Hi I'm from DHL with a package for Jim Wilson",
        None,
        "delivery",
        {"company": "DHL", "host": "Jim Wilson"},
    ),
    ("My name is Tom Baker", None, "provide", {"visitor_name": "Tom Baker"}),
    (
        "This is Tom Baker from Acme",
        None,
        "provide",
        {"visitor_name": "Tom Baker", "company": "Acme"},
    ),
    ("Minu nimi on Tom Baker", None, "provide", {"visitor_name": "Tom Baker"}),
    ("Ma olen Tom Baker", None, "provide", {"visitor_name": "Tom Baker"}),
    ("Я — Том Бейкер", None, "provide", {"visitor_name": "Том Бейкер"}),
    ("Меня зовут Анна", None, "provide", {"visitor_name": "Анна"}),
    ("Hi, I'm Tom", None, "provide", {"visitor_name": "Tom"}),
    (
        "I'm here for an interview with Priya",
        None,
        "check_in",
        {"host": "Priya", "purpose": "interview"},
    ),
    ("Tulin intervjuule", None, "check_in", {"purpose": "intervjuule"}),
    (
        "Я на собеседование к Анне Ивановой",
        None,
        "check_in",
        {"host": "Анне Ивановой", "purpose": "собеседование"},
    ),
    ("I'm here for a meeting", None, "check_in", {"purpose": "meeting"}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), COMBINED)
def test_one_breath_fills_several_slots(
    text: str, expecting: str | None, intent: str, slots: dict[str, Any]
) -> None:
    check(read(text, expecting), intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "Hi!! I'm here to see Priya 😊",
        "Tere! Mul on kohtumine Jüri Tammega",
        "Здравствуйте, я к Ивану",
    ],
)
def test_a_greeting_inside_a_request_is_noted(text: str) -> None:
    it = read(text)
    assert (it.intent.value, it.greeted) == ("check_in", True)


@pytest.mark.parametrize("text", ["Tom Baker", "Sarah Chen", "Priya"])
def test_a_bare_name_asked_for_the_host_is_not_the_visitor(text: str) -> None:
    it = read(text, "host")
    assert (it.slots.host, it.slots.visitor_name) == (text, None)


@pytest.mark.parametrize(
    ("text", "intent"), [("я тут", "unknown"), ("im ready", "unknown"), ("olen kohal", "check_in")]
)
def test_words_after_i_am_are_not_always_a_name(text: str, intent: str) -> None:
    check(read(text), intent, {})


@pytest.mark.parametrize("text", ["I'm here to see everyone", "I'm here to see all staff"])
def test_everyone_is_never_a_host(text: str) -> None:
    check(read(text), "check_in", {})
