"""The directory as the agent sees it: an in-memory index rebuilt when the revision moves.

Every instance checks the revision (one primary-key read, or a column of a turn's first
statement) before it resolves, so an edit made through any instance is seen by all of them
on their next lookup.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from core.directory import DirectoryIndex
from core.store.cards import HostCard
from core.store.directory import directory_revision, load_people

log = logging.getLogger(__name__)


def settle_long_lived_objects() -> None:
    """Move what exists now (the index, the app) out of the cyclic collector's reach.

    The index of a 10,000-person directory is ~70,000 objects that live until the next
    rebuild; every full collection walked them all (22 ms, the whole p99 of a turn).
    Frozen, they are never scanned. No `gc.collect()` first: with speech models loaded
    a full collection held the event loop for over a second, in the middle of a call.
    A replaced index is still freed (reference counting does not look at the freeze);
    only reference cycles created before a rebuild stay until the process ends."""
    gc.freeze()


class DirectoryCache:
    def __init__(self) -> None:
        self._index: DirectoryIndex | None = None
        self._cards: dict[int, HostCard] = {}
        self._revision = -1
        self._lock = asyncio.Lock()

    async def index(self, db: AsyncSession, revision: int | None = None) -> DirectoryIndex:
        """The index as of `revision` (read by the caller already, in the same statement as
        something else it needed), or as of the revision stored now."""
        if revision is None:
            revision = await directory_revision(db)
        if self._index is not None and revision == self._revision:
            return self._index
        async with self._lock:
            if self._index is None or revision != self._revision:
                people, cards = await load_people(db)
                # Building is CPU work (inflected forms, phonetic keys): keep the loop free.
                index = await asyncio.to_thread(DirectoryIndex.build, people)
                self._index, self._cards, self._revision = index, cards, revision
                settle_long_lived_objects()
                log.info("directory index rebuilt: revision %s, %s people", revision, len(people))
            return self._index

    async def cards(
        self, db: AsyncSession, ids: Sequence[int], revision: int | None = None
    ) -> list[HostCard]:
        """The host cards of these people as of `revision` (as `index`), in the order asked;
        anyone not in the directory is left out. Copies: a conversation keeps them, and may
        change what it keeps."""
        await self.index(db, revision)
        cards = self._cards
        return [_copy(cards[i]) for i in ids if i in cards]


def _copy(card: HostCard) -> HostCard:
    return {**card, "departments": dict(card["departments"]), "aliases": list(card["aliases"])}
