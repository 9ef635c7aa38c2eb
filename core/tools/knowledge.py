"""The knowledge seam, owned by the turn's tools that consume it: answer a visitor's question
about the place, in their language, with the live facts only the office settings know.

The bundled implementation reads plain files per language (the top-level `knowledge`
package); the wiring loads it and hands it to the agent, so the core never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from core.messages import Language


class KnowledgeAnswers(Protocol):
    def answer(
        self, question: str, language: Language, *, spoken: bool, facts: Mapping[str, str]
    ) -> str | None:
        """The answer, written or `spoken`, with `{name}` placeholders filled from
        `facts` (e.g. `opening_hours`); None when nothing known fits the question."""
        ...
