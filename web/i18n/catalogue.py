"""The UI catalogue: every word the web pages show, in English, Estonian and Russian.

A message is either one `Text` per language or a `Plural`, whose forms are keyed by the CLDR
plural categories Babel knows for that language (English and Estonian: one/other; Russian:
one/few/many/other). Which form a count takes is Babel's decision, never ours.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from core.directory_problems import Problem
from web.i18n import admin_page_words, admin_words, chat_words, kiosk_words, problem_words
from web.i18n.message import Message, Plural, Text

LANGUAGES = ("en", "et", "ru")
Day = date  # inside `Words`, `date` is its method
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
        problem_words.MESSAGES,
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
            return self.coded(key, getattr(exc, "values", {}))
        return str(exc)

    def coded(self, key: str, values: Mapping[str, object]) -> str:
        """A message for an error code: a plural one takes its form from `values["count"]`."""
        if isinstance(messages()[key], Plural):
            rest = {k: v for k, v in values.items() if k != "count"}
            count = values["count"]
            assert isinstance(count, int | float)
            return self.n(key, count, **rest)
        return self(key, **values)

    def problem(self, problem: Problem, fields: Mapping[str, str] | None = None) -> str:
        """Core's directory `Problem` in this language: "rida 4, veerg phone: …" for a file;
        with `fields` (column → catalogue key of its label) "Telefon: …" for a form."""
        text = self.coded(f"admin.error.{problem.code.value}", problem.values)
        column = problem.column
        if fields is not None and column is not None and column in fields:
            return self("admin.error.in_field", field=self(fields[column]), problem=text)
        if problem.line is not None and problem.column:
            where = {"line": problem.line, "column": problem.column}
            return self("admin.error.at_line_column", problem=text, **where)
        if problem.line is not None:
            return self("admin.error.at_line", line=problem.line, problem=text)
        return text

    def date(self, day: date, style: str = "full") -> str:
        """A day as the language writes it: "Sunday, December 6, 2026", "pühapäev,
        6. detsember 2026", «воскресенье, 6 декабря 2026 г.»."""
        return format_date(day, style, locale=_locale(self.language))

    def short_date(self, day: Day) -> str:
        """ "12/6/26", "06.12.26", «06.12.2026»."""
        return format_date(day, "short", locale=_locale(self.language))

    def moment(self, value: datetime | None, zone: tzinfo) -> str:
        """A stored moment on the office's clock: "Dec 6, 2026, 9:30 AM", "6. dets 2026
        09:30", «6 дек. 2026 г., 09:30»; "—" when there is none."""
        if value is None:
            return "—"
        local = value.astimezone(zone)
        locale = _locale(self.language)
        day = format_date(local, "medium", locale=locale)
        clock = format_time(local, "short", locale=locale)
        return str(locale.datetime_formats["medium"]).replace("{1}", day).replace("{0}", clock)

    def time(self, value: datetime | None, zone: tzinfo) -> str:
        """The time of day only: "9:30 AM", "09:30"."""
        if value is None:
            return "—"
        return format_time(value.astimezone(zone), "short", locale=_locale(self.language))

    def language_name(self, code: str | None) -> str:
        """A language code as this language names it: et → "Estonian", "eesti", «эстонский»."""
        if not code:
            return "—"
        return str(_locale(self.language).languages.get(code, code))

    def label(self, prefix: str, value: str | None) -> str:
        """A stored value (a status, a kind, a channel) as words: `label("admin.status.visit",
        "checked_in")`; a value the catalogue does not know yet is shown as it is."""
        if not value:
            return "—"
        key = f"{prefix}.{value}"
        return self(key) if key in messages() else value.replace("_", " ")
