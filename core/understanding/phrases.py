"""Reading a name or a company off the words next to a trigger.

A name is a short run of words that are not function words; case tells where it ends when
the visitor uses case ("see Priya today" stops at "today", "Sarah Chen about…" at
"about"), and the stopword lists do the work when they type all in lower case. Nothing
here knows who works in the building: the phrase goes to the resolver as said.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.understanding.lexicon import words
from core.understanding.patterns import (
    DANGLING,
    EVERYONE,
    LEGAL_FORMS,
    LEGAL_FORMS_DOTTED,
    STOPWORDS,
    TITLES,
)
from core.understanding.text import Text, Token

MAX_NAME_WORDS = 3  # first name + surname, or a double surname; more is a sentence
MAX_COMPANY_WORDS = 5
_PARTICLES = words("van von de der den di du del della la le bin al ter")
# Skipped between a trigger and the name: "Позовите, пожалуйста, Ивана Петрова".
_LEADING = frozenset({":", "-", '"', ",", "please", "palun", "пожалуйста"})
_COMPANY_GLUE = frozenset({"&", '"', "+"})


@dataclass(frozen=True, slots=True)
class Phrase:
    value: str
    start: int
    end: int

    def overlaps(self, other: Phrase | None) -> bool:
        return other is not None and self.start < other.end and other.start < self.end


def _is_name_word(text: Text, token: Token) -> bool:
    return token.is_word and token.folded not in STOPWORDS and not text.is_reserved(token)


def _name_cased(text: Text, token: Token) -> bool:
    """Inside a capitalized name, a word written like a name is one, though the same word
    in lower case is a function word: "Анна Ли" (ли, a particle), "Mari Kas", "Jan De"."""
    word = token.text
    return (
        len(word) > 1
        and word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
        and not text.is_reserved(token)
    )


def _dangles(text: Text, index: int) -> bool:
    """A word that cannot end an utterance, ending it after a name: part of the name."""
    token = text.tokens[index]
    rest = text.tokens[index + 1 :]
    return (
        token.folded in DANGLING
        and not text.is_reserved(token)
        and all(not t.is_word and not t.is_number for t in rest)
    )


def _looks_like_verb(token: Token) -> bool:
    # Without case to go by, "im hungry" or "im waiting" must not become a name.
    return token.folded.endswith(("ing", "ed", "ly", "nud", "tud"))


def take_name(text: Text, pos: int, *, strict: bool = False) -> Phrase | None:
    """The name starting right after `pos`. `strict`: after an ambiguous trigger such as
    "I'm" or "я", accept only what looks like a name (capitalized, when case is used)."""
    tokens = text.tokens
    i = text.index_at(pos)
    while i < len(tokens) and tokens[i].folded in _LEADING:
        i += 1
    start = end = -1
    if i < len(tokens) and tokens[i].folded in TITLES:
        start, end = tokens[i].start, tokens[i].end
        i += 1
        if i < len(tokens) and tokens[i].text == ".":
            end = tokens[i].end
            i += 1
    cased = any(c.isupper() for c in text.value)
    first_capitalized: bool | None = None
    count = 0
    while i < len(tokens) and count < MAX_NAME_WORDS:
        token = tokens[i]
        if not (
            _is_name_word(text, token)
            or (first_capitalized and _name_cased(text, token))
            or (count and _dangles(text, i))
        ):
            break
        if first_capitalized is None:
            if strict and not token.capitalized and (cased or _looks_like_verb(token)):
                break
            first_capitalized = token.capitalized
        elif first_capitalized and not token.capitalized and token.folded not in _PARTICLES:
            break
        start = token.start if start < 0 else start
        end = token.end
        count += 1
        i += 1
    if count == 0:
        return None
    return _accept(text, start, end)


def take_name_back(text: Text, pos: int) -> Phrase | None:
    """The name ending right before `pos` ("Jüri Tamme| juurde")."""
    tokens = [t for t in text.tokens if t.end <= pos]
    chosen: list[Token] = []
    for token in reversed(tokens):
        if len(chosen) == MAX_NAME_WORDS or not _is_name_word(text, token):
            break
        if chosen and chosen[0].capitalized and not token.capitalized:
            break
        chosen.insert(0, token)
    if not chosen:
        return None
    start = chosen[0].start
    before = [t for t in tokens if t.end <= start]
    if before and before[-1].text == "." and len(before) > 1:
        before = before[:-1]
    if before and before[-1].folded in TITLES:
        start = before[-1].start
    return _accept(text, start, chosen[-1].end)


def _accept(text: Text, start: int, end: int) -> Phrase | None:
    value = text.value[start:end].strip()
    if not value or value.casefold() in EVERYONE:
        return None
    return Phrase(value, start, end)


def take_company(text: Text, pos: int) -> Phrase | None:
    """A company name after "from", "firmast", "из компании": legal forms such as OÜ, AS
    or ООО stay part of it, quotes go."""
    tokens = text.tokens
    i = text.index_at(pos)
    while i < len(tokens) and tokens[i].folded in _LEADING:
        i += 1
    start = end = -1
    count = 0
    while i < len(tokens) and count < MAX_COMPANY_WORDS:
        token = tokens[i]
        legal = _is_legal_form(token)
        glue = token.text in _COMPANY_GLUE or (token.is_number and count > 0)  # "Studio 42"
        if not (legal or glue or _is_name_word(text, token)):
            break
        start = token.start if start < 0 else start
        dotted = legal and token.folded + "." in LEGAL_FORMS_DOTTED and _dot_follows(text, i)
        end = token.end + (1 if dotted else 0)  # "Acme Inc.", but "Acme OÜ." ends a sentence
        count += 1
        i += 1
    if start < 0:
        return None
    value = " ".join(text.value[start:end].replace('"', " ").split()).strip(" &+-")
    if not value or value.casefold() in STOPWORDS:
        return None
    return Phrase(value, start, end)


def _is_legal_form(token: Token) -> bool:
    if token.folded not in LEGAL_FORMS:
        return False
    # "AS" is an Estonian company form, "as" an English word: only the capitals count.
    return token.text.isupper() or token.folded not in STOPWORDS


def _dot_follows(text: Text, index: int) -> bool:
    tokens = text.tokens
    nxt = index + 1
    return nxt < len(tokens) and tokens[nxt].text == "." and tokens[nxt].start == tokens[index].end


def trim_before(phrase: Phrase | None, limit: Phrase | None, text: Text) -> Phrase | None:
    """Cut `phrase` where `limit` starts, so that a visitor's name or company never
    swallows the host's name."""
    if phrase is None or limit is None or not phrase.overlaps(limit):
        return phrase
    if limit.start <= phrase.start:
        return None
    value = text.value[phrase.start : limit.start].strip(" ,.;:-")
    return Phrase(value, phrase.start, phrase.start + len(value)) if value else None
