"""How long a pause ends the caller's turn, judged from what was asked and what was heard.

The turn-taker (turns.py) ends a turn after a stretch of quiet. A fixed stretch is wrong
both ways: "Yes." after "Is that right?" is over at once, while "I'm here to see…" is a
breath before the name. So when a pause begins, the words recognised so far are judged
against the question the receptionist left pending, and the quiet that ends the turn is
chosen from the verdict:

- **unfinished** — the last word promises more: a preposition, article, conjunction,
  auxiliary or copula, possessive, a hesitation ("um", "ee", «э»), or a word of visiting
  that wants its object ("see", "kohtumine", «встреча»); or, when a code was asked for,
  fewer digits than a code has ("482 913", a breath between groups): wait
  `unfinished_ms` (~900).
  Only a word that cannot close a sentence is on these lists (no "here", "there", names).
- **complete** — the words are a whole answer to the pending question: a yes/no to a
  confirmation; a choice among the names offered (a capitalised word of the question, not one that
  opens a sentence) or an ordinal;
  a code (all its digits, typed or said in words, or a letter-digit string); a short name
  (≤ 4 words) for a name, a host or a company; a word of visiting that got its full name at
  the end ("Hi, I'm here to see Sarah Chen", "Mul on kohtumine Jüri Tammega", "Tulin Jüri
  Tamme juurde", «Я к Ивану Петрову») when nothing was asked yet (the greeting) or a name,
  a host or a company was; a word of naming that got its full name ("My name is Tom Baker",
  «Меня зовут Анна Смирнова») when the caller's name was asked: end after `complete_ms`
  (~250).
  The cue words are the understanding's own (`Lexicon.visit_cues`, `visitor_named`): words
  of visiting and naming only — a copula's object ("Mina olen Mari Kask…", "I'm Tom…")
  opens an introduction, not its end. A full name is two to four words written as a
  recogniser writes a name (capitalised), or a name of two words or more the directory
  knows (`names`): a first name alone may be a breath before the family name.
- **open** — anything else, or nothing recognised yet: the turn-taker's usual quiet.

A backchannel said over the receptionist ("mhm", «ага», `turns.is_backchannel`) is
complete too, whatever was asked: the sooner it is over, the sooner the receptionist
carries on with the sentence it cut.

Unfinished wins over complete ("Yes, and…"), and nothing here ever shortens a turn
without words: the policy only speeds up what it recognised as an answer. Pure functions,
no I/O: the listener asks `end_silence_ms` when a pause begins (listening.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from channels.voice.turns import is_backchannel
from core import codes
from core.messages import Language
from core.understanding import lexicon_en, lexicon_et, lexicon_ru
from core.understanding.lexicon import Lexicon

COMPLETE_MS = 250.0
UNFINISHED_MS = 900.0
MAX_SHORT_ANSWER_WORDS = 4  # "Tom Baker", "Acme Corporation", "it's Tom Baker"


class Verdict(StrEnum):
    COMPLETE = "complete"
    UNFINISHED = "unfinished"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class Pending:
    """What the receptionist last asked: the flow's `expecting` and the words it said."""

    expecting: str | None = None  # core.flows.state.Expecting's value, or None (an open question)
    question: str = ""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a sentence cannot end. Every language's list is consulted together with
# English (callers mix "and", "the" into anything) — see `_tails`.
UNFINISHED_TAILS: dict[Language, frozenset[str]] = {
    "en": _words(
        # prepositions
        "to for with at in on of from by about into onto over under after before near "
        "than via per towards toward between "
        # articles, determiners, possessives
        "a an the this that these those my your his her our their its some any another "
        # conjunctions
        "and or but so because if when while then whether nor although "
        # auxiliaries, copulas, modals
        "am is are was were be been being have has had do does did will would shall should "
        "can could may might must i'm i've i'll i'd it's that's he's she's we're they're "
        "you're there's what's "
        # words of visiting that want their object
        "see meet visit visiting meeting appointment called named "
        # hesitations
        "um uh erm er uhm hmm eh"
    ),
    "et": _words(
        # prepositions and the postposition-like words said before a name
        "ja ning või aga et kui sest kuna siis kuid ehk "
        "minu sinu tema meie teie nende oma see selle too "
        "on oli olen oled oleme olete olin pole ole olnud saan saaks võin võiks "
        "tahan tahaksin pean peaksin "
        "kohtumine kohtuma kohtuda kohtumiseks "
        "nimi nimeks kutsutakse "
        "ee eee öö õõ mm noh"
    ),
    "ru": _words(
        "к в во на с со у о об от до по за из для при про без через перед над под между "
        "и а но или что чтобы если когда потому так как "
        "мой моя моё мои ваш ваша наш наша его её их этот эта это тот та "
        "я мы он она они вы ты "
        "был была было были буду будет есть могу можно хочу хотел хотела нужно надо "
        "встреча встретиться встречу увидеть видеть зовут имя фамилия "
        "э ээ эээ мм ну"
    ),
}

YES_NO: dict[Language, frozenset[str]] = {
    "en": _words(
        "yes yeah yep yup no nope nah sure correct right exactly please ok okay indeed absolutely"
    ),
    "et": _words("jah jaa jah-jah ei ei-ei õige täpselt just muidugi palun okei selge ikka"),
    "ru": _words("да нет верно правильно точно конечно пожалуйста ок окей ага угу"),
}

ORDINALS: dict[Language, frozenset[str]] = {
    "en": _words("first second third last former latter one other"),
    "et": _words("esimene teine kolmas viimane esimest teist kolmandat viimast"),
    "ru": _words("первый первая первого первую второй вторая второго вторую третий последний"),
}

# Who speaks, said first: "Ma tulin" (I came), "I came", «Я пришёл» after "Whom are you here
# to see?" has a subject and a verb but no name yet — a name answer that opens with one of
# these needs a third word before it can be whole ("Mina olen Mari", "I'm Tom Baker").
SUBJECTS: dict[Language, frozenset[str]] = {
    "en": _words("i we i'm we're it's"),
    "et": _words("ma mina me meie"),
    "ru": _words("я мы"),
}

LEXICONS: dict[Language, Lexicon] = {
    "en": lexicon_en.LEXICON,
    "et": lexicon_et.LEXICON,
    "ru": lexicon_ru.LEXICON,
}

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CODE = re.compile(r"(?=[\w\s-]*\d)[A-Za-z0-9][A-Za-z0-9\s-]{2,}")  # "482 913", "K7P 2Q"
_NAME_SLOTS = frozenset({"visitor_name", "host", "company"})
_SHORT_ANSWERS = _NAME_SLOTS | {"confirmation", "choice", "code"}


def words_of(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def _tails(language: Language | None) -> frozenset[str]:
    if language is None:
        return frozenset().union(*UNFINISHED_TAILS.values())
    return UNFINISHED_TAILS["en"] | UNFINISHED_TAILS[language]


def _of(table: dict[Language, frozenset[str]], language: Language | None) -> frozenset[str]:
    if language is None:
        return frozenset().union(*table.values())
    return table["en"] | table[language]


def judge(
    text: str,
    pending: Pending,
    language: Language | None,
    *,
    overlapped: bool = False,
    names: frozenset[str] = frozenset(),
) -> Verdict:
    """Is `text` (the caller's words so far) unfinished, a complete answer, or neither?
    `overlapped`: it began while the receptionist talked; `names`: the directory's names,
    casefolded (`known_names`)."""
    words = words_of(text)
    if not words:
        return Verdict.OPEN
    stripped = text.rstrip()
    if words[-1] in _tails(language) or stripped.endswith(("…", "...", "-", ",")):
        return Verdict.UNFINISHED
    if pending.expecting == "code" and (codes.digits_heard(text) or codes.LENGTH) < codes.LENGTH:
        return Verdict.UNFINISHED  # "482 913…": a caller pauses between the groups
    if overlapped and is_backchannel(text, language):
        return Verdict.COMPLETE
    if _answers(text, words, pending, language):
        return Verdict.COMPLETE
    if _named_whole(text, pending, language, names):
        return Verdict.COMPLETE
    return Verdict.OPEN


def _answers(text: str, words: list[str], pending: Pending, language: Language | None) -> bool:
    expecting = pending.expecting
    if expecting == "confirmation":
        return len(words) <= 3 and all(w in _of(YES_NO, language) for w in words)
    if expecting == "choice":
        offered = _offered(pending.question) - _tails(language)
        short = len(words) <= MAX_SHORT_ANSWER_WORDS
        return short and any(w in offered or w in _of(ORDINALS, language) for w in words)
    if expecting == "code":
        heard = codes.digits_heard(text)
        if heard is not None:  # digits only: a code once as many as a code has
            return heard == codes.LENGTH
        return bool(_CODE.fullmatch(text.strip(" .!?")))
    if expecting in _NAME_SLOTS:
        if words[0] in _of(SUBJECTS, language) and len(words) <= 2:
            return False  # "Ma tulin…", "I'm…": the name is still to come
        return len(words) <= MAX_SHORT_ANSWER_WORDS and not any(c.isdigit() for c in text)
    return False


# --- a word of visiting or naming that got its full name ----------------------------------

_NAME_WORD = r"[^\W\d_]+(?:[-'][^\W\d_]+)*"
_NAME = rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,{MAX_SHORT_ANSWER_WORDS - 1}}})"
_END = r"[ .!?…]*$"
_VISITING = (None, *sorted(_NAME_SLOTS))  # the greeting asks nothing yet; or a name was asked


def _cue_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each cue with the full name after it (or where its "{name}" says), ending the text."""
    out = []
    for phrase in phrases:
        body = phrase.replace("{name}", _NAME) if "{name}" in phrase else f"{phrase} {_NAME}"
        out.append(re.compile(rf"(?<!\w)(?:{body}){_END}", re.IGNORECASE))
    return tuple(out)


VISIT_CUES: dict[Language, tuple[re.Pattern[str], ...]] = {
    language: _cue_patterns(lexicon.visit_cues) for language, lexicon in LEXICONS.items()
}
NAMING_CUES: dict[Language, tuple[re.Pattern[str], ...]] = {
    language: _cue_patterns(lexicon.visitor_named) for language, lexicon in LEXICONS.items()
}


def known_names(names: Iterable[str]) -> frozenset[str]:
    """The directory's names as `judge` compares them: of two words or more (a first name
    alone is no full name), casefolded, single-spaced."""
    out = (" ".join(words_of(n)) for n in names)
    return frozenset(n for n in out if " " in n)


def _named_whole(
    text: str, pending: Pending, language: Language | None, names: frozenset[str]
) -> bool:
    """A word of visiting (the greeting, or a name asked for) or of naming (the caller's
    name asked for) with a full name after it, ending what was said so far."""
    cues: list[tuple[re.Pattern[str], ...]] = []
    if pending.expecting in _VISITING:
        cues.append(_of_patterns(VISIT_CUES, language))
    if pending.expecting == "visitor_name":
        cues.append(_of_patterns(NAMING_CUES, language))
    said = " ".join(text.replace("’", "'").replace("ё", "е").replace("Ё", "Е").split())
    for patterns in cues:
        for pattern in patterns:
            match = pattern.search(said)
            if match is not None and _full_name(match["name"], names):
                return True
    return False


def _of_patterns(
    table: dict[Language, tuple[re.Pattern[str], ...]], language: Language | None
) -> tuple[re.Pattern[str], ...]:
    if language is None:
        return tuple(p for patterns in table.values() for p in patterns)
    return table["en"] + table[language] if language != "en" else table["en"]


def _full_name(name: str, names: frozenset[str]) -> bool:
    """Written as a recogniser writes a name (each word capitalised), or a name the directory
    knows, perhaps with a case ending ("jüri tammega" for Jüri Tamm)."""
    if all(w[0].isupper() for w in name.split()):
        return True
    said = words_of(name)
    for known in names:
        parts = known.split()
        if len(parts) == len(said) and all(
            s.startswith(k) for s, k in zip(said, parts, strict=True)
        ):
            return True
    return False


def _offered(question: str) -> set[str]:
    """The names a question offers: its capitalised words that do not open a sentence."""
    offered = set()
    for m in _WORD.finditer(question):
        before = question[: m.start()].rstrip()
        if m.group()[0].isupper() and before and before[-1] not in ".?!":
            offered.add(m.group().casefold())
    return offered


def awaits_short_answer(pending: Pending) -> bool:
    """Could a few words complete the answer to what is pending? (Else only `open` and
    `unfinished` verdicts are possible, and neither ends a turn sooner.) A local recogniser
    is asked only then. Not for the greeting, though "I'm here to see Sarah Chen" can answer
    it whole: its answers are the call's longest and come before the language is known, so
    each pause would cost a recognition by the multilingual model; a streaming recogniser's
    words cost nothing and are judged there too."""
    return pending.expecting in _SHORT_ANSWERS


def end_silence_ms(
    text: str | None,
    pending: Pending,
    language: Language | None,
    *,
    usual_ms: float,
    overlapped: bool = False,
    names: frozenset[str] = frozenset(),
    complete_ms: float = COMPLETE_MS,
    unfinished_ms: float = UNFINISHED_MS,
) -> float:
    """The quiet that ends this turn: `text` is what was recognised so far (None: the
    recogniser could not tell), `usual_ms` the turn-taker's own setting, `overlapped`:
    the utterance began while the receptionist talked, `names`: the directory's
    (`known_names`)."""
    if text is None:
        return usual_ms
    match judge(text, pending, language, overlapped=overlapped, names=names):
        case Verdict.COMPLETE:
            return min(complete_ms, usual_ms)
        case Verdict.UNFINISHED:
            return max(unfinished_ms, usual_ms)
        case _:
            return usual_ms
