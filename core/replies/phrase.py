"""A sentence in three languages, each with a written and a spoken form."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import Language

Form = str | tuple[str, str]  # one string for both styles, or (written, spoken)


@dataclass(frozen=True, slots=True)
class Phrase:
    en: Form
    et: Form
    ru: Form

    def form(self, language: Language, *, spoken: bool) -> str:
        value: Form = getattr(self, language)
        if isinstance(value, tuple):
            return value[1] if spoken else value[0]
        return value
