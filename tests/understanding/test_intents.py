"""The other things visitors come for: a person, a goodbye, a delivery, a group, a booking,
a question."""

from __future__ import annotations

from typing import Any

import pytest

from tests.understanding.helpers import Row, check, read

HUMAN = ["can I talk to a person", "Real human please", "operator", "I want to speak to someone"]
HUMAN += ["reception", "front desk", "Kas saaksin inimesega rääkida?", "klienditeenindaja"]
HUMAN += ["administraator palun", "оператор", "Живой человек!", "администратор"]
HUMAN += ["позовите кого-нибудь", "Можно поговорить с человеком?", "zhivoy chelovek"]
HUMAN += ["I need help", "Соедините меня с оператором", "I want to talk to someone"]
HUMAN += ["real human", "inimesega", "Palun kutsuge inimene", "kutsu üks inimene"]


@pytest.mark.parametrize("text", HUMAN)
def test_asking_for_a_person(text: str) -> None:
    check(read(text), "human", {})


GOODBYE = ["bye", "Thanks, bye!", "goodbye", "have a nice day", "nägemist", "head aega"]
GOODBYE += ["aitäh", "Aitäh, nägemist", "до свидания", "пока", "спасибо", "Спасибо, до свидания"]
GOODBYE += ["thanks", "ok thanks", "no thanks", "ei aitäh", "spasibo"]


@pytest.mark.parametrize("text", GOODBYE)
def test_goodbye(text: str) -> None:
    check(read(text, state="complete"), "goodbye", {})


def test_thanks_while_an_answer_is_awaited_is_not_a_goodbye() -> None:
    check(read("thanks", "visitor_name", state="collect_visitor_info"), "unknown", {})


DELIVERIES: list[Row] = [
    ("I have a delivery for Engineering", None, "delivery", {"department": "Engineering"}),
    ("package for Sarah Chen", None, "delivery", {"host": "Sarah Chen"}),
    ("Courier", None, "delivery", {}),
    ("Wolt order for Priya", None, "delivery", {"host": "Priya"}),
    ("Bolt Food order for Michael O'Brien", None, "delivery", {"host": "Michael O'Brien"}),
    ("Delivery for the HR team", None, "delivery", {"department": "Human Resources"}),
    ("I have a package, need a signature", None, "delivery", {}),
    ("Package for reception", None, "delivery", {"department": "Reception"}),
    ("Mul on pakk Jüri Tammele", None, "delivery", {"host": "Jüri Tammele"}),
    ("Kuller", None, "delivery", {}),
    ("pakk", None, "delivery", {}),
    ("saadetis", None, "delivery", {}),
    ("Saadetis Mari Mägi jaoks", None, "delivery", {"host": "Mari Mägi"}),
    ("pakk arendusosakonnale", None, "delivery", {"department": "Engineering"}),
    ("Доставка", None, "delivery", {}),
    ("курьер", None, "delivery", {}),
    ("Посылка для Анны Ивановой", None, "delivery", {"host": "Анны Ивановой"}),
    ("курьер, посылка Ивану Петрову", None, "delivery", {"host": "Ивану Петрову"}),
    ("доставка в бухгалтерию", None, "delivery", {"department": "Finance"}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), DELIVERIES)
def test_deliveries(text: str, expecting: str | None, intent: str, slots: dict[str, Any]) -> None:
    check(read(text, expecting), intent, slots)


GROUPS: list[tuple[str, int]] = [
    ("we are three", 3),
    ("We're 4", 4),
    ("there are 3 of us", 3),
    ("two of us", 2),
    ("party of five", 5),
    ("me and two colleagues", 3),
    ("meid on kolm", 3),
    ("Meid on 5", 5),
    ("me oleme kahekesi", 2),
    ("koos kahe kolleegiga", 3),
    ("нас трое", 3),
    ("нас 3 человека", 3),
    ("Нас двое", 2),
    ("мы вчетвером", 4),
    ("с двумя коллегами", 3),
    ("nas troe", 3),
]


@pytest.mark.parametrize(("text", "size"), GROUPS)
def test_group_size(text: str, size: int) -> None:
    check(read(text), "provide", {"party_size": size})


_WORDS = {
    "en": "two three four five six seven eight nine ten",
    "et": "kaks kolm neli viis kuus seitse kaheksa üheksa kümme",
    "ru": "двое трое четверо пятеро шестеро семеро восьмеро девятеро десятеро",
}
_SAY = {"en": "we are {}", "et": "meid on {}", "ru": "нас {}"}


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (_SAY[lang].format(word), size)
        for lang, words in _WORDS.items()
        for size, word in enumerate(words.split(), start=2)
    ],
)
def test_every_number_word_from_two_to_ten(text: str, size: int) -> None:
    check(read(text), "provide", {"party_size": size})


BOOKINGS: list[Row] = [
    (
        "I'd like to visit Priya Patel next Tuesday at 2pm",
        None,
        "preregister",
        {"host": "Priya Patel", "date": "next Tuesday", "time": "2pm"},
    ),
    (
        "Pre-register a visit for Priya on Friday",
        None,
        "preregister",
        {"host": "Priya", "date": "Friday"},
    ),
    (
        "I have a meeting with Sarah Chen tomorrow at 10",
        None,
        "preregister",
        {"host": "Sarah Chen", "date": "tomorrow", "time": "10"},
    ),
    (
        "Tulen homme kell 14 Jüri Tamme juurde",
        None,
        "preregister",
        {"host": "Jüri Tamme", "date": "homme", "time": "kell 14"},
    ),
    (
        "Soovin registreerida külastuse Jüri Tamme juurde järgmisel esmaspäeval",
        None,
        "preregister",
        {"host": "Jüri Tamme", "date": "järgmisel esmaspäeval"},
    ),
    (
        "Хочу прийти к Ивану Петрову в пятницу в 10 утра",
        None,
        "preregister",
        {"host": "Ивану Петрову", "date": "в пятницу", "time": "в 10 утра"},
    ),
    (
        "Хочу записаться к Ивану Петрову на завтра",
        None,
        "preregister",
        {"host": "Ивану Петрову", "date": "завтра"},
    ),
    ("I have a booking", None, "arrival", {}),
    ("my code is K7P2Q", None, "arrival", {"code": "K7P2Q"}),
    ("I'm pre-registered, code K7P 2Q", None, "arrival", {"code": "K7P2Q"}),
    ("I have a booking, K7P2Q", None, "arrival", {"code": "K7P2Q"}),
    ("Mul on broneering, kood AB12CD", None, "arrival", {"code": "AB12CD"}),
    ("У меня бронь, код 7K2P-9Q", None, "arrival", {"code": "7K2P9Q"}),
    ("I want to cancel my booking", None, "cancel_booking", {}),
    ("Soovin broneeringut tühistada", None, "cancel_booking", {}),
    ("Отмените мой визит, код K7P2Q", None, "cancel_booking", {"code": "K7P2Q"}),
    ("Can I reschedule my visit?", None, "move_booking", {}),
    ("Can I move my visit to Thursday?", None, "move_booking", {"date": "Thursday"}),
    ("Kas saaks külastuse teisele päevale nihutada?", None, "move_booking", {}),
    ("Хочу перенести встречу на завтра", None, "move_booking", {"date": "завтра"}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), BOOKINGS)
def test_bookings(text: str, expecting: str | None, intent: str, slots: dict[str, Any]) -> None:
    check(read(text, expecting), intent, slots)


QUESTIONS = [
    ("Where is the lift?", "Where is the lift?"),
    ("what's the wifi password", "what's the wifi password"),
    ("when are you open", "when are you open"),
    ("Hey! Where's the toilet?", "Where's the toilet?"),
    ("Is there parking nearby?", "Is there parking nearby?"),
    ("Do you have a delivery entrance?", "Do you have a delivery entrance?"),
    ("How do I cancel my booking?", "How do I cancel my booking?"),
    ("Kus on lift?", "Kus on lift?"),
    ("Tere! Mis on wifi parool?", "Mis on wifi parool?"),
    ("Millal te avatud olete?", "Millal te avatud olete?"),
    ("Где туалет?", "Где туалет?"),
    ("Как пройти к лифту?", "Как пройти к лифту?"),
    ("Когда вы работаете?", "Когда вы работаете?"),
]


@pytest.mark.parametrize(("text", "question"), QUESTIONS)
def test_questions(text: str, question: str) -> None:
    it = read(text)
    check(it, "question", {})
    assert it.question == question


@pytest.mark.parametrize(
    ("text", "expecting", "intent", "question"),
    [
        ("I'm here to see Priya. Where can I park?", None, "check_in", "Where can I park?"),
        ("Tulin Jüri Tamme juurde. Kus on tualett?", None, "check_in", "Kus on tualett?"),
        ("Я к Ивану Петрову. Где можно подождать?", None, "check_in", "Где можно подождать?"),
        ("Yes. Where is the lift?", "confirmation", "affirm", "Where is the lift?"),
        ("Yes, and where is the lift?", "confirmation", "affirm", "where is the lift?"),
        ("No. Where is the lift?", "confirmation", "deny", "Where is the lift?"),
        ("Can I see Priya?", None, "check_in", None),  # the polite check-in is not a question
        ("Can I talk to a person?", None, "human", None),
    ],
)
def test_a_question_beside_another_intent(
    text: str, expecting: str | None, intent: str, question: str | None
) -> None:
    it = read(text, expecting, state="confirm_host" if expecting else "greeting")
    assert (it.intent.value, it.question) == (intent, question)
