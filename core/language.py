"""Which of our three languages the visitor is writing, and when to follow them.

lingua alone is not enough for receptionist traffic: the lines are short, half of them are
names, and it was measured to call "Tere" and "Kus on lift?" English, "Sarah Chen"
Estonian, and Russian typed in Latin letters ("privet, ya k Ivanu") Estonian. So the
evidence is weighed in this order: an explicit request for a language, the script
(Cyrillic means Russian), greetings and function words we know per language, and only then
lingua, which gets a say on longer lines. The session's language is sticky: only a
*decisive* guess moves it, and a short or ambiguous line (a name, "ok", a number) never is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from core.messages import LANGUAGES, Language
from core.text.phones import country_code

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["LanguageGuess", "country_language", "guess_language", "session_language"]


@dataclass(frozen=True)
class LanguageGuess:
    language: Language | None
    confidence: float
    decisive: bool  # strong enough to switch a session that already has a language


# Greetings weigh 2 and may decide on their own: a visitor's first word chooses the language.
# Strong words weigh 2, weak ones 1 (short, or shared with another language's spelling).
_GREETINGS: dict[Language, str] = {
    "en": "hi hii hello helo hallo hey hiya howdy morning afternoon evening",
    "et": "tere teree tervist hommikust päevast õhtust hei tsau tšau",
    "ru": "здравствуйте здраствуйте здрасте здрасьте привет приветствую добрый доброе "
    "privet zdravstvuyte zdravstvuite zdrastvuyte zdrastvuite zdraste zdrasti dobryy dobriy",
}
_STRONG: dict[Language, str] = {
    "en": "i'm im i've i'd i'll the is are am here there meeting appointment with from where "
    "what what's when how who can could would should please thanks thank you we us our my "
    "have has want like visit delivery package name company interview booking do does don't "
    "sorry excuse person human speak talk good bye goodbye just need looking",
    "et": "aitäh tänan palun kus mul meil olen oleme mina minu kohtumine kohtumist juurde "
    "tulin tulen tulime otsin kas teil siin kuidas millal ning vabandust räägite rääkida "
    "keelt tahan soovin nimi firmast pakk kuller saadetis homme täna nägemist aega õige "
    "täpselt ootan meid inimesega ei ole pole",
    "ru": "menya mne nuzhen nuzhna vstrecha vstrechu spasibo poka pozhaluysta pozhaluista "
    "zovut gde khochu hochu prishel prishla dostavka zdes mozhno izvinite ochen dobroe "
    "svidaniya vsego khorosho horosho konechno pravilno verno kurier posylka",
}
_WEAK: dict[Language, str] = {
    "en": "i to a an and for in at of it yes yeah no on see this that",
    "et": "jah jaa ja te ma on see mis kell vale aga head",
    "ru": "ya k da net kak eto iz aga den",
}

# A visitor asking for a language gets it, even in a short line ("English please").
_REQUEST_NAMES: tuple[tuple[Language, str], ...] = (
    ("en", r"english|inglise|англи\w*|по-английски|angliysk\w*|po-angliyski"),
    ("et", r"estonian|eesti(?=\s+keel)|эстон\w*|по-эстонски|po-estonski"),
    ("ru", r"russian|vene(?=\s+keel)|venekeel\w*|русск\w*|по-русски|po-russki|russk\w*"),
)
_REQUEST_VERBS = re.compile(
    r"\b(?:speak|talk|switch|language|please|in|räägi\w*|keel\w*|palun|говор\w*|язык\w*|"
    r"можно|пожалуйста|на|govorit\w*|mozhno)\b",
    re.IGNORECASE,
)

_NOISE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\d+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ESTONIAN_LETTERS = frozenset("õäöü")
_MAX_CHARS = 400  # enough to tell a language; keeps a 10,000-character paste cheap
_LINGUA_DECISIVE = 0.9
_FALLBACK_CONFIDENCE = 0.7  # "reasonably confident" for a session's first line


def _build_markers() -> dict[str, list[tuple[Language, int, bool]]]:
    markers: dict[str, list[tuple[Language, int, bool]]] = {}
    for table, weight, greeting in ((_GREETINGS, 2, True), (_STRONG, 2, False), (_WEAK, 1, False)):
        for lang, words in table.items():
            for word in words.split():
                markers.setdefault(word, []).append((lang, weight, greeting))
    return markers


_MARKERS = _build_markers()


@cache
def _detector() -> LanguageDetector:
    # Imported and built on first use only: the models take ~0.5 s and memory, and importing
    # core.language must stay cheap for the CLI and for tests that never detect anything.
    from lingua import Language as Lingua
    from lingua import LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Lingua.ENGLISH, Lingua.ESTONIAN, Lingua.RUSSIAN)
        .with_preloaded_language_models()
        .build()
    )


def _lingua_scores(text: str) -> dict[Language, float]:
    codes: dict[str, Language] = {"ENGLISH": "en", "ESTONIAN": "et", "RUSSIAN": "ru"}
    scores: dict[Language, float] = dict.fromkeys(LANGUAGES, 0.0)
    for value in _detector().compute_language_confidence_values(text):
        lang = codes.get(value.language.name)
        if lang is not None:
            scores[lang] = value.value
    return scores


def _clean(text: str) -> str:
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text[:_MAX_CHARS])
    return _NOISE.sub(" ", text.replace("’", "'"))


def _is_cyrillic(word: str) -> bool:
    return all("\u0400" <= c <= "\u04ff" for c in word if c.isalpha())


def _requested(text: str, words: list[str]) -> Language | None:
    if len(words) > 10:
        return None
    for lang, pattern in _REQUEST_NAMES:
        if re.search(rf"(?<!\w)(?:{pattern})", text, re.IGNORECASE) and (
            len(words) <= 2 or _REQUEST_VERBS.search(text)
        ):
            return lang
    return None


def _best(scores: dict[Language, float]) -> tuple[Language, float, float]:
    ranked = sorted(LANGUAGES, key=lambda lang: scores[lang], reverse=True)
    return ranked[0], scores[ranked[0]], scores[ranked[1]]


def guess_language(text: str, *, country: Language | None = None) -> LanguageGuess:
    cleaned = _clean(text)
    words = _WORD.findall(cleaned)
    if not words:  # a number, an e-mail, an emoji: says nothing about the language
        return LanguageGuess(None, 0.0, False)
    lowered = [w.casefold() for w in words]
    requested = _requested(cleaned, words)
    if requested is not None:
        return LanguageGuess(requested, 1.0, True)

    hits = [hit for w in lowered for hit in _MARKERS.get(w, ())]
    name_like = not hits and len(words) <= 5 and all(w[0].isupper() for w in words)

    cyrillic = sum(1 for c in cleaned if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in cleaned if c.isalpha() and c.isascii())
    # "Я к Sarah Chen" is Russian with a Latin name in it; "I'm from ООО Ромашка" is not.
    russian_word = any(w.islower() and _is_cyrillic(w) for w in words)
    latin_word = any(w.islower() and not _is_cyrillic(w) for w in words)
    if russian_word or (cyrillic > latin and not latin_word):
        # The script settles which language; whether it is a *switch* still depends on the
        # line being more than a bare name or a lone "да".
        greeting = any(lang == "ru" and g for lang, _, g in hits)
        decisive = greeting or (len(words) >= 2 and not name_like)
        return LanguageGuess("ru", 1.0 if decisive else 0.95, decisive)

    scores: dict[Language, float] = dict.fromkeys(LANGUAGES, 0.0)
    for lang, weight, _ in hits:
        scores[lang] += weight
    # õ, ä, ö, ü in an ordinary (lower-case) word; in "Jüri" they only say the name is.
    estonian_words = sum(
        1 for w in words if w.islower() and _ESTONIAN_LETTERS & set(w) and w not in _MARKERS
    )
    scores["et"] += min(2, estonian_words) if not name_like else 0
    # Names mislead lingua ("Jüri Tamm" is Estonian whatever the sentence around it is), so
    # it hears only the ordinary words: the first one and every one not capitalized.
    ordinary = [w for i, w in enumerate(words) if i == 0 or not w[0].isupper()]
    if len(ordinary) >= 3 and not name_like:
        for lang, value in _lingua_scores(" ".join(ordinary)).items():
            # Only a confident lingua counts: on short lines it leans English ("Kus on lift?").
            scores[lang] += 2 * value if value >= 0.8 else 0.0

    best, top, second = _best(scores)
    if top == 0 or name_like:
        return _weak_guess(cleaned, country)
    if top == second and country is not None and scores[country] == top:
        best = country
    margin = top - second
    greeting = any(lang == best and g for lang, _, g in hits)
    decisive = margin >= 2 and (len(words) >= 3 or greeting)
    confidence = 1.0 if decisive else round(min(0.9, 0.4 + 0.15 * margin), 2)
    return LanguageGuess(best, confidence, decisive)


def _weak_guess(text: str, country: Language | None) -> LanguageGuess:
    # Nothing we trust: a bare name or a word like "ok". The country of the number beats
    # lingua here; lingua's own view is halved so that it rarely clears the fallback bar.
    if country is not None:
        return LanguageGuess(country, 0.5, False)
    best, top, _ = _best(_lingua_scores(text))
    if top == 0:
        return LanguageGuess(None, 0.0, False)
    return LanguageGuess(best, round(top * 0.5, 2), False)


def session_language(
    current: Language | None,
    text: str,
    *,
    country: Language | None = None,
    default: Language = "en",
) -> Language:
    guess = guess_language(text, country=country)
    if guess.decisive and guess.language is not None:
        return guess.language
    if current is not None:
        return current
    if guess.language == "ru" and guess.confidence >= 0.95:
        return "ru"  # Cyrillic on the first line outranks the phone's country
    if country is not None:
        return country
    if guess.language is not None and guess.confidence >= _FALLBACK_CONFIDENCE:
        return guess.language
    return default


# Calling codes whose callers most likely speak one of ours; +7 covers Russia and Kazakhstan.
_COUNTRY_LANGUAGES: dict[int, Language] = {
    372: "et",
    375: "ru",  # Belarus
    7: "ru",
    1: "en",
    44: "en",
    353: "en",  # Ireland
    61: "en",
    64: "en",
}


def country_language(phone: str | None) -> Language | None:
    """The language the caller's country suggests; a national number says nothing."""
    code = country_code(phone)
    return _COUNTRY_LANGUAGES.get(code) if code is not None else None
