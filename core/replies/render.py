"""Turn what the flow decided to say into sentences in the visitor's language and style."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from core.messages import ChannelStyle, Language
from core.replies.catalogue import CATALOGUE
from core.text.numbers import RU_COLLECTIVE, number_words, ru_genitive
from core.text.translit import cyrillic

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person as the receptionist names them: the directory name, or a Cyrillic alias,
    and their department in the visitor's language where the directory gives one."""

    name: str
    department: str = ""
    aliases: tuple[str, ...] = ()
    departments: tuple[tuple[str, str], ...] = ()  # (language, department) besides English

    def department_in(self, language: Language) -> str:
        return dict(self.departments).get(language) or self.department

    def name_only(self) -> PersonRef:
        """The person said without their department ("Jüri Tamm", not "… (Engineering)")."""
        return replace(self, department="", departments=())

    def spoken_name(self, language: Language) -> str:
        """The name for a voice: a Russian voice reads a Latin name with no Cyrillic alias
        letter by letter, so it is given a Cyrillic reading (for speech only)."""
        name = self.display_name(language)
        if language == "ru" and not _CYRILLIC.search(name):
            return cyrillic(name)
        return name

    def display_name(self, language: Language) -> str:
        # A Russian speaker (and a Russian voice) should hear "Иван Петров", not "Ivan
        # Petrov": prefer the directory's Cyrillic alias of the full name when there is one.
        if language == "ru" and not _CYRILLIC.search(self.name):
            for alias in self.aliases:
                if _CYRILLIC.search(alias) and len(alias.split()) >= 2:
                    return alias
        return self.name


@dataclass(frozen=True, slots=True)
class Say:
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


_OR = {"en": "or", "et": "või", "ru": "или"}
_SPOKEN_DEPARTMENT = {
    "en": "{name} in {department}",
    "et": "{name}, osakond {department}",
    "ru": "{name}, отдел {department}",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _person(person: PersonRef, language: Language, spoken: bool) -> str:
    name = person.spoken_name(language) if spoken else person.display_name(language)
    department = person.department_in(language)
    if not department:
        return name
    if spoken:
        return _SPOKEN_DEPARTMENT[language].format(name=name, department=department)
    return f"{name} ({department})"


def _join_or(items: Sequence[str], language: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_OR[language]} {items[-1]}"


@runtime_checkable
class Rendered(Protocol):
    """A value that reads differently per language and style (a date, a booking code)."""

    def render(self, language: Language, style: ChannelStyle) -> str: ...


def _param(value: object, language: Language, style: ChannelStyle) -> str:
    spoken = style.spoken
    match value:
        case Say():
            return render(value, language, style)
        case Rendered():
            return value.render(language, style)
        case PersonRef():
            return _person(value, language, spoken)
        case list() | tuple() if all(isinstance(item, PersonRef) for item in value):
            return _join_or([_person(item, language, spoken) for item in value], language)
        case bool():
            return str(value)
        case int():
            return number_words(value, language) if spoken else str(value)
        case _:
            return str(value)


def render(say: Say, language: Language, style: ChannelStyle) -> str:
    phrase = CATALOGUE[say.key]
    if style.variant:  # the channel's own wording, where the catalogue has one
        phrase = CATALOGUE.get(f"{say.key}.{style.variant}", phrase)
    params = {name: _param(value, language, style) for name, value in say.params.items()}
    count = say.params.get("count")
    if isinstance(count, int):
        # "нас трое", "группа из трёх человек" in words up to where words still sound
        # natural; "восьмеро" and "из одиннадцати" are left to digits.
        params["count_collective"] = RU_COLLECTIVE[count] if 2 <= count <= 7 else str(count)
        params["count_genitive"] = ru_genitive(count) if 2 <= count <= 10 else str(count)
    return phrase.form(language, spoken=style.spoken).format(**params)


def sentences(says: Sequence[Say], language: Language, style: ChannelStyle) -> list[str]:
    """The reply as sentences, the unit voice synthesis starts on."""
    out: list[str] = []
    for say in says:
        out.extend(part for part in _SENTENCE_END.split(render(say, language, style)) if part)
    return out
