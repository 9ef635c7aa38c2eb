"""Understanding: what the visitor said, as an intent and slot values (see `types`)."""

from core.understanding.rules import RuleBasedUnderstanding
from core.understanding.types import (
    Act,
    CandidateRef,
    Intent,
    Interpretation,
    Slots,
    Understanding,
    UnderstandingContext,
)

__all__ = [
    "Act",
    "CandidateRef",
    "Intent",
    "Interpretation",
    "RuleBasedUnderstanding",
    "Slots",
    "Understanding",
    "UnderstandingContext",
]
