"""Words have one owner: the spans of one message and the resolver that gives each to a slot.

Extractors read the message independently ("I'm Tom Baker from Acme, here to see Priya"
fills three slots in one breath), so two of them may claim the same words — a name after
"I'm" may also look like the host, a company after "from" may be a candidate's department.
`resolve` settles that once, by these rules, in this order:

1. Words that carry an act — a greeting, an apology, politeness, an acknowledgement,
   thanks, "I meant", a request for another language — are reserved before any extractor runs
   (`reserve`): no span contains them, in any language ("Извините", "Selge", "please").
2. A company span that names a department — one we know ("from Marketing") or one of
   the candidates just offered ("Kalle, from Product") — is a department, not a company.
3. A span found without a trigger (a bare answer) inside a question is dropped unless it
   is the whole question ("Sarah Chen?"): "is there wifi?" names nobody.
4. Spans are taken anchored first (found after their trigger: "my name is", "from",
   "here to see"), then bare ones, the slot the receptionist asked for before others;
   among equals the host before the visitor, the visitor before the company, then left
   to right.
5. A span that overlaps one already taken is cut where that one starts ("Tom Baker,
   here to see Priya" keeps "Tom Baker"), or dropped if nothing is left; each slot takes
   at most one span.

What the receptionist asked for (`Asked`) is consulted here and nowhere else in
`core.understanding`: it decides which bare spans are read at all (a bare name is the
visitor's only when their name was asked for; a choice among the candidates only while
choosing), which reading a yes/no question gets, what a correction replaces, and which
slot's reader takes a bare answer.

What a correction replaces ("sorry, I meant X", "mõtlesin X", «я имел в виду X») is decided
by `corrects`, for the rules and for a model's answer alike: a company's legal form makes X
the company; else the slot whose value X resembles (a word of it spelled alike: "Tom
Barker" after "Tom Baker", "Acme Corporation" after "Acme", "Sarah Miller" after the
"Sarah" asked for); else the likeliest slip (`Asked.corrected`). Whether X names anybody in
the directory is the flow's to check (`core.flows.acts.correction`), with the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from core.text.fold import fold
from core.text.translit import latin
from core.understanding import patterns as P
from core.understanding.replies import opening
from core.understanding.text import Text

_ACT_WORDS = (
    P.GREETING,
    P.SMALLTALK,
    P.APOLOGY,
    P.POLITENESS,
    P.ACKNOWLEDGE,
    P.THANKS,
    P.GOODBYE,
    P.MEANT,
)
_RANK = {"host": 0, "choice": 1, "visitor_name": 2, "company": 3, "department": 4}
_TRIM = " ,.;:-"
# What a correction may replace, in the order a tie goes when none was the likeliest slip.
CORRECTABLE = ("visitor_name", "company", "host")
_RESEMBLES = 75  # two values this alike (`_resemblance`) are one value misspelt or extended
_MIN_WORD = 3  # shorter words ("Li", "de", "OÜ") say nothing about which value is meant


@dataclass(frozen=True, slots=True)
class Asked:
    """The receptionist's pending question (`UnderstandingContext.expecting`), and every
    way it changes how a message is read."""

    slot: str | None
    state: str = "greeting"

    @property
    def unprompted(self) -> bool:
        """Nothing asked yet: a capitalized name alone is the host ("Priya Patel, please")."""
        return self.slot is None and self.state in ("greeting", "identify_host")

    @property
    def finished(self) -> bool:
        """Nothing pending, or the conversation is over: "thanks" is a goodbye."""
        return self.slot is None or self.state in ("complete", "transfer_human", "notify_host")

    @property
    def yes_no(self) -> bool:
        """A yes/no question ("Did you mean Sarah Chen?"): a bare name there confirms or
        replaces the host."""
        return self.slot == "confirmation"

    @property
    def choosing(self) -> bool:
        """Choosing among offered people: their names and departments are read as a pick."""
        return self.slot == "choice"

    @property
    def self_intro(self) -> bool:
        """Whether "I'm X" / "olen X" / «я X» introduces the visitor: not in answer to the
        company ("I'm with Acme", «я из Ромашки»)."""
        return self.slot != "company"

    @property
    def bare_visitor(self) -> bool:
        """A bare name is the visitor's own ("Tom Baker, here to see Priya")."""
        return self.slot == "visitor_name"

    def implies(self, slot: str) -> bool:
        """The answer may fill `slot` without its trigger: "none" is no company after
        "Which company?", a bare number is a code after "Your code?"."""
        return self.slot == slot

    def corrected(self, last: str | None) -> str | None:
        """The slot a correction replaces: the host while one is chosen or confirmed, else
        the slot the visitor filled last, else the one asked for."""
        if self.slot in ("choice", "confirmation"):
            return "host"
        return last or self.slot

    @property
    def bare_reader(self) -> str | None:
        """Whose reader takes a bare answer: the asked slot's (purpose, date and time are
        all free text as said)."""
        return self.slot


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # the slot it fills: host, choice, visitor_name, company, department
    value: str
    anchored: bool = False  # found after its trigger, not read as a bare answer

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def corrects(value: str, *, prior: str | None, given: Sequence[tuple[str, str]]) -> str | None:
    """The slot a correction's value replaces: the company when it has a legal form, else
    the slot whose value it resembles most (`given`: (slot, value said) pairs; a tie goes
    to `prior`), else `prior`, the likeliest slip."""
    if has_legal_form(value):
        return "company"
    return resembled(value, given, prior=prior) or prior


def resembled(
    value: str, given: Sequence[tuple[str, str]], *, prior: str | None = None
) -> str | None:
    """The slot among `given` whose value `value` resembles most, if any does."""
    scores: dict[str, float] = {}
    words = _words(value)
    for slot, said in given:
        scores[slot] = max(_resemblance(words, _words(said)), scores.get(slot, 0.0))
    top = max(scores.values(), default=0.0)
    if top < _RESEMBLES:
        return None
    tied = [slot for slot in CORRECTABLE if scores.get(slot) == top]
    return prior if prior in tied else tied[0]


def _resemblance(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two values are, word by word (0–100): how much of each, by length, the
    other's words spell alike, averaged both ways — "Tom Barker" is like "Tom Baker" (94),
    less like "Tom" (67); "Telia" is not like "Priya Pateli" (65), nor "Пётр Щукин" like
    "Ivan Petrov" (55) for a "Petr" in it."""
    if not a or not b:
        return 0.0

    def covered(x: Sequence[str], y: Sequence[str]) -> float:
        total = sum(len(w) for w in x)
        return sum(len(w) * max(fuzz.ratio(w, v) for v in y) for w in x) / total

    return (covered(a, b) + covered(b, a)) / 2


def has_legal_form(value: str) -> bool:
    return any(w.strip(".") in P.LEGAL_FORMS for w in value.casefold().split())


def _words(value: str) -> list[str]:
    """The words of a value, folded and read in Latin letters, so that a name said in
    Cyrillic once and in Latin letters later is still the same name."""
    out = []
    for word in map(latin, fold(value).replace("-", " ").split()):
        if len(word) >= _MIN_WORD and not has_legal_form(word):
            out.append(word)
    return out


def reserve(text: Text) -> None:
    """Mark the words that carry an act (rule 1); extractors skip them."""
    found = [(m.start(), m.end()) for p in _ACT_WORDS for m in p.finditer(text.value)]
    found += [(m.start(), m.end()) for p, _ in P.LANGUAGE_SWITCH for m in p.finditer(text.value)]
    text.reserved = tuple(sorted(found))


def switch_to(text: Text) -> str | None:
    """The language the visitor asks to speak, if they ask."""
    hits = [(m.start(), lang) for p, lang in P.LANGUAGE_SWITCH if (m := p.search(text.value))]
    return min(hits)[1] if hits else None


def resolve(
    text: Text,
    found: Iterable[Span | None],
    *,
    asked: str | None,
    questions: Sequence[tuple[int, int]] = (),
    departments: Sequence[str] = (),
    department_of: Callable[[str], str | None] = lambda _: None,
) -> dict[str, Span]:
    """Each slot's span, by the rules in the module docstring."""
    spans = [_as_department(s, departments, department_of) for s in found if s is not None]
    spans = [s for s in spans if s.anchored or not _inside_question(text, s, questions)]
    spans.sort(key=lambda s: (not s.anchored, s.kind != asked, _RANK.get(s.kind, 9), s.start))
    taken: dict[str, Span] = {}
    for span in spans:
        if span.kind in taken:
            continue
        kept: Span | None = span
        for other in taken.values():
            if kept is not None and kept.overlaps(other):
                kept = _cut_before(text, kept, other)
        if kept is not None:
            taken[kept.kind] = kept
    return taken


def _as_department(
    span: Span, offered: Sequence[str], department_of: Callable[[str], str | None]
) -> Span:
    if span.kind != "company":
        return span
    said = fold(span.value)
    named = next((d for d in offered if d and fold(d) == said), None) or department_of(span.value)
    return Span(span.start, span.end, "department", named, span.anchored) if named else span


def _inside_question(text: Text, span: Span, questions: Sequence[tuple[int, int]]) -> bool:
    for start, end in questions:
        if start <= span.start and span.end <= end:
            rest = [
                t
                for t in text.words
                if start <= t.start
                and t.end <= end
                and not (span.start <= t.start and t.end <= span.end)
                and not text.is_reserved(t)
            ]
            return bool(rest)
    return False


def _cut_before(text: Text, span: Span, limit: Span) -> Span | None:
    if limit.start <= span.start:
        return None
    value = text.value[span.start : limit.start].strip(_TRIM)
    if not value:
        return None
    return Span(span.start, span.start + len(value), span.kind, value, span.anchored)


def question_ranges(text: Text) -> list[tuple[int, int]]:
    """Where the sentences that ask something are."""
    out = []
    pos = 0
    for sentence in text.sentences:
        start = text.value.find(sentence, pos)
        if start < 0:
            continue
        pos = end = start + len(sentence)
        body = Text(sentence)
        if sentence.endswith("?") or P.QUESTION_WORDS.match(body.value, opening(body)):
            out.append((start, end))
    return out
