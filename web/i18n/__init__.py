"""The web pages' words in English, Estonian and Russian (see `catalogue`), and the choice
of language per request (see `choose`)."""

from web.i18n.catalogue import LANGUAGES, Words
from web.i18n.choose import remember, ui_language
from web.i18n.message import Plural, Text

__all__ = ["LANGUAGES", "Plural", "Text", "Words", "remember", "ui_language"]
