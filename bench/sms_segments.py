"""What a text message costs: segments per reply, SMS wording against the web wording, for
every phrase a visitor can get by SMS, with demo-directory names, in each language.

    python bench/sms_segments.py [--all]

Prints the phrases whose SMS form takes more than one segment (all of them with --all),
then, per language, the whole check-in conversation's cost and what the SMS wordings and
the GSM-alphabet punctuation saved against sending the web chat's sentences as they are.
"""

from __future__ import annotations

import argparse
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from channels.sms.compose import compose
from channels.sms.segments import count
from core.messages import LANGUAGES, SMS_STYLE, WEB_STYLE, ChannelStyle, Language
from core.replies import CATALOGUE, PersonRef, Say, sentences

_FIELDS = string.Formatter()
PEOPLE = {
    "en": (PersonRef("James Wilson", "Operations"), "Tom Baker"),
    "et": (PersonRef("Jüri Tamm", "Engineering"), "Mari Kask"),
    "ru": (PersonRef("Иван Петров", "Finance"), "Анна Смирнова"),
}
# The replies of a four-message check-in ("I'm here for …", "yes", name, company).
CONVERSATION = ("confirm_host", "ask_name", "ask_company", "checked_in")
VISITOR_FACING = [
    key
    for key in CATALOGUE
    if "." not in key
    and not key.startswith(
        ("host_arrival", "host_booking", "delivery_arrival", "front_desk", "button_", "badge_")
    )
    and key not in {"note_purpose", "host_answered", "host_reminder", "host_unanswered"}
    and key not in {"host_unreachable", "host_declined", "knowledge", "filler"}
]


def params(language: Language) -> dict[str, object]:
    host, visitor = PEOPLE[language]
    return {
        "name": visitor,
        "host": host.display_name(language),
        "who": host,
        "count": 2,
        "options": [host, PersonRef("Sarah Miller", "Marketing")],
        "query": "Sara",
        "recipient": host.name,
        "department": "Legal",
        "visitor": visitor,
        "others": 1,
        "minutes": 3,
        "channel": "sms",
        "summary": "",
        "answer": "On my way",
        "purpose": "",
    }


def _say(key: str, language: Language) -> Say:
    wanted = {n for _, n, _, _ in _FIELDS.parse(CATALOGUE[key].form(language, spoken=False)) if n}
    known = params(language)
    # A placeholder without a typical value here (a date, a code) gets one of its length.
    return Say(key, {k: known.get(k, "24.11 10:00") for k in wanted | {"count"}})


def as_sms(key: str, language: Language, style: ChannelStyle = SMS_STYLE) -> str:
    return compose(sentences([_say(key, language)], language, style))


def as_is(key: str, language: Language) -> str:
    """The web chat's sentence sent unchanged: what a naive SMS channel would cost."""
    return " ".join(sentences([_say(key, language)], language, WEB_STYLE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="print every phrase")
    args = parser.parse_args()
    print(f"{'phrase':26} " + "  ".join(f"{lang:>12}" for lang in LANGUAGES))
    for key in sorted(VISITOR_FACING):
        cells = [count(as_sms(key, lang)) for lang in LANGUAGES]
        if args.all or any(c.segments > 1 for c in cells):
            shown = [f"{c.segments} {c.encoding}" for c in cells]
            print(f"{key:26} " + "  ".join(f"{s:>12}" for s in shown))
    print()
    for language in LANGUAGES:
        ours = sum(count(as_sms(k, language)).segments for k in CONVERSATION)
        naive = sum(count(as_is(k, language)).segments for k in CONVERSATION)
        everything = sum(count(as_sms(k, language)).segments for k in VISITOR_FACING)
        everything_naive = sum(count(as_is(k, language)).segments for k in VISITOR_FACING)
        print(
            f"{language}: a check-in by SMS costs {ours} segments (the web wording as is: "
            f"{naive}); all {len(VISITOR_FACING)} visitor phrases: {everything} "
            f"(as is: {everything_naive})"
        )


if __name__ == "__main__":
    main()
