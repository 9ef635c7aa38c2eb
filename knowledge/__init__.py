"""What the receptionist knows about the place, as plain files an office manager can edit.

One Markdown file per topic and language (`knowledge/<lang>/<topic>.md`): a front-matter
line of keywords, the written answer, and optionally a `---spoken` section for the phone.
Keywords match a word of the question exactly or as its beginning, which is how an
Estonian or Russian ending ("parklasse", "парковку") still finds its topic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.messages import LANGUAGES, Language

DEFAULT_DIR = Path(__file__).resolve().parent
_WORD = re.compile(r"\w+")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MIN_PREFIX = 4  # shorter keywords must match a whole word ("wc", "lift")


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    keywords: tuple[str, ...]
    written: str
    spoken: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text.casefold()).replace("ё", "е")
    return text.replace("-", "")


def parse_topic(name: str, text: str) -> Topic:
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError(f"knowledge file {name!r} has no front matter")
    header, body = match.group(1), text[match.end() :]
    keywords: tuple[str, ...] = ()
    for line in header.strip().splitlines():
        field_name, _, value = line.partition(":")
        if field_name.strip() == "keywords":
            keywords = tuple(_fold(k.strip()) for k in value.split(",") if k.strip())
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

    def answer(self, question: str, language: Language, *, spoken: bool = False) -> str | None:
        words = [_fold(w) for w in _WORD.findall(question[:500])]
        best: tuple[int, Topic] | None = None
        for topic in self._topics.get(language, []):
            score = sum(1 for k in topic.keywords if any(_matches(k, w) for w in words))
            if score and (best is None or score > best[0]):
                best = (score, topic)
        if best is None:
            return None
        return best[1].spoken if spoken else best[1].written


def _matches(keyword: str, word: str) -> bool:
    if len(keyword) < _MIN_PREFIX:
        return word == keyword
    return word.startswith(keyword)
