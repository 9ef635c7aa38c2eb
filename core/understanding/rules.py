"""The embedded understanding: regexes and word lists in three languages, no model, no I/O.

It proposes one intent and whatever slots the utterance carries; the flow decides what to
do. The order of the checks below is the design: a request for a person beats everything,
text addressed to the machine ("ignore your rules…") is never read as a request, a booking
verb beats a plain check-in, and a bare phrase is read as the answer to what the
receptionist just asked before it is read as anything else. What was asked is consulted
only through the resolver's `spans.Asked` — which spans are read, what a yes/no question
or a correction means, and which slot's reader (`_BARE_READERS`) takes a bare answer —
so this module has no case of its own per state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from core.messages import as_language
from core.understanding import choice, extract, replies, spans
from core.understanding import patterns as P
from core.understanding.phrases import Phrase, take_company, take_name
from core.understanding.replies import only, opening, yes_no
from core.understanding.spans import Span
from core.understanding.text import Text
from core.understanding.types import (
    Act,
    Intent,
    Interpretation,
    Slots,
    UnderstandingContext,
)


class RuleBasedUnderstanding:
    """The default `Understanding`. Stateless; one instance serves every session."""

    name = "rules"  # what /health reports as the provider

    async def interpret(self, text: str, context: UnderstandingContext) -> Interpretation:
        return interpret(text, context)


def interpret(raw: str, context: UnderstandingContext) -> Interpretation:
    text = Text(raw)
    if not text.tokens or P.INJECTION.search(text.value):
        # Whatever else it says, text that addresses the machine gets no slots: a prompt
        # must not be able to name a host or a visitor.
        return Interpretation(Intent.UNKNOWN)
    spans.reserve(text)
    return _Reading(text, context).decide()


class _Reading:
    """One utterance, with every slot extracted up front, read in a fixed order."""

    def __init__(self, text: Text, context: UnderstandingContext) -> None:
        self.text = text
        self.context = context
        self.asked = asked = spans.Asked(context.expecting, context.state)
        value = text.value
        self.greeted = P.GREETING.search(value) is not None
        host = extract.host(text)
        # A trigger alone ("I need…") is not a check-in; a named host or a check-in phrase
        # ("I'm here", "mul on kohtumine", "у меня встреча") is.
        self.triggered = host is not None or P.CHECKIN.search(value) is not None
        visitor = extract.visitor(text, self_intro=asked.self_intro)
        bare_visitor = bare_company = None
        if visitor is None and asked.bare_visitor:
            bare_visitor = replies.bare_name(text)  # "Tom Baker, here to see Priya"
            if bare_visitor is not None:
                bare_company = replies.company_after(text, bare_visitor)  # "Tom, Acme"
        self.picked = choice.choose(text, context.candidates) if asked.choosing else None
        self.corrected = self.correction() if not self.triggered else None
        self.found = [
            self.corrected,
            _span(host, "host", anchored=True),
            _span(visitor, "visitor_name", anchored=True),
            _span(bare_visitor, "visitor_name", anchored=False),
            _span(extract.company(text), "company", anchored=True),
            _span(bare_company, "company", anchored=False),
            _span(self.picked.phrase if self.picked else None, "choice", anchored=False),
        ]
        self.question_at = spans.question_ranges(text)
        owner = self.resolve()
        if self.corrected and owner.get(self.corrected.kind) != self.corrected:
            self.corrected = None  # its words went to a slot that claimed them first
        self.host, self.visitor = _phrase(owner.get("host")), _phrase(owner.get("visitor_name"))
        company, department = owner.get("company"), owner.get("department")
        self.company = company.value if company else None
        self.department = department.value if department else None
        if self.picked and self.picked.phrase and "choice" not in owner:
            # The words the choice read as a name belong to another slot ("Olen Oskar
            # Valdma" while choosing is the visitor introducing themselves).
            index = None if self.picked.by_name else self.picked.index
            self.picked = replace(self.picked, host=None, index=index)
        if extract.no_company(text, expected=asked.implies("company")):
            self.company = ""
        self.date, self.time, self.future = extract.when(text)
        self.questions = _questions(text)
        self.reply = yes_no(text)
        self.switch_to = spans.switch_to(text)

    @property
    def act_only(self) -> bool:
        """Words, and every one of them carries an act (no number, no name, no value)."""
        tokens = self.text.tokens
        words = self.text.words
        return (
            bool(words)
            and not any(t.is_number for t in tokens)
            and all(self.text.is_reserved(t) for t in words)
        )

    def correction(self) -> Span | None:
        """ "Sorry, I meant Tom": the value a correction gives, as a span of the slot it
        corrects (`spans.corrects`: a company's legal form, else the slot whose value it
        resembles, else the host while a host is being chosen or confirmed, the slot the
        visitor filled last, or the one asked for). A bare phrase needs a capital or to be
        all the reply says ("i meant tom").
        """
        at = replies.correction_at(self.text)
        if at is None:
            return None
        said = take_company(self.text, at)  # the widest reading of what follows
        if said is None:
            return None
        prior = self.asked.corrected(self.context.corrects)
        kind = spans.corrects(said.value, prior=prior, given=self.context.given)
        if kind not in spans.CORRECTABLE:
            return None
        # The company's reading when it is all the reply says (a host the directory turns
        # out not to know may yet be the company: "Газпром нефть" whole, not "Газпром").
        wide = kind == "company" or replies.covers_rest(self.text, said)
        phrase = said if wide else take_name(self.text, at)
        if phrase is None or not (
            phrase.value[0].isupper() or replies.covers_rest(self.text, phrase)
        ):
            return None
        return Span(phrase.start, phrase.end, kind, phrase.value, anchored=True)

    def resolve(self, *extra: Span | None) -> dict[str, Span]:
        return spans.resolve(
            self.text,
            [*self.found, *extra],
            asked=self.asked.slot,
            questions=self.question_at,
            departments=[c.department for c in self.context.candidates],
            department_of=extract.department_only,
        )

    def admit(self, phrase: Phrase | None, kind: str) -> Phrase | None:
        """A bare answer read for `kind`, if the resolver gives it that slot."""
        span = _span(phrase, kind, anchored=False)
        if span is None:
            return None
        won = self.resolve(span).get(kind)
        return _phrase(won) if won is not None and won.start == span.start else None

    # --- assembling the answer ----------------------------------------------------------

    def slots(self, **overrides: Any) -> Slots:
        found = Slots(
            host=self.host.value if self.host else None,
            visitor_name=self.visitor.value if self.visitor else None,
            company=self.company,
            purpose=extract.purpose(self.text),
            party_size=extract.party_size(self.text),
            department=self.department,
            date=self.date,
            time=self.time,
            contact=extract.contact(self.text, expected=self.asked.implies("contact")),
        )
        return replace(found, **overrides)

    def result(self, intent: Intent, **overrides: Any) -> Interpretation:
        question: str | None
        if intent is Intent.QUESTION:
            question = " ".join(self.questions)
        else:
            question = " ".join(q for q in self.questions if _asks_aside(q)) or None
        slots = Slots() if intent is Intent.UNKNOWN else self.slots(**overrides)
        # What the visitor is recorded as is kept in their own letters.
        said = self.text.as_said
        slots = replace(
            slots,
            visitor_name=said(slots.visitor_name),
            company=said(slots.company),
            purpose=said(slots.purpose),
        )
        return Interpretation(
            intent,
            slots,
            self.greeted,
            question,
            acts=self.acts(intent, slots, question),
            switch_to=as_language(self.switch_to) if self.switch_to else None,
        )

    def acts(self, intent: Intent, slots: Slots, question: str | None) -> frozenset[Act]:
        acts = set()
        if self.greeted:
            acts.add(Act.GREET)
        if question:
            acts.add(Act.QUESTION)
        if self.switch_to:
            acts.add(Act.SWITCH_LANGUAGE)
        if self.corrected:
            acts.add(Act.CORRECT)
        if slots.visitor_name or slots.company is not None:
            acts.add(Act.INTRODUCE)
        if (
            self.text.words
            and not any(t.is_number for t in self.text.tokens)
            and only(self.text, P.ACKNOWLEDGE, P.THANKS, P.AFFIRM, P.POLITENESS)
            and not any((slots.host, slots.visitor_name, slots.company, slots.department))
        ):
            acts.add(Act.ACKNOWLEDGE)
        said = (slots.host, slots.visitor_name, slots.company, slots.purpose, slots.date)
        if any(v is not None for v in said) or slots.choice_index is not None:
            acts.add(Act.ANSWER)
        if intent in (Intent.AFFIRM, Intent.DENY, Intent.CHOOSE):
            acts.add(Act.ANSWER)
        return frozenset(acts)

    # --- the order of reading -----------------------------------------------------------

    def decide(self) -> Interpretation:
        value = self.text.value
        asked = self.asked
        if P.HUMAN.search(value):
            return self.result(Intent.HUMAN, host=None)  # "соедините с оператором"
        if self.only_asks():
            return self.result(Intent.QUESTION)  # "Where do I leave a package?"
        if P.CANCEL.search(value):
            return self.result(Intent.CANCEL_BOOKING, code=extract.code(self.text, bare=False))
        if P.MOVE.search(value):
            return self.result(Intent.MOVE_BOOKING, code=extract.code(self.text, bare=False))
        if self.corrected:
            return self.correct(self.corrected)
        if asked.yes_no and (answer := self.confirmation()):
            return answer
        if self.reply is not None and self.reply.not_host:
            return self.result(Intent.DENY, host=self.reply.host, not_host=self.reply.not_host)
        if P.DELIVERY.search(value):
            return self.delivery()
        if P.ARRIVAL.search(value) or P.CODE_BEFORE.search(value):
            code = extract.code(self.text, bare=asked.implies("code"))
            return self.result(Intent.ARRIVAL, code=code)
        if self.preregisters():
            recipient = self.host or extract.recipient(self.text)
            return self.result(Intent.PREREGISTER, host=recipient.value if recipient else None)
        if asked.choosing and (answer := self.choice()):
            return answer
        if self.triggered:
            return self.result(Intent.CHECK_IN)
        if asked.bare_reader and (answer := self.bare_answer(asked.bare_reader)):
            return answer
        return self.small_talk()

    def small_talk(self) -> Interpretation:
        value = self.text.value
        done = self.asked.finished
        if P.GOODBYE.search(value) or (
            done and P.THANKS.search(value) and only(self.text, P.THANKS, P.AFFIRM, P.DENY)
        ):
            return self.result(Intent.GOODBYE)
        if reply := self.reply:
            intent = Intent.AFFIRM if reply.affirm else Intent.DENY
            return self.result(intent, host=reply.host, choice_other=reply.other)
        if self.questions:
            return self.result(Intent.QUESTION)
        if P.HUMAN_WEAK.search(value):
            return self.result(Intent.HUMAN)
        if self.greeted and only(self.text, P.GREETING, P.SMALLTALK):
            return self.result(Intent.GREETING)
        if self.provides_something():
            return self.result(Intent.PROVIDE)
        if self.asked.unprompted:
            # Unprompted, only a capitalized name is taken for the host ("Priya Patel,
            # please"); a lone lower-case word is more often noise than a name.
            name = self.admit(replies.bare_name(self.text), "host")
            if name and name.value[0].isupper() and replies.covers_rest(self.text, name):
                return self.result(Intent.PROVIDE, host=name.value)
        if self.greeted:
            return self.result(Intent.GREETING)
        return self.result(Intent.UNKNOWN)

    def provides_something(self) -> bool:
        s = self.slots()
        said = (s.visitor_name, s.purpose, s.party_size, s.contact, s.date, s.time, s.department)
        return s.company is not None or any(said)

    def only_asks(self) -> bool:
        """Every sentence asks for information and no one is named: a question, even if it
        mentions a delivery or a booking. A reply opening with yes or no is still that."""
        if not self.questions or self.host is not None or self.reply is not None:
            return False
        return all(P.INFO_WORDS.match(s) for s in _content_sentences(self.text))

    def preregisters(self) -> bool:
        value = self.text.value
        if P.PREREGISTER.search(value):
            return True
        return self.future and (self.triggered or P.FUTURE_VISIT.search(value) is not None)

    def delivery(self) -> Interpretation:
        recipient = extract.recipient(self.text) or self.host
        department = self.department
        host = recipient.value if recipient else None
        if host and (dept := extract.department_only(host)):
            host, department = None, dept
        if host is None and department is None:
            department = extract.department(self.text.value)
        return self.result(Intent.DELIVERY, host=host, department=department)

    def correct(self, corrected: Span) -> Interpretation:
        """A correction replaces what it corrects: a host is a "no, this one" (the flow
        looks them up instead), a name or a company is given anew."""
        if corrected.kind == "host":
            return self.result(Intent.DENY, host=self.text.as_said(corrected.value))
        return self.result(Intent.PROVIDE, **{corrected.kind: corrected.value})

    def confirmation(self) -> Interpretation | None:
        """The reply to "Did you mean Sarah Chen in Engineering?"."""
        reply = self.reply
        if reply is not None:
            intent = Intent.AFFIRM if reply.affirm else Intent.DENY
            # "no, the second one"; but "ei, teine" is "no, the other one", not a position.
            index = None
            if not (reply.affirm or reply.other):
                index = choice.position(self.text, len(self.context.candidates))
            return self.result(
                intent,
                host=reply.host or (self.host.value if self.host else None),
                not_host=reply.not_host,
                choice_other=reply.other,
                choice_index=index,
            )
        text = self.text
        name = self.admit(replies.bare_name(text), "host")
        if self.triggered or name is None or not replies.covers_rest(self.text, name):
            return None
        candidates = self.context.candidates
        if len(candidates) == 1 and choice.choose(self.text, candidates).index == 0:
            return self.result(Intent.AFFIRM, host=None)  # "Sarah Chen" → yes, her
        intent = Intent.DENY if candidates else Intent.PROVIDE
        return self.result(intent, host=name.value)  # a different name corrects

    def choice(self) -> Interpretation | None:
        reply = self.reply
        if reply is not None and not reply.affirm and not (reply.host or reply.other):
            return None  # "no, none of them": read later, as a plain no
        picked = self.picked
        if picked is None or not picked.found:
            return None
        return self.result(
            Intent.CHOOSE,
            host=picked.host,
            choice_index=picked.index,
            choice_other=picked.other,
            department=picked.department or self.department,
        )

    def bare_answer(self, slot: str) -> Interpretation | None:
        """A message read as the bare answer to the question asked, by that slot's reader."""
        if self.act_only:
            return None  # only words that carry an act: "Selge, aitäh." answers nothing
        reader = _BARE_READERS.get(slot)
        found = reader(self, slot) if reader else {}
        if not any(v is not None for v in found.values()):
            return None
        return self.result(Intent.PROVIDE, **found)

    # --- bare answers, one reader per slot ----------------------------------------------

    def _bare_host(self, _: str) -> dict[str, Any]:
        name = self.admit(replies.bare_name(self.text), "host")
        if name and (dept := extract.department_only(name.value)):
            return {"department": dept}  # a delivery "for Engineering"
        if name:
            return {"host": name.value}
        dept = extract.department(self.text.value)
        return {"department": dept} if dept else {}

    def _bare_visitor(self, _: str) -> dict[str, Any]:
        name = self.visitor or self.admit(replies.bare_name(self.text), "visitor_name")
        return {"visitor_name": name.value} if name else {}

    def _bare_company(self, _: str) -> dict[str, Any]:
        company = self.company if self.company is not None else replies.company_answer(self.text)
        return {"company": company}

    def _bare_free_text(self, slot: str) -> dict[str, Any]:
        if self.reply is not None:
            return {}  # a yes or a no is no purpose, day or time
        said = {"purpose": extract.purpose(self.text), "date": self.date, "time": self.time}
        return {slot: said[slot] or replies.free_text(self.text)}

    def _bare_contact(self, _: str) -> dict[str, Any]:
        return {"contact": extract.contact(self.text, expected=True)}

    def _bare_code(self, _: str) -> dict[str, Any]:
        # "Your code, or your name": a visitor who lost the code says who they are.
        code = extract.code(self.text, bare=True)
        name = self.visitor or self.admit(replies.bare_name(self.text), "visitor_name")
        if code is None and name:
            return {"visitor_name": name.value}
        return {"code": code}


_BARE_READERS: dict[str, Callable[[_Reading, str], dict[str, Any]]] = {
    "host": _Reading._bare_host,
    "visitor_name": _Reading._bare_visitor,
    "company": _Reading._bare_company,
    "purpose": _Reading._bare_free_text,
    "date": _Reading._bare_free_text,
    "time": _Reading._bare_free_text,
    "contact": _Reading._bare_contact,
    "code": _Reading._bare_code,
}


def _span(phrase: Phrase | None, kind: str, *, anchored: bool) -> Span | None:
    if phrase is None:
        return None
    return Span(phrase.start, phrase.end, kind, phrase.value, anchored)


def _phrase(span: Span | None) -> Phrase | None:
    return Phrase(span.value, span.start, span.end) if span else None


def _content_sentences(text: Text) -> list[str]:
    """Sentences with the greeting taken off the front; greetings alone are dropped."""
    out = []
    for sentence in text.sentences:
        part = Text(sentence)
        body = part.value[opening(part, past_affirm=True, past_deny=True) :].strip()
        if body and not only(Text(body), P.SMALLTALK):
            out.append(body)
    return out


def _questions(text: Text) -> list[str]:
    return [s for s in _content_sentences(text) if s.endswith("?") or P.QUESTION_WORDS.match(s)]


def _asks_aside(question: str) -> bool:
    """A question beside another intent: "Where can I park?" is one; "Can I see Priya?"
    is the check-in itself, asked politely."""
    if P.INFO_WORDS.match(question):
        return True
    return not any(trigger.search(question) for trigger in P.INTENT_TRIGGERS)
