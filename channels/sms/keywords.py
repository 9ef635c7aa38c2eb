"""STOP, START and HELP, as carriers and Twilio spell them, and as Estonian and Russian
texters would. A keyword counts only as the whole message ("stop", "STOP!", "Stopp"), so
"stop by James's office" is a conversation, not an opt-out."""

from __future__ import annotations

import re
from enum import StrEnum

from core.messages import Language
from core.text.fold import fold_case


class Keyword(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"


# (keyword, its language when that tells one, spellings folded to lower case)
_TABLE: tuple[tuple[Keyword, Language | None, tuple[str, ...]], ...] = (
    # Twilio's and the carriers' standard lists, language-neutral in practice.
    (Keyword.STOP, None, ("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout")),
    (Keyword.STOP, None, ("revoke", "stop all", "opt out")),
    (Keyword.START, None, ("start", "unstop", "subscribe", "optin", "opt in")),
    (Keyword.HELP, None, ("help", "info")),
    (Keyword.STOP, "et", ("stopp", "lõpeta", "lopeta", "loobu", "loobun")),
    (Keyword.START, "et", ("alusta", "jätka", "jatka")),
    (Keyword.HELP, "et", ("abi", "appi")),
    (Keyword.STOP, "ru", ("стоп", "отписаться", "отписка", "хватит")),
    (Keyword.START, "ru", ("старт", "подписаться")),
    (Keyword.HELP, "ru", ("помощь", "справка", "помогите")),
)
# Only a number that opted out may opt back in with a plain "yes": from anyone else, "yes"
# answers the receptionist's question.
RESUME_WORDS: dict[str, Language | None] = {"yes": "en", "jah": "et", "да": "ru"}

_WORDS: dict[str, tuple[Keyword, Language | None]] = {
    spelling: (kw, language) for kw, language, spellings in _TABLE for spelling in spellings
}

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _fold(text: str) -> str:
    return " ".join(_EDGES.sub("", fold_case(text)).split())


def keyword(text: str, *, opted_out: bool = False) -> tuple[Keyword, Language | None] | None:
    """The keyword this whole message is, with the language it is in, if it tells one."""
    folded = _fold(text)
    if not folded or len(folded) > 20:
        return None
    found = _WORDS.get(folded)
    if found is None and opted_out and folded in RESUME_WORDS:
        return Keyword.START, RESUME_WORDS[folded]
    return found
