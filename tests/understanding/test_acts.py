"""Acts and spans: every `expecting` value × every act, in each language; the resolver's rules;
and the same checks applied to a model's answer."""

from __future__ import annotations

import itertools

import pytest

from core.understanding import Act, CandidateRef, Intent, Interpretation, Slots
from core.understanding.checks import checked
from tests.understanding.helpers import SARAHS, read

EXPECTING = (
    None,
    "host",
    "choice",
    "confirmation",
    "visitor_name",
    "company",
    "purpose",
    "date",
    "time",
    "contact",
    "code",
)
# (act, language, phrasing, the act words that must never become a value)
ACTS = (
    (Act.QUESTION, "en", "Sorry, where can I park?", "sorry"),
    (Act.QUESTION, "en", "excuse me is there wifi here?", "excuse"),
    (Act.QUESTION, "et", "Vabandust, kus ma saan autot parkida?", "vabandust"),
    (Act.QUESTION, "et", "Vabandage, kas siin on wifi?", "vabandage"),
    (Act.QUESTION, "ru", "Извините, а где можно припарковать машину?", "извините"),
    (Act.QUESTION, "ru", "Простите, здесь есть wifi?", "простите"),
    (Act.ACKNOWLEDGE, "en", "got it, thank you", "got"),
    (Act.ACKNOWLEDGE, "en", "Okay, thanks", "okay"),
    (Act.ACKNOWLEDGE, "et", "Selge, aitäh.", "selge"),
    (Act.ACKNOWLEDGE, "et", "arusaadav", "arusaadav"),
    (Act.ACKNOWLEDGE, "ru", "Понятно, спасибо.", "понятно"),
    (Act.ACKNOWLEDGE, "ru", "ясно", "ясно"),
    (Act.SWITCH_LANGUAGE, "en", "Could we speak English, please?", "english"),
    (Act.SWITCH_LANGUAGE, "en", "russian please", "russian"),
    (Act.SWITCH_LANGUAGE, "et", "Vabandust, räägime parem eesti keeles.", "eesti"),
    (Act.SWITCH_LANGUAGE, "et", "kas saame inglise keeles rääkida", "inglise"),
    (Act.SWITCH_LANGUAGE, "ru", "Давайте лучше по-русски.", "по-русски"),
    (Act.SWITCH_LANGUAGE, "ru", "Можно на эстонском языке?", "эстонском"),
)


@pytest.mark.parametrize(
    ("expecting", "act", "language", "text", "word"),
    [(e, *a) for e, a in itertools.product(EXPECTING, ACTS)],
)
def test_act_words_never_become_a_value(
    expecting: str | None, act: Act, language: str, text: str, word: str
) -> None:
    it = read(text, expecting, state="identify_host", candidates=SARAHS if expecting else ())
    assert act in it.acts, it
    for value in (it.slots.host, it.slots.visitor_name, it.slots.company):
        assert value is None or word not in value.casefold(), it
    assert it.slots.choice_index is None and not it.slots.choice_other


def test_a_language_switch_names_the_language() -> None:
    assert read("Vabandust, räägime parem eesti keeles.", "company").switch_to == "et"
    assert read("Можно по-английски?", "host").switch_to == "en"
    assert read("I'm from an English company", "company").switch_to is None


def test_a_department_of_the_offered_candidates_is_not_a_company() -> None:
    kalles = (CandidateRef(1, "Kalle Kuusik", "Product"), CandidateRef(2, "Kalle Lepp", "Platform"))
    it = read("Kalle, from Product", "choice", state="disambiguate", candidates=kalles)
    assert (it.slots.choice_index, it.slots.company) == (0, None)
    assert it.slots.department == "Product"


@pytest.mark.parametrize(
    ("text", "name", "company"),
    [
        ("Olen Oskar Valdma ettevõttest Põhjala Ehitus.", "Oskar Valdma", "Põhjala Ehitus"),
        ("I'm Tom Baker from Acme Corporation", "Tom Baker", "Acme Corporation"),
        ("Меня зовут Тимур Белов, из компании Ромашка", "Тимур Белов", "Ромашка"),
    ],
)
def test_a_self_introduction_while_choosing_is_not_a_choice(
    text: str, name: str, company: str
) -> None:
    it = read(text, "choice", state="disambiguate", candidates=SARAHS)
    assert (it.slots.visitor_name, it.slots.company) == (name, company)
    assert it.slots.host is None and it.slots.choice_index is None
    assert Act.INTRODUCE in it.acts and Act.ANSWER in it.acts


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("Здравствуйте, можно позвать Ивана Петрова?", "Ивана Петрова"),
        ("Не могли бы вы пригласить Олега Щербакова?", "Олега Щербакова"),
        ("Tere, kas saaksite Jüri Tamme kutsuda?", "Jüri Tamme"),
        ("Could you call Priya Patel, please?", "Priya Patel"),
    ],
)
def test_a_host_asked_for_as_a_question_is_a_check_in(text: str, host: str) -> None:
    it = read(text)
    assert (it.intent, it.slots.host) == (Intent.CHECK_IN, host)


def test_one_phrase_fills_one_slot() -> None:
    it = read("I'm Tom Baker from Acme, here to see Priya Patel", "visitor_name")
    assert (it.slots.visitor_name, it.slots.company, it.slots.host) == (
        "Tom Baker",
        "Acme",
        "Priya Patel",
    )


def test_a_models_answer_passes_the_same_checks() -> None:
    said = Interpretation(Intent.PROVIDE, Slots(visitor_name="Извините", company="Selge"))
    it = checked("Извините, а где можно припарковать машину?", said)
    assert (it.slots.visitor_name, it.slots.company) == (None, None)
    twice = Interpretation(Intent.CHECK_IN, Slots(host="Priya Patel", visitor_name="Priya Patel"))
    it = checked("Priya Patel", twice)
    assert (it.slots.host, it.slots.visitor_name) == ("Priya Patel", None)
    it = checked("selge, aitäh", Interpretation(Intent.UNKNOWN))
    assert Act.ACKNOWLEDGE in it.acts
    it = checked("räägime parem vene keeles", Interpretation(Intent.UNKNOWN))
    assert (Act.SWITCH_LANGUAGE in it.acts, it.switch_to) == (True, "ru")
