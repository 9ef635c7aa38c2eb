"""The UI catalogue: every word the web pages show, in English, Estonian and Russian.

A message is either one `Text` per language or a `Plural`, whose forms are keyed by the CLDR
plural categories Babel knows for that language (English and Estonian: one/other; Russian:
one/few/many/other). Which form a count takes is Babel's decision, never ours.
"""

from __future__ import annotations

import string
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from web.i18n import admin_page_words, admin_words, chat_words, kiosk_words
from web.i18n.message import Message, Plural, Text

LANGUAGES = ("en", "et", "ru")
DEFAULT_LANGUAGE = "en"


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def plural_categories(language: str) -> frozenset[str]:
    """The categories a language's plural rule can answer (Babel leaves out `other`)."""
    return frozenset(_locale(language).plural_form.tags) | {"other"}


def placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def number(value: float, language: str) -> str:
    """A number as the language writes it: 2 not 2.0, 2,5 in Estonian and Russian."""
    return format_decimal(value, locale=_locale(language))


def _messages() -> dict[str, Message]:
    merged: dict[str, Message] = {}
    tables = (
        chat_words.MESSAGES,
        admin_words.MESSAGES,
        admin_page_words.MESSAGES,
        kiosk_words.MESSAGES,
    )
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"UI message keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


@cache
def messages() -> dict[str, Message]:
    return _messages()


class Words:
    """The catalogue in one language: `t("key", name=…)`, `t.n("key", count)`."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, **values: object) -> str:
        message = messages()[key]
        if not isinstance(message, Text):
            raise TypeError(f"{key} is a plural message: use .n(key, count)")
        return message.forms()[self.language].format(**values)

    def markup(self, key: str, **values: object) -> Markup:
        """For a sentence with markup inside (`<code>`): the words escaped, the values
        inserted as they are if they are Markup, escaped otherwise."""
        message = messages()[key]
        assert isinstance(message, Text)
        return Markup(escape(message.forms()[self.language])).format(**values)

    def n(self, key: str, count: float, **values: object) -> str:
        message = messages()[key]
        if not isinstance(message, Plural):
            raise TypeError(f"{key} is not a plural message")
        category = _locale(self.language).plural_form(count)
        forms = message.forms()[self.language]
        text = forms.get(category, forms["other"])
        return text.format(count=number(count, self.language), **values)

    def number(self, value: float) -> str:
        return number(value, self.language)

    def error(self, prefix: str, exc: Exception) -> str:
        """Why something was refused, from an error that carries a `code` and its `values`
        (core's PhoneError, HoursError); an error without a known code keeps its message."""
        key = f"{prefix}.{getattr(exc, 'code', '')}"
        if key in messages():
            return self(key, **getattr(exc, "values", {}))
        return str(exc)

    def date(self, day: date, style: str = "full") -> str:
        """A day as the language writes it: "Sunday, December 6, 2026", "pühapäev,
        6. detsember 2026", «воскресенье, 6 декабря 2026 г.»."""
        return format_date(day, style, locale=_locale(self.language))

    def label(self, prefix: str, value: str | None) -> str:
        """A stored value (a status, a kind, a channel) as words: `label("admin.status.visit",
        "checked_in")`; a value the catalogue does not know yet is shown as it is."""
        if not value:
            return "—"
        key = f"{prefix}.{value}"
        return self(key) if key in messages() else value.replace("_", " ")
