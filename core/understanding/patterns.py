"""The three lexicons compiled into one set of patterns, once, when the package is imported.

Compiling a few hundred alternations takes milliseconds and no I/O, so it is fine at import
(unlike the language models). Alternatives are tried longest first, so that "ei ole" wins
over "ei" and "good morning" over "good".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from core.understanding import lexicon_en, lexicon_et, lexicon_ru
from core.understanding.lexicon import Lexicon, words

LEXICONS: tuple[Lexicon, ...] = (lexicon_en.LEXICON, lexicon_et.LEXICON, lexicon_ru.LEXICON)
_FLAGS = re.IGNORECASE


def _alternatives(field: str) -> list[str]:
    seen: dict[str, None] = {}
    for lexicon in LEXICONS:
        for phrase in getattr(lexicon, field):
            seen[phrase] = None
    return sorted(seen, key=len, reverse=True)


def _union(field: str, *, bounded: bool = True) -> re.Pattern[str]:
    # Callers anchor with `.match(text, pos)` where a phrase must open the reply.
    body = "|".join(_alternatives(field))
    lead = r"(?<!\w)" if bounded else ""
    return re.compile(rf"{lead}(?:{body})(?!\w)", _FLAGS)


def _each(field: str) -> tuple[re.Pattern[str], ...]:
    # Patterns with named groups cannot share one alternation (the names would repeat).
    return tuple(re.compile(rf"(?<!\w)(?:{p})(?!\w)", _FLAGS) for p in _alternatives(field))


def _merged(field: str) -> dict[str, int]:
    merged: dict[str, int] = {}
    for lexicon in LEXICONS:
        table: Mapping[str, int] = getattr(lexicon, field)
        merged.update(table)
    return merged


def _words(field: str) -> frozenset[str]:
    return frozenset().union(*(getattr(lexicon, field) for lexicon in LEXICONS))


GREETING = _union("greetings")
SMALLTALK = _union("smalltalk")
AFFIRM = _union("affirm")
DENY = _union("deny")
THANKS = _union("thanks")
GOODBYE = _union("goodbye")
HUMAN = _union("human")
HUMAN_WEAK = _union("human_weak")
DELIVERY = _union("delivery")
CHECKIN = _union("checkin")
HOST_BEFORE = _union("host_before")
HOST_AFTER = _union("host_after", bounded=False)  # fragments start with their own space
RECIPIENT_BEFORE = _union("recipient_before")
RECIPIENT_AFTER = _union("recipient_after", bounded=False)
VISITOR_NAMED = _union("visitor_named")
VISITOR_SELF = _union("visitor_self")
COMPANY_BEFORE = _union("company_before")
NO_COMPANY = _union("no_company")
PURPOSES = _each("purpose")
PREREGISTER = _union("preregister")
FUTURE_VISIT = _union("future_visit")
ARRIVAL = _union("arrival")
CODE_BEFORE = _union("code_before")
CANCEL = _union("cancel")
MOVE = _union("move")
QUESTION_WORDS = _union("question_words")
INFO_WORDS = _union("info_words")
PARTIES = _each("party")
OTHER_ONE = _union("other_one")
NEGATION = _union("negation")
CONTRAST = _union("contrast")
MEANT = _union("meant")
DATES = _each("dates")
TIMES = _each("times")
TODAY = _union("today")
INJECTION = _union("injection")
APOLOGY = _union("apology")
POLITENESS = _union("politeness")
ACKNOWLEDGE = _union("acknowledge")
LANGUAGE_SWITCH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", _FLAGS), language)
    for lexicon in LEXICONS
    for pattern, language in lexicon.language_switch.items()
)

STOPWORDS = _words("stopwords")
DANGLING = _words("dangling")
TITLES = frozenset(t.rstrip(".") for t in _words("titles"))
LEGAL_FORMS = frozenset(t.rstrip(".") for t in _words("legal_forms"))
LEGAL_FORMS_DOTTED = frozenset(t for t in _words("legal_forms") if t.endswith("."))
NUMBERS = _merged("numbers")
ORDINALS = _merged("ordinals")
DEPARTMENTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", _FLAGS), canonical)
    for lexicon in LEXICONS
    for pattern, canonical in lexicon.departments.items()
)
# Never a host, whatever the phrasing: a receptionist does not page the whole building.
EVERYONE = words(
    "everyone everybody all anyone anybody staff kõik kõiki kõigile keegi все всех всем кто-нибудь"
)
INTENT_TRIGGERS = (
    *(HUMAN, DELIVERY, CHECKIN, HOST_BEFORE, HOST_AFTER),
    *(PREREGISTER, ARRIVAL, CANCEL, MOVE),
)
