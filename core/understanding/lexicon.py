"""What one language contributes to the rules: phrases as regex fragments, and word lists.

Each `lexicon_xx` module fills one `Lexicon`; `patterns` compiles the union of all three.
All three are always active, whatever the session's language: visitors mix languages, and
the language guess on a short line is the least reliable thing we have.

Conventions for the regex fragments: matched case-insensitively on cleaned text (single
spaces, straight apostrophes, ё folded to е), bounded by non-word characters, no nested
quantifiers (they run on untrusted input).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Phrases = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    greetings: Phrases  # "hello", "tere", "здравствуйте"
    smalltalk: Phrases  # "how are you": part of a greeting, not a question
    affirm: Phrases  # at the start of a reply
    deny: Phrases
    thanks: Phrases
    goodbye: Phrases
    human: Phrases  # a clear request for a person
    human_weak: Phrases  # "reception", "front desk": only when nothing else was said
    delivery: Phrases
    checkin: Phrases  # here to see someone, whether or not the name follows
    host_before: Phrases  # the host's name follows ("here to see", "я к")
    host_after: Phrases  # the host's name precedes ("juurde", "is expecting me")
    recipient_before: Phrases  # in a delivery: "for", "для"
    recipient_after: Phrases  # in a delivery: "jaoks"
    visitor_named: Phrases  # the visitor's own name follows, unambiguously ("my name is")
    visitor_self: Phrases  # "I'm", "olen", "я": a name only if it looks like one
    company_before: Phrases  # "from", "firmast", "из компании"
    no_company: Phrases  # "private visit", "eraisik", "частное лицо"
    purpose: Phrases  # one group named p: the purpose as said
    preregister: Phrases  # explicitly books a future visit
    future_visit: Phrases  # "I'll come", "tulen": a booking only together with a date
    arrival: Phrases  # has a booking already
    code_before: Phrases  # "code", "kood", "код"
    cancel: Phrases
    move: Phrases
    question_words: Phrases  # a sentence starting with one of these asks something
    info_words: Phrases  # wh-words: asks for information even beside another intent
    party: Phrases  # group n = the head count, or group plus = companions besides me
    other_one: Phrases  # "the other one"
    negation: Phrases  # "not" in "not Sarah Chen, Sarah Miller"
    contrast: Phrases  # "but" in the same
    meant: Phrases  # "I meant"
    dates: Phrases  # group d = the date as said
    times: Phrases  # group t = the time as said
    today: Phrases  # dates that mean now, not a booking
    injection: Phrases  # text addressed to the machine, not the receptionist
    stopwords: frozenset[str]  # never part of a name
    titles: frozenset[str]  # kept in front of a name ("Dr. Patel")
    numbers: Mapping[str, int] = field(default_factory=dict)  # number words, 1..10
    ordinals: Mapping[str, int] = field(default_factory=dict)  # 0-based; -1 is "the last"
    departments: Mapping[str, str] = field(default_factory=dict)  # regex → canonical name
    legal_forms: frozenset[str] = frozenset()  # "OÜ", "ООО": part of a company's name
    # Words that carry an act, not a value: they never become a name, host or company.
    apology: Phrases = ()  # "sorry", "vabandust", "извините"
    politeness: Phrases = ()  # "please", "palun", "пожалуйста"
    acknowledge: Phrases = ()  # "ok", "selge", "понятно": heard, neither yes nor a value
    # Particles that cannot end an utterance: one that ends a name answer belongs to the
    # name ("анна ли": Korean Li), as the same words written in capitals show.
    dangling: frozenset[str] = frozenset()
    # A request to speak another language: regex → the language asked for.
    language_switch: Mapping[str, str] = field(default_factory=dict)
    # Words of visiting that a full name completes ("here to see", "kohtumine", «я к»): a call
    # ends the caller's turn soon after such a name (channels/voice/endpointing.py). "{name}"
    # marks where the name goes when words follow it ("tulin {name} juurde"); else it follows.
    # No copula ("I'm", "olen", «я»: its object opens an introduction) and no bare preposition.
    visit_cues: Phrases = ()


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())
