"""The web pages' words in English, Estonian and Russian (see `catalogue`), and the choice
of language per request (see `choose`)."""

from web.i18n.catalogue import LANGUAGES, Plural, Text, Words
from web.i18n.choose import remember, ui_language

__all__ = ["LANGUAGES", "Plural", "Text", "Words", "remember", "ui_language"]
