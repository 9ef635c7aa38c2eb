"""Directory name resolution: which employee does the visitor mean?

`DirectoryIndex.build(people)` when the directory changes; then `resolve(query)` answers
found / multiple / not_found / inactive, and `match_among(reply, ids)` picks among the
people just offered.
"""

from core.directory.index import DirectoryIndex
from core.directory.types import Candidate, MatchStatus, Person, Resolution

__all__ = ["Candidate", "DirectoryIndex", "MatchStatus", "Person", "Resolution"]
