"""What the catalogue holds: a message is one `Text` per language or a `Plural`, whose
forms are keyed by the CLDR plural categories Babel knows for that language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    en: str
    et: str
    ru: str

    def forms(self) -> dict[str, str]:
        return {"en": self.en, "et": self.et, "ru": self.ru}


@dataclass(frozen=True)
class Plural:
    """Forms per language, keyed by CLDR plural category; `{count}` is the formatted number."""

    en: dict[str, str]
    et: dict[str, str]
    ru: dict[str, str]

    def forms(self) -> dict[str, dict[str, str]]:
        return {"en": self.en, "et": self.et, "ru": self.ru}


Message = Text | Plural
