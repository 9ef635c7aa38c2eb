"""From scored candidates to an answer: found, multiple, not_found or inactive.

A wrong person is worse than no person, so the rules lean towards `not_found`:
- only candidates at or above `accept`, and within `margin` of the best, are plausible;
- a departed employee is the answer (`inactive`) only when no active plausible person
  scores as well; an active person matching as well or better wins, and a departed one is
  never offered next to active ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.directory.types import Candidate, MatchStatus, Resolution

# An inactive best match only yields to an active one scoring at least this close.
TIE = 0.02


def decide(
    candidates: Sequence[Candidate], *, accept: float, margin: float, limit: int
) -> Resolution:
    ranked = sorted(candidates, key=lambda c: (-c.score, not c.active))
    if not ranked or ranked[0].score < accept or limit < 1:
        return Resolution(MatchStatus.NOT_FOUND)
    best = ranked[0].score
    plausible = [c for c in ranked if c.score >= max(accept, best - margin)]
    top = plausible[0]
    if not top.active and not any(c.active and c.score >= top.score - TIE for c in plausible):
        return Resolution(MatchStatus.INACTIVE, (top,))
    active = [c for c in plausible if c.active][:limit]
    status = MatchStatus.FOUND if len(active) == 1 else MatchStatus.MULTIPLE
    return Resolution(status, tuple(active))
