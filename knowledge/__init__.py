"""What the receptionist knows about the place, as plain files an office manager can edit.

One Markdown file per topic and language (`knowledge/<lang>/<topic>.md`): a front-matter
line of keywords, the written answer, and optionally a `---spoken` section for the phone.
Keywords match a word of the question exactly or as its beginning, which is how an
Estonian or Russian ending ("parklasse", "парковку") still finds its topic.

A topic may name live facts in braces — `{opening_hours}` — that the caller fills in, so a
fact has one source: the opening hours come from `opening_hours.txt` (the default) or the
admin UI's settings (`core/store/office.py`), never from prose that could disagree.

`KnowledgeBase` implements the core's `KnowledgeAnswers` seam (`core/tools/knowledge.py`):
the wiring loads it and the agent receives it, so the core never imports this package.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.dates.hours import OpeningHours
from core.messages import LANGUAGES, Language
from core.text.fold import fold_case

DEFAULT_DIR = Path(__file__).resolve().parent
HOURS_FILE = "opening_hours.txt"
FALLBACK_HOURS = "Mon-Fri 08:00-18:00"
_WORD = re.compile(r"\w+")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MIN_PREFIX = 4  # shorter keywords must match a whole word ("wc", "lift")


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    keywords: tuple[str, ...]
    written: str
    spoken: str


def parse_topic(name: str, text: str) -> Topic:
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError(f"knowledge file {name!r} has no front matter")
    header, body = match.group(1), text[match.end() :]
    keywords: tuple[str, ...] = ()
    for line in header.strip().splitlines():
        field_name, _, value = line.partition(":")
        if field_name.strip() == "keywords":
            keywords = tuple(_keyword(k.strip()) for k in value.split(",") if k.strip())
    written, _, spoken = body.partition("---spoken")
    written = written.strip()
    return Topic(name=name, keywords=keywords, written=written, spoken=spoken.strip() or written)


class KnowledgeBase:
    def __init__(self, topics: dict[Language, list[Topic]]) -> None:
        self._topics = topics

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> KnowledgeBase:
        topics: dict[Language, list[Topic]] = {}
        for language in LANGUAGES:
            folder = directory / language
            files = sorted(folder.glob("*.md")) if folder.is_dir() else []
            topics[language] = [parse_topic(f.stem, f.read_text("utf-8")) for f in files]
        return cls(topics)

    def answer(
        self,
        question: str,
        language: Language,
        *,
        spoken: bool = False,
        facts: Mapping[str, str] | None = None,
    ) -> str | None:
        words = [_keyword(w) for w in _WORD.findall(question[:500])]
        best: tuple[int, Topic] | None = None
        for topic in self._topics.get(language, []):
            score = sum(1 for k in topic.keywords if any(_matches(k, w) for w in words))
            if score and (best is None or score > best[0]):
                best = (score, topic)
        if best is None:
            return None
        text = best[1].spoken if spoken else best[1].written
        for name, value in (facts or {}).items():
            text = text.replace("{" + name + "}", value)  # not format(): prose may hold braces
        return text


def opening_hours_text(directory: Path = DEFAULT_DIR) -> str:
    """The default opening hours from `<knowledge>/opening_hours.txt`, checked: a typo there
    stops the server at start-up with the reason, not a visitor at booking time."""
    path = directory / HOURS_FILE
    if not path.is_file():
        return FALLBACK_HOURS
    lines = [line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines()]
    text = "; ".join(line for line in lines if line)
    try:
        return str(OpeningHours.parse(text))
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def _keyword(text: str) -> str:
    """A keyword or a word of the question as they are compared: "Wi-Fi" is "wifi"."""
    return fold_case(text, hyphens=False)


def _matches(keyword: str, word: str) -> bool:
    if len(keyword) < _MIN_PREFIX:
        return word == keyword
    return word.startswith(keyword)
